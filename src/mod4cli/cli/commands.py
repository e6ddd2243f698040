"""The table of commands: every command of mod4, declared once.

Each row names its handler (a function in mod4cli.plan that takes the Context and the
parameters by name, and returns a result), its parameters and its help. The Typer app is built
from this table (cli/typer_app.py); the quick path parses the `hot` rows without loading Typer
(cli/quick.py); both run a row the same way (cli/run.py). tests/test_commands.py checks that
every handler exists and takes exactly the parameters its row declares.

Adding a command: a handler in plan/, a row here, and a renderer for its result in show/.
"""

from typing import Any, NamedTuple


class Param(NamedTuple):
    """A parameter of a command: an argument (no flags) or an option (with flags)."""

    name: str  # the handler's keyword argument
    flags: tuple[str, ...]  # ("--duration", "-d"); empty for an argument
    help: str
    metavar: str = ""
    type: type = str  # str, int or bool (bool: a flag that takes no value)
    default: Any = None
    required: bool = False
    many: bool = False  # an argument that takes every remaining word
    off: str = ""  # a flag's off switch ("--not-repeating"); the default is then None: unchanged
    complete: str = ""  # what shell completion offers: "items", "specialists" or "topics"

    @property
    def is_option(self) -> bool:
        """Whether it is given with a flag (else by position)."""
        return bool(self.flags)


class Command(NamedTuple):
    """A command: its words, its handler and parameters, its help, and whether it is hot."""

    name: str  # "week", or "coach book" for a command of a group
    handler: str  # "module:function" under mod4cli.plan
    help: str  # the first line is the summary
    params: tuple[Param, ...] = ()
    hot: bool = False  # run all day by students: parsed by the quick path, without Typer


# Options several commands share. The runner takes these two itself: JSON chooses the output,
# ZONE the zone of the student for this run (both also reach no handler).
JSON = Param("json", ("--json",), "Print one JSON document instead of text.", type=bool, default=False)
ZONE = Param("tz", ("--tz",), "Your time zone (IANA name), for this run only.", metavar="ZONE")

GROUPS = {
    "coach": "Coaching with the career specialists.",
    "export": "Export the module for your calendar.",
    "schedule": "For staff: check a cohort's schedule file.",
    "calendar": "Follow your own calendar (Google, Outlook, Apple) by its private address.",
}

