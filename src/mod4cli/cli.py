"""The `mod4` command line: parse, call the planner, render. Nothing else lives here."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from mod4cli import __version__, console, planner
from mod4cli.context import Context, build, load_schedule
from mod4cli.errors import Mod4Error, UsageError
from mod4cli.output import emit
from mod4cli.schedule import Schedule


class _Mod4Group(TyperGroup):
    """Turns mod4's errors into one message on stderr and their exit code, for every command."""

    # `Any`: typer 0.28 types this with its vendored click Context, which it does not export.
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except Mod4Error as error:
            console.error(error.message, error.hint)
            raise typer.Exit(error.exit_code) from None


app = typer.Typer(
    cls=_Mod4Group,
    name="mod4",
    help="Plan Mod 4 (Professional Development & Job Search Support): sessions, deliverables, "
    "and whether an interview collides with a PD session.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
coach_app = typer.Typer(cls=_Mod4Group, help="Coaching with the career specialists.", no_args_is_help=True)
app.add_typer(coach_app, name="coach")
export_app = typer.Typer(cls=_Mod4Group, help="Export the module for your calendar.", no_args_is_help=True)
app.add_typer(export_app, name="export")
schedule_app = typer.Typer(
    cls=_Mod4Group, help="For staff: check a cohort's schedule file.", no_args_is_help=True
)
app.add_typer(schedule_app, name="schedule")

JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document instead of a table.")]
TzOpt = Annotated[
    str | None,
    typer.Option("--tz", metavar="ZONE", help="Your time zone (IANA name), for this run only."),
]


def _complete(values: Callable[[Schedule], list[str]]) -> Callable[[str], list[str]]:
    """A shell-completion callback offering the schedule's values that start with what was typed."""

    def complete(incomplete: str) -> list[str]:
        try:
            schedule = load_schedule(None)
        except Mod4Error:
            return []
        return [v for v in values(schedule) if v.lower().startswith(incomplete.lower())]

    return complete


_items = _complete(lambda s: [i.id for i in s.items])
_specialists = _complete(lambda s: [p.name for p in s.coaching.specialists])
_topics = _complete(lambda s: [c.topic for c in s.contacts])


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"mod4 {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    schedule: Annotated[
        str | None,
        typer.Option(
            "--schedule",
            metavar="PATH",
            help="Schedule file to use (default: MOD4_SCHEDULE, else bundled).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Plan Mod 4: sessions, deliverables, and whether an interview collides with a PD session."""
    ctx.obj = schedule  # the --schedule option, for the commands below


def _context(ctx: typer.Context, tz: str | None = None) -> Context:
    """Load everything a command works from; --schedule is the parent's option."""
    return build(ctx.find_root().obj, tz)


def _finish(code: int) -> None:
    if code:
        raise typer.Exit(code)


@app.command()
def week(
    ctx: typer.Context,
    number: Annotated[
        int | None, typer.Argument(metavar="[N]", help="Module week, 1-6 (default: this week).")
    ] = None,
    grid: Annotated[bool, typer.Option("--grid", help="Draw the week as a calendar grid.")] = False,
    tz: TzOpt = None,
    json: JsonOpt = False,
) -> None:
    """The agenda of a module week.

    Every session with its day, date and time, group meetings, office hours and PD work time,
    what falls due, and the week's suggested actions.

    Example: mod4 week 3
    """
    loaded = _context(ctx, tz)
    emit(planner.week_grid(loaded, number) if grid else planner.week(loaded, number), json)


@app.command()
def todo(ctx: typer.Context, json: JsonOpt = False) -> None:
    """What you still owe, soonest due first.

    Each outstanding item with its deliverable, due date and stage; overdue ones say how late.

    Example: mod4 todo
    """
    emit(planner.todo(_context(ctx)), json)


@app.command("check-conflict")
def check_conflict(
    ctx: typer.Context,
    when: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="WHEN", help="'week 3 thu 14:00', '2027-01-21 14:00' or ISO 8601 with an offset."
        ),
    ] = None,
    duration: Annotated[
        str, typer.Option("--duration", "-d", metavar="D", help="45, 45m, 1h, 1h30m.")
    ] = "30m",
    ics: Annotated[
        str | None,
        typer.Option("--ics", metavar="FILE", help="Check every event of a calendar export instead."),
    ] = None,
    show: Annotated[bool, typer.Option("--show", help="Also draw the week with the slot on it.")] = False,
    tz: TzOpt = None,
    json: JsonOpt = False,
) -> None:
    """Does an appointment collide with a PD session?

    Exit 1 when a proposed interview or coffee chat collides with a required session. Suggests
    the nearest free slots of the same length when it collides, and says whether the time is in
    PD work time, the preferred place.

    With --ics FILE, checks every event of a calendar exported from Google Calendar, Outlook or
    Apple Calendar that falls in the module's weeks.

    Example: mod4 check-conflict "week 3 thu 14:00" --duration 45m
    """
    if when and ics:
        raise UsageError("give WHEN or --ics FILE, not both")
    if ics:
        calendar_report = planner.check_calendar_file(_context(ctx, tz), ics)
        emit(calendar_report, json)
        _finish(calendar_report.exit_code)
        return
    if not when:
        raise UsageError(
            "check-conflict needs WHEN", hint='For example: mod4 check-conflict "week 3 thu 14:00"'
        )
    loaded = _context(ctx, tz)
    text = " ".join(when)
    if show:
        shown = planner.show_conflict(loaded, text, duration)
        emit(shown, json)
        _finish(shown.exit_code)
        return
    report = planner.check_conflict(loaded, text, duration)
    emit(report, json, plain=True)
    _finish(report.exit_code)


