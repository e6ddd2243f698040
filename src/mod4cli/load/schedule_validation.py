"""Validating a schedule: TOML text in, every problem reported with its location, Schedule out."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mod4cli.load.limits import MAX_DEPTH, nesting
from mod4cli.load.toml_reader import WEEKDAYS, Reader
from mod4cli.model.errors import Problem, ScheduleError
from mod4cli.model.schedule import (
    DEFAULT_PARTS,
    DEFAULT_SITE,
    DEFAULT_STAGES,
    KINDS,
    SCHEMA,
    SOURCES,
    Coaching,
    Contact,
    Deliverable,
    DuePoint,
    Item,
    Module,
    Repeating,
    Schedule,
    Session,
    Specialist,
    WeekPlan,
)
from mod4cli.model.timeline import FIRST_YEAR, LAST_YEAR, within_years


def parse_text(text: str, path: str = "<schedule>") -> Schedule:
    """Validate TOML text as a schedule; raise ScheduleError listing every problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScheduleError(path, [_toml_problem(path, exc)]) from None
    except RecursionError:
        data = None
    if data is None or nesting(data) > MAX_DEPTH:
        raise ScheduleError(
            path, [Problem(path, None, "", f"tables or arrays nested more than {MAX_DEPTH} deep")]
        )
    reader = Reader(text, path)
    schedule = _read_schedule(reader, data, path)
    if reader.problems or schedule is None:
        raise ScheduleError(path, reader.problems)
    return schedule


def _toml_problem(path: str, exc: tomllib.TOMLDecodeError) -> Problem:
    """The parser's complaint, with its line taken out of the message into the location."""
    message = str(exc)
    match = re.search(r"\s*\(at line (\d+), column \d+\)$", message)
    if match:
        return Problem(path, int(match[1]), "", f"not valid TOML: {message[: match.start()]}")
    return Problem(path, None, "", f"not valid TOML: {message}")


def _read_schedule(r: Reader, data: dict[str, Any], path: str) -> Schedule | None:
    r.known_keys(
        data,
        ("schema", "module", "session", "week", "deliverable", "coaching", "contact", "repeating"),
        "",
    )
    schema = r.get(data, "schema", "", int, required=False)  # absent: version 1, the first
    if schema is not None and schema > SCHEMA:
        r.problem(
            "schema",
            f"version {schema} is newer than this mod4 understands ({SCHEMA}); upgrade mod4",
        )
    elif schema is not None and schema < 1:
        r.problem("schema", f"expected {SCHEMA}, got {schema}")
    module = _read_module(r, r.get(data, "module", "", dict) or {})
    weeks = module.weeks if module else 6
    site = (module.site if module else None) or DEFAULT_SITE
    sessions: list[Session] = []
    for where, raw in r.tables(data, "session", ""):
        sessions.extend(_read_session(r, where, raw, weeks, site))
    sessions.sort(key=lambda s: (s.week, s.day, s.start, s.end))
    _check_sessions(r, sessions)
    plans = r.each(r.tables(data, "week", "", required=False), lambda w, t: _read_week(r, w, t, weeks))
    deliverables = r.each(
        r.tables(data, "deliverable", ""), lambda w, t: _read_deliverable(r, w, t, weeks, site)
    )
    _check_unique(r, [(f"week[{i}].number", p.number) for i, p in enumerate(plans, 1)], "week")
    _check_unique(r, [(f"deliverable[{i}].id", d.id) for i, d in enumerate(deliverables, 1)], "deliverable")
    item_ids = Counter(item.id for d in deliverables for item in d.items)
    for dup in sorted(i for i, count in item_ids.items() if count > 1):
        r.problem("deliverable", f"item id {dup!r} is used more than once")
    for s in sessions:
        for needed in s.requires:
            if needed not in item_ids:
                r.problem(f"{s.where}.requires", f"unknown item {needed!r}")
    coaching = _read_coaching(r, r.get(data, "coaching", "", dict, required=False) or {})
    contacts = r.each(r.tables(data, "contact", "", required=False), lambda w, t: _read_contact(r, w, t))
    _check_unique(r, [(f"contact[{i}].topic", c.topic) for i, c in enumerate(contacts, 1)], "contact topic")
    repeating = _read_repeating(r, r.get(data, "repeating", "", dict, required=False) or {})
    if module is None:
        return None
    return Schedule(
        path=path,
        module=module,
        sessions=tuple(sessions),
        weeks=tuple(sorted(plans, key=lambda p: p.number)),
        deliverables=tuple(deliverables),
        coaching=coaching,
        contacts=tuple(contacts),
        repeating=repeating,
    )


