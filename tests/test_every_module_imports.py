"""Every module of mod4 imports on its own: an annotation that names a type only the type checker
imports (kept out of start-up on purpose) fails here, not in a student's terminal."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import mod4cli

MODULES = sorted(
    name
    for _, name, _ in pkgutil.walk_packages(mod4cli.__path__, "mod4cli.")
    if not name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_the_module_imports(name: str) -> None:
    importlib.import_module(name)
