"""The student's own calendar: its events, as read from an .ics file, and what could not be read.

("Calendar" in mod4 always means the student's; the module's weeks on real dates are the
timeline, model/timeline.py.)
"""

from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import Any, NamedTuple

SHORT_SUMMARY = 60  # characters of a summary quoted in a one-line message
LISTED = 5  # events left out that a message names; the rest are counted


class CalendarEvent(NamedTuple):
    """One occurrence of an event of the student's calendar, in UTC."""

    summary: str
    start: datetime
    end: datetime
    all_day: bool
    busy: bool
    uid: str | None = None


class SkippedEvent(NamedTuple):
    """An event left out because it cannot be read: its summary, the line it starts on, and why."""

    summary: str
    line: int
    reason: str

    def describe(self) -> str:
        """One line for a person: `line 34: 'Team sync': has no DTSTART`."""
        return f"line {self.line}: {quoted(self.summary)}: {self.reason}"

    def to_json(self) -> dict[str, Any]:
        """The skipped event for `--json`."""
        return {"summary": self.summary, "line": self.line, "reason": self.reason}


def listed(skipped: Sequence[SkippedEvent], *, more: str = "") -> list[str]:
    """The first few events left out, one a line, then `and N more` (with `more` after it)."""
    lines = [s.describe() for s in skipped[:LISTED]]
    if len(skipped) > LISTED:
        lines.append(f"and {len(skipped) - LISTED} more{more}")
    return lines


class CalendarWarning(NamedTuple):
    """Something read in a way the student should know of (an unknown zone and the zone used)."""

    line: int | None
    message: str

    def to_json(self) -> dict[str, Any]:
        """The warning for `--json`."""
        return {"line": self.line, "message": self.message}


class CalendarRead(NamedTuple):
    """What reading a calendar gave: the occurrences in the window asked for, and what was left out."""

    events: tuple[CalendarEvent, ...]
    skipped: tuple[SkippedEvent, ...] = ()
    warnings: tuple[CalendarWarning, ...] = ()


def quoted(summary: str) -> str:
    """A summary as one short quoted phrase: line breaks and runs of spaces made one space, long ones cut."""
    flat = " ".join(summary.split()) or "(no title)"
    if len(flat) > SHORT_SUMMARY:
        flat = flat[: SHORT_SUMMARY - 1] + "…"
    return f"'{flat}'"


class Subscription(NamedTuple):
    """A calendar the student follows (`mod4 calendar add`): its name, where it comes from, and
    what the last refresh found. The stored copy is the last good one."""

    name: str
    source: str  # an https:// address (its path is a secret: never shown) or an absolute file path
    added: datetime
    refreshed: datetime | None = None  # when the copy was last confirmed current
    etag: str | None = None
    last_modified: str | None = None
    content: str | None = None  # hash of the stored copy's bytes
    size: int | None = None  # of a file source when last read, with its mtime: re-read when changed
    mtime_ns: int | None = None
    failure: str | None = None  # why the last refresh failed, if it did
    failed_at: datetime | None = None

    @property
    def is_address(self) -> bool:
        """Whether it is followed by its address (else it is a file on this machine)."""
        return self.source.startswith(("https://", "http://"))


class OwnEvent(NamedTuple):
    """A busy event of one of the student's followed calendars."""

    calendar: str
    event: CalendarEvent

    def to_json(self, campus: tzinfo) -> dict[str, Any]:
        """The event for `--json`, date-times in the campus zone."""
        e = self.event
        return {
            "calendar": self.calendar,
            "summary": e.summary,
            "start": e.start.astimezone(campus).isoformat(),
            "end": e.end.astimezone(campus).isoformat(),
            "all_day": e.all_day,
        }


def reading_warnings(where: str, read: CalendarRead, more: str = "") -> list[str]:
    """Short warnings about the reading of a calendar, led by `where` (its path or masked address):
    the events left out with their line and why, then how times were read (an unknown zone)."""
    messages = []
    if read.skipped:
        head = f"{where}: left out {len(read.skipped)} {'event' if len(read.skipped) == 1 else 'events'}"
        messages.append(
            "\n".join([f"{head} that cannot be read:", *(f"  {x}" for x in listed(read.skipped, more=more))])
        )
    for warning in read.warnings:
        place = f"{where}:{warning.line}" if warning.line else where
        messages.append(f"{place}: {warning.message}")
    return messages