def _read_module(r: Reader, raw: dict[str, Any]) -> Module | None:
    where = "module"
    r.known_keys(
        raw,
        (
            "title",
            "weeks",
            "timezone",
            "class_hours",
            "start",
            "source",
            "learning_goals",
            "note",
            "rule",
            "site",
            "overview",
            "groups_overview",
        ),
        where,
    )
    title = r.text(raw, "title", where)
    weeks = r.number(raw.get("weeks", 6), f"{where}.weeks", 1, 52)
    zone_name = r.text(raw, "timezone", where)
    if zone_name is not None:
        try:
            ZoneInfo(zone_name)
        except (ZoneInfoNotFoundError, ValueError):
            r.problem(
                f"{where}.timezone",
                f"unknown time zone {zone_name!r} (expected an IANA name such as America/Denver)",
            )
            zone_name = None
    hours = r.get(raw, "class_hours", where, dict, required=False) or {
        "start": "09:00",
        "end": "16:00",
    }
    r.known_keys(hours, ("start", "end"), f"{where}.class_hours")
    class_start = r.clock(hours, "start", f"{where}.class_hours")
    class_end = r.clock(hours, "end", f"{where}.class_hours")
    if class_start and class_end and class_end <= class_start:
        r.problem(f"{where}.class_hours", "end must be after start")
    start = r.get(raw, "start", where, date, required=False)
    if isinstance(start, datetime):
        r.problem(f"{where}.start", "expected a date such as 2027-01-04, without a time")
        start = None
    if start is not None and not within_years(start):
        r.problem(f"{where}.start", f"{start} is outside the years mod4 handles ({FIRST_YEAR}-{LAST_YEAR})")
        start = None
    if start is not None and start.weekday() != 0:
        r.problem(f"{where}.start", f"the module starts on a Monday; {start} is a {start:%A}")
        start = None
    optional = {k: r.text(raw, k, where, required=False) for k in ("source", "note", "rule", "overview")}
    site = _read_site(r, raw, where)
    links = {k: read_link(r, raw, k, where, site) for k in ("learning_goals", "groups_overview")}
    if None in (title, weeks, zone_name, class_start, class_end):
        return None
    assert title and weeks and zone_name and class_start and class_end
    return Module(title, weeks, zone_name, class_start, class_end, start, site=site, **optional, **links)


def _read_site(r: Reader, raw: dict[str, Any], where: str) -> str:
    """The site that relative links belong to: the file's own, else the Mod 4 page's."""
    site = r.text(raw, "site", where, required=False)
    if site is None:
        return DEFAULT_SITE
    if not _is_web_address(site):
        r.problem(f"{where}.site", f"expected a full http(s) address such as {DEFAULT_SITE}, got {site!r}")
        return DEFAULT_SITE
    return site.rstrip("/")


