"""Reading and writing files: the schedule file and its cache, the student's state, calendar
files, and the one safe way to replace a file. Everything read is checked here."""