COMMANDS: tuple[Command, ...] = (
    Command(
        "week",
        "agenda:week",
        """The agenda of a module week.

        Every session with its day, date and time, group meetings, office hours and PD work
        time, what falls due, and the week's suggested actions.

        Example: mod4 week 3""",
        (
            Param("number", (), "Module week, 1-6 (default: this week).", "[N]", int),
            Param("grid", ("--grid",), "Draw the week as a calendar grid.", type=bool, default=False),
            ZONE,
            JSON,
        ),
        hot=True,
    ),
    Command(
        "todo",
        "todos:todo",
        """What you still owe, soonest due first.

        Each outstanding item with its deliverable, due date and stage; overdue ones say how
        late.

        Example: mod4 todo""",
        (JSON,),
        hot=True,
    ),
    Command(
        "check-conflict",
        "check:check_conflict",
        """Does an appointment collide with a PD session?

        Exit 1 when a proposed interview or coffee chat collides with a required session.
        Suggests the nearest free slots of the same length when it collides, and says whether
        the time is in PD work time, the preferred place.

        With --ics FILE, checks every event of a calendar exported from Google Calendar,
        Outlook or Apple Calendar that falls in the module's weeks.

        Example: mod4 check-conflict "week 3 thu 14:00" --duration 45m""",
        (
            Param(
                "when",
                (),
                "'week 3 thu 14:00', '2027-01-21 14:00' or ISO 8601 with an offset.",
                "WHEN",
                many=True,
            ),
            Param("duration", ("--duration", "-d"), "45, 45m, 1h, 1h30m.", "D", default="30m"),
            Param("ics", ("--ics",), "Check every event of a calendar export instead.", "FILE"),
            Param("show", ("--show",), "Also draw the week with the slot on it.", type=bool, default=False),
            ZONE,
            JSON,
        ),
        hot=True,
    ),
    Command(
        "done",
        "progress:done",
        """Mark items complete.

        Moves each item to its final stage; one `mod4 undo` takes the whole command back.

        Example: mod4 done resume linkedin""",
        (
            Param(
                "items",
                (),
                "Item ids: resume, linkedin, portfolio, survey.",
                "ITEM...",
                required=True,
                many=True,
                complete="items",
            ),
            JSON,
        ),
    ),
    Command(
        "reopen",
        "progress:reopen",
        """Move an item back to its first stage.

        Example: mod4 reopen resume""",
        (Param("item", (), "An item id.", "ITEM", required=True, complete="items"), JSON),
    ),
    Command(
        "stage",
        "progress:stage",
        """Move an item to a named stage.

        The portfolio's stages: not-started, review-requested, published.

        Example: mod4 stage portfolio review-requested""",
        (
            Param("item", (), "An item id.", "ITEM", required=True, complete="items"),
            Param("name", (), "A stage of that item.", "STAGE", required=True),
            JSON,
        ),
    ),
    Command(
        "undo",
        "progress:undo",
        """Take back the last progress change.

        Run it again to go further back.

        Example: mod4 undo""",
        (JSON,),
    ),
    Command(
        "init",
        "progress:init",
        """Save your profile.

        Your cohort's start date (the Monday of week 1), your own time zone, and whether you
        are repeating the module. Options you leave out keep their saved value.

        Example: mod4 init --start 2027-01-04 --tz America/New_York""",
        (
            Param("start", ("--start",), "Your cohort's first Monday, YYYY-MM-DD.", "DATE"),
            Param("tz", ("--tz",), "Your own time zone (IANA name).", "ZONE"),
            Param(
                "repeating",
                ("--repeating",),
                "Whether you are repeating Mod 4.",
                type=bool,
                off="--not-repeating",
            ),
            JSON,
        ),
    ),
    Command(
        "status",
        "status:status",
        """Where you stand.

        The module week and days left, your next session, each deliverable's progress and
        pace, and this week's coaching.

        Example: mod4 status""",
        (ZONE, JSON),
        hot=True,
    ),
    Command(
        "coach book",
        "coaching:coach_book",
        """Log a 30-minute coaching meeting with a career specialist.

        Refused (exit 1) outside the specialist's hours, Monday-Friday 09:00-17:00 Mountain
        time, or when you already have coaching that module week.

        Example: mod4 coach book Tracey "week 3 thu 10:00" --topic resume""",
        (
            Param("name", (), "Tracey or Ryan.", "NAME", required=True, complete="specialists"),
            Param("when", (), "'week 3 thu 10:00' or '2027-01-21 10:00'.", "WHEN", required=True, many=True),
            Param("topic", ("--topic",), "What it is about; a word of the topic is enough.", "TOPIC"),
            ZONE,
            JSON,
        ),
    ),
    Command(
        "coach list",
        "coaching:coach_list",
        """Your coaching meetings.

        Example: mod4 coach list""",
        (ZONE, JSON),
    ),
    Command(
        "coach cancel",
        "coaching:coach_cancel",
        """Cancel a coaching meeting.

        Example: mod4 coach cancel 2""",
        (Param("booking", (), "The booking's number (mod4 coach list).", "ID", int, required=True), JSON),
    ),
    Command(
        "contact",
        "contacts:contact",
        """Where and to whom to send a message.

        Example: mod4 contact offer""",
        (
            Param(
                "topic", (), "offer, interview, missing-pd, ... (default: all).", "[TOPIC]", complete="topics"
            ),
            JSON,
        ),
    ),
    Command(
        "export ics",
        "export:export_ics",
        """Export sessions and deadlines as an iCalendar file.

        Google Calendar, Outlook and Apple Calendar import it; importing it again updates the
        events rather than duplicating them.

        Example: mod4 export ics -o mod4.ics""",
        (
            Param("output", ("--output", "-o"), "Write to FILE (default: stdout).", "FILE"),
            Param(
                "busy_only",
                ("--busy-only",),
                "Untitled busy blocks only, to share for booking coffee chats.",
                type=bool,
                default=False,
            ),
        ),
    ),
    Command(
        "about",
        "about:about",
        """The module at a glance.

        Its title and overview, its pages (learning goals, Homeroom Groups), the campus time
        zone, the rule for interviews and coffee chats, and whom to contact.

        Example: mod4 about""",
        (JSON,),
    ),
    Command(
        "schedule check",
        "schedule_check:schedule_check",
        """Validate a cohort's schedule file.

        Lists every problem with its line and key, and exits 2 while there are any.

        Example: mod4 schedule check cohort-2701.toml""",
        (Param("file", (), "The schedule file to check.", "FILE", required=True), JSON),
    ),
)

COMMANDS += (
    Command(
        "calendar add",
        "calendars:calendar_add",
        """Follow your own calendar: its private address, or an .ics file.

        SOURCE is the secret address in iCal format that Google Calendar, Outlook or Apple
        Calendar gives (https:// or webcal://), or a path to an .ics file. mod4 fetches it once,
        checks it reads, and keeps a private copy; `status`, `week` and `check-conflict` then
        show your events that collide with PD sessions, from that copy, without going online.

        Example: mod4 calendar add "webcal://p42-caldav.icloud.com/published/2/..." --name mine""",
        (
            Param(
                "source", (), "An https:// or webcal:// address, or an .ics file.", "SOURCE", required=True
            ),
            Param("name", ("--name",), "A short name for it (default: from the address).", "NAME"),
            JSON,
        ),
    ),
    Command(
        "calendar list",
        "calendars:calendar_list",
        """The calendars you follow, and when each was last refreshed.

        Addresses are shown by their host only: the rest of a private address is a secret.

        Example: mod4 calendar list""",
        (JSON,),
    ),
    Command(
        "calendar remove",
        "calendars:calendar_remove",
        """Stop following a calendar, and delete mod4's copy of it.

        Example: mod4 calendar remove mine""",
        (Param("name", (), "The calendar's name (mod4 calendar list).", "NAME", required=True), JSON),
    ),
    Command(
        "calendar refresh",
        "calendars:calendar_refresh",
        """Fetch your calendars again (all, or one).

        Asks the server whether anything changed, and keeps the last good copy when the new
        one cannot be had or read. Exit 0 when refreshed or unchanged, 2 when any failed.

        Example: mod4 calendar refresh""",
        (Param("name", (), "One calendar's name (default: all).", "[NAME]"), JSON),
    ),
)


def find(words: list[str]) -> tuple[Command, int] | None:
    """The command that the first words of a command line name, and how many words name it."""
    for command in COMMANDS:
        size = len(command.name.split())
        if command.name.split() == words[:size]:
            return command, size
    return None
