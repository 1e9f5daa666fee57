"""The package layout shows the architecture, and imports run one way: data / methods -> charts -> chapters -> book.

``helpers.errors`` (the one-line input error) and ``helpers.i18n`` (labels and translations, used by
every layer that writes text a reader sees) are shared bases. ``data`` and ``methods`` import nothing
of the other layers; a lower layer never imports a higher one (imports inside functions included).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

SRC = ROOT / "src" / "helpers"
LAYERS = ("data", "methods", "charts", "chapters", "book")
#: a module longer than this is split by concern
MAX_MODULE_LINES = 600
#: layer -> the parts of helpers it may import (besides itself)
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "i18n": {"errors"},
    "data": {"errors"},
    "methods": {"errors"},
    "charts": {"errors", "i18n", "methods"},
    "chapters": {"errors", "i18n", "data", "methods", "charts"},
    "book": {"errors", "i18n", "data", "methods", "charts", "chapters"},
    "cli": {"errors"},
}


def _part(module: str) -> str | None:
    """``helpers.data.canonical`` -> ``data``; ``helpers`` itself -> None."""
    parts = module.split(".")
    if parts[0] != "helpers" or len(parts) == 1:
        return None
    return parts[1]


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every ``helpers.*`` module that ``path`` imports, anywhere in the file (line, module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("helpers")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module.startswith("helpers"):
            if node.module == "helpers":  # from helpers import data -> helpers.data
                found += [(node.lineno, f"helpers.{a.name}") for a in node.names]
            else:
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.ImportFrom) and node.level:
            found.append((node.lineno, "<relative import>"))
    return found


def _layer(path: Path) -> str:
    rel = path.relative_to(SRC)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def test_the_tree_shows_the_layers():
    for layer in LAYERS:
        assert (SRC / layer / "__init__.py").is_file(), layer
    flat = sorted(p.name for p in SRC.glob("*.py"))
    assert flat == ["__init__.py", "cli.py", "errors.py"], f"modules outside the layer packages: {flat}"
    assert (SRC / "i18n" / "__init__.py").is_file()
    # each subcommand sits next to its concern
    for cli in ("data/cli.py", "methods/cli.py", "book/cli.py"):
        assert (SRC / cli).is_file(), cli


def test_imports_run_one_way():
    bad = []
    for path in sorted(SRC.rglob("*.py")):
        layer = _layer(path)
        if layer == "__init__":
            continue
        for line, module in _imports(path):
            if module == "<relative import>":
                bad.append(f"{path.relative_to(SRC)}:{line}: relative import (use helpers.<layer>...)")
                continue
            target = _part(module)
            if target is None or target == layer:
                continue
            if target not in ALLOWED[layer]:
                bad.append(f"{path.relative_to(SRC)}:{line}: {layer} imports {module}")
    assert bad == []


def test_the_import_walker_sees_violations(tmp_path):
    sample = tmp_path / "m.py"
    sample.write_text("def f():\n    from helpers.book import publish\nfrom helpers import chapters\nimport helpers.data.canonical\n")
    assert [m for _, m in _imports(sample)] == ["helpers.book", "helpers.chapters", "helpers.data.canonical"] or \
        sorted(m for _, m in _imports(sample)) == ["helpers.book", "helpers.chapters", "helpers.data.canonical"]
    assert "book" not in ALLOWED["chapters"] and "chapters" not in ALLOWED["charts"]
    assert ALLOWED["data"] == ALLOWED["methods"] == {"errors"}


@pytest.mark.parametrize("layer", ["data", "methods"])
def test_lower_layers_import_alone(layer):
    """Importing data or methods in a fresh interpreter loads no module of another layer."""
    import subprocess
    import sys

    code = (f"import sys, importlib, pkgutil, helpers.{layer} as pkg\n"
            f"for m in pkgutil.walk_packages(pkg.__path__, 'helpers.{layer}.'):\n    importlib.import_module(m.name)\n"
            "print(sorted({n.split('.')[1] for n in sys.modules if n.startswith('helpers.')}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert set(ast.literal_eval(out.strip())) <= {layer, "errors"}, out


def test_modules_stay_small():
    long = {str(p.relative_to(SRC)): n for p in sorted(SRC.rglob("*.py")) if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}, f"split these modules by concern: {long}"