@app.command()
def done(
    ctx: typer.Context,
    items: Annotated[
        list[str],
        typer.Argument(
            metavar="ITEM...", help="Item ids: resume, linkedin, portfolio, survey.", autocompletion=_items
        ),
    ],
    json: JsonOpt = False,
) -> None:
    """Mark items complete.

    Moves each item to its final stage; one `mod4 undo` takes the whole command back.

    Example: mod4 done resume linkedin
    """
    emit(planner.done(_context(ctx), items), json)


@app.command()
def reopen(
    ctx: typer.Context,
    item: Annotated[str, typer.Argument(metavar="ITEM", help="An item id.", autocompletion=_items)],
    json: JsonOpt = False,
) -> None:
    """Move an item back to its first stage.

    Example: mod4 reopen resume
    """
    emit(planner.reopen(_context(ctx), item), json)


@app.command()
def stage(
    ctx: typer.Context,
    item: Annotated[str, typer.Argument(metavar="ITEM", help="An item id.", autocompletion=_items)],
    name: Annotated[str, typer.Argument(metavar="STAGE", help="A stage of that item.")],
    json: JsonOpt = False,
) -> None:
    """Move an item to a named stage.

    The portfolio's stages: not-started, review-requested, published.

    Example: mod4 stage portfolio review-requested
    """
    emit(planner.stage(_context(ctx), item, name), json)


@app.command()
def undo(ctx: typer.Context, json: JsonOpt = False) -> None:
    """Take back the last progress change.

    Run it again to go further back.

    Example: mod4 undo
    """
    emit(planner.undo(_context(ctx)), json)


