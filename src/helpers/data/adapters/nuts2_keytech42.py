"""Patents of European NUTS-2 regions in 42 green and digital technologies, with the published RCA and
complexity (folder ``patents_nuts2_keytech42/``: CEPS/Balland's smart specialisation pages).

Input layout (one row per region and technology)::

    region,technology,transition,patents,rca,complexity,source_repo,source_path,source_commit

Output: ``published_regional`` rows (study ``ceps_keytech42``), the transition as ``digital`` or
``green``, the page as ``<repo>/<path>@<commit>``. Checks, each stopping the build with one line
naming the file, the line and what to do: an unknown NUTS code, a duplicate region x technology, a
negative or non-numeric count, RCA or complexity, a complexity outside 0-100 or different between
two regions for the same technology, an RCA above 0 without patents (or patents without RCA), an
unknown transition.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from helpers.data.adapters import (AdapterResult, InputFile, Progress, _quiet, check_duplicates, check_not_empty, file_line, ignored_columns_note, read_csv_raw,
                                   single_file, to_number)
from helpers.data.regions import describe_region
from helpers.errors import InputError

NAME = "nuts2_keytech42"
ALIASES = ("regional_patents", "keytech42")
FOLDER = "patents_nuts2_keytech42"
FILES = (f"{FOLDER}/nuts2_keytech42.csv",)
STUDY = "ceps_keytech42"
SOURCE = ("Balland, CEPS, smart specialisation opportunities of European regions in green and digital technologies; values inlined "
          "in the interactive pages of the public repository PABalland/PABalland.github.io; no licence stated: cite the study.")
DOWNLOAD = ("The pages ceps/data-science/ideas-lab/3-smart-eu/3-smart-<region>.html of the GitHub repository "
            "PABalland/PABalland.github.io, transcribed to the long layout in the module documentation (see the folder's README).")
COLUMNS = ["region", "technology", "transition", "patents", "rca", "complexity", "source_repo", "source_path", "source_commit"]
TRANSITIONS = {"Digital transition": "digital", "Green transition": "green"}


def _fail_at(mask: pd.Series, label: str, message: str) -> None:
    if mask.any():
        pos = int(np.flatnonzero(mask.to_numpy())[0])
        raise InputError(f"{label}: {message.format(line=file_line(mask, pos), n=int(mask.sum()))}")


def load(path: Path, *, label: str | None = None, progress: Progress = _quiet) -> AdapterResult:
    """Read the region x technology file into ``published_regional`` rows (see the module doc)."""
    path = Path(path)
    label = label or str(path)
    progress(f"nuts2_keytech42: reading {label}")
    df = read_csv_raw(path, COLUMNS, label=label, ignore_extra=True)
    check_not_empty(df, label)
    region = df["region"].str.strip().str.upper()
    levels = {code: (describe_region(code) or {}).get("level") for code in region.unique()}
    bad = region.map(lambda c: levels.get(c) != "nuts2")
    if bad.any():
        pos = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(f"{label}: unknown region code {df['region'].iloc[pos]!r} in column 'region' at line {file_line(df, pos)} "
                         f"({int(bad.sum())} such rows); use a NUTS-2 code such as BE21")
    patents = to_number(df, "patents", label, nonnegative=True, what="patent count")
    rca = to_number(df, "rca", label, nonnegative=True, what="RCA")
    complexity = to_number(df, "complexity", label, nonnegative=True, what="complexity")
    _fail_at(complexity > 100, label, "column 'complexity' is above 100 at line {line}; the study's complexity runs from 0 to 100")
    _fail_at((rca > 0) & (patents == 0), label, "an RCA above 0 without patents at line {line} ({n} such rows); RCA needs patents: fix the row")
    _fail_at((rca == 0) & (patents > 0), label, "patents without an RCA at line {line} ({n} such rows); a region with patents has an RCA above 0: fix the row")
    transition = df["transition"].str.strip().map(TRANSITIONS)
    _fail_at(transition.isna(), label, "unknown transition at line {line}; use 'Digital transition' or 'Green transition'")
    tech = df["technology"].str.strip()
    _fail_at(tech.eq(""), label, "empty technology name at line {line}")
    work = pd.DataFrame({"study": STUDY, "region": region, "technology": tech, "transition": transition, "patents": patents, "rca": rca,
                         "complexity": complexity, "page": df["source_repo"].str.strip() + "/" + df["source_path"].str.strip() + "@" +
                         df["source_commit"].str.strip()})
    check_duplicates(work, ["region", "technology"], label)
    spread = work.groupby("technology")["complexity"].transform(lambda s: s.max() - s.min())
    _fail_at(spread > 0, label, "the complexity of the technology at line {line} differs between regions; it is a property of the technology: fix the rows")
    res = AdapterResult(adapter=NAME)
    res.tables["published_regional"] = work
    res.notes += ignored_columns_note(df, label)
    res.inputs.append(InputFile(path=path, adapter=NAME, rows_read=len(df)))
    res.notes.append(f"{label}: {len(df)} rows, {work['region'].nunique()} regions, {work['technology'].nunique()} technologies, "
                     f"{patents.sum():,.0f} patents")
    progress(f"nuts2_keytech42: {len(work)} rows")
    return res


detect, load_from_raw = single_file(FILES[0], load)
