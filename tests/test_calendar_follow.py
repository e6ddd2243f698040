"""Following the student's own calendar by its private address, against a real HTTP server on
this machine: add, list, refresh (304, changes, failures that keep the last good copy), the
secret never printed, the copy private, reads that never go online, remove."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import ssl
import stat
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

from mod4cli.load import http_fetch
from tests.conftest import Run
from tests.helpers import installed_mod4

SECRET = "private-7f3a9c2e51d04b6a"
EVENT = """BEGIN:VEVENT\r
UID:{uid}@example.com\r
DTSTAMP:20261001T120000Z\r
DTSTART:{start}\r
DTEND:{end}\r
SUMMARY:{summary}\r
END:VEVENT\r
"""


def calendar(*events: tuple[str, str, str]) -> bytes:
    """A calendar with events (summary, start, end) in UTC."""
    body = "".join(
        EVENT.format(uid=n, summary=s, start=a, end=b) for n, (s, a, b) in enumerate(events, start=1)
    )
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{body}END:VCALENDAR\r\n".encode()


# In the cohort of 2026-10-19, week 1 Homeroom is Wed 21 Oct 13:00-14:00 MDT (19:00-20:00 UTC).
DENTIST = calendar(("Dentist", "20261021T193000Z", "20261021T200000Z"))
INTERVIEW = calendar(
    ("Dentist", "20261021T193000Z", "20261021T200000Z"),
    ("Interview: Acme", "20261028T190000Z", "20261028T193000Z"),
)


class Upstream(http.server.BaseHTTPRequestHandler):
    """The student's calendar service: serves `body`, or misbehaves as `mode` says."""

    body: ClassVar[bytes] = DENTIST
    etag: ClassVar[str] = '"v1"'
    mode: ClassVar[str] = "ok"
    requests: ClassVar[list[dict[str, str]]] = []

    def do_GET(self) -> None:
        type(self).requests.append(dict(self.headers.items()) | {"path": self.path})
        mode = type(self).mode
        if mode == "hang":
            time.sleep(30)
            return
        if mode == "404":
            self.send_error(404, "Not Found")
            return
        if mode == "removed-meanwhile":  # the student removes the calendar while it is fetched
            removed = subprocess.run(
                [installed_mod4(), "calendar", "remove", "mine"], capture_output=True, check=False
            )
            assert removed.returncode == 0, removed.stderr
            type(self).mode = "ok"
        if mode == "always-304":  # a proxy or CDN that says "unchanged" even unasked
            self.send_response(304)
            self.end_headers()
            return
        if mode == "html":
            self._send(b"<!DOCTYPE html><html><body>Sign in</body></html>", "text/html")
            return
        if mode.startswith("charset:"):  # the body in the charset the header declares
            charset = mode.split(":", 1)[1]
            self._send(type(self).body.decode().encode(charset), f"text/calendar; charset={charset}")
            return
        if mode == "oversized":  # says so in advance, and sends it all
            body = type(self).body + b"X-FILLER:" + b"x" * (21 * 2**20) + b"\r\n"
            try:
                self._send(body, "text/calendar")
            except OSError:
                return
            return
        if mode.startswith("redirect"):  # redirect:N hops to ..., or redirect:http-elsewhere
            target = mode.split(":", 1)[1]
            self.send_response(302)
            if target == "http-elsewhere":
                self.send_header("Location", "http://calendar.example.com/private/basic.ics")
            else:
                hops = int(target)
                type(self).mode = f"redirect:{hops - 1}" if hops > 1 else "ok"
                self.send_header("Location", self.path)
            self.end_headers()
            return
        if mode == "endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar")
            self.end_headers()
            chunk = b"X-FILLER:" + b"x" * 65_000 + b"\r\n"
            try:
                while True:
                    self.wfile.write(chunk)
            except OSError:
                return
        if mode == "dropped":
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(type(self).body[:50])
            self.wfile.flush()
            self.connection.shutdown(2)
            return
        if self.headers.get("If-None-Match") == type(self).etag:
            self.send_response(304)
            self.end_headers()
            return
        self._send(type(self).body, "text/calendar; charset=utf-8")

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", type(self).etag)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        """Quiet."""


@pytest.fixture
def upstream() -> Iterator[str]:
    """A calendar server on this machine; yields the private address of the calendar."""
    Upstream.body, Upstream.etag, Upstream.mode, Upstream.requests = DENTIST, '"v1"', "ok", []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/calendar/ical/student%40example.com/{SECRET}/basic.ics"
    server.shutdown()
    server.server_close()


@pytest.fixture
def cohort(monkeypatch: pytest.MonkeyPatch, run: Callable[..., Run]) -> Callable[..., Run]:
    """A student of the cohort starting 2026-10-19, on Monday of week 1; fetches give up fast."""
    monkeypatch.setenv("MOD4_NOW", "2026-10-19T09:00")
    monkeypatch.setattr(http_fetch, "DEADLINE", 3.0)
    monkeypatch.setattr(http_fetch, "CONNECT_TIMEOUT", 2.0)
    assert run("init", "--start", "2026-10-19").exit_code == 0
    return run


def _never_secret(*results: Run) -> None:
    for result in results:
        assert SECRET not in result.stdout + result.stderr
        assert "student%40example.com" not in result.stdout + result.stderr


def test_add_fetches_once_keeps_a_private_copy_and_never_shows_the_secret(
    cohort: Callable[..., Run], upstream: str, mod4_home: Path
) -> None:
    added = cohort("calendar", "add", upstream, "--name", "mine")
    assert added.exit_code == 0, added.stderr
    assert "Following mine (http://127.0.0.1:" in added.stdout
    assert "1 busy event in the module's weeks" in added.stdout
    listed = cohort("calendar", "list", "--json")
    (entry,) = listed.json()["calendars"]
    assert entry["name"] == "mine" and entry["source"].endswith("/…") and entry["kind"] == "address"
    _never_secret(added, listed, cohort("calendar", "list"), cohort("status"), cohort("status", "--json"))
    copy = mod4_home / "calendars" / "mine.ics"
    assert copy.read_bytes() == DENTIST
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert stat.S_IMODE((mod4_home / "state.toml").stat().st_mode) == 0o600
    assert len(Upstream.requests) == 1


def test_refresh_is_conditional_and_picks_up_a_change(
    cohort: Callable[..., Run], upstream: str, mod4_home: Path
) -> None:
    assert cohort("calendar", "add", upstream, "--name", "mine").exit_code == 0
    unchanged = cohort("calendar", "refresh")
    assert unchanged.exit_code == 0
    assert "mine: unchanged since the last refresh" in unchanged.stdout
    assert Upstream.requests[-1].get("If-None-Match") == '"v1"'
    Upstream.body, Upstream.etag = INTERVIEW, '"v2"'
    changed = cohort("calendar", "refresh", "mine", "--json")
    assert changed.exit_code == 0
    assert changed.json() == {
        "calendars": [
            {
                "name": "mine",
                "source": changed.json()["calendars"][0]["source"],
                "outcome": "refreshed",
                "detail": "",
                "events": 2,
                "warnings": [],
            }
        ]
    }
    assert (mod4_home / "calendars" / "mine.ics").read_bytes() == INTERVIEW


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("404", "answered 404 Not Found"),
        ("html", "sent a web page, not a calendar"),
        ("hang", "did not answer within"),
        ("endless", "sent more than 20 MB"),
        ("oversized", "sent more than 20 MB"),
        ("redirect:http-elsewhere", "redirected to plain http://; refused"),
        ("redirect:9", "redirected more than 5 times; refused"),
        ("dropped", "closed the connection before the calendar was complete"),
    ],
)
def test_a_failed_refresh_keeps_the_last_good_copy_and_says_why(
    cohort: Callable[..., Run], upstream: str, mod4_home: Path, mode: str, reason: str
) -> None:
    assert cohort("calendar", "add", upstream, "--name", "mine").exit_code == 0
    Upstream.mode = mode
    began = time.monotonic()
    failed = cohort("calendar", "refresh")
    assert time.monotonic() - began < 10  # every failure ends within the deadline (3 s here)
    assert failed.exit_code == 2
    assert reason in failed.stderr, failed.stderr
    assert "The last good copy stays." in failed.stderr
    assert failed.stdout == ""
    _never_secret(failed)
    assert (mod4_home / "calendars" / "mine.ics").read_bytes() == DENTIST
    listed = cohort("calendar", "list", "--json").json()["calendars"][0]
    assert reason in listed["failure"]


def test_a_broken_calendar_at_the_address_keeps_the_last_good_copy(
    cohort: Callable[..., Run], upstream: str, mod4_home: Path
) -> None:
    assert cohort("calendar", "add", upstream, "--name", "mine").exit_code == 0
    Upstream.body, Upstream.etag = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:nonsense\r\n", '"v3"'
    failed = cohort("calendar", "refresh")
    assert failed.exit_code == 2
    assert (mod4_home / "calendars" / "mine.ics").read_bytes() == DENTIST


def test_reads_never_go_online(cohort: Callable[..., Run], upstream: str) -> None:
    assert cohort("calendar", "add", upstream, "--name", "mine").exit_code == 0
    Upstream.mode = "hang"  # any request now would take 30 s
    began = time.monotonic()
    for args in (["status"], ["week", "1"], ["todo"], ["check-conflict", "week 1 wed 13:30"]):
        result = cohort(*args)
        assert result.exit_code in (0, 1), result.stderr
    assert time.monotonic() - began < 10
    assert len(Upstream.requests) == 1  # the add's


def test_plain_http_is_refused_except_on_this_machine(cohort: Callable[..., Run]) -> None:
    refused = cohort("calendar", "add", f"http://calendar.example.com/{SECRET}/basic.ics")
    assert refused.exit_code == 2
    assert "plain http:// is refused" in refused.stderr
    _never_secret(refused)


def test_remove_forgets_the_calendar_and_its_copy(
    cohort: Callable[..., Run], upstream: str, mod4_home: Path
) -> None:
    assert cohort("calendar", "add", upstream, "--name", "mine").exit_code == 0
    removed = cohort("calendar", "remove", "mine")
    assert removed.exit_code == 0
    assert not (mod4_home / "calendars" / "mine.ics").exists()
    assert cohort("calendar", "list", "--json").json() == {"calendars": []}
    assert cohort("calendar", "remove", "mine").exit_code == 2


def test_a_file_source_is_read_again_when_it_changes(cohort: Callable[..., Run], tmp_path: Path) -> None:
    source = tmp_path / "mine.ics"
    source.write_bytes(DENTIST)
    assert cohort("calendar", "add", str(source)).exit_code == 0
    assert cohort("calendar", "list", "--json").json()["calendars"][0]["name"] == "mine"
    source.write_bytes(INTERVIEW)
    os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 10**9))
    refreshed = cohort("calendar", "refresh", "--json").json()["calendars"][0]
    assert (refreshed["outcome"], refreshed["events"]) == ("refreshed", 2)


def test_default_names_are_short_and_readable(cohort: Callable[..., Run], upstream: str) -> None:
    first = cohort("calendar", "add", upstream)
    second = cohort("calendar", "add", upstream.replace("basic.ics", "other.ics"))
    assert json.loads(cohort("calendar", "list", "--json").stdout)["calendars"][0]["name"] == "mine"
    assert "Following mine-2" in second.stdout, (first.stdout, second.stdout)


# --- what the commands a student runs all day show of the followed calendar ----------------------

# Week 3 of the cohort of 2026-10-19: the panel is Tue 3 Nov 10:00-11:30 MST (17:00-18:30 UTC).
LATER = calendar(
    ("Dentist", "20261021T193000Z", "20261021T200000Z"),
    ("Interview: Acme", "20261103T173000Z", "20261103T180000Z"),
)


def test_check_conflict_names_the_students_own_events(cohort: Callable[..., Run], upstream: str) -> None:
    assert cohort("calendar", "add", upstream, "--name", "mine").exit_code == 0
    # Wed 21 Oct 14:00 is after Homeroom, but the dentist runs until 14:00 MDT: free of PD
    # sessions (exit 0), yet busy for the student.
    free = cohort("check-conflict", "week 1 wed 13:45")
    assert free.exit_code == 1  # Homeroom 13:00-14:00 is required: the exit code keeps its meaning
    assert "Also busy: Dentist, Wed 21 Oct 13:30–14:00 MDT, from mine" in " ".join(free.stdout.split())
    document = cohort("check-conflict", "week 1 wed 13:45", "--json").json()
    assert document["own_events"] == [
        {"calendar": "mine", "summary": "Dentist", "start": "2026-10-21T13:30:00-06:00",
         "end": "2026-10-21T14:00:00-06:00", "all_day": False}
    ]  # fmt: skip
    for suggestion in document["suggestions"]:  # never over the dentist either
        assert not (
            suggestion["start"] < "2026-10-21T14:00:00-06:00"
            and suggestion["end"] > "2026-10-21T13:30:00-06:00"
        )
    quiet = cohort("check-conflict", "week 1 thu 14:00", "--json").json()
    assert (quiet["own_events"], quiet["conflicts"]) == ([], [])


def test_week_and_status_show_collisions_without_being_asked(
    cohort: Callable[..., Run], upstream: str
) -> None:
    Upstream.body = LATER
    assert cohort("calendar", "add", upstream, "--name", "mine").exit_code == 0
    week = " ".join(cohort("week", "1").stdout.split())
    assert "Your calendar ✗ Dentist, Wed 21 Oct 13:30–14:00 MDT (mine) collides with Homeroom group" in week
    week_json = cohort("week", "3", "--json").json()
    assert [(c["summary"], c["sessions"]) for c in week_json["own_clashes"]] == [
        ("Interview: Acme", ["panel"])
    ]
    status = cohort("status", "--json").json()
    assert [c["summary"] for c in status["own_clashes"]] == ["Dentist"]
    assert status["own_clashes_later"] == 1
    text = " ".join(cohort("status").stdout.split())
    assert "Your calendar: Dentist, Wed 21 Oct 13:30–14:00 MDT collides with Homeroom group" in text
    assert "1 event of yours collides with required sessions later in the module" in text


def test_an_all_day_event_reads_as_its_day_wherever_it_is_shown(
    cohort: Callable[..., Run], tmp_path: Path
) -> None:
    source = tmp_path / "days.ics"
    source.write_bytes(
        calendar(("Moving day", "20261021", "20261022")).replace(b"DTSTART:", b"DTSTART;VALUE=DATE:")
        .replace(b"DTEND:", b"DTEND;VALUE=DATE:")
    )  # fmt: skip
    assert cohort("calendar", "add", str(source), "--name", "mine").exit_code == 0
    week = " ".join(cohort("week", "1").stdout.split())
    assert "✗ Moving day, Wed 21 Oct, all day (mine) collides with Homeroom group" in week
    status = " ".join(cohort("status").stdout.split())
    assert "Your calendar: Moving day, Wed 21 Oct, all day collides with Homeroom group" in status
    busy = " ".join(cohort("check-conflict", "week 1 wed 10:00").stdout.split())
    assert "Also busy: Moving day, Wed 21 Oct, all day, from mine" in busy
    checked = " ".join(cohort("check-conflict", "--ics", str(source)).stdout.split())
    assert "Moving day · Wed 21 Oct, all day" in checked  # the one-shot check words it the same


@pytest.mark.parametrize("charset", ["iso-8859-1", "cp1252", "utf-16"])
def test_a_body_in_the_charset_its_server_declares_is_read_in_it(
    cohort: Callable[..., Run], upstream: str, charset: str
) -> None:
    Upstream.body = calendar(("Café chat with Jürgen", "20261021T193000Z", "20261021T200000Z"))
    Upstream.mode = f"charset:{charset}"
    assert cohort("calendar", "add", upstream, "--name", "mine").exit_code == 0
    week = " ".join(cohort("week", "1").stdout.split())
    assert "✗ Café chat with Jürgen, Wed 21 Oct 13:30–14:00 MDT (mine) collides with Homeroom group" in week


def test_an_old_copy_is_named_with_its_age(
    cohort: Callable[..., Run], upstream: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cohort("calendar", "add", upstream, "--name", "mine").exit_code == 0
    monkeypatch.setenv("MOD4_NOW", "2026-10-19T20:00")
    assert "last refreshed" not in cohort("status").stdout  # hours old: nothing to say
    monkeypatch.setenv("MOD4_NOW", "2026-10-22T10:00")
    stale = "mine: last refreshed 3 days ago: mod4 calendar refresh"
    assert stale in " ".join(cohort("status").stdout.split())
    assert stale in " ".join(cohort("week", "1").stdout.split())
    assert stale in cohort("check-conflict", "week 1 thu 14:00", "--json").json()["notes"]


def test_a_few_redirects_are_followed(cohort: Callable[..., Run], upstream: str, mod4_home: Path) -> None:
    Upstream.mode = "redirect:3"
    added = cohort("calendar", "add", upstream, "--name", "mine")
    assert added.exit_code == 0, added.stderr
    assert (mod4_home / "calendars" / "mine.ics").read_bytes() == DENTIST


def test_a_host_that_is_down_is_said_and_reads_go_on(
    cohort: Callable[..., Run], upstream: str, mod4_home: Path
) -> None:
    assert cohort("calendar", "add", upstream, "--name", "mine").exit_code == 0
    port = int(upstream.split(":")[2].split("/")[0])
    server_gone = upstream.replace(f":{port}/", f":{_free_port()}/")
    state = mod4_home / "state.toml"
    state.write_text(state.read_text().replace(upstream, server_gone))  # the same calendar, its host down
    failed = cohort("calendar", "refresh")
    assert failed.exit_code == 2
    assert "refused the connection" in failed.stderr and "The last good copy stays." in failed.stderr
    _never_secret(failed)
    status = cohort("status")
    assert status.exit_code == 0
    assert "Dentist" in status.stdout
    assert "mine: the last refresh failed" in " ".join(status.stdout.split())


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl to make a certificate")
def test_a_certificate_that_cannot_be_verified_is_refused(cohort: Callable[..., Run], tmp_path: Path) -> None:
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=localhost"],
        check=True, capture_output=True,
    )  # fmt: skip
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        refused = cohort("calendar", "add", f"https://localhost:{server.server_port}/{SECRET}/basic.ics")
    finally:
        server.shutdown()
        server.server_close()
    assert refused.exit_code == 2
    assert "the secure connection failed" in refused.stderr, refused.stderr
    _never_secret(refused)


def test_the_same_bytes_again_are_unchanged(
    cohort: Callable[..., Run], upstream: str, tmp_path: Path
) -> None:
    source = tmp_path / "mine.ics"
    source.write_bytes(DENTIST)
    assert cohort("calendar", "add", str(source)).exit_code == 0
    os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 10**9))  # touched only
    assert cohort("calendar", "refresh", "--json").json()["calendars"][0]["outcome"] == "unchanged"
    assert cohort("calendar", "add", upstream, "--name", "web").exit_code == 0
    Upstream.etag = '"v1-again"'  # a server that does not keep its ETag, the same calendar
    assert cohort("calendar", "refresh", "web", "--json").json()["calendars"][0]["outcome"] == "unchanged"


# --- a followed file, and the copies kept of it, when the disk says no ---------------------------


def test_a_copy_that_cannot_be_kept_is_one_message_and_nothing_is_added(
    cohort: Callable[..., Run], mod4_exe: Callable[..., Run], mod4_home: Path, tmp_path: Path
) -> None:
    source = tmp_path / "work-cal.ics"
    source.write_bytes(DENTIST)
    (mod4_home / "calendars").write_text("")  # a file where the folder of copies belongs
    added = mod4_exe("calendar", "add", str(source))
    copy = mod4_home / "calendars" / "work-cal.ics"
    assert (added.exit_code, added.stdout) == (2, "")
    assert added.stderr == f"mod4: {copy}: cannot keep a copy: Not a directory; nothing was added\n"
    assert cohort("calendar", "list", "--json").json() == {"calendars": []}


def test_a_refresh_whose_copy_cannot_be_kept_fails_like_any_other(
    cohort: Callable[..., Run], mod4_exe: Callable[..., Run], mod4_home: Path, tmp_path: Path
) -> None:
    source = tmp_path / "work-cal.ics"
    source.write_bytes(DENTIST)
    assert cohort("calendar", "add", str(source)).exit_code == 0
    shutil.rmtree(mod4_home / "calendars")
    (mod4_home / "calendars").write_text("")
    source.write_bytes(INTERVIEW)
    refreshed = mod4_exe("calendar", "refresh")
    copy = mod4_home / "calendars" / "work-cal.ics"
    reason = f"{copy}: cannot keep a copy: Not a directory"
    assert (refreshed.exit_code, refreshed.stdout) == (2, "")
    assert refreshed.stderr == f"mod4: work-cal: not refreshed: {reason}.\n      The last good copy stays.\n"
    listed = cohort("calendar", "list", "--json").json()["calendars"][0]
    assert listed["failure"] == reason
    removed = mod4_exe("calendar", "remove", "work-cal")  # there is no copy to delete: nothing to say
    assert (removed.exit_code, removed.stderr) == (0, "")
    assert "could not be deleted" not in removed.stdout
    assert cohort("calendar", "list", "--json").json() == {"calendars": []}


def test_a_first_copy_makes_a_private_home(
    cohort: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without MOD4_HOME the copies and the cache live apart (the platform's data and cache
    # folders, here under tmp_path): `calendar add` is the first write into the data folder.
    monkeypatch.delenv("MOD4_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = tmp_path / "work-cal.ics"
    source.write_bytes(DENTIST)
    assert cohort("calendar", "add", str(source)).exit_code == 0
    home = tmp_path / "data" / "mod4"
    for folder in (tmp_path / "data", home, home / "calendars"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE((home / "calendars" / "work-cal.ics").stat().st_mode) == 0o600


def test_a_followed_file_that_breaks_is_checked_from_its_last_good_copy(
    cohort: Callable[..., Run], mod4_exe: Callable[..., Run], tmp_path: Path
) -> None:
    source = tmp_path / "work-cal.ics"
    source.write_bytes(DENTIST)
    assert cohort("calendar", "add", str(source)).exit_code == 0
    source.write_text("garbage\n")  # the student's export went wrong: a new size, a new mtime
    note = (
        "work-cal: its source changed and cannot be read, so the last good copy is shown: "
        f"{source}: not a calendar file (no BEGIN:VCALENDAR line)"
    )
    clash = {
        "calendar": "work-cal", "summary": "Dentist", "start": "2026-10-21T13:30:00-06:00",
        "end": "2026-10-21T14:00:00-06:00", "all_day": False, "sessions": ["homeroom"],
    }  # fmt: skip
    for when in ("before", "after"):  # a failed refresh changes neither the clash nor the note
        status = mod4_exe("status", "--json")
        assert (status.exit_code, status.stderr) == (0, ""), when
        assert (status.json()["own_clashes"], status.json()["calendar_notes"]) == ([clash], [note]), when
        checked = mod4_exe("check-conflict", "week 1 wed 13:45", "--json").json()
        assert [e["summary"] for e in checked["own_events"]] == ["Dentist"], when
        assert note in checked["notes"], when
        assert "Dentist" in mod4_exe("week", "1").stdout, when
        assert mod4_exe("calendar", "refresh").exit_code == 2


def test_calendar_messages_name_the_file_once(
    cohort: Callable[..., Run], mod4_exe: Callable[..., Run], tmp_path: Path
) -> None:
    source = tmp_path / "work-cal.ics"
    source.write_text("garbage\n")
    reason = f"{source}: not a calendar file (no BEGIN:VCALENDAR line)"
    added = mod4_exe("calendar", "add", str(source))
    assert (added.exit_code, added.stdout, added.stderr) == (2, "", f"mod4: {reason}\n")
    source.write_bytes(DENTIST)
    assert mod4_exe("calendar", "add", str(source)).exit_code == 0
    source.write_text("garbage, again\n")
    refreshed = mod4_exe("calendar", "refresh")
    assert (refreshed.exit_code, refreshed.stdout) == (2, "")
    assert refreshed.stderr == f"mod4: work-cal: not refreshed: {reason}.\n      The last good copy stays.\n"
    assert cohort("calendar", "list", "--json").json()["calendars"][0]["failure"] == reason


@pytest.mark.parametrize(
    "start",
    [1e20, 10**30, "Infinity", "NaN", -1e20, 4_102_444_800 * 2],  # the last: in the year 2229
)
def test_a_damaged_busy_time_entry_is_worked_out_again_unseen(
    cohort: Callable[..., Run], mod4_exe: Callable[..., Run], mod4_home: Path, tmp_path: Path, start: object
) -> None:
    source = tmp_path / "work-cal.ics"
    source.write_bytes(DENTIST)
    assert cohort("calendar", "add", str(source)).exit_code == 0
    commands = (("status", "--json"), ("week", "1"), ("check-conflict", "week 1 wed 13:45", "--json"))
    before = [mod4_exe(*args) for args in commands]
    entry = mod4_home / "cache" / "busy-work-cal.json"
    good = json.loads(entry.read_text())
    document = json.loads(entry.read_text())
    document["events"][0][1] = "@START@"
    entry.write_text(json.dumps(document).replace('"@START@"', str(start)))  # JSON's own Infinity, NaN
    after = [mod4_exe(*args) for args in commands]
    assert after == before
    assert [r.exit_code for r in after] == [0, 0, 1]
    assert json.loads(entry.read_text()) == good  # written again


def test_the_list_says_how_old_each_copy_is_once(
    cohort: Callable[..., Run], upstream: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cohort("calendar", "add", upstream, "--name", "mine").exit_code == 0  # at 09:00
    monkeypatch.setenv("MOD4_NOW", "2026-10-19T08:00")  # a clock set back: not "23 hours ago"
    assert cohort("calendar", "list").stdout.splitlines()[1] == "  last refreshed just now"
    monkeypatch.setenv("MOD4_NOW", "2026-10-19T14:30")
    assert cohort("calendar", "list").stdout.splitlines()[1] == "  last refreshed 5 hours ago"
    monkeypatch.setenv("MOD4_NOW", "2026-10-22T10:00")
    old = cohort("calendar", "list").stdout.splitlines()[1]
    assert old == "  last refreshed 3 days ago: mod4 calendar refresh"


# --- addresses and answers a careless student or an odd server gives (black-box round 2) ---------


def test_a_server_answering_304_unasked_is_one_message_and_nothing_is_added(
    cohort: Callable[..., Run], mod4_exe: Callable[..., Run], upstream: str, mod4_home: Path
) -> None:
    Upstream.mode = "always-304"
    added = mod4_exe("calendar", "add", upstream, "--name", "mine")
    host = upstream.split("/calendar/")[0]
    assert (added.exit_code, added.stdout) == (2, "")
    assert added.stderr == (
        f"mod4: {host}/… answered 304 Not Modified without sending the calendar; try again later, or "
        "use the address your calendar service gives; nothing was added\n"
    )
    assert cohort("calendar", "list", "--json").json() == {"calendars": []}


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        (
            f"https://127.0.0.1:99999/{SECRET}/basic.ics",
            "the port in the address is not a number from 1 to 65535",
        ),
        (
            f"https://calendar.example.org:abc/{SECRET}/b.ics",
            "the port in the address is not a number from 1 to 65535",
        ),
        (f"http://127.0.0.1:0/{SECRET}/basic.ics", "the port in the address is not a number from 1 to 65535"),
        (f"https://[::1/{SECRET}/basic.ics", "not a web address mod4 can read: check its host"),
        (f"https://[calendar]/{SECRET}/basic.ics", "not a web address mod4 can read: check its host"),
        (
            f"https://alice:{SECRET}@calendar.example.org/basic.ics",
            "the address holds a user name or password before its host (user:password@); mod4 does not "
            "send them: use the private address your calendar gives",
        ),
    ],
)
def test_an_address_that_cannot_be_fetched_is_one_message(
    cohort: Callable[..., Run], mod4_exe: Callable[..., Run], address: str, reason: str
) -> None:
    refused = mod4_exe("calendar", "add", address)
    assert (refused.exit_code, refused.stdout, refused.stderr) == (2, "", f"mod4: SOURCE: {reason}\n")
    assert cohort("calendar", "list", "--json").json() == {"calendars": []}


def test_an_ipv6_address_is_shown_with_its_brackets(
    cohort: Callable[..., Run], mod4_exe: Callable[..., Run]
) -> None:
    port = _free_port()
    failed = mod4_exe("calendar", "add", f"http://[::1]:{port}/{SECRET}/basic.ics")
    assert failed.exit_code == 2
    assert failed.stderr.startswith(f"mod4: http://[::1]:{port}/… "), failed.stderr
    _never_secret(failed)


def test_a_missing_copy_is_said_and_the_next_refresh_fetches_it_whole(
    cohort: Callable[..., Run], mod4_exe: Callable[..., Run], upstream: str, mod4_home: Path
) -> None:
    assert cohort("calendar", "add", upstream, "--name", "mine").exit_code == 0
    (mod4_home / "calendars" / "mine.ics").unlink()  # a clean-up, a restore without it...
    (mod4_home / "cache" / "busy-mine.json").unlink(missing_ok=True)  # none before a read
    checked = mod4_exe("check-conflict", "week 1 wed 13:45", "--json").json()
    assert (checked["own_events"], checked["notes"]) == (
        [],
        ["mine: its copy is missing: mod4 calendar refresh mine"],
    )
    refreshed = mod4_exe("calendar", "refresh")
    assert (refreshed.exit_code, refreshed.stderr) == (0, "")
    assert refreshed.stdout == "✓ mine: refreshed; 1 busy event in the module's weeks.\n"
    assert "If-None-Match" not in Upstream.requests[-1]  # a 304 would leave nothing to read
    assert (mod4_home / "calendars" / "mine.ics").read_bytes() == DENTIST
    checked = mod4_exe("check-conflict", "week 1 wed 13:45", "--json").json()
    assert ([e["summary"] for e in checked["own_events"]], checked["notes"]) == (["Dentist"], [])


def test_without_a_start_date_the_followed_calendar_is_said_to_wait_for_it(
    mod4_exe: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("MOD4_NOW", "2026-10-28T09:00")  # no `mod4 init --start`
    source = tmp_path / "work-cal.ics"
    source.write_bytes(INTERVIEW)
    added = mod4_exe("calendar", "add", str(source), env={"COLUMNS": "200"})
    assert (added.exit_code, added.stderr) == (0, "")
    assert added.stdout.splitlines()[:2] == [
        f"✓ Following work-cal ({source}).",
        "  its events are checked once your start date is set: mod4 init --start YYYY-MM-DD",
    ]
    note = "your calendars are not checked until your start date is set: mod4 init --start YYYY-MM-DD"
    checked = mod4_exe("check-conflict", "week 2 wed 13:15", "--json").json()
    assert (checked["own_events"], checked["notes"]) == ([], [note])
    remote = mod4_exe("check-conflict", "week 2 wed 15:15", "--tz", "America/New_York", "--json").json()
    assert note in remote["notes"]
    assert mod4_exe("status", "--json").json()["calendar_notes"] == [note]
    assert f"! {note}\n" in mod4_exe("status", env={"COLUMNS": "200"}).stdout
    week = mod4_exe("week", "2", env={"COLUMNS": "200"}).stdout
    assert f"Your calendar\n  {note}\n" in week
    assert "nothing of yours collides" not in week  # nothing was checked


def test_after_a_failed_refresh_reads_say_how_old_the_last_good_copy_is(
    cohort: Callable[..., Run], mod4_exe: Callable[..., Run], upstream: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cohort("calendar", "add", upstream, "--name", "mine").exit_code == 0  # Mon 19 Oct 09:00
    Upstream.mode = "404"  # the secret address was reset
    monkeypatch.setenv("MOD4_NOW", "2026-10-19T10:00")
    assert cohort("calendar", "refresh").exit_code == 2
    host = upstream.split("/calendar/")[0]
    failed = f"mine: the last refresh failed ({host}/… answered 404 Not Found); showing the last good copy"
    assert mod4_exe("check-conflict", "week 1 wed 13:45", "--json").json()["notes"] == [failed]  # an hour old
    later = mod4_exe("check-conflict", "week 1 wed 13:45", "--json", env={"MOD4_NOW": "2026-10-24T10:00"})
    assert later.json()["notes"] == [f"{failed}, refreshed 5 days ago"]
    status = mod4_exe("status", "--json", env={"MOD4_NOW": "2026-10-24T10:00"}).json()
    assert status["calendar_notes"] == [f"{failed}, refreshed 5 days ago"]


def test_a_removed_address_is_gone_from_every_file(
    cohort: Callable[..., Run], mod4_exe: Callable[..., Run], upstream: str, mod4_home: Path, tmp_path: Path
) -> None:
    source = tmp_path / "work-cal.ics"
    source.write_bytes(DENTIST)
    assert cohort("calendar", "add", str(source)).exit_code == 0
    assert cohort("calendar", "add", upstream, "--name", "mine").exit_code == 0
    assert cohort("done", "resume").exit_code == 0
    removed = mod4_exe("calendar", "remove", "mine")
    assert (removed.exit_code, removed.stderr) == (0, "")
    for path in mod4_home.rglob("*"):
        assert not path.is_file() or SECRET.encode() not in path.read_bytes(), path
    # the backup is still the state before the remove, but for that address
    backup = mod4_home / "state.toml.bak"
    assert "resume" in backup.read_text()  # the progress made before the remove
    shutil.copy(backup, mod4_home / "state.toml")
    listed = cohort("calendar", "list", "--json").json()["calendars"]
    assert [c["name"] for c in listed] == ["work-cal"]


def test_a_refresh_keeps_no_copy_of_a_calendar_removed_meanwhile(
    cohort: Callable[..., Run], upstream: str, mod4_home: Path
) -> None:
    assert cohort("calendar", "add", upstream, "--name", "mine").exit_code == 0
    Upstream.body, Upstream.etag, Upstream.mode = INTERVIEW, '"v2"', "removed-meanwhile"
    refreshed = cohort("calendar", "refresh", "--json")
    assert refreshed.exit_code == 0, refreshed.stderr
    assert refreshed.json() == {"calendars": []}
    assert not (mod4_home / "calendars" / "mine.ics").exists()
    assert cohort("calendar", "list", "--json").json() == {"calendars": []}


PARTLY_READABLE = (  # one good event, one with a start that cannot be read, one in an unknown zone
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
    "BEGIN:VEVENT\r\nUID:1@x\r\nDTSTAMP:20261001T120000Z\r\nDTSTART:20261021T193000Z\r\n"
    "DTEND:20261021T200000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:2@x\r\nDTSTAMP:20261001T120000Z\r\nSUMMARY:Interview\r\n"
    "DTSTART:20261022T1315\r\nDTEND:20261022T140000Z\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:3@x\r\nDTSTAMP:20261001T120000Z\r\nSUMMARY:Coffee\r\n"
    "DTSTART;TZID=Nowhere/Zone:20261023T100000\r\nDTEND;TZID=Nowhere/Zone:20261023T103000\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_events_left_out_of_a_followed_calendar_are_said_when_it_is_read(
    cohort: Callable[..., Run], mod4_exe: Callable[..., Run], tmp_path: Path
) -> None:
    source = tmp_path / "work-cal.ics"
    source.write_text(PARTLY_READABLE)
    warnings = [
        f"{source}: left out 1 event that cannot be read:\n  line 11: 'Interview': cannot read its DTSTART (line 15)",
        f"{source}:22: time zone 'Nowhere/Zone' is not known; its times are read in America/Denver, your zone",
    ]
    added = mod4_exe("calendar", "add", str(source))
    assert added.exit_code == 0
    assert added.stderr == "".join(f"mod4: warning: {w}\n" for w in warnings)
    assert "2 busy events in the module's weeks" in " ".join(added.stdout.split())
    source.write_text(PARTLY_READABLE.replace("Dentist", "Dentist (moved)"))
    refreshed = mod4_exe("calendar", "refresh", "--json")
    assert refreshed.json()["calendars"][0]["warnings"] == warnings
    assert mod4_exe("status").stderr == ""  # the everyday reads stay quiet about it
