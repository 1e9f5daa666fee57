"""The worked examples in the docstrings of the measures run and give what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

#: every measure module carries at least one runnable example
MEASURES = ["specialisation", "density", "relatedness", "complexity", "fitness", "quadrants", "coverage", "composite", "impact", "aggregation", "robustness", "batched"]


@pytest.mark.parametrize("name", MEASURES)
def test_docstring_examples(name: str):
    module = importlib.import_module(f"helpers.methods.{name}")
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS, verbose=False)
    assert result.attempted > 0, f"helpers.methods.{name} has no example in its docstrings"
    assert result.failed == 0


def _modules_with_examples() -> list[str]:
    """Every other module of the package whose docstrings hold an example (``>>>``)."""
    from pathlib import Path

    import helpers

    root = Path(helpers.__file__).parent
    names = []
    for path in sorted(root.rglob("*.py")):
        name = "helpers." + ".".join(path.relative_to(root).with_suffix("").parts)
        if name.endswith(".__init__"):
            name = name[: -len(".__init__")]
        if not name.startswith("helpers.methods.") and ">>> " in path.read_text(encoding="utf-8"):
            names.append(name)
    return names


@pytest.mark.parametrize("name", _modules_with_examples())
def test_other_docstring_examples(name: str):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples fail"
