"""Printing whom to tell what, and where (`mod4 contact`), as lines."""

from __future__ import annotations

from mod4cli.plan.contacts import ContactList
from mod4cli.show.terminal import Line, Terminal, plain


def show_contacts(contacts: ContactList, out: Terminal) -> None:
    """Each rule: when it applies, then how, to whom and where."""
    out.write_lines(contact_lines(contacts))


def contact_lines(contacts: ContactList) -> list[Line]:
    """The rules as lines; a wrapped answer stays under its text."""
    lines: list[Line] = []
    for c in contacts.contacts:
        lines.append(Line(((c.when, "title"), (f"  ({c.topic})", "dim")), indent=2))
        to = f" ({', '.join(c.to)})" if c.to else ""
        lines.append(Line((("→ ", ""), (f"{c.how}{to}", ""), (f" · {c.where}", "dim")), indent=4, lead=2))
    if not contacts.contacts:
        lines.append(plain("This schedule names no one to contact.", "dim"))
    return lines
