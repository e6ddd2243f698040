"""Which time zone a calendar's TZID means, decided once per file and per name.

The order is the one icalendar and calendar apps use: an IANA name (`Europe/Berlin`), a Windows
name (`W. Europe Standard Time`), a "globally unique" name (`/mozilla.org/.../Europe/Berlin`),
then the file's own VTIMEZONE for a name nothing else knows (Outlook's `Customized Time Zone`).
The file's own definition is built here for each file rather than taken from icalendar's
process-wide cache, so two calendars read in one process never borrow each other's zones.
A known name never needs its VTIMEZONE, so a broken one (the 1893 offset of an iCloud export)
costs nothing.
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from mod4cli.load.calendar_lines import Block, Property

# What a VTIMEZONE needs to become a zone; the rest (LAST-MODIFIED, X-LIC-LOCATION, TZURL,
# TZID-ALIAS-OF, TZUNTIL, COMMENT) is dropped, so it cannot make the zone unreadable.
_ZONE_PROPERTIES = {"TZID"}
_RULE_PROPERTIES = {"DTSTART", "TZOFFSETFROM", "TZOFFSETTO", "RRULE", "RDATE", "TZNAME"}
ZONE_PROPERTIES = frozenset(_ZONE_PROPERTIES | _RULE_PROPERTIES)  # all a zone is built from
_YEAR = re.compile(r"(\d{4})")
_PRIVATE_TZID = "X-MOD4-ZONE-BEING-READ"  # no calendar names its zones so


def known_zone(tzid: str) -> ZoneInfo | None:
    """The IANA zone a TZID names directly, as a Windows name, or as a globally unique name."""
    name = tzid.strip().strip('"').strip("/")
    zone = _zoneinfo(name)
    if zone is None:
        from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

        olson = WINDOWS_TO_OLSON.get(name)
        zone = _zoneinfo(olson) if olson else None
    parts = name.split("/")
    for start in range(1, len(parts)):  # "/mozilla.org/20050126_1/America/New_York"
        if zone is not None:
            break
        zone = _zoneinfo("/".join(parts[start:]))
    return zone


def _zoneinfo(name: str) -> ZoneInfo | None:
    if not name or name.startswith(".") or "\\" in name:
        return None
    try:
        return ZoneInfo(name)
    except Exception:  # ValueError, ZoneInfoNotFoundError, IsADirectoryError on a folder name
        return None


class Zones:
    """The zones of one calendar: its TZIDs resolved on first use, with what went wrong."""

    def __init__(self, definitions: dict[str, Block], window_year: int) -> None:
        self._definitions = definitions
        self._window_year = window_year
        self._resolved: dict[str, tzinfo | None] = {}
        self.problems: list[tuple[int, str]] = []  # (line, message) of a definition partly unreadable

    def resolve(self, tzid: str) -> tzinfo | None:
        """The zone a TZID means here, or None when nothing defines it."""
        if tzid not in self._resolved:
            zone: tzinfo | None = known_zone(tzid)
            if zone is None and tzid in self._definitions:
                zone = self._own_zone(self._definitions[tzid])
            self._resolved[tzid] = zone
        return self._resolved[tzid]

    def _own_zone(self, block: Block) -> tzinfo | None:
        """The file's VTIMEZONE as a zone, leaving out the rules that cannot be read."""
        import icalendar

        # icalendar keeps every VTIMEZONE it parses in a process-wide cache under its TZID, where
        # its own lookups find it later; a rule-by-rule check or a definition with rules left
        # out must not stand there for the file's name, so mod4's parses carry a name of its own.
        head = [f"TZID:{_PRIVATE_TZID}"]
        rules: list[str] = []
        for rule in block.children:
            if rule.name not in ("STANDARD", "DAYLIGHT"):
                continue
            text = [
                f"BEGIN:{rule.name}",
                *(_rule_line(p) for p in rule.properties if p.name in _RULE_PROPERTIES),
            ]
            text.append(f"END:{rule.name}")
            if _readable(["BEGIN:VTIMEZONE", *head, *text, "END:VTIMEZONE"]):
                rules.extend(text)
            elif self._matters(rule):
                name = tzid_of(block, missing="?")
                self.problems.append((rule.line, f"cannot read this rule of time zone '{name}'; left out"))
        if not rules:
            return None
        try:
            component: Any = icalendar.Timezone.from_ical(
                "\r\n".join(["BEGIN:VTIMEZONE", *head, *rules, "END:VTIMEZONE"])
            )
            zone: tzinfo = component.to_tz(lookup_tzid=False)
            datetime(2000, 1, 1, tzinfo=zone).utcoffset()  # some broken rules only fail when used
        except Exception:  # a definition icalendar cannot turn into a zone: the TZID stays unknown
            self.problems.append((block.line, f"cannot read time zone '{tzid_of(block, missing='?')}'"))
            return None
        return zone

    def _matters(self, rule: Block) -> bool:
        """Whether an unreadable rule could apply in the module's year: a recurring rule, or a recent one."""
        start = rule.first("DTSTART")
        year = _YEAR.search(start.value()) if start else None
        recurring = rule.first("RRULE") is not None or rule.first("RDATE") is not None
        return recurring or year is None or int(year[1]) >= self._window_year - 1


def _rule_line(prop: Property) -> str:
    """A rule's line; a date-only RDATE is read as that midnight (icalendar reads date-times only)."""
    if prop.name == "RDATE" and re.search(r";VALUE=DATE[;:]", prop.text, re.IGNORECASE):
        dates = re.findall(r"\d{8}", prop.value())
        return "RDATE:" + ",".join(f"{day}T000000" for day in dates)
    return prop.text


def _readable(lines: list[str]) -> bool:
    import icalendar

    try:
        component: Any = icalendar.Timezone.from_ical("\r\n".join(lines))
        component.to_tz(lookup_tzid=False)  # a rule may parse, yet not make a zone
    except Exception:  # icalendar raises ValueError, TypeError and more on a bad rule
        return False
    return True


def tzid_of(block: Block, missing: str = "") -> str:
    """The TZID a VTIMEZONE block names, unquoted; `missing` when it names none."""
    found = block.first("TZID")
    return found.value().strip().strip('"') if found else missing
