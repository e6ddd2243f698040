"""Printing the module at a glance (`mod4 about`): labelled lines, links whole and clickable."""

from __future__ import annotations

from mod4cli.model.wording import date_label, specialist_hours
from mod4cli.plan.about import About
from mod4cli.show import words
from mod4cli.show.terminal import Line, Terminal, link_line, plain

HANG = 2  # wrapped rows of a fact hang under its first word


def show_about(about: About, out: Terminal) -> None:
    """The title, the page's overview and note, then a labelled line per fact."""
    out.write_lines(about_lines(about))


def about_lines(about: About) -> list[Line]:
    """The overview as lines of styled text."""
    m = about.module
    lines = [plain(m.title, "title")]
    lines.extend(plain(text) for text in (m.overview, m.note) if text)
    lines.append(plain(""))
    start = (
        f"from {date_label(about.start, year=True)}"
        if about.start
        else "no start date set (mod4 init --start YYYY-MM-DD)"
    )
    lines.append(_fact("Weeks", f"{m.weeks}, {start}"))
    lines.append(_fact("Campus zone", m.timezone))
    links = (("Site", m.site), ("Learning goals", m.learning_goals), ("Homeroom Groups", m.groups_overview))
    lines.extend(link_line(url, 0, f"{label}: ") for label, url in links if url)
    if m.rule:
        lines.append(_fact("Rule", m.rule))
    coaching = about.coaching
    if coaching.specialists:
        hours: dict[str, list[str]] = {}
        for s in coaching.specialists:
            hours.setdefault(specialist_hours(s), []).append(s.name)
        who = "; ".join(f"{' or '.join(names)}, {when}" for when, names in hours.items())
        per_week = words.count(coaching.per_week, "meeting")
        booking = f"{who} ({m.timezone}): {coaching.minutes} minutes, {per_week} a week."
        lines.append(_fact("Coaching", f"{booking} {coaching.how or ''}".strip()))
    if coaching.topics:
        lines.append(_fact("Coaching topics", "; ".join(coaching.topics)))
    lines.append(_fact("Whom to contact", "" if about.contacts else "this schedule names no one."))
    for group in about.contacts:
        to = f" ({', '.join(group.to)})" if group.to else ""
        answer = f"{'; '.join(group.whens)} → {group.how}{to} · {group.where}"
        lines.append(Line((("• ", ""), (answer, "")), indent=HANG + 2, lead=HANG))
    if about.schedule_file:
        lines.append(Line((("Schedule: ", "dim"), (about.schedule_file, "path")), indent=HANG))
    else:
        lines.append(_fact("Schedule", "the bundled one"))
    lines.append(plain(""))
    lines.append(plain("More: mod4 week N, mod4 todo, mod4 contact TOPIC.", "dim"))
    return lines


def _fact(label: str, value: str) -> Line:
    return Line(((f"{label}:", "dim"), (f" {value}" if value else "", "")), indent=HANG)
