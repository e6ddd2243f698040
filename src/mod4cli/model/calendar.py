"""The student's own calendar: its events, as read from an .ics file.

("Calendar" in mod4 always means the student's; the module's weeks on real dates are the
timeline, model/timeline.py.)
"""

from datetime import datetime
from typing import NamedTuple


class CalendarEvent(NamedTuple):
    """One occurrence of an event of the student's calendar, in UTC."""

    summary: str
    start: datetime
    end: datetime
    all_day: bool
    busy: bool
    uid: str | None = None


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
