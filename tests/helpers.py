"""Helpers shared by test modules: schedules and state files written for a test."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import MINI_SCHEDULE


def toml_string(text: str) -> str:
    """`text` as a TOML basic string; control characters as \\uXXXX escapes (JSON's are TOML's)."""
    return json.dumps(text)


def mini_schedule(tmp_path: Path, *, start: str | None = None, talk_title: str = "Talk") -> Path:
    """The conftest mini schedule, its first session's title replaced, written to a new file."""
    text = MINI_SCHEDULE.replace("{start_line}", f"start = {start}" if start else "")
    text = text.replace('title = "Talk"', f"title = {toml_string(talk_title)}")
    path = tmp_path / f"mini-{len(list(tmp_path.glob('mini-*')))}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def many_items_schedule(tmp_path: Path, count: int) -> Path:
    """The mini schedule with `count` items (`item0`...), all due at the same time."""
    items = "".join(f'[[deliverable.item]]\nid = "item{n}"\ntitle = "Item {n}"\n' for n in range(count))
    text = MINI_SCHEDULE.replace("{start_line}", "").replace(
        '[[deliverable.item]]\nid = "cv"\ntitle = "CV"\n', items
    )
    path = tmp_path / f"items-{count}.toml"
    path.write_text(text)
    return path


def write_state(home: Path, text: str) -> Path:
    """A hand-written state file in `home` (created if needed)."""
    home.mkdir(parents=True, exist_ok=True)
    path = home / "state.toml"
    path.write_text(text, encoding="utf-8")
    return path
