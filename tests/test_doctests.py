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
