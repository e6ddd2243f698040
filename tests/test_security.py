"""Attacks through files: a planted cache, a stale cache, escapes in titles, a quote in a folder
name, and what a busy-only calendar gives away (issue 10, items 1-5)."""

from __future__ import annotations

import json
import os
import pickle
import pty
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import icalendar
import pytest

from mod4cli.load import schedule_cache
from mod4cli.load.paths import bundled_schedule
from mod4cli.load.schedule_file import load_file
from tests.helpers import Run, installed_mod4, mini_schedule

Mod4 = Callable[..., Run]


def session_titles(mod4_exe: Mod4, schedule: Path) -> list[str]:
    result = mod4_exe("--schedule", str(schedule), "week", "1", "--json")
    assert result.exit_code == 0, result.stderr
    return [s["title"] for s in result.json()["sessions"]]


def cache_entries(home: Path) -> list[Path]:
    return sorted(p for p in (home / "cache").rglob("*") if p.is_file())


# --- 1. the cache runs nothing and trusts only the student's own files -------------------------


class _Payload:
    """A pickle that, when loaded, creates a file: the proof that loading it ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_pickle_in_the_cache_is_never_run(mod4_exe: Mod4, mod4_home: Path, tmp_path: Path) -> None:
    schedule = mini_schedule(tmp_path)
    assert session_titles(mod4_exe, schedule) == ["Talk", "Group", "PD work time"]
    marker = tmp_path / "pwned"
    planted = pickle.dumps(_Payload(marker))
    entries = cache_entries(mod4_home)
    assert entries  # the run above did fill the cache
    for entry in entries:  # whatever names the cache uses, each now holds the attacker's bytes
        entry.write_bytes(planted)
    assert session_titles(mod4_exe, schedule) == ["Talk", "Group", "PD work time"]
    assert mod4_exe("--schedule", str(schedule), "todo").exit_code == 0
    assert not marker.exists()


def _tamper(entry: Path, old: str, new: str) -> None:
    """Change a title inside a cache entry, keeping it valid JSON and the student's own 0600."""
    document = json.loads(entry.read_text())
    text = json.dumps(document).replace(json.dumps(old), json.dumps(new))
    assert text != json.dumps(document)
    entry.write_text(text)
    entry.chmod(0o600)


@pytest.mark.parametrize("mode", [0o620, 0o602], ids=["group-writable", "world-writable"])
def test_a_cache_entry_others_can_write_is_ignored(
    mod4_exe: Mod4, mod4_home: Path, tmp_path: Path, mode: int
) -> None:
    schedule = mini_schedule(tmp_path)
    session_titles(mod4_exe, schedule)
    (entry,) = cache_entries(mod4_home)
    _tamper(entry, "Talk", "Tampered")
    # The student's own entry is trusted (that is what a cache is for)...
    assert session_titles(mod4_exe, schedule) == ["Tampered", "Group", "PD work time"]
    entry.chmod(mode)
    # ...one that the group or anyone could have written is not.
    assert session_titles(mod4_exe, schedule) == ["Talk", "Group", "PD work time"]


