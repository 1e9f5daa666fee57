"""Quadrant keys: helpers.methods.quadrant_rules.QUADRANTS is the one vocabulary (optimal, moonshot, low_risk, low_priority)."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pandas as pd

from helpers.charts import quadrants as quadrant_charts
from helpers.charts import style as chart_style
from helpers.methods import quadrants as quadrant_rules
from helpers.chapters import technologies as technology
from helpers.chapters.framework import classify_technologies
from helpers.i18n import LABELS

ROOT = Path(__file__).resolve().parents[1]
KEYS = set(quadrant_rules.QUADRANTS)
#: Not a quadrant: the colour/label of a row without a technology measure (a sector).
NO_QUADRANT = "none"


def _string_collections(tree: ast.AST):
    """Every literal collection of strings: list/tuple/set elements, dict keys, dict values."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            yield node.lineno, node.elts
        elif isinstance(node, ast.Dict):
            yield node.lineno, [k for k in node.keys if k is not None]
            yield node.lineno, node.values


def _unknown_quadrant_keys(source: str) -> list[tuple[int, list[str]]]:
    """Literal collections naming at least two quadrant keys that also hold a string that is none."""
    bad = []
    for line, elts in _string_collections(ast.parse(source)):
        strings = [e.value for e in elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if len(set(strings) & KEYS) >= 2:
            other = sorted(set(strings) - KEYS - {NO_QUADRANT})
            if other:
                bad.append((line, other))
    return bad


def test_metrics_quadrant_keys():
    assert list(quadrant_rules.QUADRANTS) == ["optimal", "moonshot", "low_risk", "low_priority"]


def test_quadrant_keys_in_the_code_exist_in_metrics():
    sources = {path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8") for path in sorted((ROOT / "src" / "helpers").rglob("*.py"))}
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for i, cell in enumerate(cells):
            if cell["cell_type"] == "code":
                code = "\n".join(line for line in "".join(cell["source"]).splitlines() if not line.lstrip().startswith(("%", "!")))
                sources[f"{path.relative_to(ROOT).as_posix()} cell {i}"] = code
    found = {name: _unknown_quadrant_keys(code) for name, code in sources.items()}
    assert {name: bad for name, bad in found.items() if bad} == {}
    # the check sees the modules that use quadrant keys
    for prefix in ("src/helpers/charts", "src/helpers/chapters/technologies", "src/helpers/chapters/framework", "src/helpers/methods"):
        assert any(key in code for name, code in sources.items() if name.startswith(prefix) for key in KEYS), prefix
    assert _unknown_quadrant_keys('{(1, 1): "optimal", (0, 1): "moonshot", (1, 0): "incremental"}') == [(1, ["incremental"])]


def test_chart_and_technology_tables_use_the_metrics_keys():
    assert set(chart_style.QUADRANT_COLOURS) == KEYS | {NO_QUADRANT}
    assert set(quadrant_charts._QUADRANT_CORNERS) == KEYS
    for key, (horizontal, vertical) in quadrant_charts._QUADRANT_CORNERS.items():
        assert quadrant_rules.QUADRANTS[key]["position"] == f"{vertical} {horizontal}", key
    assert technology.QUADRANT_ORDER == tuple(quadrant_rules.QUADRANTS)
    for key in KEYS:
        for prefix in ("quadrant_", "quadrant_legend_", "quadrant_short_"):
            assert prefix + key in LABELS, prefix + key


def test_framework_quadrants_are_metrics_keys():
    tech = pd.DataFrame({
        "technology": ["tr", "tl", "br", "bl"],
        "rca_investments": [1.0] * 4, "rca_patents": [1.0] * 4, "rca_publications": [1.0] * 4,
        "density": [40.0, 10.0, 40.0, 10.0],
        "complexity": [0.9, 0.9, 0.1, 0.1],
    })
    out = classify_technologies(tech).set_index("technology")["quadrant"]
    assert out.to_dict() == {"tr": "optimal", "tl": "moonshot", "br": "low_risk", "bl": "low_priority"}
    for key in out:
        assert quadrant_rules.QUADRANTS[key]["position"] == {"optimal": "top right", "moonshot": "top left",
                                                      "low_risk": "bottom right", "low_priority": "bottom left"}[key]
