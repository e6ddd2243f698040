"""Reading a schedule file: its bytes (bounded, a regular file only) and its text, then the
validation of schedule_validation.py, which is imported only when a file must be parsed."""

from __future__ import annotations

from pathlib import Path

from mod4cli.load.fs import FileRefused, read_limited
from mod4cli.model.errors import Problem, ScheduleError
from mod4cli.model.schedule import Schedule

MAX_BYTES = 32 * 2**20  # a 10,000-session schedule is 1.5 MB


def load_file(path: Path) -> Schedule:
    """Read and validate a schedule file; raise ScheduleError listing every problem."""
    return parse_text(decode_text(read_schedule_bytes(path), path), str(path))


def read_schedule_bytes(path: Path) -> bytes:
    """The bytes of a schedule file, refusing what is missing, unreadable or not a regular file."""
    try:
        return read_limited(path, MAX_BYTES)
    except FileNotFoundError:
        reason = "file not found"
    except FileRefused as refused:
        reason = refused.reason
    except OSError as exc:
        reason = f"cannot read: {exc.strerror or exc}"
    raise ScheduleError(str(path), [Problem(str(path), None, "", reason)])


def decode_text(raw: bytes, path: Path) -> str:
    """A schedule file's text: UTF-8, with a byte-order mark named rather than misread."""
    if raw.startswith(b"\xef\xbb\xbf"):
        reason = "starts with a UTF-8 byte-order mark, which TOML does not allow; save it without one"
    else:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise ScheduleError(
                str(path), [Problem(str(path), line, "", "is not UTF-8 text (TOML files must be)")]
            ) from None
    raise ScheduleError(str(path), [Problem(str(path), 1, "", reason)])


def parse_text(text: str, path: str = "<schedule>") -> Schedule:
    """Validate TOML text as a schedule; raise ScheduleError listing every problem."""
    from mod4cli.load.schedule_validation import parse_text as validate

    return validate(text, path)
