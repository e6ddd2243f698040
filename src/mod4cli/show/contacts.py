"""Drawing whom to tell what, and where (`mod4 contact`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mod4cli.plan.contacts import ContactList
from mod4cli.show import terminal
from mod4cli.show.terminal import Terminal

if TYPE_CHECKING:
    from rich.console import RenderableType


def show_contacts(contacts: ContactList, out: Terminal) -> None:
    """Each rule: when it applies, then how, to whom and where."""
    out.draw(_contacts_drawing(contacts))


def _contacts_drawing(contacts: ContactList) -> RenderableType:
    from rich.console import Group
    from rich.padding import Padding

    parts: list[RenderableType] = []
    for c in contacts.contacts:
        parts.append(terminal.join(terminal.text(c.when, "title"), terminal.text(f"  ({c.topic})", "dim")))
        line = terminal.join(
            "→ ", c.how, f" ({', '.join(c.to)})" if c.to else "", terminal.text(f" · {c.where}", "dim")
        )
        parts.append(Padding(line, (0, 0, 0, 2)))
    return Group(*parts)
