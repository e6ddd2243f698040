"""Every calendar we have, through `check-conflict --ics --json`: answered or refused, always cleanly.

The samples of tests/data/ics (real exports, and our own reproductions of other projects' test
cases in peers/) always run. Set MOD4_PEER_CALENDARS to a folder of .ics files (for example a
checkout of other calendar projects' test data) to sweep those too:

    MOD4_PEER_CALENDARS=/path/to/calendars pytest tests/test_calendar_sweep.py

For each file: no traceback, no Python warning, no Python or library internals in any message,
every message that is about a place in the file names its line, and a file is refused (exit 2)
only when it holds no readable event, as judged by the plain reader below (written for this
test, independent of the program: a few regular expressions and dateutil). docs/calendar-files.md
has the figures of the last sweep of the peer files.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tests.helpers import FIGURES, Run

DATA = Path(__file__).parent / "data" / "ics"
PEERS_VARIABLE = "MOD4_PEER_CALENDARS"
RunFn = Callable[..., Run]


def calendars_in(folder: Path) -> list[Path]:
    """Every .ics file under a folder, in a stable order."""
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() == ".ics" and p.is_file())


OURS = calendars_in(DATA)
PEER_FOLDER = os.environ.get(PEERS_VARIABLE, "")
PEERS = calendars_in(Path(PEER_FOLDER)) if PEER_FOLDER else []

# What must never reach a student: exception names, reprs, stdlib and library wording, paths of
# Python files. (Checked on mod4's own words: the file's path and the quoted summaries are removed.)
INTERNALS = re.compile(
    r"Traceback|\b[A-Z][A-Za-z]+(Error|Exception|Warning)\b|object has no attribute|invalid literal"
    r"|does not match format|unconverted data|<class |<module |NoneType|not supported between"
    r"|Content line could not be parsed|Expected |got an unexpected keyword|argument must be"
    r"|not enough values to unpack|is not a valid parameter string|object is not|out of range"
    r"|can't compare|cannot be converted|Wrong (date|datetime)? ?format|Invalid (content line|iCalendar)"
    r"|\bv(Text|DDD\w*|Recur|Period|CalAddress|Broken)\b|icalendar\.|dateutil|recurring_ical_events"
    r"|x_wr_timezone|zoneinfo\.|site-packages|\.py\b|\[\w+\(b'"
    r"|\b[A-Z][a-z]+(?:[A-Z][a-z]*)+:"  # `BadRuleStringFormat: ...`, any exception's name before its message
    r"|BadRuleStringFormat|PeriodEndBeforeStart|IllegalUntil|InvalidCalendar|GloballyUnique"
)
# Refusals about the whole file rather than a place in it.
WHOLE_FILE = ("the file is empty", "not a calendar file", "none of its")

# --- The plain reader: how many events a calendar app would surely show ------------------------

_DATE_TIME = re.compile(r"^(\d{8})(T\d{6}Z?)?$")
_DURATION = re.compile(r"^\+?P(\d+W|(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?)$")


def _when(value: str) -> datetime | None:
    found = _DATE_TIME.match(value.strip())
    if not found:
        return None
    try:
        return datetime.strptime(found[1] + (found[2] or "T000000")[:7], "%Y%m%dT%H%M%S")
    except ValueError:
        return None


def _event_is_plainly_readable(props: dict[str, list[tuple[str, str]]]) -> bool:
    """One readable DTSTART, an end (if any) not before it, rules and dates dateutil reads as written."""
    from dateutil.rrule import rrulestr

    if "DTSTART" not in props:
        return False
    params, value = props["DTSTART"][0]
    start = _when(value)
    if start is None:
        return False
    if "DTEND" in props:
        end_params, end_value = props["DTEND"][0]
        end = _when(end_value)
        if end is None or (
            end_params == params and end_value.endswith("Z") == value.endswith("Z") and end < start
        ):
            return False
    elif "DURATION" in props:
        duration = props["DURATION"][0][1].strip()
        if not _DURATION.match(duration) or any(int(n) > 10_000 for n in re.findall(r"\d+", duration)):
            return False
    for _, rule in props.get("RRULE", []):
        try:
            rrulestr(rule, dtstart=start.replace(tzinfo=None))
        except Exception:  # dateutil raises ValueError, TypeError, ... on what it cannot read
            return False
    for name in ("RDATE", "EXDATE"):
        for _, values in props.get(name, []):
            for one in values.split(","):
                if _when(one.split("/")[0]) is None:
                    return False
    return True


EVENT_PLACES = (["VCALENDAR", "VEVENT"], ["VEVENT"])  # an event in its calendar, or on its own


def plainly_readable_events(raw: bytes) -> int:
    """How many events of the file a calendar app would surely show (closed, in a VCALENDAR or alone)."""
    lines: list[str] = []
    for line in re.split(r"\r\n|\n|\r", raw.decode("utf-8", errors="replace")):
        if line[:1] in (" ", "\t") and lines:
            lines[-1] += line[1:]
        else:
            lines.append(line)
    stack: list[str] = []
    props: dict[str, list[tuple[str, str]]] = {}
    count = 0
    for line in lines:
        upper = line.upper()
        if upper.startswith("BEGIN:"):
            stack.append(upper[6:].strip())
            props = {} if stack in EVENT_PLACES else props
        elif upper.startswith("END:"):
            name = upper[4:].strip()
            if stack in EVENT_PLACES and name == "VEVENT":
                count += _event_is_plainly_readable(props)
            if name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(name) :]
        elif stack in EVENT_PLACES:
            found = re.match(r"([A-Za-z-]+)((?:;[^:]*)?):(.*)$", line)
            if found:
                props.setdefault(found[1].upper(), []).append((found[2], found[3]))
    return count


# --- The sweep ---------------------------------------------------------------------------------

FIRST_MONDAY, LAST_MONDAY, FALLBACK = date(2000, 1, 3), date(2099, 12, 28), date(2027, 1, 4)


def _starts(raw: bytes) -> list[date]:
    found = []
    for match in re.finditer(rb"(?im)^DTSTART[^:\r\n]*:\s*(\d{4})(\d{2})(\d{2})", raw):
        try:
            found.append(date(int(match[1]), int(match[2]), int(match[3])))
        except ValueError:
            continue
    return found


def cohort_start(raw: bytes) -> date:
    """The Monday on or before the earliest event start, kept in 2000-2099.

    The starts of zone rules (1601, 1970) count only in a file without events, as in the
    first sweep of the peer files (docs/calendar-files.md), so the figures compare.
    """
    found = _starts(re.sub(rb"(?ims)^BEGIN:VTIMEZONE.*?^END:VTIMEZONE", b"", raw)) or _starts(raw)
    earliest = min(found) if found else FALLBACK
    monday = earliest - timedelta(days=earliest.weekday())
    return min(max(monday, FIRST_MONDAY), LAST_MONDAY)


def sweep(run: RunFn, monkeypatch: pytest.MonkeyPatch, path: Path, figures: str) -> None:
    """Check one calendar file and hold every answer to the rules in the module docstring."""
    raw = path.read_bytes()
    start = cohort_start(raw)
    monkeypatch.setenv("MOD4_NOW", f"{start.isoformat()}T08:00")
    assert run("init", "--start", start.isoformat()).exit_code == 0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = run("check-conflict", "--ics", str(path), "--json")
    assert [str(w.message) for w in caught] == []
    assert result.exit_code in (0, 1, 2)
    stderr = result.stderr.replace(str(path), "FILE")
    messages = [stderr]
    if result.exit_code == 2:
        assert result.stdout == ""
        assert stderr.startswith("mod4: FILE")
        first = stderr.splitlines()[0]
        assert re.match(r"mod4: FILE:\d+: ", first) or any(kind in first for kind in WHOLE_FILE), first
        assert plainly_readable_events(raw) == 0, f"refused, yet it holds readable events: {first}"
        _count(figures, "refused")
    else:
        data = result.json()
        lines = raw.count(b"\n") + raw.count(b"\r") + 1
        for skipped in data["skipped"]:
            assert 1 <= skipped["line"] <= lines and skipped["reason"]
            messages.append(skipped["reason"])
        for warning in data["file_warnings"]:
            assert warning["line"] is None or 1 <= warning["line"] <= lines
            messages.append(warning["message"])
        _count(figures, "read", skipped=len(data["skipped"]))
    for message in messages:
        plain = re.sub(r"'[^'\n]*'", "''", message)  # quoted summaries and names are the file's words
        found = INTERNALS.search(plain)
        assert found is None, f"internals in {message!r}: {found[0] if found else ''}"


def _count(key: str, outcome: str, skipped: int = 0) -> None:
    """Figures for the summary at the end of the run (without -n, where workers keep their own)."""
    figures = FIGURES.setdefault(key, {"files": 0, "read": 0, "refused": 0, "skipped events": 0})
    assert isinstance(figures, dict)
    figures["files"] += 1
    figures[outcome] += 1
    figures["skipped events"] += skipped


def _name(path: Path, root: Path) -> str:
    return str(path.relative_to(root))


@pytest.mark.parametrize("path", OURS, ids=[_name(p, DATA) for p in OURS])
def test_each_sample_calendar_is_answered_or_refused_cleanly(
    run: RunFn, monkeypatch: pytest.MonkeyPatch, path: Path
) -> None:
    sweep(run, monkeypatch, path, "calendar sweep: tests/data/ics")


@pytest.mark.skipif(not PEER_FOLDER, reason=f"set {PEERS_VARIABLE} to a folder of .ics files to sweep it")
@pytest.mark.parametrize(
    "path", PEERS or [Path()], ids=[_name(p, Path(PEER_FOLDER)) for p in PEERS] if PEERS else ["none"]
)
def test_each_peer_calendar_is_answered_or_refused_cleanly(
    run: RunFn, monkeypatch: pytest.MonkeyPatch, path: Path
) -> None:
    sweep(run, monkeypatch, path, f"calendar sweep: {PEERS_VARIABLE}")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270104T100000\nEND:VEVENT\nEND:VCALENDAR\n", 1),
        ("BEGIN:VEVENT\nDTSTART:20270104T100000\nEND:VEVENT\n", 1),  # no calendar around it, as in snippets
        ("BEGIN:VCARD\nBEGIN:VEVENT\nDTSTART:20270104T100000\nEND:VEVENT\nEND:VCARD\n", 0),
        ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270104T100000\n", 0),  # cut short
        ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:2027\nEND:VEVENT\nEND:VCALENDAR\n", 0),
        ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270104\nDTEND:20270103\nEND:VEVENT\nEND:VCALENDAR\n", 0),
        ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270104\nRRULE:FREQ=SOMETIMES\nEND:VEVENT\nEND:VCALENDAR\n", 0),
        ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID=X:20270104T100000\nRRULE:FREQ=DAILY\nEND:VEVENT\n"
         "BEGIN:VEVENT\nSUMMARY:no start\nEND:VEVENT\nEND:VCALENDAR\n", 1),
    ],
)  # fmt: skip
def test_the_plain_reader_counts_only_plainly_readable_events(text: str, expected: int) -> None:
    assert plainly_readable_events(text.encode()) == expected
