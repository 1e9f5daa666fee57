"""The reproducibility record: the generated edition page of the book.

It lists the parameters used (marking command-line overrides), every input file with its
provenance, licence, size and SHA-256, the project's own data files, the package versions and the
git commit of the code. The same facts are published as CSV tables next to the others.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.book.edition import PROJECT_ROOT, Edition
from helpers.book.publish import table_html, write_csv

PACKAGES = ["helpers", "numpy", "pandas", "scipy", "altair", "vl-convert-python", "jupyter-book", "sphinx", "myst-nb",
            "papermill", "pydantic", "pyarrow", "duckdb", "pycountry", "django-static-mathjax"]


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def git_commit(root: Path = PROJECT_ROOT) -> str:
    """``<commit>`` or ``<commit>+dirty`` (uncommitted changes), or ``unknown`` outside git."""
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + ("+dirty" if dirty else "")


def package_versions() -> pd.DataFrame:
    rows = [{"package": "python", "version": platform.python_version()}]
    for name in PACKAGES:
        try:
            rows.append({"package": name, "version": metadata.version(name)})
        except metadata.PackageNotFoundError:
            rows.append({"package": name, "version": "not installed"})
    import altair

    rows.append({"package": "vega-lite (schema)", "version": altair.SCHEMA_VERSION})
    return pd.DataFrame(rows)


def parameter_table(edition: Edition, overrides: list[str]) -> pd.DataFrame:
    overridden = {pair.partition("=")[0].strip() for pair in overrides}
    flat: dict[str, Any] = {}
    for key, value in edition.model_dump(mode="json").items():
        if isinstance(value, dict) and key == "windows":
            for sub, window in value.items():
                flat[f"windows.{sub}"] = f"{window['start']}-{window['end']}"
        else:
            flat[key] = value
    return pd.DataFrame([
        {"parameter": k, "value": str(v), "set_by": "command line" if k in overridden or k.split(".")[0] in overridden else "edition file"}
        for k, v in flat.items()
    ])


def input_table(manifest: dict[str, Any]) -> pd.DataFrame:
    rows = []
    for item in manifest.get("inputs", []):
        rows.append({
            "file": item.get("path", ""), "adapter": item.get("adapter", ""), "rows": item.get("rows_read", item.get("rows")),
            "bytes": item.get("size"), "sha256": item.get("sha256", ""),
            "source and licence": item.get("source", "") + (f" Licence: {item['licence']}" if item.get("licence") else ""),
            "download": item.get("download", ""),
        })
    return pd.DataFrame(rows, columns=["file", "adapter", "rows", "bytes", "sha256", "source and licence", "download"])


def project_data_table(root: Path = PROJECT_ROOT / "data") -> pd.DataFrame:
    files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []
    return pd.DataFrame([{"file": str(p.relative_to(PROJECT_ROOT)), "bytes": p.stat().st_size, "sha256": sha256(p)} for p in files],
                        columns=["file", "bytes", "sha256"])


def write_pages(generated: Path, edition: Edition, edition_file: Path, overrides: list[str], manifest: dict[str, Any], tables_dir: Path) -> None:
    """Write ``generated/edition.md`` (and its tables) and ``generated/data_dictionary.md`` into the staged book."""
    generated.mkdir(parents=True, exist_ok=True)
    tables = {
        "edition_parameters": parameter_table(edition, overrides),
        "edition_inputs": input_table(manifest),
        "edition_project_data": project_data_table(),
        "edition_packages": package_versions(),
    }
    for name, df in tables.items():
        write_csv(df, tables_dir / f"{name}.csv")
    link = "../_static/tables/"
    commit = git_commit()
    built = build_time()
    lines = [
        f"# Editie {edition.edition} / Edition record",
        "",
        "Wat dit boek maakte: parameters, invoerbestanden, versies en code. "
        "What produced this book: parameters, input files, versions and code.",
        "",
        f"- **Edition file**: `{edition_file}`" + (f" with overrides `{' '.join(overrides)}`" if overrides else ""),
        f"- **Code commit**: `{commit}`",
        # the time is shown by CSS from an attribute, so that Sphinx's search index (which reads
        # the text) is the same for two builds of the same inputs; only this line of the page differs
        f'- **Built**: <span class="build-time" data-built="{html.escape(built)}"></span>',
        f"- **Raw data folder**: `{edition.data_dir}`",
        "",
        "## Parameters",
        "",
        _raw(table_html(tables["edition_parameters"], download=link + "edition_parameters.csv")),
        "## Input files / Invoerbestanden",
        "",
        "Each file the data layer read, with its source, licence and SHA-256 content hash.",
        "",
        _raw(table_html(tables["edition_inputs"], formats={"rows": ",d", "bytes": ",d"}, download=link + "edition_inputs.csv")),
        "## Project data / Projectdata",
        "",
        "Facts taken from the seed documents (each row cites its page or section), in the repository's `data/` folder.",
        "",
        _raw(table_html(tables["edition_project_data"], formats={"bytes": ",d"}, download=link + "edition_project_data.csv")),
        "## Software",
        "",
        _raw(table_html(tables["edition_packages"], download=link + "edition_packages.csv")),
        _raw("<style>.build-time::after{content:attr(data-built)}</style>"),
    ]
    (generated / "edition.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    from helpers.data.schema import data_dictionary_markdown

    (generated / "data_dictionary.md").write_text(data_dictionary_markdown(), encoding="utf-8")


def build_time() -> str:
    """When the book was built (UTC, to the minute): the one line of the edition page that differs
    between two builds of the same inputs; everything else on it is a fact about the inputs."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _raw(markup: str) -> str:
    return "```{raw} html\n" + markup + "\n```\n"
