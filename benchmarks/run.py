"""mod4's speed and memory, measured as a student meets them: whole processes.

    python benchmarks/run.py [--runs N] [--quick] [--json FILE]

Uses the Python it runs with and the `mod4` installed beside it (install the project first,
not in editable mode: an editable install's import hook slows every import). Each figure is
the median of N paired, interleaved runs, so a slow moment of the machine hits every command
alike; ratios are to `python -c pass` in the same environment. Peak memory is the child's
maximum resident set size. Nothing here touches the real user folders: MOD4_HOME is unset and
XDG_DATA_HOME / XDG_CACHE_HOME point into a temporary folder, so platformdirs is exercised
as it is for a student.

Budgets (issue 5): check-conflict --json within 6x; week 3, todo and status within 10x and
within 1.15x of the argparse + Rich floor app (benchmarks/floor_app.py); check-conflict on a
10,000-session schedule within 2x of the bundled one; --ics on a 5,000-event calendar within
1.5x of icalendar parsing plus recurrence expansion of that file alone.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
MOD4 = str(BIN / "mod4")
PY = sys.executable

sys.path.insert(0, str(HERE))
from generate import write_calendar, write_schedule  # noqa: E402


def measure(commands: dict[str, list[str]], env: dict[str, str], runs: int) -> dict[str, dict[str, float]]:
    """Median wall time (ms) and peak RSS (MB) of each command, over interleaved runs."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, float] = dict.fromkeys(commands, 0.0)
    for argv in commands.values():  # warm caches (the parsed-schedule cache among them)
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    for _ in range(runs):
        for name, argv in commands.items():
            start = time.perf_counter()
            proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, _, usage = os.wait4(proc.pid, 0)
            times[name].append((time.perf_counter() - start) * 1000)
            peaks[name] = max(peaks[name], usage.ru_maxrss / 1024)
    return {name: {"ms": statistics.median(times[name]), "peak_mb": peaks[name]} for name in commands}


def print_table(title: str, rows: dict[str, dict[str, float]], base: str, extra: str | None = None) -> None:
    print(f"\n{title}")
    header = f"  {'command':44} {'median ms':>9} {'x ' + base:>12}"
    if extra:
        header += f" {'x ' + extra:>12}"
    print(header + f" {'peak MB':>8}")
    for name, row in rows.items():
        line = f"  {name:44} {row['ms']:9.1f} {row['ms'] / rows[base]['ms']:12.2f}"
        if extra:
            line += f" {row['ms'] / rows[extra]['ms']:12.2f}"
        print(line + f" {row['peak_mb']:8.1f}")


def verdict(label: str, value: float, limit: float) -> dict[str, object]:
    ok = value <= limit
    print(f"  {'PASS' if ok else 'MISS'}  {label}: {value:.2f} (budget {limit})")
    return {"what": label, "value": round(value, 3), "budget": limit, "ok": ok}


