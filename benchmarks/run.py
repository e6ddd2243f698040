"""mod4's speed and memory, measured as a student meets them: whole processes.

    python benchmarks/run.py [--runs N] [--quick] [--clock wall|cpu] [--calendar FILE] [--json FILE]

Uses the Python it runs with and the `mod4` installed beside it (install the project first,
not in editable mode: an editable install's import hook slows every import). Each figure is
the median of N paired, interleaved runs, so a slow moment of the machine hits every command
alike; ratios are to `python -c pass` in the same environment. Peak memory is the child's
maximum resident set size. Nothing here touches the real user folders: MOD4_HOME is unset and
XDG_DATA_HOME / XDG_CACHE_HOME point into a temporary folder, so platformdirs is exercised
as it is for a student.

Budgets:
- start-up: check-conflict --json within 6x `python -c pass`; week 3, todo and status within
  10x, and within 1.15x of the argparse + Rich floor app (benchmarks/floor_app.py);
- check-conflict on a 10,000-session schedule within 2x of the bundled one;
- a followed calendar of 4,778 events (years of a student's life, as Google exports them):
  status, week and check-conflict from the unchanged copy (warm) within 10x `python -c pass`;
  check-conflict --ics on that file (cold) within 0.35x of `icalendar.Calendar.from_ical` of it;
- how the cold read and the plain parse grow, from 100 to 50,000 events.
`--calendar FILE` measures a real export too (cold and warm), beside the generated one.
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
HISTORY_EVENTS = 4_778  # the real Google export students' calendars look like
GROWTH = [100, 1_000, 5_000, 20_000, 50_000]
FLOOR = "floor app (argparse + Rich), week 3"
CLOCK = "ms"  # what ratios and budgets compare: "ms" (wall) or "cpu_ms" (--clock cpu)

sys.path.insert(0, str(HERE))
from generate import write_history, write_schedule  # noqa: E402


def measure(commands: dict[str, list[str]], env: dict[str, str], runs: int) -> dict[str, dict[str, float]]:
    """Median wall and CPU time (ms) and peak RSS (MB) of each command, over interleaved runs.

    CPU time (user + system, the kernel's own count for the child) is printed beside the wall
    time: on a busy machine the wall time waits for other work, the CPU time much less.
    """
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, float] = dict.fromkeys(commands, 0.0)
    for argv in commands.values():  # warm caches (the parsed-schedule and busy-time caches among them)
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    for _ in range(runs):
        for name, argv in commands.items():
            start = time.perf_counter()
            proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, _, usage = os.wait4(proc.pid, 0)
            times[name].append((time.perf_counter() - start) * 1000)
            cpu[name].append((usage.ru_utime + usage.ru_stime) * 1000)
            peaks[name] = max(peaks[name], usage.ru_maxrss / 1024)
    median = statistics.median
    return {n: {"ms": median(times[n]), "cpu_ms": median(cpu[n]), "peak_mb": peaks[n]} for n in commands}


def print_table(title: str, rows: dict[str, dict[str, float]], base: str, extra: str | None = None) -> None:
    print(f"\n{title}")
    header = f"  {'command':52} {'median ms':>9} {'x ' + base[:22]:>24}"
    if extra:
        header += f" {'x ' + extra[:22]:>24}"
    print(header + f" {'cpu ms':>8} {'peak MB':>8}")
    for name, row in rows.items():
        line = f"  {name:52} {row['ms']:9.1f} {row[CLOCK] / rows[base][CLOCK]:24.2f}"
        if extra:
            line += f" {row[CLOCK] / rows[extra][CLOCK]:24.2f}"
        print(line + f" {row.get('cpu_ms', 0.0):8.1f} {row['peak_mb']:8.1f}")


def verdict(label: str, value: float, limit: float) -> dict[str, object]:
    ok = value <= limit
    print(f"  {'PASS' if ok else 'MISS'}  {label}: {value:.2f} (budget {limit})")
    return {"what": label, "value": round(value, 3), "budget": limit, "ok": ok}


def plain_parse(path: Path) -> list[str]:
    """The command that parses a calendar file with icalendar and nothing else: the yardstick."""
    code = f"import icalendar; icalendar.Calendar.from_ical(open({str(path)!r}, 'rb').read())"
    return [PY, "-c", code]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="paired runs per command (default 21)")
    parser.add_argument("--quick", action="store_true", help="fewer runs, smaller growth table")
    parser.add_argument("--calendar", help="a real calendar export to measure too (not kept anywhere)")
    parser.add_argument("--json", default=str(HERE / "results.json"), help="where to write the figures")
    parser.add_argument(
        "--clock",
        choices=("wall", "cpu"),
        default="wall",
        help="what ratios and budgets compare: wall time (default; what a student waits) or CPU time "
        "(user + system: steadier when other work shares the machine)",
    )
    args = parser.parse_args()
    global CLOCK
    CLOCK = "cpu_ms" if args.clock == "cpu" else "ms"
    runs = 7 if args.quick else args.runs

    work = Path(tempfile.mkdtemp(prefix="mod4-bench-"))
    env = {**os.environ, "XDG_DATA_HOME": str(work / "data"), "XDG_CACHE_HOME": str(work / "cache"),
           "COLUMNS": "80", "NO_COLOR": "1", "MOD4_NOW": "2027-01-20T09:00"}  # fmt: skip
    for name in ("MOD4_HOME", "MOD4_SCHEDULE"):
        env.pop(name, None)
    subprocess.run([MOD4, "init", "--start", "2027-01-04"], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([MOD4, "done", "resume"], env=env, check=True, stdout=subprocess.DEVNULL)
    results: dict[str, object] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "runs": runs,
        "clock": args.clock,
    }
    print(f"mod4 benchmarks · {results['machine']} · Python {results['python']} · {runs} paired runs"
          f" · ratios of {args.clock} time")  # fmt: skip
    checks: list[dict[str, object]] = []
    results["startup"] = startup(env, runs, checks)
    results["scale"] = scale(work, env, runs, checks)
    results["calendar"] = calendars(work, env, runs, checks, args.calendar)
    results["calendar_growth"] = calendar_growth(work, env, GROWTH[:3] if args.quick else GROWTH)
    results["conflict_growth"] = conflict_growth([1_000, 10_000] if args.quick else [1_000, 10_000, 100_000])
    results["checks"] = checks
    Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwrote {args.json}")


def startup(env: dict[str, str], runs: int, checks: list[dict[str, object]]) -> dict[str, dict[str, float]]:
    """The everyday commands on the bundled schedule, against `python -c pass` and the floor app."""
    bundled = ROOT / "data" / "schedule.toml"
    when = "week 3 wed 13:15"
    rows = measure(
        {
            "python -c pass": [PY, "-c", "pass"],
            FLOOR: [PY, str(HERE / "floor_app.py"), "3", "--schedule", str(bundled)],
            f'mod4 check-conflict "{when}" --json': [MOD4, "check-conflict", when, "--json"],
            f'mod4 check-conflict "{when}"': [MOD4, "check-conflict", when],
            "mod4 week 3": [MOD4, "week", "3"],
            "mod4 todo": [MOD4, "todo"],
            "mod4 status": [MOD4, "status"],
        },
        env,
        runs,
    )  # fmt: skip
    print_table("Start-up (bundled schedule)", rows, "python -c pass", FLOOR)
    base = rows["python -c pass"][CLOCK]
    floor = rows[FLOOR][CLOCK]
    answer = rows[f'mod4 check-conflict "{when}" --json'][CLOCK]
    checks.append(verdict("check-conflict --json / python -c pass", answer / base, 6))
    for name in ("mod4 week 3", "mod4 todo", "mod4 status"):
        checks.append(verdict(f"{name} / python -c pass", rows[name][CLOCK] / base, 10))
        checks.append(verdict(f"{name} / floor app", rows[name][CLOCK] / floor, 1.15))
    return rows


def scale(
    work: Path, env: dict[str, str], runs: int, checks: list[dict[str, object]]
) -> dict[str, dict[str, float]]:
    """A 10,000-session schedule, through the parsed-schedule cache."""
    big = work / "big.toml"
    write_schedule(big, 10_000, start="2027-01-04")
    bundled_cmd = [MOD4, "check-conflict", "week 3 wed 13:15", "--json"]
    rows = measure(
        {
            "check-conflict, bundled schedule": bundled_cmd,
            "check-conflict, 10,000 sessions": [MOD4, "--schedule", str(big), *bundled_cmd[1:]],
        },
        env,
        runs,
    )
    print_table("Scale", rows, "check-conflict, bundled schedule")
    ratio = rows["check-conflict, 10,000 sessions"][CLOCK] / rows["check-conflict, bundled schedule"][CLOCK]
    checks.append(verdict("10,000 sessions / bundled", ratio, 2))
    return rows


def calendars(
    work: Path, env: dict[str, str], runs: int, checks: list[dict[str, object]], real: str | None
) -> dict[str, dict[str, float]]:
    """Years of a student's calendar: read cold (check-conflict --ics) and warm (a followed copy)."""
    history = work / "history.ics"
    write_history(history, HISTORY_EVENTS, first="2027-01-04")
    sources = {"generated 4,778 events": history}
    if real:
        sources["real export"] = Path(real)
    rows: dict[str, dict[str, float]] = {}
    for label, path in sources.items():
        home = work / f"home-{len(rows)}"
        followed = {**env, "MOD4_HOME": str(home)}
        subprocess.run(
            [MOD4, "init", "--start", "2027-01-04"], env=followed, check=True, stdout=subprocess.DEVNULL
        )
        subprocess.run([MOD4, "calendar", "add", str(path), "--name", "mine"], env=followed, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        plain_name, cold_name = f"icalendar.Calendar.from_ical ({label})", f"mod4 --ics, cold ({label})"
        cold = measure(
            {
                f"python -c pass ({label})": [PY, "-c", "pass"],
                plain_name: plain_parse(path),
                cold_name: [MOD4, "check-conflict", "--ics", str(path), "--json"],
            },
            env,
            max(3, runs // 3),
        )
        base_name = f"python -c pass, warm ({label})"
        warm = measure(
            {
                base_name: [PY, "-c", "pass"],
                f"mod4 status, warm ({label})": [MOD4, "status"],
                f"mod4 week 3, warm ({label})": [MOD4, "week", "3"],
                f"mod4 check-conflict, warm ({label})": [MOD4, "check-conflict", "week 3 wed 13:15"],
            },
            followed,
            runs,
        )
        size = path.stat().st_size / 2**20
        print_table(f"A calendar of years, read cold ({label}: {size:.1f} MB)", cold, plain_name)
        print_table(f"A followed calendar, read warm ({label})", warm, base_name)
        ratio = cold[cold_name][CLOCK] / cold[plain_name][CLOCK]
        checks.append(verdict(f"--ics cold / plain parse ({label})", ratio, 0.35))
        base = warm[base_name][CLOCK]
        for name in ("status", "week 3", "check-conflict"):
            ratio = warm[f"mod4 {name}, warm ({label})"][CLOCK] / base
            checks.append(verdict(f"{name} warm / python -c pass ({label})", ratio, 10))
        rows.update(cold)
        rows.update(warm)
    return rows


def calendar_growth(work: Path, env: dict[str, str], sizes: list[int]) -> list[dict[str, float]]:
    """How the cold read and the plain parse grow with the calendar, 3 runs each."""
    print("\nCalendar growth (cold: check-conflict --ics; plain: icalendar.Calendar.from_ical)")
    print(f"  {'events':>8} {'MB':>6} {'plain ms':>10} {'mod4 ms':>10} {'mod4 / plain':>13}")
    rows = []
    for n in sizes:
        path = work / f"growth-{n}.ics"
        write_history(path, n, first="2027-01-04", years=max(1, n // 600))
        got = measure(
            {"plain": plain_parse(path), "mod4": [MOD4, "check-conflict", "--ics", str(path), "--json"]},
            env,
            3,
        )
        size = path.stat().st_size / 2**20
        ratio = got["mod4"][CLOCK] / got["plain"][CLOCK]
        print(f"  {n:>8,} {size:6.1f} {got['plain']['ms']:10.0f} {got['mod4']['ms']:10.0f} {ratio:13.2f}")
        rows.append({"events": n, "mb": round(size, 2), "plain_ms": round(got["plain"]["ms"]),
                     "mod4_ms": round(got["mod4"]["ms"]), "ratio": round(ratio, 3)})  # fmt: skip
    return rows


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
        timeline = Timeline(datetime(2027, 1, 4).date(), True, ZoneInfo("America/Denver"), weeks)
        occs = []
        for i in range(n):
            week, day, slot = i // 50 + 1, (i // 10) % 5, i % 10
            start = clock(8 + slot // 2 * 1, 30 * (slot % 2))
            s = Session(
                id=f"s{i}", title="S", kind="workshop", week=week, day=day, start=start,
                end=clock(start.hour, start.minute + 20),
            )  # fmt: skip
            occs.append(
                Occurrence(
                    session=s,
                    start=timeline.at(week, day, s.start).astimezone(UTC),
                    end=timeline.at(week, day, s.end).astimezone(UTC),
                    required=True,
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