def test_a_cache_entry_owned_by_someone_else_is_ignored(
    mod4_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schedule = mini_schedule(tmp_path)
    folder = mod4_home / "cache"
    assert schedule_cache.load(schedule, folder).sessions[0].title == "Talk"
    entry = schedule_cache.entry_path(schedule, folder)
    _tamper(entry, "Talk", "Tampered")
    assert schedule_cache.load(schedule, folder).sessions[0].title == "Tampered"
    someone_else = entry.stat().st_uid + 1
    monkeypatch.setattr(os, "getuid", lambda: someone_else)
    assert schedule_cache.load(schedule, folder).sessions[0].title == "Talk"


def test_a_hard_link_in_place_of_a_cache_entry_is_ignored(mod4_home: Path, tmp_path: Path) -> None:
    # In a shared cache folder, someone could link in a file of the student's own (a download)
    # whose bytes they chose: it is owned by the student, yet not the student's entry.
    schedule = mini_schedule(tmp_path)
    folder = mod4_home / "cache"
    schedule_cache.load(schedule, folder)
    entry = schedule_cache.entry_path(schedule, folder)
    _tamper(entry, "Talk", "Tampered")
    download = tmp_path / "download.bin"
    entry.rename(download)
    entry.hardlink_to(download)
    assert schedule_cache.load(schedule, folder).sessions[0].title == "Talk"


# --- 2. the cache follows the file's bytes, and `schedule check` reads the file ---------------


def test_an_edit_that_keeps_size_and_mtime_shows_the_new_schedule(mod4_exe: Mod4, tmp_path: Path) -> None:
    schedule = mini_schedule(tmp_path)
    assert session_titles(mod4_exe, schedule) == ["Talk", "Group", "PD work time"]
    before = schedule.stat()
    schedule.write_text(schedule.read_text().replace('"Talk"', '"Tick"'))
    os.utime(schedule, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = schedule.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert session_titles(mod4_exe, schedule) == ["Tick", "Group", "PD work time"]


def test_schedule_check_fails_an_invalid_file_whatever_the_cache_holds(
    mod4_exe: Mod4, tmp_path: Path
) -> None:
    schedule = mini_schedule(tmp_path)
    assert session_titles(mod4_exe, schedule) == ["Talk", "Group", "PD work time"]
    before = schedule.stat()
    schedule.write_text(schedule.read_text().replace('day = "tue"', 'day = "xyz"'))  # same size
    os.utime(schedule, ns=(before.st_atime_ns, before.st_mtime_ns))
    check = mod4_exe("schedule", "check", str(schedule))
    assert check.exit_code == 2
    assert "session[1].day: expected one of mon..fri, got 'xyz'" in check.stderr
    assert mod4_exe("--schedule", str(schedule), "week", "1").exit_code == 2


def test_schedule_check_never_reads_the_cache(
    run: Callable[..., Run], mod4_home: Path, tmp_path: Path
) -> None:
    # A cache entry that says "valid" for exactly these invalid bytes (as an attacker, or a bug,
    # could leave): everyday commands trust the student's own cache, `schedule check` does not.
    schedule = mini_schedule(tmp_path)
    valid = load_file(schedule)
    schedule.write_text(schedule.read_text().replace('day = "tue"', 'day = "xyz"'))
    folder = mod4_home / "cache"
    folder.mkdir(parents=True)
    entry = schedule_cache.entry_path(schedule, folder)
    document = {"key": schedule_cache.entry_key(schedule.read_bytes()), "path": str(schedule),
                "schedule": schedule_cache._encode(valid)}  # fmt: skip
    entry.write_text(json.dumps(document))
    entry.chmod(0o600)
    assert run("--schedule", str(schedule), "week", "1").exit_code == 0  # the planted entry is used
    check = run("schedule", "check", str(schedule))
    assert check.exit_code == 2
    assert "session[1].day" in check.stderr


# --- 3. escapes in titles reach neither a terminal nor the exported file -----------------------

HOSTILE = "Talk \x1b[2J\x1b]8;;https://evil.example/\x1b\\click me\x1b]8;;\x1b\\ \x9b31m"


def _read_pty(args: list[str], env: dict[str, str]) -> bytes:
    """What the installed mod4 writes to a terminal (a pseudo-terminal) on its stdout."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(args, stdout=follower, stderr=subprocess.PIPE, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.wait(timeout=60) == 0, proc.stderr.read() if proc.stderr else ""
    return b"".join(chunks)


def test_export_to_a_terminal_shows_escapes_harmlessly(tmp_path: Path) -> None:
    schedule = mini_schedule(tmp_path, start="2027-01-04", talk_title=HOSTILE)
    env = {**os.environ, "MOD4_NOW": "2027-01-04T08:00", "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    shown = _read_pty([installed_mod4(), "--schedule", str(schedule), "export", "ics"], env)
    assert b"BEGIN:VCALENDAR" in shown
    assert b"\x1b" not in shown and b"\x9b" not in shown and "\x9b".encode() not in shown
    assert b"\\x1b[2J" in shown  # shown, not obeyed


def test_the_exported_file_carries_the_title_without_raw_escapes(
    run: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schedule = mini_schedule(tmp_path, start="2027-01-04", talk_title=HOSTILE)
    monkeypatch.setenv("MOD4_NOW", "2027-01-04T08:00")
    out = tmp_path / "out.ics"
    assert run("--schedule", str(schedule), "export", "ics", "-o", str(out)).exit_code == 0
    piped = run("--schedule", str(schedule), "export", "ics").stdout.encode()
    for data in (out.read_bytes(), piped):
        assert b"\x1b" not in data and "\x9b".encode() not in data
        summaries = {str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}
        assert HOSTILE.replace("\x1b", "\\x1b").replace("\x9b", "\\x9b") in summaries


# --- 4. the restore hint is a command that does what it says -----------------------------------


@pytest.mark.parametrize("folder", ["it's mine", "a'; touch pwned; echo '", "$(touch pwned)"])
def test_the_restore_hint_restores_whatever_the_folder_is_called(
    mod4_exe: Mod4, tmp_path: Path, folder: str
) -> None:
    home = tmp_path / folder / "mod4"
    env = {"MOD4_HOME": str(home)}
    assert mod4_exe("done", "resume", env=env).exit_code == 0
    assert mod4_exe("done", "linkedin", env=env).exit_code == 0
    state = home / "state.toml"
    good = (home / "state.toml.bak").read_bytes()
    state.write_bytes(b"garbage [[[")
    result = mod4_exe("todo", env=env)
    assert result.exit_code == 2
    (hint,) = re.findall(r"To restore it: (cp .*)$", result.stderr, re.MULTILINE)
    subprocess.run(["bash", "-c", hint], cwd=tmp_path, check=True)
    assert state.read_bytes() == good
    assert not (tmp_path / "pwned").exists()
    assert mod4_exe("todo", env=env).exit_code == 0


# --- 5. a busy-only calendar names nothing ------------------------------------------------------


def test_a_busy_only_calendar_names_no_session(
    run: Callable[..., Run], schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = bundled_schedule().read_text().replace("# start = 2027-01-04", "start = 2027-01-04")
    monkeypatch.setenv("MOD4_SCHEDULE", str(schedule_file(text)))
    monkeypatch.setenv("MOD4_NOW", "2026-12-01T09:00")
    first = run("export", "ics", "--busy-only").stdout.encode()
    monkeypatch.setenv("MOD4_NOW", "2027-01-20T09:00")
    second = run("export", "ics", "--busy-only").stdout.encode()
    events = list(icalendar.Calendar.from_ical(first).walk("VEVENT"))
    assert len(events) == 12
    for event in events:
        assert str(event["SUMMARY"]) == "Busy"
        assert re.fullmatch(r"[0-9a-f]{32}@mod4cli", str(event["UID"]))
        for key in ("DESCRIPTION", "CATEGORIES", "URL", "LOCATION", "COMMENT", "ATTACH"):
            assert key not in event
    uids = lambda data: sorted(str(e["UID"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT"))  # noqa: E731
    assert uids(first) == uids(second)  # importing again updates, never duplicates
    assert len(set(uids(first))) == 12
    schedule = load_file(Path(os.environ["MOD4_SCHEDULE"]))
    raw = first.lower().decode()
    unfolded = raw.replace("\r\n ", "")
    for session in schedule.sessions:
        for word in (session.id, session.title, session.link or "", session.notes or ""):
            if word:
                assert word.lower() not in unfolded, word
    for item in schedule.items:
        assert item.id not in unfolded and item.title.lower() not in unfolded