def ics_floor(path: Path, first: str, last: str) -> None:
    """The bare cost of reading a calendar: icalendar parsing plus recurrence expansion."""
    code = (
        "import sys, datetime as d, icalendar, recurring_ical_events as r, x_wr_timezone as x\n"
        f"c = x.to_standard(icalendar.Calendar.from_ical(open({str(path)!r}, 'rb').read()))\n"
        f"list(r.of(c).between(d.date.fromisoformat({first!r}), d.date.fromisoformat({last!r})))\n"
    )
    Path(path.with_suffix(".floor.py")).write_text(code)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="paired runs per command (default 21)")
    parser.add_argument("--quick", action="store_true", help="fewer runs, smaller growth table")
    parser.add_argument("--json", default=str(HERE / "results.json"), help="where to write the figures")
    args = parser.parse_args()
    runs = 7 if args.quick else args.runs

    work = Path(tempfile.mkdtemp(prefix="mod4-bench-"))
    env = {**os.environ, "XDG_DATA_HOME": str(work / "data"), "XDG_CACHE_HOME": str(work / "cache"),
           "COLUMNS": "80", "NO_COLOR": "1", "MOD4_NOW": "2027-01-20T09:00"}  # fmt: skip
    for name in ("MOD4_HOME", "MOD4_SCHEDULE"):
        env.pop(name, None)
    subprocess.run([MOD4, "init", "--start", "2027-01-04"], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([MOD4, "done", "resume"], env=env, check=True, stdout=subprocess.DEVNULL)
    bundled = ROOT / "data" / "schedule.toml"
    results: dict[str, object] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "runs": runs,
    }

    print(f"mod4 benchmarks · {results['machine']} · Python {results['python']} · {runs} paired runs")
    startup = measure(
        {
            "python -c pass": [PY, "-c", "pass"],
            "floor app (argparse + Rich), week 3": [
                PY,
                str(HERE / "floor_app.py"),
                "3",
                "--schedule",
                str(bundled),
            ],
            'mod4 check-conflict "week 3 wed 13:15" --json': [
                MOD4,
                "check-conflict",
                "week 3 wed 13:15",
                "--json",
            ],
            'mod4 check-conflict "week 3 wed 13:15"': [MOD4, "check-conflict", "week 3 wed 13:15"],
            "mod4 week 3": [MOD4, "week", "3"],
            "mod4 todo": [MOD4, "todo"],
            "mod4 status": [MOD4, "status"],
        },
        env,
        runs,
    )
    print_table(
        "Start-up (bundled schedule)", startup, "python -c pass", "floor app (argparse + Rich), week 3"
    )
    base = startup["python -c pass"]["ms"]
    floor = startup["floor app (argparse + Rich), week 3"]["ms"]
    checks = [
        verdict(
            "check-conflict --json / python -c pass",
            startup['mod4 check-conflict "week 3 wed 13:15" --json']["ms"] / base,
            6,
        )
    ]
    for name in ("mod4 week 3", "mod4 todo", "mod4 status"):
        checks.append(verdict(f"{name} / python -c pass", startup[name]["ms"] / base, 10))
        checks.append(verdict(f"{name} / floor app", startup[name]["ms"] / floor, 1.15))

    # Scale: a 10,000-session schedule, through the parsed-schedule cache.
    big = work / "big.toml"
    write_schedule(big, 10_000, start="2027-01-04")
    scale = measure(
        {
            "check-conflict, bundled schedule": [MOD4, "check-conflict", "week 3 wed 13:15", "--json"],
            "check-conflict, 10,000 sessions": [
                MOD4,
                "--schedule",
                str(big),
                "check-conflict",
                "week 3 wed 13:15",
                "--json",
            ],
        },
        env,
        runs,
    )
    print_table("Scale", scale, "check-conflict, bundled schedule")
    checks.append(
        verdict(
            "10,000 sessions / bundled",
            scale["check-conflict, 10,000 sessions"]["ms"] / scale["check-conflict, bundled schedule"]["ms"],
            2,
        )
    )

    # A 5,000-event calendar with weekly recurrences against the bare library cost.
    ics = work / "calendar.ics"
    write_calendar(ics, 5_000, first="2027-01-04")
    ics_floor(ics, "2027-01-03", "2027-02-16")
    calendar = measure(
        {
            "icalendar parse + expansion alone": [PY, str(ics.with_suffix(".floor.py"))],
            "mod4 check-conflict --ics (5,000 events)": [MOD4, "check-conflict", "--ics", str(ics), "--json"],
        },
        env,
        max(3, runs // 3),
    )
    print_table("Calendar file", calendar, "icalendar parse + expansion alone")
    checks.append(
        verdict(
            "--ics / icalendar alone",
            calendar["mod4 check-conflict --ics (5,000 events)"]["ms"]
            / calendar["icalendar parse + expansion alone"]["ms"],
            1.5,
        )
    )

    growth = conflict_growth([1_000, 10_000] if args.quick else [1_000, 10_000, 100_000])
    results.update(
        {"startup": startup, "scale": scale, "calendar": calendar, "growth": growth, "checks": checks}
    )
    Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwrote {args.json}")


def conflict_growth(sizes: list[int]) -> list[dict[str, float]]:
    """Microseconds per overlap query against n sessions: sub-linear (bisect), not a scan."""
    from datetime import UTC, datetime, timedelta
    from datetime import time as clock
    from zoneinfo import ZoneInfo

    from mod4cli.model.schedule import Session
    from mod4cli.model.timeline import Occurrence, Timeline
    from mod4cli.plan.sessions import SessionIndex

    print("\nConflict query growth (in-process)")
    print(f"  {'sessions':>10} {'us / query':>11} {'us / query (linear scan)':>26}")
    rows = []
    for n in sizes:
        weeks = max(1, n // 50)
        cal = Timeline(datetime(2027, 1, 4).date(), True, ZoneInfo("America/Denver"), weeks)
        occs = []
        for i in range(n):
            week, day, slot = i // 50 + 1, (i // 10) % 5, i % 10
            start = clock(8 + slot // 2 * 1, 30 * (slot % 2))
            s = Session(
                f"s{i}", "S", "workshop", week, day, start, clock(start.hour, start.minute + 20), True
            )
            occs.append(
                Occurrence(
                    s,
                    cal.at(week, day, s.start).astimezone(UTC),
                    cal.at(week, day, s.end).astimezone(UTC),
                    True,
                )
            )
        index = SessionIndex(occs)
        probes = [occs[(i * 7919) % n].start + timedelta(minutes=5) for i in range(2000)]
        began = time.perf_counter()
        for p in probes:
            index.overlapping(p, p + timedelta(minutes=30))
        per_query = (time.perf_counter() - began) / len(probes) * 1e6
        began = time.perf_counter()
        for p in probes[:50]:
            [o for o in occs if o.start < p + timedelta(minutes=30) and p < o.end]
        per_scan = (time.perf_counter() - began) / 50 * 1e6
        print(f"  {n:>10,} {per_query:11.1f} {per_scan:26.1f}")
        rows.append(
            {"sessions": n, "us_per_query": round(per_query, 2), "us_per_linear_scan": round(per_scan, 1)}
        )
    return rows


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
