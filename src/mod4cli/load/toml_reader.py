"""Reading untrusted TOML tables into typed values, collecting every problem with its location.

A location reads `session[4].day` (1-based, as a person counts the `[[session]]` blocks); when the
file's text is known it is prefixed with the line, `schedule.toml:57: session[4].day: ...`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, time
from typing import Any, TypeVar

from mod4cli.model.errors import Problem
from mod4cli.model.schedule import DAY_NAMES

T = TypeVar("T")

WEEKDAYS = DAY_NAMES[:5]
_HHMM = re.compile(r"([01]\d|2[0-3]):([0-5]\d)", re.ASCII)
_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-]+)\s*\]\]?")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")


def parse_hhmm(text: str) -> time | None:
    """`"13:30"` as a time, or None when it is not a 24-hour HH:MM."""
    match = _HHMM.fullmatch(text.strip())
    return time(int(match[1]), int(match[2])) if match else None


def line_index(text: str) -> dict[str, int]:
    """Map each table and key location (`session[2]`, `session[2].day`) to its line number."""
    lines: dict[str, int] = {}
    counters: dict[str, int] = {}
    current = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            current = _header_location(header[2], header[1] == "[[", counters)
            lines.setdefault(current, number)
            continue
        key = _KEY.match(line)
        if key:
            lines.setdefault(f"{current}.{key[1]}" if current else key[1], number)
    return lines


def _header_location(name: str, is_array: bool, counters: dict[str, int]) -> str:
    # Counters are keyed by the full location, so `deliverable[2].item` counts apart from
    # `deliverable[1].item` without any resetting.
    parts = name.split(".")
    location = ""
    for depth, part in enumerate(parts):
        location = f"{location}.{part}" if location else part
        if is_array and depth == len(parts) - 1:
            counters[location] = counters.get(location, 0) + 1
        if location in counters:
            location = f"{location}[{counters[location]}]"
    return location


class Reader:
    """Collects problems while reading values out of parsed TOML."""

    def __init__(self, text: str = "", path: str = "") -> None:
        self._found: list[Problem] = []
        self._path = path
        self._lines = line_index(text) if text else {}

    def problem(self, location: str, message: str) -> None:
        """Record one problem at a location, with its line when the file's text is known."""
        self._found.append(Problem(self._path, self._line_of(location), location, message))

    @property
    def problems(self) -> list[Problem]:
        """Every problem found, in the order of the file (then in the order found)."""
        return sorted(self._found, key=lambda p: p.line or 0)

    def _line_of(self, location: str) -> int | None:
        probe = location
        while probe:
            if probe in self._lines:
                return self._lines[probe]
            listed, bracket, _ = probe.rpartition("[")
            if bracket and probe.endswith("]") and listed in self._lines:  # `days[2]`: the line of `days`
                return self._lines[listed]
            probe = probe.rpartition(".")[0]
        return None

    def known_keys(self, table: Mapping[str, Any], allowed: Iterable[str], location: str) -> None:
        """Report each key that is not one of `allowed`: a typo must not pass silently."""
        allowed = set(allowed)
        for key in table:
            if key not in allowed:
                where = f"{location}.{key}" if location else key
                choices = ", ".join(sorted(allowed))
                self.problem(where, f"unknown key (expected one of: {choices})")

    def get(
        self,
        table: Mapping[str, Any],
        key: str,
        location: str,
        kind: type[T],
        default: T | None = None,
        *,
        required: bool = True,
    ) -> T | None:
        """The value at `key` if it has the expected type; else record a problem."""
        where = f"{location}.{key}" if location else key
        if key not in table:
            if required and default is None:
                self.problem(where, "missing")
            return default
        value = table[key]
        # bool is an int in Python; TOML keeps them apart, and so do we.
        if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
            return value
        self.problem(where, f"expected {type_name(kind)}, got {describe_value(value)}")
        return default

    def text(self, table: Mapping[str, Any], key: str, location: str, *, required: bool = True) -> str | None:
        """A non-empty string."""
        value = self.get(table, key, location, str, required=required)
        if value is not None and not value.strip():
            self.problem(f"{location}.{key}", "must not be empty")
            return None
        return value

    def clock(self, table: Mapping[str, Any], key: str, location: str) -> time | None:
        """A wall-clock time written HH:MM."""
        value = self.get(table, key, location, str)
        if value is None:
            return None
        parsed = parse_hhmm(value)
        if parsed is None:
            self.problem(f"{location}.{key}", f"expected HH:MM (24-hour), got {value!r}")
        return parsed

    def weekday(self, table: Mapping[str, Any], key: str, location: str) -> int | None:
        """A weekday written mon..fri, as 0..4."""
        value = self.get(table, key, location, str)
        return None if value is None else self.weekday_value(value, f"{location}.{key}")

    def weekday_value(self, value: str, where: str) -> int | None:
        """A weekday already read as text (`Thu`), as 0..4; else record a problem at `where`."""
        if value.lower() in WEEKDAYS:
            return WEEKDAYS.index(value.lower())
        self.problem(where, f"expected one of mon..fri, got {value!r}")
        return None

    def number(self, value: Any, where: str, low: int, high: int) -> int | None:
        """An integer within [low, high]."""
        if not isinstance(value, int) or isinstance(value, bool):
            self.problem(where, f"expected a whole number, got {describe_value(value)}")
            return None
        if not low <= value <= high:
            self.problem(where, f"expected {low}..{high}, got {value}")
            return None
        return value

    def strings(
        self, table: Mapping[str, Any], key: str, location: str, *, required: bool = False
    ) -> tuple[str, ...]:
        """A list of strings (empty when absent and not required)."""
        values = self.get(table, key, location, list, required=required)
        if values is None:
            return ()
        good: list[str] = []
        for index, value in enumerate(values, start=1):
            if isinstance(value, str):
                good.append(value)
            else:
                self.problem(f"{location}.{key}[{index}]", f"expected text, got {describe_value(value)}")
        return tuple(good)

    def tables(
        self, table: Mapping[str, Any], key: str, location: str, *, required: bool = True
    ) -> list[tuple[str, dict[str, Any]]]:
        """An array of tables, each with its location (`session[3]`)."""
        values = self.get(table, key, location, list, required=required)
        out: list[tuple[str, dict[str, Any]]] = []
        base = f"{location}.{key}" if location else key
        for index, value in enumerate(values or [], start=1):
            where = f"{base}[{index}]"
            if isinstance(value, dict):
                out.append((where, value))
            else:
                self.problem(where, f"expected a table, got {describe_value(value)}")
        return out

    def each(
        self,
        items: Iterable[tuple[str, dict[str, Any]]],
        read: Callable[[str, dict[str, Any]], T | None],
    ) -> list[T]:
        """Read every table with `read`, keeping the ones that came out whole."""
        return [value for where, raw in items if (value := read(where, raw)) is not None]


def type_name(kind: type) -> str:
    """How a person calls the type a key expects: `text`, `a whole number`, `a date`, ..."""
    return {
        str: "text",
        int: "a whole number",
        float: "a number",
        bool: "true or false",
        list: "a list",
        dict: "a table",
        date: "a date",
        time: "a time",
        datetime: "a date-time with its UTC offset",
    }.get(kind, "a value of another kind")


def describe_value(value: Any) -> str:
    """A value as it was written in TOML, with its kind in words: `a date-time (2027-01-04T10:00:00)`."""
    # Never a Python repr or type name: the reader writes schedules and keeps state, not Python.
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value) if len(value) <= 40 else repr(value[:37] + "...")
    if isinstance(value, int):
        return f"a whole number ({value})"
    if isinstance(value, float):
        return f"a number ({value})"
    if isinstance(value, datetime):  # before date: a date-time is a date to Python
        return f"a date-time ({value.isoformat()})"
    if isinstance(value, date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, time):
        return f"a time ({value.isoformat()})"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return "a value of another kind"
