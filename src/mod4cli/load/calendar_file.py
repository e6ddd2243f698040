"""Reading the student's own calendar (.ics from Google Calendar, Outlook or Apple Calendar).

Parsing is icalendar's, recurrence expansion (RRULE, RDATE, EXDATE, RECURRENCE-ID) is
recurring-ical-events', and Google's non-standard X-WR-TIMEZONE is repaired by x-wr-timezone.
They are imported here only, so commands that never read a calendar never pay for them.

Rules of reading:
- a time with a TZID (IANA, Windows or a custom VTIMEZONE) or in UTC is that instant;
- a floating time (no zone), or one whose TZID nothing defines, is in the calendar's
  X-WR-TIMEZONE when it declares one (that is what Google means by it), else in the student's
  zone; a UTC EXDATE, RDATE or RECURRENCE-ID of a floating series is matched in that zone,
  so one odd exception never moves the whole series to UTC;
- an all-day event covers its dates, midnight to midnight in the student's zone;
- a date-only UNTIL of a timed series includes that date's occurrence;
- TRANSP:TRANSPARENT, Outlook's BUSYSTATUS FREE and STATUS:CANCELLED are not busy.

Lenient the way calendar apps are: only the properties that make busy time are read, so a
broken CREATED, DTSTAMP, alarm or description costs nothing; an event whose busy time cannot
be read is left out and listed (its summary, line and reason); the file is refused only when
it is not a calendar or none of its events can be read.
"""

from __future__ import annotations

import re
import warnings
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from mod4cli.load.calendar_lines import MAX_DEPTH, Block, Property, blocks_of
from mod4cli.load.calendar_series import (
    LINE_KEY,
    Exclusions,
    Unreadable,
    check_times,
    exceptions_in_series_zone,
    line_in,
    line_of,
    placed,
    series_of,
)
from mod4cli.load.calendar_window import within_window
from mod4cli.load.calendar_zones import ZONE_PROPERTIES, Zones, known_zone, tzid_of
from mod4cli.load.fs import FileRefused, read_limited
from mod4cli.load.limits import MAX_CALENDAR_BYTES
from mod4cli.model.calendar import CalendarEvent, CalendarRead, CalendarWarning, SkippedEvent, listed, quoted
from mod4cli.model.errors import CalendarError
from mod4cli.model.timeline import localize

