"""``helpers metrics``: RCA, relatedness, density and complexity of a region x technology CSV.

Reads MATRIX.csv (first column region ids, then one column per technology, counts) and writes to
``--out`` DIR, with labels, sorted, at full precision (``%.17g``, byte-identical across runs):

* ``rca.csv``, ``rca_binary.csv``, ``density.csv`` - region x technology;
* ``cooccurrence.csv``, ``relatedness.csv`` - technology x technology (zero diagonal);
* ``complexity.csv`` - ``technology,value``.

Co-occurrence is the co-location of specialisations (``B^T B``) unless ``--documents`` gives a
documents CSV (``document,technology[,weight]``) for within-document co-occurrence. Formulas:
``book/annex_methods.en.md``; the functions: :mod:`helpers.methods`, :mod:`helpers.methods.relatedness`,
:mod:`helpers.methods.complexity`.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.methods.complexity import SCALES, complexity_eigenvector, complexity_reflections, scaling_exponent
from helpers.errors import InputError
from helpers.methods.density import relatedness_density
from helpers.methods.specialisation import binary_specialisation, rca
from helpers.methods.relatedness import RELATEDNESS_METHODS, colocation, column_cosine, cooccurrence, incidence_matrix, relatedness

NORMALISATIONS = (*RELATEDNESS_METHODS, "column-cosine")
COMPLEXITY_METHODS = ("eigenvector", "reflections", "scaling")
FLOAT_FORMAT = "%.17g"


def _read_header(path: Path) -> list[str]:
    if not path.is_file():
        raise InputError(f"{path}: file not found; give the path of an existing CSV file")
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            header = next(csv.reader(fh), None)
    except UnicodeDecodeError:
        raise InputError(f"{path}: not a UTF-8 text file; save it as CSV (UTF-8)") from None
    if not header:
        raise InputError(f"{path}: the file is empty; give a header line and one line per region")
    return [h.strip() for h in header]


def _read_table(path: Path, header: list[str]) -> pd.DataFrame:
    """The data rows as text, labelled by the line in the file where each starts (see :func:`_line`).

    pandas skips blank lines and a quoted value may hold a line break, so the n-th row is not always
    line n + 2: the csv module, which checks the field counts, also records where each record starts.
    A header that names a column twice stops here (pandas would rename one, ``table[name]`` would be
    ambiguous).
    """
    for j, name in enumerate(header):
        if name in header[:j]:
            raise InputError(f"{path}: header (line 1): column {name!r} occurs twice (columns {header.index(name) + 1} and {j + 1}); "
                             f"which one holds the values is ambiguous: rename or remove one of them")
    starts: list[int] = []
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh)
        next(reader, None)  # the header (line 1: _read_header fails on an empty first line)
        end = reader.line_num
        for fields in reader:
            start, end = end + 1, reader.line_num
            if fields and len(fields) != len(header):
                raise InputError(f"{path}: line {start} has {len(fields)} fields but the header has {len(header)}; not a valid CSV: give one value per column (quote labels that contain commas)")
            if fields:
                starts.append(start)
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig", skipinitialspace=True)
    except (pd.errors.ParserError, ValueError) as exc:
        raise InputError(f"{path}: not a valid CSV ({str(exc).splitlines()[0]}); every line needs as many fields as the header") from None
    table.columns = header
    # should pandas count the rows otherwise (a line of spaces in a one-column file), fall back to n + 2
    table.index = pd.Index(starts) if len(starts) == len(table) else pd.RangeIndex(2, len(table) + 2)
    return table


def _line(table: pd.DataFrame, i: int) -> int:
    """The line in the file of row ``i`` (a position) of a table read by :func:`_read_table`."""
    return int(table.index[i])


def _numbers(path: Path, table: pd.DataFrame, column: str, what: str) -> np.ndarray:
    """Parse one column of strings into floats, failing on an empty or non-numeric cell."""
    text = table[column].str.strip()
    values = pd.to_numeric(text, errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(values)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        cell = text.iloc[i]
        problem = "an empty cell" if cell == "" else f"{cell!r} is not a number"
        raise InputError(f"{path}: line {_line(table, i)}, column {column!r}: {problem}; give {what} (0 where there is none)")
    return values


def read_matrix(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read MATRIX.csv: first column region ids (kept as text), then technology columns of counts.

    Fails with one line naming the file, line and column on: a missing file, fewer than two
    technology columns, an empty or duplicate header or region id, an empty or non-numeric cell,
    a negative count. Rows and columns are sorted by label.
    """
    path = Path(path)
    header = _read_header(path)
    if len(header) < 3:
        raise InputError(f"{path}: {len(header)} column(s); give a first column of region ids and at least two technology columns")
    for j, name in enumerate(header[1:], start=2):
        if name == "":
            raise InputError(f"{path}: column {j} has no name in the header line; name every technology column")
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise InputError(f"{path}: duplicate column {name!r} in the header line; every technology must appear once")
        seen.add(name)
    table = _read_table(path, header)
    if table.empty:
        raise InputError(f"{path}: no data lines; give one line per region")
    ids = table[header[0]].str.strip()
    if (ids == "").any():
        raise InputError(f"{path}: line {_line(table, int(np.flatnonzero((ids == '').to_numpy())[0]))}: empty region id in column {header[0]!r}")
    dup = ids.duplicated()
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        raise InputError(f"{path}: line {_line(table, i)}: duplicate region id {ids.iloc[i]!r}; every region must appear once (sum its rows first)")
    values = {}
    for col in header[1:]:
        v = _numbers(path, table, col, "counts")
        if (v < 0).any():
            i = int(np.flatnonzero(v < 0)[0])
            raise InputError(f"{path}: line {_line(table, i)}, column {col!r}: negative count {v[i]:g}; counts must be >= 0")
        values[col] = v
    matrix = pd.DataFrame(values, index=pd.Index(ids.to_numpy(), name=header[0] or "region"))
    return matrix.sort_index(axis=0).sort_index(axis=1)


