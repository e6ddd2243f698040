"""Fetching the student's calendar from its private address: conditional, bounded, and quiet
about the secret in the address.

Only `calendar add` and `calendar refresh` come here; no read of mod4 ever waits on the network.
The standard library's urllib does the HTTP: the job is one GET of one document, which needs no
connection pool, HTTP/2 or async. httpx would do it too, but brings six packages, and importing
it took 1.5-2.3 times as long as urllib.request here (`python -X importtime`, three runs each).
Around it:
- conditional requests (If-None-Match / If-Modified-Since), a 304 meaning "unchanged";
- TLS verified (urllib's default context), a few redirects, never from https down to http;
- a connect timeout and a total deadline (a host that never answers gives up within 15 s,
  including a name lookup that hangs), and a body cap counted as read (20 MB);
- every failure as a FetchError whose reason names no part of the address but its host.
"""

import http.client
import ssl
import threading
import time
import urllib.error
import urllib.request
from http.client import HTTPResponse
from typing import IO, NamedTuple
from urllib.parse import urlsplit, urlunsplit

from mod4cli.load.limits import MAX_CALENDAR_BYTES

CONNECT_TIMEOUT = 10.0  # seconds for the connection and for each read
DEADLINE = 15.0  # seconds for the whole fetch, whatever the server does
MAX_REDIRECTS = 5
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")