def _is_web_address(text: str) -> bool:
    if any(c.isspace() or not c.isprintable() for c in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def read_link(r: Reader, raw: dict[str, Any], key: str, where: str, site: str) -> str | None:
    """A link as a full URL: an http(s) address as it is, a path starting with / on the site."""
    value = r.text(raw, key, where, required=False)
    if value is None:
        return None
    if _is_web_address(value):
        return value
    if value.startswith("/") and not value.startswith("//") and _is_web_address(site + value):
        return site + value
    r.problem(
        f"{where}.{key}",
        f"expected a full http(s) address or a path on the site starting with '/', got {value!r}",
    )
    return None


def _read_defaults(r: Reader, raw: dict[str, Any], where: str) -> tuple[str, ...]:
    """Which parts of a when are cohort defaults (`defaults`; the older `cohort_default` = the time)."""
    parts = set(r.strings(raw, "defaults", where))
    for part in sorted(parts - set(DEFAULT_PARTS)):
        r.problem(f"{where}.defaults", f"expected {' and/or '.join(DEFAULT_PARTS)}, got {part!r}")
    if r.get(raw, "cohort_default", where, bool, False):
        parts.add("time")
    return tuple(p for p in DEFAULT_PARTS if p in parts)


def _read_source(r: Reader, raw: dict[str, Any], where: str) -> str | None:
    source = r.text(raw, "source", where, required=False)
    if source is not None and source not in SOURCES:
        r.problem(f"{where}.source", f"expected one of {', '.join(SOURCES)}, got {source!r}")
        return None
    return source


_SESSION_KEYS = (
    "id",
    "title",
    "kind",
    "week",
    "weeks",
    "day",
    "start",
    "end",
    "required",
    "link",
    "notes",
    "cohort_default",
    "defaults",
    "source",
    "topic",
    "topics",
    "requires",
    "checklist",
)


def _read_session(r: Reader, where: str, raw: dict[str, Any], module_weeks: int, site: str) -> list[Session]:
    r.known_keys(raw, _SESSION_KEYS, where)
    sid = r.text(raw, "id", where)
    title = r.text(raw, "title", where)
    kind = r.text(raw, "kind", where)
    if kind is not None and kind not in KINDS:
        r.problem(f"{where}.kind", f"expected one of {', '.join(KINDS)}, got {kind!r}")
        kind = None
    weeks = _read_weeks(r, where, raw, module_weeks)
    day = r.weekday(raw, "day", where)
    start = r.clock(raw, "start", where)
    end = r.clock(raw, "end", where)
    if start and end and end <= start:
        r.problem(f"{where}.end", f"must be after start ({end:%H:%M} is not after {start:%H:%M})")
        end = None
    required = r.get(raw, "required", where, bool, True)
    defaults = _read_defaults(r, raw, where)
    source = _read_source(r, raw, where)
    link = read_link(r, raw, "link", where, site)
    optional = {k: r.text(raw, k, where, required=False) for k in ("notes", "topic")}
    lists = {k: r.strings(raw, k, where) for k in ("topics", "requires", "checklist")}
    if None in (sid, title, kind, day, start, end) or not weeks:
        return []
    assert sid and title and kind and day is not None and start and end
    return [
        Session(
            sid,
            title,
            kind,
            week,
            day,
            start,
            end,
            bool(required),
            link=link,
            notes=optional["notes"],
            topic=optional["topic"],
            topics=lists["topics"],
            requires=lists["requires"],
            checklist=lists["checklist"],
            defaults=defaults,
            source=source,
            where=where,
        )
        for week in weeks
    ]


def _read_weeks(r: Reader, where: str, raw: dict[str, Any], module_weeks: int) -> list[int]:
    if ("week" in raw) == ("weeks" in raw):
        r.problem(where, "give exactly one of `week` (a number) or `weeks` (a list of numbers)")
        return []
    if "week" in raw:
        week = r.number(raw["week"], f"{where}.week", 1, module_weeks)
        return [] if week is None else [week]
    values = r.get(raw, "weeks", where, list) or []
    weeks = [r.number(v, f"{where}.weeks[{i}]", 1, module_weeks) for i, v in enumerate(values, 1)]
    if not values:
        r.problem(f"{where}.weeks", "must list at least one week")
    return [] if None in weeks else sorted({w for w in weeks if w is not None})


def _check_sessions(r: Reader, sessions: list[Session]) -> None:
    """Report the same id twice in a week, and sessions that overlap each other."""
    seen: dict[tuple[str, int, int], Session] = {}
    for s in sessions:
        first = seen.setdefault((s.id, s.week, s.day), s)
        if first is not s:
            day = WEEKDAYS[s.day]
            r.problem(s.where, f"id {s.id!r} is already used on week {s.week} {day} by {first.where}")
    latest: Session | None = None
    for s in sessions:
        if latest and (latest.week, latest.day) == (s.week, s.day) and s.start < latest.end:
            r.problem(s.where, f"{_describe(s)} overlaps {latest.where} ({_describe(latest)})")
        if latest is None or (latest.week, latest.day) != (s.week, s.day) or s.end > latest.end:
            latest = s


def _describe(s: Session) -> str:
    return f"{s.title}, week {s.week} {WEEKDAYS[s.day]} {s.start:%H:%M}-{s.end:%H:%M}"


def _check_unique(r: Reader, values: list[tuple[str, Any]], what: str) -> None:
    seen: set[Any] = set()
    for where, value in values:
        key = value.lower() if isinstance(value, str) else value
        if key in seen:
            r.problem(where, f"{what} {value!r} appears more than once")
        seen.add(key)


def _read_due(r: Reader, raw: dict[str, Any], where: str, module_weeks: int) -> DuePoint | None:
    due = r.get(raw, "due", where, dict)
    if due is None:
        return None
    at = f"{where}.due"
    r.known_keys(due, ("week", "day", "time", "defaults"), at)
    week = r.number(due.get("week"), f"{at}.week", 1, module_weeks) if "week" in due else None
    if "week" not in due:
        r.problem(f"{at}.week", "missing")
    day = r.weekday(due, "day", at)
    clock = r.clock(due, "time", at)
    defaults = _read_defaults(r, due, at)
    if week is None or day is None or clock is None:
        return None
    return DuePoint(week, day, clock, defaults)


def _read_deliverable(
    r: Reader, where: str, raw: dict[str, Any], module_weeks: int, site: str
) -> Deliverable | None:
    r.known_keys(raw, ("id", "title", "due", "item"), where)
    did = r.text(raw, "id", where)
    title = r.text(raw, "title", where)
    due = _read_due(r, raw, where, module_weeks)
    item_tables = r.tables(raw, "item", where)
    if not item_tables and "item" in raw:
        r.problem(f"{where}.item", "a deliverable needs at least one item")
    if did is None or title is None or due is None:
        return None
    items = r.each(item_tables, lambda w, t: _read_item(r, w, t, did, due, site))
    return Deliverable(did, title, due, tuple(items))


def _read_item(
    r: Reader, where: str, raw: dict[str, Any], deliverable: str, due: DuePoint, site: str
) -> Item | None:
    r.known_keys(raw, ("id", "title", "stages", "link", "notes"), where)
    iid = r.text(raw, "id", where)
    title = r.text(raw, "title", where)
    stages = r.strings(raw, "stages", where) or DEFAULT_STAGES
    if len(stages) < 2 or len(set(stages)) != len(stages):
        r.problem(f"{where}.stages", "expected at least two different stages, first to last")
    link = read_link(r, raw, "link", where, site)
    notes = r.text(raw, "notes", where, required=False)
    if iid is None or title is None:
        return None
    return Item(iid, title, deliverable, due, tuple(stages), link, notes)


def _read_week(r: Reader, where: str, raw: dict[str, Any], module_weeks: int) -> WeekPlan | None:
    r.known_keys(raw, ("number", "focus", "actions", "tips", "source"), where)
    number = r.number(raw.get("number"), f"{where}.number", 1, module_weeks)
    focus = r.text(raw, "focus", where, required=False)
    actions = r.strings(raw, "actions", where)
    tips = r.strings(raw, "tips", where)
    source = _read_source(r, raw, where)
    return None if number is None else WeekPlan(number, focus, actions, tips, source)


def _read_coaching(r: Reader, raw: dict[str, Any]) -> Coaching:
    where = "coaching"
    r.known_keys(raw, ("minutes", "per_week", "how", "topics", "specialist"), where)
    minutes = r.number(raw.get("minutes", 30), f"{where}.minutes", 5, 480) or 30
    per_week = r.number(raw.get("per_week", 1), f"{where}.per_week", 1, 20) or 1
    specialists = r.each(
        r.tables(raw, "specialist", where, required=False), lambda w, t: _read_specialist(r, w, t)
    )
    _check_unique(
        r,
        [(f"{where}.specialist[{i}].name", s.name) for i, s in enumerate(specialists, 1)],
        "specialist",
    )
    return Coaching(
        minutes,
        per_week,
        r.text(raw, "how", where, required=False),
        r.strings(raw, "topics", where),
        tuple(specialists),
    )


def _read_specialist(r: Reader, where: str, raw: dict[str, Any]) -> Specialist | None:
    r.known_keys(raw, ("name", "days", "start", "end"), where)
    name = r.text(raw, "name", where)
    days: list[int] = []
    for index, text in enumerate(r.strings(raw, "days", where, required=True), start=1):
        day = r.weekday_value(text, f"{where}.days[{index}]")
        if day is not None:
            days.append(day)
    start = r.clock(raw, "start", where)
    end = r.clock(raw, "end", where)
    if start and end and end <= start:
        r.problem(f"{where}.end", "must be after start")
        return None
    if name is None or start is None or end is None:
        return None
    return Specialist(name, tuple(sorted(set(days))), start, end)


def _read_contact(r: Reader, where: str, raw: dict[str, Any]) -> Contact | None:
    r.known_keys(raw, ("topic", "when", "where", "how", "to"), where)
    values = [r.text(raw, key, where) for key in ("topic", "when", "where", "how")]
    to = r.strings(raw, "to", where)
    if None in values:
        return None
    topic, when, place, how = (v or "" for v in values)
    return Contact(topic, when, place, how, to)


def _read_repeating(r: Reader, raw: dict[str, Any]) -> Repeating:
    where = "repeating"
    r.known_keys(raw, ("optional_kinds", "action"), where)
    kinds = r.strings(raw, "optional_kinds", where)
    for index, kind in enumerate(kinds, start=1):
        if kind not in KINDS:
            r.problem(
                f"{where}.optional_kinds[{index}]",
                f"expected one of {', '.join(KINDS)}, got {kind!r}",
            )
    return Repeating(kinds, r.text(raw, "action", where, required=False))
