"""The values mod4 works with: the schedule, the student's progress, the module's weeks on real
dates and the student's own calendar events. Pure data and rules; no files, no screen."""
