"""What commands return: any value that can become JSON; `render` knows how to draw each."""

from typing import Any, NamedTuple, Protocol


class Result(Protocol):
    """Anything a command returns."""

    def to_json(self) -> dict[str, Any]: ...


class Message(NamedTuple):
    """A short confirmation, with details for JSON and a few lines for a person."""

    text: str
    details: dict[str, Any] | None = None
    lines: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The message for `--json`."""
        return {"message": self.text, **(self.details or {})}
