"""Fetching a followed calendar (load/http_fetch.py) from a server on this machine that answers
in the less common ways: no Content-Length, a body cut one byte short, a redirect to another
kind of address, nobody listening. Each failure is one message naming the host, never the path."""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from tests.helpers import Run

RunFn = Callable[..., Run]
SECRET = "private-5d1e9a"
MODIFIED = "Wed, 21 Oct 2026 08:00:00 GMT"
CALENDAR = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:1@example.com\r\n"
    b"DTSTART:20261021T193000Z\r\nDTEND:20261021T200000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\n"
    + b"X-FILLER:"
    + b"x" * 150_000
    + b"\r\n"  # more than one read's worth: the copy is put together
    + b"END:VCALENDAR\r\n"
)


class Server(http.server.BaseHTTPRequestHandler):
    """Answers as `mode` says."""

    mode: ClassVar[str] = "no-length"
    requests: ClassVar[list[dict[str, str]]] = []

    def do_GET(self) -> None:
        mode = type(self).mode
        type(self).requests.append({name.lower(): value for name, value in self.headers.items()})
        if mode == "dated" and self.headers.get("If-Modified-Since") == MODIFIED:
            self.send_response(304)
            self.end_headers()
            return
        if mode == "not-found":
            self.send_error(404, "Not Found")
            return
        if mode in ("html-type", "html-body"):
            page = b"<HTML><body>Please sign in</body></HTML>" if mode == "html-body" else b"Please sign in"
            self.send_response(200)
            self.send_header(
                "Content-Type", "text/HTML; charset=utf-8" if mode == "html-type" else "text/calendar"
            )
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)
            return
        if mode == "to-ftp":
            self.send_response(302)
            self.send_header("Location", f"ftp://files.example.com/{SECRET}/basic.ics")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar")
        if mode == "dated":  # a server that gives a date, not an ETag
            self.send_header("Last-Modified", MODIFIED)
        if mode == "one-short":  # promises one byte more than it sends, then closes
            self.send_header("Content-Length", str(len(CALENDAR) + 1))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(CALENDAR)
        self.close_connection = True

    def log_message(self, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def address() -> Iterator[str]:
    """The private address of the calendar on a server of this machine."""
    Server.mode, Server.requests = "no-length", []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Server)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/{SECRET}/basic.ics"
    server.shutdown()
    server.server_close()


@pytest.fixture
def student(run: RunFn, monkeypatch: pytest.MonkeyPatch) -> RunFn:
    """A student of the cohort of 2026-10-19, on its first Monday."""
    monkeypatch.setenv("MOD4_NOW", "2026-10-19T09:00")
    assert run("init", "--start", "2026-10-19").exit_code == 0
    return run


def test_a_body_without_a_length_is_read_to_its_end(student: RunFn, address: str, mod4_home: Path) -> None:
    added = student("calendar", "add", address, "--name", "mine")
    assert added.exit_code == 0, added.stderr
    assert (mod4_home / "calendars" / "mine.ics").read_bytes() == CALENDAR


def test_a_body_one_byte_short_is_refused(student: RunFn, address: str, mod4_home: Path) -> None:
    Server.mode = "one-short"
    port = address.split(":")[2].split("/")[0]
    refused = student("calendar", "add", address, "--name", "mine")
    assert (refused.exit_code, refused.stderr) == (
        2,
        f"mod4: http://127.0.0.1:{port}/… closed the connection before the calendar was complete; "
        "nothing was added\n",
    )
    assert not (mod4_home / "calendars" / "mine.ics").exists()


def test_a_redirect_to_another_kind_of_address_is_refused(student: RunFn, address: str) -> None:
    Server.mode = "to-ftp"
    port = address.split(":")[2].split("/")[0]
    refused = student("calendar", "add", address, "--name", "mine")
    assert (refused.exit_code, refused.stderr) == (
        2,
        f"mod4: http://127.0.0.1:{port}/… redirected to a ftp address; refused; nothing was added\n",
    )


def test_nobody_listening_is_one_line_naming_the_host(student: RunFn) -> None:
    with socket.socket() as probe:  # a port nothing listens on once the probe is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    refused = student("calendar", "add", f"http://127.0.0.1:{port}/{SECRET}/basic.ics")
    assert (refused.exit_code, refused.stderr) == (
        2,
        f"mod4: http://127.0.0.1:{port}/… refused the connection; nothing was added\n",
    )


def test_a_refresh_asks_with_the_date_the_server_gave_and_keeps_the_copy_when_unchanged(
    student: RunFn, address: str
) -> None:
    from mod4cli import __version__

    Server.mode = "dated"
    assert student("calendar", "add", address, "--name", "mine").exit_code == 0
    refreshed = student("calendar", "refresh", "--json").json()["calendars"][0]
    assert refreshed["outcome"] == "unchanged"
    first, again = Server.requests
    assert (first["user-agent"], first["accept"]) == (
        f"mod4/{__version__} (calendar refresh)",
        "text/calendar, */*",
    )
    assert "if-modified-since" not in first and again["if-modified-since"] == MODIFIED


@pytest.mark.parametrize("mode", ["html-type", "html-body"])
def test_a_web_page_instead_of_a_calendar_is_refused(student: RunFn, address: str, mode: str) -> None:
    """A sign-in page, told by its Content-Type or by its first tag, in any case."""
    Server.mode = mode
    port = address.split(":")[2].split("/")[0]
    refused = student("calendar", "add", address, "--name", "mine")
    assert (refused.exit_code, refused.stderr) == (
        2,
        f"mod4: http://127.0.0.1:{port}/… sent a web page, not a calendar (a sign-in page?): use the private "
        "address in iCal format; nothing was added\n",
    )


def test_an_address_without_a_path_is_shown_whole(student: RunFn, address: str) -> None:
    """Only a path (the secret) is masked: an address of a host alone is shown as it is."""
    Server.mode = "not-found"
    root = address.split(SECRET)[0].rstrip("/") + "/"
    refused = student("calendar", "add", root, "--name", "mine")
    assert (refused.exit_code, refused.stderr) == (
        2,
        f"mod4: {root.rstrip('/')} answered 404 Not Found; nothing was added\n",
    )