def read_population(path: str | os.PathLike[str]) -> pd.Series:
    """Read a population CSV: first column city/region id, second column population (> 0)."""
    path = Path(path)
    header = _read_header(path)
    if len(header) < 2:
        raise InputError(f"{path}: give two columns, the region id and its population")
    table = _read_table(path, header)
    ids = table[header[0]].str.strip()
    pop = _numbers(path, table, header[1], "a population")
    if ids.duplicated().any():
        i = int(np.flatnonzero(ids.duplicated().to_numpy())[0])
        raise InputError(f"{path}: line {_line(table, i)}: duplicate region id {ids.iloc[i]!r}; give one population per region")
    if (pop <= 0).any():  # checked here, where the file and line are known (the scaling method names neither)
        i = int(np.flatnonzero(pop <= 0)[0])
        raise InputError(f"{path}: line {_line(table, i)}, column {header[1]!r}: population {pop[i]:g} for region {ids.iloc[i]!r}; "
                         f"populations must be numbers > 0: correct the value or remove the line")
    return pd.Series(pop, index=ids.to_numpy(), name="population")


def read_documents(path: str | os.PathLike[str]) -> tuple[pd.DataFrame, str | None]:
    """Read a documents CSV with columns ``document``, ``technology`` and optionally ``weight``."""
    path = Path(path)
    header = _read_header(path)
    for col in ("document", "technology"):
        if col not in header:
            raise InputError(f"{path}: missing column {col!r}; a documents file has columns document,technology[,weight]")
    table = _read_table(path, header)
    for col in ("document", "technology"):
        table[col] = table[col].str.strip()
        empty = (table[col] == "").to_numpy()
        if empty.any():
            raise InputError(f"{path}: line {_line(table, int(np.flatnonzero(empty)[0]))}: empty {col!r}")
    if "weight" in header:
        table["weight"] = _numbers(path, table, "weight", "a document weight")
        if (table["weight"] < 0).any():
            i = int(np.flatnonzero((table["weight"] < 0).to_numpy())[0])
            raise InputError(f"{path}: line {_line(table, i)}, column 'weight': negative weight; weights must be >= 0")
        return table.reset_index(drop=True), "weight"
    return table.reset_index(drop=True), None


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write atomically (temporary file, then rename), deterministic bytes."""
    frame = frame.copy()
    floats = frame.select_dtypes("float").columns
    frame[floats] = frame[floats] + 0.0  # -0.0 -> 0.0
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        frame.to_csv(tmp, float_format=FLOAT_FORMAT, na_rep="", lineterminator="\n", encoding="utf-8")
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="helpers metrics",
        description="RCA, binary specialisation, co-occurrence, relatedness, relatedness density and complexity of a region x technology matrix.",
        epilog="MATRIX.csv: first column region ids, then one column per technology, counts (fractional allowed). "
        "Outputs (labelled, sorted, full precision): rca.csv, rca_binary.csv, density.csv (region x technology), "
        "cooccurrence.csv, relatedness.csv (technology x technology), complexity.csv (technology,value). "
        "Formulas: book/annex_methods.en.md.",
    )
    p.add_argument("matrix", metavar="MATRIX.csv", help="region x technology counts")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder (created if needed)")
    p.add_argument("--threshold", type=float, default=1.0, help="binary specialisation where RCA >= THRESHOLD (default 1)")
    p.add_argument("--normalisation", choices=NORMALISATIONS, default="cosine", help="relatedness normalisation of the co-occurrence (default cosine: C_ij / sqrt(s_i s_j))")
    p.add_argument("--complexity", choices=COMPLEXITY_METHODS, default="eigenvector", help="complexity method (default eigenvector; scaling needs --population)")
    p.add_argument("--scale", choices=SCALES, default="zscore", help="scale of the eigenvector/reflections index (default zscore)")
    p.add_argument("--iterations", type=int, default=20, help="iterations of the method of reflections (default 20)")
    p.add_argument("--population", metavar="FILE.csv", help="region id, population: for --complexity scaling")
    p.add_argument("--min-cities", type=int, default=3, help="scaling: minimum number of cities with activity per technology (default 3)")
    p.add_argument("--documents", metavar="FILE.csv", help="document,technology[,weight]: within-document co-occurrence instead of co-location")
    return p


def compute(matrix: pd.DataFrame, args: argparse.Namespace, source: str) -> dict[str, pd.DataFrame]:
    """All outputs of ``helpers metrics`` for a matrix read by :func:`read_matrix`."""
    rca_values = rca(matrix, source=source)
    b = binary_specialisation(rca_values, args.threshold)
    if args.documents:
        docs, weight = read_documents(args.documents)
        m, _, techs = incidence_matrix(docs, weight=weight, source=str(args.documents))
        m_frame_cols = pd.Index([str(t) for t in techs], name="technology")
        c = pd.DataFrame(cooccurrence(m).toarray(), index=m_frame_cols, columns=m_frame_cols)
        if args.normalisation == "column-cosine":
            rel = pd.DataFrame(column_cosine(m).toarray(), index=m_frame_cols, columns=m_frame_cols)
        else:
            rel = relatedness(c, args.normalisation, source=f"{args.documents} (co-occurrence)")
    else:
        c = colocation(b, source=f"{source} (binary RCA)")
        rel = column_cosine(b) if args.normalisation == "column-cosine" else relatedness(c, args.normalisation)
    c, rel = (f.sort_index(axis=0).sort_index(axis=1) for f in (c, rel))
    density = relatedness_density(b, rel, source=f"{source} (binary RCA)")
    if args.complexity == "scaling":
        if not args.population:
            raise InputError("--complexity scaling needs --population FILE.csv (region id, population)")
        exponent = scaling_exponent(matrix, read_population(args.population), min_cities=args.min_cities, source=source)
        value = exponent["exponent"]
    else:
        if args.population:
            warnings.warn("--population is only used with --complexity scaling; ignored")
        if args.complexity == "reflections":
            value = complexity_reflections(b, iterations=args.iterations, scale=args.scale, source=f"{source} (binary RCA)").technology
        else:
            value = complexity_eigenvector(b, scale=args.scale, source=f"{source} (binary RCA)").technology
    complexity = pd.DataFrame({"value": value.to_numpy(dtype=float)}, index=pd.Index(value.index, name="technology")).sort_index()
    for f in (c, rel):
        f.index.name = "technology"
    return {
        "rca.csv": rca_values,
        "rca_binary.csv": b,
        "cooccurrence.csv": c,
        "relatedness.csv": rel,
        "density.csv": density,
        "complexity.csv": complexity,
    }


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.iterations < 1:
        raise InputError(f"--iterations {args.iterations}: give a whole number >= 1")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        matrix = read_matrix(args.matrix)
        outputs = compute(matrix, args, source=str(args.matrix))
    shown: set[str] = set()
    for w in caught:
        message = " ".join(str(w.message).split())
        if message not in shown:
            shown.add(message)
            print(f"warning: {message}", file=sys.stderr)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {out}: exists and is not a folder; give a folder path")
    out.mkdir(parents=True, exist_ok=True)
    for name, frame in outputs.items():
        _write_csv(frame, out / name)
    n_regions, n_techs = outputs["rca.csv"].shape
    print(f"wrote {len(outputs)} files to {out} ({n_regions} regions x {n_techs} technologies)")
    return 0
