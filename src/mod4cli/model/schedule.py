"""The module's schedule as immutable values: sessions, deliverables, coaching, contacts.

load/schedule_file.py reads and validates a file into these values.
"""

from bisect import bisect_left, bisect_right
from datetime import date, time
from typing import NamedTuple
from zoneinfo import ZoneInfo

SCHEMA = 1
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # index = datetime.weekday()
KINDS = ("workshop", "panel", "interviews", "group", "office-hours", "work-time")
DEFAULT_STAGES = ("not-started", "done")
# Where a fact comes from: the module's page, the other pages of its site, the cohort's own
# calendar (a cohort file), or a default of the schedule's authors that a cohort file replaces.
SOURCES = ("page", "site", "cohort", "default")
DEFAULT_PARTS = ("day", "time")  # the parts of a when that can be a cohort default
# The site of the Mod 4 page: relative links of a schedule that names no `site` belong to it.
DEFAULT_SITE = "https://careerdev.turing.edu"


class Session(NamedTuple):
    """One occurrence of a session in one module week, in campus wall-clock time."""

    id: str
    title: str
    kind: str
    week: int
    day: int  # 0 = Monday
    start: time
    end: time
    required: bool = True
    link: str | None = None  # a full URL (relative links are resolved against the module's site)
    notes: str | None = None
    defaults: tuple[str, ...] = ()  # "day", "time": what no source gives, a cohort default
    source: str | None = None  # one of SOURCES: where its facts come from
    topic: str | None = None
    topics: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    checklist: tuple[str, ...] = ()
    where: str = ""  # its location in the schedule file, for messages

    @property
    def cohort_default(self) -> bool:
        """Whether its day or time is a default that the cohort's calendar may replace."""
        return bool(self.defaults)

    @property
    def topic_text(self) -> str | None:
        """The panel's topic when the cohort set one, else the possible ones, as a line of text."""
        if self.topic:
            return f"Topic: {self.topic}"
        if self.topics:
            return "Topic, one of: " + "; ".join(self.topics)
        return None

    @property
    def is_work_time(self) -> bool:
        """PD work time: the preferred place for interviews, not a session to avoid."""
        return self.kind == "work-time"


class DuePoint(NamedTuple):
    """A deadline in module terms: week, weekday and campus time (`defaults`: its cohort defaults)."""

    week: int
    day: int
    time: time
    defaults: tuple[str, ...] = ()


class Item(NamedTuple):
    """One deliverable item a student records progress on."""

    id: str
    title: str
    deliverable: str
    due: DuePoint
    stages: tuple[str, ...] = DEFAULT_STAGES
    link: str | None = None
    notes: str | None = None

    @property
    def final_stage(self) -> str:
        """The stage that means the item is complete."""
        return self.stages[-1]

    @property
    def steps(self) -> int:
        """How many steps lead from its first stage to its final one."""
        return len(self.stages) - 1

    def step_of(self, stage: str) -> int:
        """How many steps from its first stage `stage` is: review requested is 1 of 2."""
        return self.stages.index(stage)


class Deliverable(NamedTuple):
    """A deliverable: a title, a due point and its items."""

    id: str
    title: str
    due: DuePoint
    items: tuple[Item, ...]


class WeekPlan(NamedTuple):
    """A week's focus and suggested action items; tips are suggestions that no source makes."""

    number: int
    focus: str | None
    actions: tuple[str, ...]
    tips: tuple[str, ...] = ()
    source: str | None = None


class Specialist(NamedTuple):
    """A career specialist and their bookable hours (campus time)."""

    name: str
    days: tuple[int, ...]
    start: time
    end: time


class Coaching(NamedTuple):
    """The 1:1 coaching rules."""

    minutes: int = 30
    per_week: int = 1
    how: str | None = None
    topics: tuple[str, ...] = ()
    specialists: tuple[Specialist, ...] = ()


class Contact(NamedTuple):
    """Whom to tell what, and where."""

    topic: str
    when: str
    where: str
    how: str
    to: tuple[str, ...]


class Repeating(NamedTuple):
    """What changes for a student repeating the module."""

    optional_kinds: tuple[str, ...] = ()
    action: str | None = None


class Module(NamedTuple):
    """The module as a whole."""

    title: str
    weeks: int
    timezone: str
    class_start: time
    class_end: time
    start: date | None = None
    source: str | None = None
    learning_goals: str | None = None  # a full URL, like every link of the model
    note: str | None = None
    rule: str | None = None
    site: str | None = None  # the site the page's relative links belong to
    overview: str | None = None
    groups_overview: str | None = None  # the discussion groups' overview page (URL)

    @property
    def zone(self) -> ZoneInfo:
        """The campus time zone."""
        return ZoneInfo(self.timezone)


class Schedule(NamedTuple):
    """A whole, valid schedule. Sessions are one per week, sorted by when they happen."""

    path: str
    module: Module
    sessions: tuple[Session, ...]
    weeks: tuple[WeekPlan, ...] = ()
    deliverables: tuple[Deliverable, ...] = ()
    coaching: Coaching = Coaching()
    contacts: tuple[Contact, ...] = ()
    repeating: Repeating = Repeating()

    @property
    def items(self) -> tuple[Item, ...]:
        """Every deliverable item, in the order of the file."""
        return tuple(item for d in self.deliverables for item in d.items)

    def item(self, item_id: str) -> Item | None:
        """The item with this id, if any."""
        return next((i for i in self.items if i.id == item_id), None)

    def week_plan(self, number: int) -> WeekPlan | None:
        """The action items of one week, if the file has them."""
        return next((w for w in self.weeks if w.number == number), None)

    def sessions_in(self, week: int) -> tuple[Session, ...]:
        """The sessions of one module week, in order (sessions are sorted by week)."""
        first = bisect_left(self.sessions, week, key=lambda s: s.week)
        last = bisect_right(self.sessions, week, key=lambda s: s.week)
        return self.sessions[first:last]