@app.command()
def init(
    ctx: typer.Context,
    start: Annotated[
        str | None,
        typer.Option("--start", metavar="DATE", help="Your cohort's first Monday, YYYY-MM-DD."),
    ] = None,
    tz: Annotated[
        str | None, typer.Option("--tz", metavar="ZONE", help="Your own time zone (IANA name).")
    ] = None,
    repeating: Annotated[
        bool | None,
        typer.Option("--repeating/--not-repeating", help="Whether you are repeating Mod 4."),
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Save your profile.

    Your cohort's start date (the Monday of week 1), your own time zone, and whether you are
    repeating the module. Options you leave out keep their saved value.

    Example: mod4 init --start 2027-01-04 --tz America/New_York
    """
    from mod4cli.when import parse_start, zone_named

    day = parse_start(start) if start is not None else None
    zone = zone_named(tz).key if tz is not None else None
    emit(planner.init(_context(ctx), day, zone, repeating), json)


@app.command()
def status(ctx: typer.Context, tz: TzOpt = None, json: JsonOpt = False) -> None:
    """Where you stand.

    The module week and days left, your next session, each deliverable's progress and pace,
    and this week's coaching.

    Example: mod4 status
    """
    emit(planner.status(_context(ctx, tz)), json)


@coach_app.command("book")
def coach_book(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="Tracey or Ryan.", autocompletion=_specialists)],
    when: Annotated[
        list[str], typer.Argument(metavar="WHEN", help="'week 3 thu 10:00' or '2027-01-21 10:00'.")
    ],
    topic: Annotated[
        str | None,
        typer.Option("--topic", metavar="TOPIC", help="What it is about; a word of the topic is enough."),
    ] = None,
    tz: TzOpt = None,
    json: JsonOpt = False,
) -> None:
    """Log a 30-minute coaching meeting with a career specialist.

    Refused (exit 1) outside the specialist's hours, Monday-Friday 09:00-17:00 Mountain time,
    or when you already have coaching that module week.

    Example: mod4 coach book Tracey "week 3 thu 10:00" --topic resume
    """
    emit(planner.coach_book(_context(ctx, tz), name, " ".join(when), topic), json)


@coach_app.command("list")
def coach_list(ctx: typer.Context, tz: TzOpt = None, json: JsonOpt = False) -> None:
    """Your coaching meetings.

    Example: mod4 coach list
    """
    emit(planner.coach_list(_context(ctx, tz)), json)


@coach_app.command("cancel")
def coach_cancel(
    ctx: typer.Context,
    booking: Annotated[int, typer.Argument(metavar="ID", help="The booking's number (mod4 coach list).")],
    json: JsonOpt = False,
) -> None:
    """Cancel a coaching meeting.

    Example: mod4 coach cancel 2
    """
    emit(planner.coach_cancel(_context(ctx), booking), json)


@app.command()
def contact(
    ctx: typer.Context,
    topic: Annotated[
        str | None,
        typer.Argument(
            metavar="[TOPIC]",
            help="offer, interview, missing-pd, ... (default: all).",
            autocompletion=_topics,
        ),
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Where and to whom to send a message.

    Example: mod4 contact offer
    """
    emit(planner.contact(_context(ctx), topic), json)


@export_app.command("ics")
def export_ics(
    ctx: typer.Context,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (default: stdout)."),
    ] = None,
    busy_only: Annotated[
        bool,
        typer.Option("--busy-only", help="Untitled busy blocks only, to share for booking coffee chats."),
    ] = False,
    json: JsonOpt = False,
) -> None:
    """Export sessions and deadlines as an iCalendar file.

    Google Calendar, Outlook and Apple Calendar import it; importing it again updates the
    events rather than duplicating them.

    Example: mod4 export ics -o mod4.ics
    """
    message = planner.export_ics(_context(ctx), output, busy_only)
    if message is not None:
        emit(message, json)


@schedule_app.command("check")
def schedule_check(
    file: Annotated[str, typer.Argument(metavar="FILE", help="The schedule file to check.")],
    json: JsonOpt = False,
) -> None:
    """Validate a cohort's schedule file.

    Lists every problem with its line and key, and exits 2 while there are any.

    Example: mod4 schedule check cohort-2701.toml
    """
    emit(planner.check_schedule(file), json)


def main() -> None:
    """The console script."""
    app(prog_name="mod4")
