"""Outside text (a schedule title, an .ics summary) made harmless: every control character shown
as an escape such as \\x1b. The terminal and the exported iCalendar file show the same ones."""

# C0 and C1 control characters (but tab and newline), DEL, and the Unicode bidirectional
# controls that can make text read differently from how it is stored.
_UNSAFE_CODES = [
    *range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0),
    0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A),
]  # fmt: skip
# A translation table, not a regex: it costs nothing to build at start-up.
CONTROL_ESCAPES = {code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" for code in _UNSAFE_CODES}


def escape_controls(text: str) -> str:
    """`text` with each control character written as an escape (`\\x1b`, `\\u202e`)."""
    return text.translate(CONTROL_ESCAPES)
