"""What commands return: any value that can become JSON; `render` knows how to draw each."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


class Result(Protocol):
    """Anything a command returns."""

    def to_json(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Message:
    """A short confirmation, with details for JSON and a few lines for a person."""

    text: str
    details: dict[str, Any] = field(default_factory=dict)
    lines: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The message for `--json`."""
        return {"message": self.text, **self.details}
