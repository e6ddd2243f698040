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
CALENDAR = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:1@example.com\r\n"
    b"DTSTART:20261021T193000Z\r\nDTEND:20261021T200000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


class Server(http.server.BaseHTTPRequestHandler):
    """Answers as `mode` says."""

    mode: ClassVar[str] = "no-length"

    def do_GET(self) -> None:
        mode = type(self).mode
        if mode == "to-ftp":
            self.send_response(302)
            self.send_header("Location", f"ftp://files.example.com/{SECRET}/basic.ics")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar")
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
    Server.mode = "no-length"
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
