"""A short confirmation of a change ("Done: Targeted resume."), with details for JSON."""

from typing import Any, NamedTuple


class Message(NamedTuple):
    """A short confirmation, with details for JSON and a few lines for a person."""

    text: str
    details: dict[str, Any] | None = None
    lines: tuple[str, ...] = ()
    exit_code: int = 0

    def to_json(self) -> dict[str, Any]:
        """The message for `--json`."""
        return {"message": self.text, **(self.details or {})}