class FetchError(Exception):
    """A fetch that failed; `reason` is for the student and never holds the secret part."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Fetched(NamedTuple):
    """What the server sent: the body (None when unchanged since the validators given)."""

    body: bytes | None
    etag: str | None
    last_modified: str | None


def normalized(address: str) -> str:
    """The address to fetch: webcal:// becomes https://; plain http only for this machine.
    FetchError, naming no secret part, for an address that cannot be fetched as it is."""
    try:
        parts = urlsplit(address.strip())
        host = parts.hostname
    except ValueError:  # brackets that do not close, or hold no IPv6 address
        raise FetchError("not a web address mod4 can read: check its host") from None
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0 and parts.netloc.rpartition("]")[2].count(":"):
        raise FetchError("the port in the address is not a number from 1 to 65535")
    if parts.username is not None or parts.password is not None:
        # urllib would take them for part of the host; and they are secrets, never to be kept or shown.
        raise FetchError(
            "the address holds a user name or password before its host (user:password@); "
            "mod4 does not send them: use the private address your calendar gives"
        )
    scheme = parts.scheme.lower()
    if scheme == "webcal":
        parts = parts._replace(scheme="https")
    elif scheme == "http":
        if (host or "") not in LOOPBACK_HOSTS:
            raise FetchError(
                "plain http:// is refused (the address would travel unencrypted); use the https:// "
                "or webcal:// address your calendar gives"
            )
    elif scheme != "https":
        raise FetchError(f"{scheme or 'no'} scheme: the address must start with https:// or webcal://")
    if not host:
        raise FetchError("the address has no host")
    return urlunsplit(parts)


def masked(address: str) -> str:
    """The address as it may be shown: its host, and its path masked (the path is the secret)."""
    try:
        parts = urlsplit(address)
        host, port = parts.hostname or "?", parts.port
    except ValueError:  # not an address mod4 would keep; the state file was edited by hand
        return "an address that cannot be read"
    if ":" in host:  # an IPv6 literal keeps its brackets, or its port could not be told apart
        host = f"[{host}]"
    if port:
        host = f"{host}:{port}"
    return (
        f"{parts.scheme}://{host}/…" if parts.path.strip("/") or parts.query else f"{parts.scheme}://{host}"
    )


def fetch(address: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
    """GET the address, conditionally; raise FetchError on any failure, within DEADLINE seconds."""
    outcome: list[Fetched | FetchError] = []
    worker = threading.Thread(
        target=lambda: outcome.append(_fetch_or_error(address, etag, last_modified)), daemon=True
    )
    worker.start()
    worker.join(DEADLINE + 1)
    if not outcome:
        raise FetchError(f"{masked(address)} did not answer within {DEADLINE:g} s")
    result = outcome[0]
    if isinstance(result, FetchError):
        raise result
    return result


def _fetch_or_error(address: str, etag: str | None, last_modified: str | None) -> Fetched | FetchError:
    try:
        return _fetch(address, etag, last_modified, time.monotonic() + DEADLINE)
    except FetchError as error:
        return error
    except Exception as exc:
        return FetchError(_describe(exc, address))


def _fetch(address: str, etag: str | None, last_modified: str | None, deadline: float) -> Fetched:
    request = urllib.request.Request(
        address, headers={"User-Agent": _agent(), "Accept": "text/calendar, */*"}
    )
    if etag:
        request.add_header("If-None-Match", etag)
    if last_modified:
        request.add_header("If-Modified-Since", last_modified)
    opener = urllib.request.build_opener(_Redirects)
    try:
        response: HTTPResponse = opener.open(request, timeout=CONNECT_TIMEOUT)
    except urllib.error.HTTPError as error:
        if error.code == 304:
            if etag or last_modified:
                return Fetched(None, etag, last_modified)
            # Unasked (a proxy or CDN may do it): there is no copy it could mean, and no body to read.
            raise FetchError(
                f"{masked(address)} answered 304 Not Modified without sending the calendar; try again "
                "later, or use the address your calendar service gives"
            ) from None
        if 300 <= error.code < 400:  # urllib gives up on a loop or too many hops
            raise FetchError(
                f"{masked(address)} redirected more than {MAX_REDIRECTS} times; refused"
            ) from None
        reason = http.client.responses.get(error.code, "an error")
        raise FetchError(f"{masked(address)} answered {error.code} {reason}") from None
    with response:
        content_type = response.headers.get("Content-Type", "")
        body = _read_capped(response, deadline, address)
        headers = response.headers
    if "html" in content_type.lower() or body.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        raise FetchError(
            f"{masked(address)} sent a web page, not a calendar (a sign-in page?): use the private "
            "address in iCal format"
        )
    return Fetched(
        _as_utf8(body, headers.get_content_charset()), headers.get("ETag"), headers.get("Last-Modified")
    )


def _as_utf8(body: bytes, charset: str | None) -> bytes:
    """The body in UTF-8, as calendar files are read and kept: a server that declares another
    charset (`text/calendar; charset=iso-8859-1`) is taken at its word; one that names a charset
    Python does not know, or whose bytes do not decode, is read as sent."""
    if not charset or charset.lower().replace("_", "-") in ("utf-8", "utf8", "us-ascii", "ascii"):
        return body
    try:
        return body.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return body


def _read_capped(response: HTTPResponse, deadline: float, address: str) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        if time.monotonic() > deadline:
            raise FetchError(f"{masked(address)} was still sending after {DEADLINE:g} s")
        chunk = response.read1(1 << 16) if hasattr(response, "read1") else response.read(1 << 16)
        if not chunk:
            break
        total += len(chunk)
        if total > MAX_CALENDAR_BYTES:
            most = MAX_CALENDAR_BYTES // 2**20
            raise FetchError(f"{masked(address)} sent more than {most} MB, the most mod4 reads")
        chunks.append(chunk)
    expected = response.headers.get("Content-Length", "")
    if expected.isdecimal() and total < int(expected):
        raise FetchError(f"{masked(address)} closed the connection before the calendar was complete")
    return b"".join(chunks)


def _describe(exc: Exception, address: str) -> str:
    """A failure in words, with the host alone."""
    where = masked(address)
    if isinstance(exc, urllib.error.URLError):
        exc = exc.reason if isinstance(exc.reason, Exception) else exc
    if isinstance(exc, ssl.SSLError):
        return f"{where}: the secure connection failed ({exc.reason or 'TLS error'})"
    if isinstance(exc, TimeoutError):
        return f"{where} did not answer within {CONNECT_TIMEOUT:g} s"
    if isinstance(exc, http.client.IncompleteRead | ConnectionResetError | http.client.RemoteDisconnected):
        return f"{where} closed the connection before the calendar was complete"
    if isinstance(exc, ConnectionRefusedError):
        return f"{where} refused the connection"
    if isinstance(exc, OSError) and exc.strerror:
        return f"{where}: {exc.strerror}"
    return f"{where}: the fetch failed"


def _agent() -> str:
    from mod4cli import __version__

    return f"mod4/{__version__} (calendar refresh)"


class _Redirects(urllib.request.HTTPRedirectHandler):
    """urllib's redirect handling, limited to a few hops and never down from https to http."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        """The request to follow a redirect with, refusing a step down to plain http."""
        target = urlsplit(newurl)
        if target.scheme not in ("http", "https"):
            raise FetchError(
                f"{masked(req.full_url)} redirected to a {target.scheme or 'relative'} address; refused"
            )
        if target.scheme == "http" and (target.hostname or "") not in LOOPBACK_HOSTS:
            raise FetchError(f"{masked(req.full_url)} redirected to plain http://; refused")
        return super().redirect_request(req, fp, code, msg, headers, newurl)
