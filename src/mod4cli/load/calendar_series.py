"""A series of a calendar around its expansion: its exceptions matched by instant, its UNTIL, its end.

recurring-ical-events expands RRULE, RDATE, EXDATE and RECURRENCE-ID. Two of its readings are
not the ones mod4 promises (README, "Your whole calendar at once"): it matches an exception by
its wall-clock time as well as by its instant, and it reads an UNTIL written without a zone as
UTC. This module prepares each series so that neither matters, and refuses, with a reason for
the student, an event whose times make no sense.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from mod4cli.load.calendar_lines import Block, Property

LINE_KEY = "X-MOD4-LINE"  # carried by each event through parsing and expansion, to name its line


class Unreadable(Exception):
    """An event whose busy time cannot be read; the reason is for the student."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def exceptions_in_series_zone(components: list[Any]) -> None:
    """Each RDATE and RECURRENCE-ID told in its series' zone, so it matches by instant.

    recurring-ical-events also matches a RECURRENCE-ID by its own wall-clock time, which would
    let `RECURRENCE-ID;TZID=Europe/Berlin:...T140000` replace a London series' 14:00. Told in
    the series' zone, the wall clock and the instant agree.
    """
    series_zone: dict[str, tzinfo | None] = {}
    for component in components:
        start = component["DTSTART"].dt
        if "RECURRENCE-ID" not in component and isinstance(start, datetime):
            series_zone[series_of(component)] = start.tzinfo
    for component in components:
        zone = series_zone.get(series_of(component))
        if zone is None:
            continue
        for name in ("RDATE", "RECURRENCE-ID"):
            for value in values_of(component, name):
                value.dt = _told_in(value.dt, zone)


class Exclusions:
    """The EXDATEs of each series, applied by instant (or by date) after expansion.

    recurring-ical-events matches an EXDATE by its UTC wall clock as well as its own, so a
    09:00 UTC EXDATE would also remove a Denver series' 09:00 occurrence (15:00 UTC). mod4
    takes the EXDATEs out before expanding and removes exactly the occurrences they name.
    """

    def __init__(self) -> None:
        self.instants: dict[str, set[datetime]] = {}
        self.days: dict[str, set[date]] = {}

    @classmethod
    def taken_from(cls, components: list[Any]) -> Exclusions:
        """The EXDATEs of the components, which lose them."""
        exclusions = cls()
        for component in components:
            series = series_of(component)
            for value in values_of(component, "EXDATE"):
                if isinstance(value.dt, datetime):
                    exclusions.instants.setdefault(series, set()).add(value.dt.astimezone(UTC))
                    exclusions.days.setdefault(series, set())
                elif isinstance(value.dt, date):
                    exclusions.days.setdefault(series, set()).add(value.dt)
            component.pop("EXDATE", None)
        return exclusions

    def removes(self, occurrence: Any) -> bool:
        """Whether an EXDATE of its series names this occurrence (by the start it had in the series)."""
        series = series_of(occurrence)
        if series not in self.days:
            return False
        start = occurrence["RECURRENCE-ID" if "RECURRENCE-ID" in occurrence else "DTSTART"].dt
        if isinstance(start, datetime):
            return (
                start.astimezone(UTC) in self.instants.get(series, set()) or start.date() in self.days[series]
            )
        return start in self.days[series] or any(
            moment.date() == start for moment in self.instants.get(series, set())
        )


def series_of(component: Any) -> str:
    """What ties an event to its series: its UID (an event without one is a series alone)."""
    uid = component.get("UID")
    return str(uid) if uid is not None else f"no UID, line {line_of(component)}"


def values_of(component: Any, name: str) -> list[Any]:
    """The values of a date property, however many lines and values it has."""
    found = component.get(name)
    props = found if isinstance(found, list) else [found] if found is not None else []
    return [value for prop in props for value in getattr(prop, "dts", [prop])]


def _told_in(value: Any, zone: tzinfo) -> Any:
    if isinstance(value, tuple):
        return tuple(_told_in(part, zone) for part in value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(zone)
    return value


def check_times(component: Any, block: Block) -> None:
    """Refuse an event that ends before it starts; read a date-only UNTIL as the end of that day."""
    start = component["DTSTART"].dt
    end = component.get("DTEND")
    if end is not None and _comparable(end.dt) < _comparable(start):
        written = {name: block.first(name) for name in ("DTSTART", "DTEND")}
        raise Unreadable(
            f"ends before it starts: DTEND {_shown(written['DTEND'])} is before DTSTART "
            f"{_shown(written['DTSTART'])}; fix DTEND (line {line_in(block, 'DTEND')})"
        )
    duration = component.get("DURATION")
    if (
        end is None
        and duration is not None
        and isinstance(duration.dt, timedelta)
        and duration.dt < timedelta(0)
    ):
        raise Unreadable(f"has a negative DURATION (line {line_in(block, 'DURATION')})")
    for name in ("RRULE", "EXRULE"):  # RFC 5545: INTERVAL is positive; dateutil loops forever on 0
        if any(n < 1 for rule in _rules_of(component, name) for n in rule.get("INTERVAL", [])):
            raise Unreadable(f"cannot read its {name} (line {line_in(block, name)})")
    rules = component.get("RRULE")
    if not isinstance(start, datetime) or rules is None:
        return
    for rule in rules if isinstance(rules, list) else [rules]:
        until = rule.get("UNTIL")
        if not until:
            continue
        value = until[0]
        if not isinstance(value, datetime):  # apps include that date's occurrence; midnight would drop it
            value = datetime.combine(value, time(23, 59, 59))
        if value.tzinfo is None:  # floating, like its series: the same wall clock
            value = value.replace(tzinfo=start.tzinfo)
        # In UTC, as RFC 5545 writes it: recurring-ical-events reads an UNTIL without a zone as UTC.
        rule["UNTIL"] = [value.astimezone(UTC)]


def _rules_of(component: Any, name: str) -> list[Any]:
    """The recurrence rules of that name of an event, however many lines it has."""
    found = component.get(name)
    return found if isinstance(found, list) else [found] if found is not None else []


def placed(value: Any, zone: tzinfo | None, floating: tzinfo) -> Any:
    """A value given its zone: its TZID's when known, else its own (UTC), else the floating zone."""
    if isinstance(value, tuple):  # an RDATE period: (start, end or duration)
        return tuple(
            placed(part, zone, floating) if not isinstance(part, timedelta) else part for part in value
        )
    if isinstance(value, datetime):
        if zone is not None:
            return value.replace(tzinfo=zone)
        return value.replace(tzinfo=floating) if value.tzinfo is None else value
    if isinstance(value, date):
        return value
    raise Unreadable("not a date")  # a time of day alone (RDATE;VALUE=TIME), a duration


def _shown(prop: Property | None) -> str:
    return prop.value().strip()[:40] if prop else "?"


def line_in(block: Block, name: str) -> int:
    """The line of the first such property of the event, else the line the event starts on."""
    found = block.first(name)
    return found.line if found else block.line


def line_of(component: Any) -> int:
    """The line a parsed event (or an occurrence of it) starts on in the file."""
    return int(str(component[LINE_KEY]))


def _comparable(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.combine(value, time(), tzinfo=UTC)