# What makes an event's busy time; a line of these that cannot be read leaves the event out.
BUSY_TIME = ("DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "EXRULE", "RECURRENCE-ID")
# Everything else mod4 reads of an event; every other property is never parsed at all.
KEPT = {*BUSY_TIME, "UID", "SUMMARY", "TRANSP", "STATUS", "X-MICROSOFT-CDO-BUSYSTATUS", "SEQUENCE"}
REPEATABLE = {"RDATE", "EXDATE", "RRULE", "EXRULE"}
DATED = ("DTSTART", "DTEND", "RECURRENCE-ID", "RDATE", "EXDATE")
# Every property mod4 looks at, in any component; the others are dropped as the file is split.
WANTED = frozenset({*KEPT, "X-WR-TIMEZONE", *ZONE_PROPERTIES})
# Components that make a calendar even outside a VCALENDAR (a VCARD or a typo does not).
LOOSE = {"VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE", "VAVAILABILITY"}

_DATE_WITH_Z = re.compile(r"\b(\d{8})Z(?=,|$)")  # Google's birthdays: RDATE:20131210Z on a date series


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing a missing, unreadable, oversized or not regular file."""
    try:
        return read_limited(path, MAX_CALENDAR_BYTES)
    except FileNotFoundError:
        raise CalendarError(f"{path}: no such calendar file") from None
    except FileRefused as refused:
        hint = (
            "Export a shorter range of dates: the module's weeks are all mod4 checks."
            if refused.too_large
            else "Export your calendar to a file, then check that file."
        )
        raise CalendarError(f"{path}: {refused.reason}", hint=hint) from None
    except OSError as exc:
        raise CalendarError(f"{path}: cannot read: {exc.strerror or exc}") from None


def read_events(path: Path, zone: ZoneInfo, first: datetime, last: datetime) -> CalendarRead:
    """The calendar file at `path`, read as read_calendar does (bounded to MAX_CALENDAR_BYTES)."""
    return read_calendar(read_bytes(path), str(path), zone, first, last)


def read_calendar(raw: bytes, name: str, zone: ZoneInfo, first: datetime, last: datetime) -> CalendarRead:
    """Every occurrence in [first, last) of every readable event, recurrences expanded; what was left out.

    `name` (a path or an address) leads every message. Raises CalendarError when the bytes are
    not a calendar or no event of it can be read.
    """
    # Only what can reach the window is split and parsed: seconds saved on a calendar of years.
    text, far = within_window(_text_of(raw, name), first.date(), last.date())
    components = blocks_of(text, WANTED)
    calendars = [block for block in components.blocks if block.name == "VCALENDAR"]
    loose = [block for block in components.blocks if block.name in LOOSE]
    if loose:  # events written without their VCALENDAR, as some tools and snippets do: read as one
        calendars.append(Block("VCALENDAR", loose[0].line, children=loose, closed=True))
    if not calendars:
        if far:  # loose events, all of them far from the window: a calendar with nothing to check
            return CalendarRead(events=())
        raise CalendarError(f"{name}: not a calendar file (no BEGIN:VCALENDAR line)")
    reader = _Reader(name, zone, first, last)
    reader.readable += far
    if components.too_deep is not None:
        reader.warnings.append(
            CalendarWarning(components.too_deep, f"components nested more than {MAX_DEPTH} deep are left out")
        )
    with warnings.catch_warnings():  # icalendar's GloballyUniqueTZIDGuessed and the like: handled here
        warnings.simplefilter("ignore")
        for calendar in calendars:
            reader.read(calendar)
    return reader.result()


def _text_of(raw: bytes, name: str) -> str:
    if not raw.strip():
        raise CalendarError(f"{name}: the file is empty, not a calendar")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    text = raw.decode("utf-8-sig", errors="replace")
    if "BEGIN:VCALENDAR" not in text.upper() and (b"\0" in raw or text.count("\ufffd") * 20 > len(text)):
        raise CalendarError(f"{name}: not a calendar file (it holds binary data)")
    return text


class _Reader:
    """Reads the VCALENDARs of one file, gathering occurrences, skipped events and warnings."""

    def __init__(self, name: str, zone: ZoneInfo, first: datetime, last: datetime) -> None:
        self.name, self.zone, self.first, self.last = name, zone, first, last
        self.events: list[CalendarEvent] = []
        self.skipped: list[SkippedEvent] = []
        self.warnings: list[CalendarWarning] = []
        self.readable = 0
        self.truncated: int | None = None
        self._unknown: set[str] = set()

    def result(self) -> CalendarRead:
        """The read, or the refusal when the file had events and none could be read."""
        self.skipped.sort(key=lambda s: s.line)
        if self.readable == 0 and self.truncated is not None:
            raise CalendarError(
                f"{self.name}:{self.truncated}: truncated: the calendar begun on this line has no "
                "END:VCALENDAR, and no event before the cut can be read",
                hint="Export the calendar again; the file was cut short.",
            )
        if self.readable == 0 and self.skipped:
            raise CalendarError(self._nothing_readable())
        if self.truncated is not None:
            self.warnings.append(
                CalendarWarning(self.truncated, "truncated: no END:VCALENDAR; read the events before the cut")
            )
        self.events.sort(key=lambda e: (e.start, e.end))
        self.warnings.sort(key=lambda w: w.line or 0)
        return CalendarRead(tuple(self.events), tuple(self.skipped), tuple(self.warnings))

    def _nothing_readable(self) -> str:
        if len(self.skipped) == 1:
            (only,) = self.skipped
            return (
                f"{self.name}:{only.line}: cannot read its only event {quoted(only.summary)}: {only.reason}"
            )
        head = f"{self.name}: none of its {len(self.skipped)} events can be read:"
        return "\n".join([head, *(f"  {line}" for line in listed(self.skipped))])

    def read(self, calendar: Block) -> None:
        """Read one VCALENDAR: its time zones, then its events, then their occurrences."""
        if not calendar.closed and self.truncated is None:
            self.truncated = calendar.line
        own_zone = self._calendar_zone(calendar)
        floating = own_zone or self.zone
        definitions = {
            tzid_of(child): child
            for child in calendar.children
            if child.name == "VTIMEZONE" and child.first("TZID")
        }
        zones = Zones(definitions, self.first.year)
        blocks: dict[int, Block] = {}
        texts: dict[int, list[str]] = {}  # the lines mod4 reads of each event, by the line it starts on
        for block in calendar.children:
            if block.name != "VEVENT":
                continue
            try:
                texts[block.line] = self._event_lines(block)
            except Unreadable as bad:
                self.skipped.append(SkippedEvent(_summary_of(block), block.line, bad.reason))
                continue
            blocks[block.line] = block
        components = self._parsed(texts, blocks)
        kept = []
        for component in components:
            block = blocks[line_of(component)]
            try:
                self._place(component, block, zones, floating)
            except Unreadable as bad:
                self.skipped.append(SkippedEvent(_summary_of(block), block.line, bad.reason))
                continue
            kept.append(component)
        self.warnings.extend(CalendarWarning(line, message) for line, message in zones.problems)
        if own_zone is not None:
            kept = self._standard(kept, own_zone)
        checked = []
        for component in kept:
            block = blocks[line_of(component)]
            try:
                check_times(component, block)
            except Unreadable as bad:
                self.skipped.append(SkippedEvent(_summary_of(block), block.line, bad.reason))
                continue
            checked.append(component)
        self.readable += len(checked)
        exceptions_in_series_zone(checked)
        self._expand(checked, blocks, Exclusions.taken_from(checked))

    def _calendar_zone(self, calendar: Block) -> ZoneInfo | None:
        declared = calendar.first("X-WR-TIMEZONE")
        if declared is None or not declared.value().strip():
            return None
        zone = known_zone(declared.value())
        if zone is None:
            self.warnings.append(
                CalendarWarning(
                    declared.line,
                    f"the calendar's time zone '{declared.value().strip()}' (X-WR-TIMEZONE) is not known; "
                    f"floating times are read in {self.zone.key}, your zone",
                )
            )
        return zone

    def _event_lines(self, block: Block) -> list[str]:
        """The lines of an event that mod4 reads, repaired where apps repair them; raises Unreadable."""
        if not block.closed:
            raise Unreadable("the file ends inside this event (truncated)")
        lines = ["BEGIN:VEVENT", f"{LINE_KEY}:{block.line}"]
        seen: dict[str, Property] = {}
        for prop in block.properties:
            if prop.name not in KEPT:
                continue
            if prop.name in seen and prop.name not in REPEATABLE:
                earlier = seen[prop.name]
                if prop.name in BUSY_TIME and _after_name(prop) != _after_name(earlier):
                    self.warnings.append(
                        CalendarWarning(
                            prop.line,
                            f"event {quoted(_summary_of(block))} has a second {prop.name}; "
                            f"the first (line {earlier.line}) is used",
                        )
                    )
                continue
            text = _repaired(prop)
            if text is None:
                continue
            if not _parses(text):
                if prop.name in BUSY_TIME:
                    raise Unreadable(f"cannot read its {prop.name} (line {prop.line})")
                continue
            seen[prop.name] = prop
            lines.append(text)
        lines.append("END:VEVENT")
        return lines

    def _parsed(self, texts: dict[int, list[str]], blocks: dict[int, Block]) -> list[Any]:
        """The events parsed by icalendar: all at once, or one by one if the whole will not parse."""
        import icalendar

        if not texts:
            return []
        whole = ["BEGIN:VCALENDAR", *(line for lines in texts.values() for line in lines), "END:VCALENDAR"]
        try:
            return list(icalendar.Calendar.from_ical("\r\n".join(whole)).walk("VEVENT"))
        except Exception:  # every line was checked, so this is rare: find the event that breaks it
            pass
        components = []
        for line, lines in texts.items():
            try:
                components.append(icalendar.Event.from_ical("\r\n".join(lines)))
            except Exception:  # icalendar raises many types on damage it cannot parse around
                self.skipped.append(SkippedEvent(_summary_of(blocks[line]), line, "cannot read this event"))
        return components

    def _place(self, component: Any, block: Block, zones: Zones, floating: tzinfo) -> None:
        """Give every date-time its zone: its TZID's, else UTC's, else the floating zone."""
        for name, _message in getattr(component, "errors", []):
            if name in BUSY_TIME:
                raise Unreadable(f"cannot read its {name} (line {line_in(block, name)})")
            if name in component:  # a broken SEQUENCE or the like: not needed
                del component[name]
        if "DTSTART" not in component:
            raise Unreadable("has no DTSTART")
        for name in DATED:
            found = component.get(name)
            for prop in found if isinstance(found, list) else [found] if found is not None else []:
                tzid = prop.params.get("TZID")  # on the line, for all its values
                zone = zones.resolve(str(tzid)) if tzid else None
                if tzid and zone is None:
                    self._note_unknown(str(tzid), line_in(block, name), floating)
                for value in getattr(prop, "dts", [prop]):
                    try:
                        value.dt = placed(value.dt, zone, floating)
                    except Unreadable:
                        raise Unreadable(f"cannot read its {name} (line {line_in(block, name)})") from None

    def _note_unknown(self, tzid: str, line: int, floating: tzinfo) -> None:
        if tzid in self._unknown:
            return
        self._unknown.add(tzid)
        where = (
            f"{floating}, the calendar's zone" if floating is not self.zone else f"{self.zone.key}, your zone"
        )
        self.warnings.append(
            CalendarWarning(line, f"time zone '{tzid}' is not known; its times are read in {where}")
        )

    def _standard(self, components: list[Any], own_zone: ZoneInfo) -> list[Any]:
        """UTC times of an X-WR-TIMEZONE calendar made that zone's, as Google means them."""
        import icalendar
        import x_wr_timezone

        calendar = icalendar.Calendar()
        for component in components:
            calendar.add_component(component)
        return list(x_wr_timezone.to_standard(calendar, timezone=own_zone).walk("VEVENT"))

    def _expand(self, components: list[Any], blocks: dict[int, Block], excluded: Exclusions) -> None:
        """Each occurrence in the window; a series whose repetitions cannot be worked out is left out."""
        import icalendar
        import recurring_ical_events

        window = (self.first.date() - timedelta(days=1), self.last.date() + timedelta(days=1))
        groups: dict[str, list[Any]] = {}
        for component in components:
            groups.setdefault(series_of(component), []).append(component)
        batches = [components] if len(groups) > 1 else list(groups.values())
        while batches:
            batch = batches.pop()
            calendar = icalendar.Calendar()
            for component in batch:
                calendar.add_component(component)
            try:
                occurrences = list(recurring_ical_events.of(calendar).between(*window))
            except Exception:  # recurring-ical-events and dateutil raise many types on odd rules
                if batch is components and len(groups) > 1:
                    batches.extend(groups.values())  # find the series that fails, keep the others
                else:
                    self._unexpandable(batch, blocks)
                continue
            for occurrence in occurrences:
                event = _event(occurrence, self.zone)
                if _within(event, self.first, self.last) and not excluded.removes(occurrence):
                    self.events.append(event)

    def _unexpandable(self, batch: list[Any], blocks: dict[int, Block]) -> None:
        self.readable -= len(batch)
        for component in batch:
            block = blocks[line_of(component)]
            rule = block.first("RRULE")
            reason = f"cannot read its RRULE (line {rule.line})" if rule else "cannot work out its dates"
            self.skipped.append(SkippedEvent(_summary_of(block), block.line, reason))


def _repaired(prop: Property) -> str | None:
    """The line with the slips apps read past mended, or None for a line that says nothing."""
    value = prop.value()
    head = prop.text[: len(prop.text) - len(value)]
    head = re.sub(r";+(?=[;:]$)|;(?=;)", "", head)  # an empty parameter (`DTSTART;;VALUE=...`) says nothing
    if prop.name in ("RDATE", "EXDATE") and not value.strip():
        return None
    if prop.name in ("RRULE", "EXRULE"):
        return head + re.sub(r"\s+", "", value)  # Exchange's BYDAY=MO, TU
    if prop.name in DATED:
        return head + _DATE_WITH_Z.sub(r"\1", value.strip())
    return head + value


def _parses(text: str) -> bool:
    from icalendar.parser import Contentline

    try:
        Contentline(text).parts()  # type: ignore[no-untyped-call]
    except Exception:  # ValueError mostly; any failure means the line cannot be read
        return False
    return True


def _after_name(prop: Property) -> str:
    return prop.text[len(prop.name) :]


def _summary_of(block: Block) -> str:
    found = block.first("SUMMARY")
    if found is None:
        return ""
    text = found.value()
    return re.sub(r"\\([nN,;\\])", lambda m: " " if m[1] in "nN" else m[1], text)


def _within(event: CalendarEvent, first: datetime, last: datetime) -> bool:
    if event.start == event.end:  # an instant: inside or not
        return first <= event.start < last
    return event.start < last and first < event.end


def _event(component: Any, zone: ZoneInfo) -> CalendarEvent:
    start_value = component["DTSTART"].dt
    end_prop = component.get("DTEND")
    end_value = end_prop.dt if end_prop is not None else start_value
    all_day = not isinstance(start_value, datetime)
    transparent = str(component.get("TRANSP", "")).upper() == "TRANSPARENT"
    free = str(component.get("X-MICROSOFT-CDO-BUSYSTATUS", "")).upper() == "FREE"
    cancelled = str(component.get("STATUS", "")).upper() == "CANCELLED"
    uid = component.get("UID")
    return CalendarEvent(
        summary=str(component.get("SUMMARY", "")) or "(no title)",
        start=_instant(start_value, zone),
        end=_instant(end_value, zone),
        all_day=all_day,
        busy=not (transparent or free or cancelled),
        uid=str(uid) if uid is not None else None,
    )


def _instant(value: date | datetime, zone: ZoneInfo) -> datetime:
    if not isinstance(value, datetime):
        return localize(value, time(), zone)[0].astimezone(UTC)
    if value.tzinfo is None:  # floating: the student's wall clock
        return localize(value.date(), value.time(), zone)[0].astimezone(UTC)
    return value.astimezone(UTC)
