"""Property-based tests of the adapters and of ``helpers metrics`` (issue 16).

Every adapter that reads files gets generated inputs: a small valid seed of its format (real rows, see
``tests/strategies_raw.py``) after random mutations (missing, renamed, extra or reordered columns; wrong
types; empty, NaN, infinite, negative and huge numbers; duplicate keys; unknown codes; empty and
header-only files; truncated last lines; BOM, CRLF, latin-1; for OpenAlex's cached JSON pages and
Eurostat's SDMX-ML files: wrong types, missing keys or elements, damaged bytes). The property:

* the adapter succeeds and ``merge_results`` validates its tables, or it raises ``InputError`` whose
  message is one line, names the file (the label passed in, which differs from the path on disk)
  and, for a problem in a row or cell, a line or a column; never another exception;
* nothing is written: the input folder is unchanged afterwards, and the empty working folder the
  adapter runs in stays empty.

Besides: one bad cell or one duplicated row must be reported at its line (``test_line_numbers_*``);
line endings, a BOM, quoting, column and row order and an unknown extra column change no table
(``test_line_endings_...``); ``helpers metrics`` on generated matrices (and documents and population
files) exits 0 with its six outputs or 2 with one ``error:`` line naming the file, writing nothing.

The runs are reproducible (``derandomize``, no example database) and bounded in time. To explore
further, scale the number of examples and draw fresh ones:
``PROPERTY_SCALE=20 PROPERTY_RANDOM=1 .venv/bin/pytest tests/test_properties.py``.

Inputs that hit a bug already reported are listed in ``KNOWN_BUGS`` (at the end, next to the
minimal input of each bug in ``REGRESSIONS``, a strict xfail): the property tests skip those
inputs so that they stay green on everything else. When a bug is fixed its regression case
XPASSes, which fails the run: remove its xfail mark and its ``KNOWN_BUGS`` entry together.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import tempfile
import traceback
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
import strategies_raw as sr
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from strategies_raw import RawFile, Seed, mutated, serialise, with_rows

from helpers.cli import main as helpers_main
from helpers.data.adapters import (
    AdapterResult,
    articles_ncses,
    ceps_vario,
    crunchbase,
    crunchbase2013,
    eurostat_regional,
    eurostat_sdmx,
    natacc,
    nuts2_keytech42,
    openalex,
    patents_ipc4,
    patents_wipo35,
    regpat,
    scimago,
)
from helpers.data.canonical import merge_results
from helpers.errors import InputError
from helpers.methods import cli as metrics_cli

SCALE = float(os.environ.get("PROPERTY_SCALE", "1"))
RANDOM = bool(os.environ.get("PROPERTY_RANDOM"))


def bounded(examples: int):
    """Settings of every property test: reproducible, no deadline, about ``examples`` inputs."""
    return settings(
        max_examples=max(1, int(examples * SCALE)),
        deadline=None,
        derandomize=not RANDOM,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
        print_blob=False,
    )


# ---------------------------------------------------------------- known bugs (each has a strict-xfail test below)


@dataclass(frozen=True)
class KnownBug:
    """A reported bug: the property tests skip inputs that hit it; ``test`` (a strict xfail) reproduces it."""

    case: str  # the adapter (case id), "metrics", or "*" (a shared helper: any adapter)
    exception: type[BaseException] | tuple[type[BaseException], ...] | None  # None: a wrong message or invalid output
    where: str  # regex on "<file>:<function>: <source line>" of the innermost frame in src/helpers, or on the message
    test: str  # the regression case that reproduces it: test_regression[<id>]


def _where(exc: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/src/helpers/" in f.filename.replace(os.sep, "/")]
    f = frames[-1] if frames else traceback.extract_tb(exc.__traceback__)[-1]
    return f"{Path(f.filename).name}:{f.name}: {(f.line or '').strip()}"


def _known(case: str, exc: BaseException | None, message: str = "") -> KnownBug | None:
    for bug in KNOWN_BUGS:
        if bug.case not in (case, "*"):
            continue
        if exc is not None and bug.exception is not None and isinstance(exc, bug.exception) and re.search(bug.where, _where(exc)):
            return bug
        if exc is None and bug.exception is None and re.search(bug.where, message):
            return bug
    return None


# ---------------------------------------------------------------- running an adapter on files


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()} | {
        p.relative_to(folder).as_posix() + "/": "" for p in folder.rglob("*") if p.is_dir()
    }


def _write(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


LINE_OR_COLUMN = re.compile(r"\bline \d+|\blines? \d|\bcolumns?\b|\bheader\b", re.IGNORECASE)


@dataclass(frozen=True)
class Case:
    """An adapter under test: its seed files and how the build (or a user) calls it on a folder."""

    id: str
    seeds: tuple[Seed, ...]
    run: Callable[[Path], AdapterResult]
    labels: tuple[str, ...]  # the labels the call passes (messages must name one)
    examples: int


def outcome(case: Case, files: dict[str, bytes], row_level: bool, known: bool = True, validate: bool = True) -> tuple[str, str | AdapterResult]:
    """Run the adapter on the files in a fresh folder; check the property; return ("ok", result) or ("error", message).

    An input that hits a bug of ``KNOWN_BUGS`` gives ("known", its regression test) unless ``known`` is False.
    ``validate=False`` skips ``merge_results`` (for tests that compare the tables of inputs already validated).
    """
    check = _known if known else (lambda *a, **k: None)
    with tempfile.TemporaryDirectory(prefix="prop-") as tmp:
        folder, cwd = Path(tmp) / "raw", Path(tmp) / "cwd"
        cwd.mkdir()
        _write(folder, files)
        before = _snapshot(folder)
        try:
            with warnings.catch_warnings(), contextlib.chdir(cwd):  # an empty working folder, to see stray writes
                warnings.simplefilter("ignore")
                result = case.run(folder)
        except InputError as exc:
            message = str(exc)
            bug = check(case.id, None, message)
            if bug:
                return "known", bug.test
            assert "\n" not in message and "\r" not in message, f"message is not one line: {message!r}"
            assert any(label in message for label in case.labels), f"message names none of {case.labels}: {message!r}"
            if row_level:
                assert LINE_OR_COLUMN.search(message), f"a row-level problem, but the message names no line or column: {message!r}"
            got: tuple[str, str | AdapterResult] = ("error", message)
        except Exception as exc:
            bug = check(case.id, exc)
            if bug:
                return "known", bug.test
            raise AssertionError(f"{case.id}: {type(exc).__name__} escaped (at {_where(exc)}): {exc}") from exc
        else:
            assert isinstance(result, AdapterResult)
            if validate:
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        merge_results([result])
                except Exception as exc:
                    bug = check(case.id, None, str(exc))
                    if bug:
                        return "known", bug.test
                    raise AssertionError(f"{case.id}: the adapter accepted the input but its tables do not validate: {type(exc).__name__}: {exc}") from exc
            got = ("ok", result)
        assert _snapshot(folder) == before, "the adapter wrote to or changed its input folder"
        assert not any(cwd.iterdir()), f"the adapter wrote into the working folder: {sorted(p.name for p in cwd.iterdir())}"
    return got


# ---------------------------------------------------------------- the adapters

LABEL = "raw/"  # labels differ from the paths on disk, so a message that names the path instead of the label fails


def _single(module, seed: Seed, examples: int) -> Case:
    return Case(module.NAME, (seed,), lambda d: module.load(d / seed.name, label=LABEL + seed.name), (LABEL + seed.name,), examples)


def _pair(module, a: Seed, b: Seed, examples: int) -> Case:
    labels = (LABEL + a.name, LABEL + b.name)
    return Case(module.NAME, (a, b), lambda d: module.load(d / a.name, d / b.name, labels=labels), labels, examples)


IPC4_SEEDS = (sr.IPC4_COUNTS, sr.IPC4_COOC, sr.NACE_COUNTS, sr.NACE_COOC, sr.IPC4_WIPO, sr.NACE_CONCORDANCE)


def _ipc4(d: Path) -> AdapterResult:
    files = patents_ipc4.detect(d)
    assert files is not None
    return patents_ipc4.load_from_raw(d, files)


def _ceps(d: Path) -> AdapterResult:
    return ceps_vario.load(d / sr.CEPS_DIR, root=d, name_map=d / sr.CEPS_MAP.name)


CASES: dict[str, Case] = {
    c.id: c
    for c in (
        _single(patents_wipo35, sr.WIPO35, 30),
        _single(articles_ncses, sr.NCSES, 25),
        _single(eurostat_regional, sr.EUROSTAT, 25),
        _single(natacc, sr.NATACC, 25),
        _single(nuts2_keytech42, sr.KEYTECH42, 25),
        _single(scimago, sr.SCIMAGO, 25),
        _pair(crunchbase2013, sr.CB2013_COMPANIES, sr.CB2013_ROUNDS, 20),
        _pair(crunchbase, sr.CB_ORGS, sr.CB_ROUNDS, 20),
        _pair(regpat, sr.REGPAT_INV, sr.REGPAT_IPC, 12),
        Case(patents_ipc4.NAME, IPC4_SEEDS, _ipc4, tuple(s.name for s in IPC4_SEEDS), 20),
        Case(ceps_vario.NAME, sr.CEPS_SEEDS, _ceps, tuple(s.name for s in sr.CEPS_SEEDS), 15),
    )
}


@st.composite
def case_files(draw, case: Case) -> tuple[dict[str, bytes], RawFile]:
    """The case's seed files with one of them mutated."""
    i = draw(st.integers(0, len(case.seeds) - 1)) if len(case.seeds) > 1 else 0
    raw = draw(mutated(case.seeds[i]))
    files = {s.name: serialise(s).data for s in case.seeds}
    files[raw.name] = raw.data
    return files, raw


def test_every_seed_is_valid():
    """The unmutated seeds load and validate (else the mutations would test nothing)."""
    for case in (c for c in CASES.values() if c.seeds):
        kind, result = outcome(case, {s.name: serialise(s).data for s in case.seeds}, True)
        assert kind == "ok", f"{case.id}: {result}"
        assert any(len(t) for t in result.tables.values()), case.id


def _property(case_id: str):
    case = CASES[case_id]

    @bounded(case.examples)
    @given(case_files(case))
    def test(generated):
        files, raw = generated
        outcome(case, files, raw.row_level)

    return test


test_patents_wipo35 = _property("patents_wipo35")
test_articles_ncses = _property("articles_ncses")
test_eurostat_regional = _property("eurostat_regional")
test_natacc = _property("natacc")
test_nuts2_keytech42 = _property("nuts2_keytech42")
test_scimago = _property("scimago")
test_crunchbase2013 = _property("crunchbase2013")
test_crunchbase = _property("crunchbase")
test_regpat = _property("regpat")
test_patents_ipc4 = _property("patents_ipc4")
test_ceps_vario = _property("ceps_vario")


# ---------------------------------------------------------------- OpenAlex (cached JSON pages) and Eurostat SDMX-ML (XML)

OPENALEX_FILES = {f"openalex/cache/{p.name}": p.read_bytes() for p in sorted(sr.OPENALEX_DIR.iterdir()) if p.is_file()}


def _openalex(d: Path) -> AdapterResult:
    files = openalex.detect(d)
    assert files is not None
    return openalex.load_from_raw(d, files)


SDMX_FILES = {f"eurostat_sdmx/{p.name}": p.read_bytes() for p in sorted(sr.SDMX_DIR.glob("*.xml"))}


def _sdmx(d: Path) -> AdapterResult:
    files = sorted((d / "eurostat_sdmx").glob("*.xml"))
    return eurostat_sdmx.load(files, labels=[LABEL + f.relative_to(d).as_posix() for f in files])


CASES[openalex.NAME] = Case(openalex.NAME, (), _openalex, ("openalex/cache",), 30)
CASES[eurostat_sdmx.NAME] = Case(eurostat_sdmx.NAME, (), _sdmx, tuple(LABEL + n for n in SDMX_FILES), 15)


@st.composite
def openalex_files(draw) -> tuple[dict[str, bytes], RawFile]:
    name = draw(st.sampled_from(sorted(OPENALEX_FILES)))
    raw = draw(sr.mutated_json(name, OPENALEX_FILES[name].decode("utf-8")))
    return {**OPENALEX_FILES, name: raw.data}, raw


@st.composite
def sdmx_files(draw) -> tuple[dict[str, bytes], RawFile]:
    name = draw(st.sampled_from(sorted(SDMX_FILES)))
    raw = draw(sr.mutated_xml(name, SDMX_FILES[name].decode("utf-8")))
    return {**SDMX_FILES, name: raw.data}, raw


@bounded(CASES[openalex.NAME].examples)
@given(openalex_files())
def test_openalex(generated):
    files, raw = generated
    outcome(CASES[openalex.NAME], files, raw.row_level)


@bounded(CASES[eurostat_sdmx.NAME].examples)
@given(sdmx_files())
def test_eurostat_sdmx(generated):
    files, raw = generated
    outcome(CASES[eurostat_sdmx.NAME], files, raw.row_level)


def test_json_and_xml_fixtures_are_valid():
    for case, files in ((CASES[openalex.NAME], OPENALEX_FILES), (CASES[eurostat_sdmx.NAME], SDMX_FILES)):
        kind, result = outcome(case, files, False)
        assert kind == "ok", f"{case.id}: {result}"


# ---------------------------------------------------------------- line numbers: one bad cell or one duplicate row

# (column, value the adapter must reject in any row of the seed); the message must name that row's line
BAD_CELLS: dict[str, tuple[tuple[str, str], ...]] = {
    "patents_wipo35": (("year", "abc"), ("year", "2101"), ("patents", "-1"), ("patents", "1.5"), ("wipo_field", "Alchemy"), ("country_iso3", "ZZZ")),
    "articles_ncses": (("year", "abc"), ("articles", "-1"), ("field", "Alchemy"), ("region", "Atlantis")),
    "eurostat_regional": (("year", "abc"), ("value", "-1"), ("indicator", "GERD"), ("region_id", "XX9")),
    "natacc": (("year", "abc"), ("value", "abc"), ("indicator", "GVA"), ("nace", "Z01x"), ("country", "XX")),
    "nuts2_keytech42": (("region", "XX11"), ("patents", "-1"), ("rca", "abc"), ("complexity", "101"), ("transition", "Blue")),
    "scimago": (("year", "abc"), ("asjc_area", "13OO"), ("documents", "-1"), ("citations", "1.5"), ("country", "Atlantis")),
}
# rows whose duplicate is an error (others are summed or kept by design: wipo35 rows without a country)
DUPLICABLE = {"patents_wipo35": range(3, 8), "articles_ncses": range(8), "eurostat_regional": range(7), "natacc": range(8),
              "nuts2_keytech42": range(5), "scimago": range(6)}


@st.composite
def one_defect(draw, case_id: str) -> tuple[RawFile, int, str]:
    """The seed (rows shuffled, any line ending) with one bad cell or one duplicated row; the line to name."""
    seed = CASES[case_id].seeds[0]
    order = draw(st.permutations(range(len(seed.rows))))
    rows = [list(seed.rows[i]) for i in order]
    if draw(st.booleans()):
        column, value = draw(st.sampled_from(BAD_CELLS[case_id]))
        r = draw(st.integers(0, len(rows) - 1))
        rows[r][seed.header.index(column)] = value
        line, what = r + 2, f"{column}={value!r} at line {r + 2}"
    else:
        src = draw(st.sampled_from([i for i, o in enumerate(order) if o in DUPLICABLE[case_id]]))
        at = draw(st.integers(0, len(rows)))
        rows.insert(at, list(rows[src]))
        first = src if at > src else src + 1
        line, what = max(first, at) + 2, f"line {first + 2} repeated at line {at + 2}"
    newline = draw(st.sampled_from(("\n", "\r\n")))
    text = newline.join([sr._line(list(seed.header), ",")] + [sr._line(r, ",") for r in rows]) + newline
    return RawFile(seed.name, text.encode("utf-8"), (what,), True), line, what


def _line_property(case_id: str, examples: int):
    case = CASES[case_id]

    @bounded(examples)
    @given(one_defect(case_id))
    def test(generated):
        raw, line, what = generated
        kind, message = outcome(case, {raw.name: raw.data}, True)
        if kind == "known":
            reject()
        assert kind == "error", f"{what}: accepted"
        assert re.search(rf"\bline {line}\b", message), f"{what}: the message should name line {line}: {message}"

    return test


test_line_numbers_patents_wipo35 = _line_property("patents_wipo35", 15)
test_line_numbers_articles_ncses = _line_property("articles_ncses", 12)
test_line_numbers_eurostat_regional = _line_property("eurostat_regional", 12)
test_line_numbers_natacc = _line_property("natacc", 12)
test_line_numbers_nuts2_keytech42 = _line_property("nuts2_keytech42", 12)
test_line_numbers_scimago = _line_property("scimago", 12)


# ---------------------------------------------------------------- helpers metrics (the command line)


METRICS_OUTPUTS = ["complexity.csv", "cooccurrence.csv", "density.csv", "rca.csv", "rca_binary.csv", "relatedness.csv"]


@st.composite
def metrics_call(draw) -> tuple[dict[str, bytes], list[str], tuple[str, ...]]:
    """Input files (the matrix mutated, optionally documents or a population file mutated) and the options."""
    files = {"matrix.csv": draw(mutated(sr.METRICS_MATRIX)).data}
    options = ["--normalisation", draw(st.sampled_from(metrics_cli.NORMALISATIONS))]
    complexity = draw(st.sampled_from(metrics_cli.COMPLEXITY_METHODS))
    options += ["--complexity", complexity]
    threshold = draw(st.sampled_from((None, "1", "0.5", "2", "1e-9", "1e308")))
    if threshold:
        options += ["--threshold", threshold]
    if complexity == "reflections":
        options += ["--iterations", draw(st.sampled_from(("20", "1", "3")))]
    if complexity == "scaling":
        files["population.csv"] = draw(mutated(sr.METRICS_POPULATION)).data
        options += ["--population", "population.csv", "--min-cities", draw(st.sampled_from(("3", "2", "5")))]
    elif draw(st.booleans()):
        files["documents.csv"] = draw(mutated(sr.METRICS_DOCUMENTS)).data
        options += ["--documents", "documents.csv"]
    return files, options, tuple(f for f in files)


def metrics_outcome(files: dict[str, bytes], options: list[str], known: bool = True) -> tuple[int, str]:
    """Run ``helpers metrics`` in a fresh folder; check the property; return (exit status, stderr).

    An input that hits a bug of ``KNOWN_BUGS`` gives (-1, its regression test) unless ``known`` is False.
    """
    check = _known if known else (lambda *a, **k: None)
    with tempfile.TemporaryDirectory(prefix="prop-") as tmp:
        folder = Path(tmp)
        _write(folder, files)
        before = _snapshot(folder)
        args = ["metrics", str(folder / "matrix.csv"), "--out", str(folder / "out")]
        args += [str(folder / o) if o in files else o for o in options]
        err, out = io.StringIO(), io.StringIO()
        try:
            with warnings.catch_warnings(), contextlib.redirect_stderr(err), contextlib.redirect_stdout(out), contextlib.chdir(folder):
                warnings.simplefilter("ignore")
                status = helpers_main(args)
        except Exception as exc:
            bug = check("metrics", exc)
            if bug:
                return -1, bug.test
            raise AssertionError(f"metrics: {type(exc).__name__} escaped (at {_where(exc)}): {exc}") from exc
        after = _snapshot(folder)
        lines = [line for line in err.getvalue().splitlines() if line.strip()]
        if status == 0:
            assert sorted(p.name for p in (folder / "out").iterdir()) == METRICS_OUTPUTS
            assert {k: v for k, v in after.items() if not k.startswith("out/")} == before, "an input was changed"
            assert all(line.startswith("warning: ") for line in lines), lines
        else:
            message = " ".join(lines)
            bug = check("metrics", None, message)
            if bug:
                return -1, bug.test
            assert status == 2, (status, lines)
            assert len(lines) == 1 and lines[0].startswith("error: "), f"not one error line: {lines}"
            assert any(str(folder / f) in lines[0] for f in files), f"the message names no input file: {lines[0]}"
            assert after == before, "something was written on error"
        return status, err.getvalue()


@bounded(30)
@given(metrics_call())
def test_metrics_cli(call):
    files, options, _ = call
    metrics_outcome(files, options)


@bounded(15)
@given(
    st.integers(0, len(sr.METRICS_MATRIX.rows) - 1),
    st.integers(1, len(sr.METRICS_MATRIX.header) - 1),
    st.sampled_from(("", "abc", "-1", "NaN", "inf", "-inf", "1e309", "1,5")),
)
def test_metrics_bad_cell_names_line_and_column(r, c, value):
    seed = sr.METRICS_MATRIX
    rows = [list(x) for x in seed.rows]
    rows[r][c] = value
    status, err = metrics_outcome({"matrix.csv": serialise(with_rows(seed, rows)).data}, [])
    if status == -1:
        reject()
    assert status == 2
    assert f"line {r + 2}" in err and repr(seed.header[c]) in err, err


def test_metrics_seed_is_valid():
    assert metrics_outcome({"matrix.csv": serialise(sr.METRICS_MATRIX).data}, [])[0] == 0
    docs = {"matrix.csv": serialise(sr.METRICS_MATRIX).data, "documents.csv": serialise(sr.METRICS_DOCUMENTS).data}
    assert metrics_outcome(docs, ["--documents", "documents.csv"])[0] == 0
    pop = {"matrix.csv": serialise(sr.METRICS_MATRIX).data, "population.csv": serialise(sr.METRICS_POPULATION).data}
    assert metrics_outcome(pop, ["--complexity", "scaling", "--population", "population.csv"])[0] == 0


# ---------------------------------------------------------------- neutral changes: same tables

NEUTRAL = ("crlf", "cr", "bom", "quote_all", "reorder_columns", "shuffle_rows", "extra_column")


def _rewrite(seed: Seed, changes: frozenset[str], perm: list[int], order: list[int]) -> bytes:
    import csv

    header, rows = list(seed.header), [list(r) for r in seed.rows]
    if "reorder_columns" in changes:
        header, rows = [header[i] for i in perm], [[r[i] for i in perm] for r in rows]
    if "shuffle_rows" in changes:
        rows = [rows[i] for i in order]
    if "extra_column" in changes:
        header, rows = header + ["comment"], [r + ["x"] for r in rows]
    newline = "\r\n" if "crlf" in changes else "\r" if "cr" in changes else "\n"
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=seed.sep, lineterminator=newline, quoting=csv.QUOTE_ALL if "quote_all" in changes else csv.QUOTE_MINIMAL)
    writer.writerows([header, *rows])
    return buf.getvalue().encode("utf-8-sig" if "bom" in changes else "utf-8")


def _tables(result: AdapterResult) -> dict[str, list]:
    """The tables as sorted lists of rows (order-free, index-free, column-order-free)."""
    out = {}
    for name, df in result.tables.items():
        df = df.reindex(sorted(df.columns), axis=1)
        out[name] = sorted((tuple("" if v is None or (pd.api.types.is_scalar(v) and pd.isna(v)) else str(v) for v in row) for row in df.itertuples(index=False)), key=repr)
    return out


_BASELINE: dict[str, dict[str, list]] = {}

METAMORPHIC_CASES = [c for c in CASES if CASES[c].seeds and c != ceps_vario.NAME]


@pytest.mark.parametrize("case_id", METAMORPHIC_CASES)
@bounded(2)
@given(data=st.data())
def test_line_endings_bom_quoting_and_column_order_change_nothing(case_id, data):
    """CRLF or CR line ends, a BOM, quoted fields, other column or row orders, an unknown extra column: the same tables."""
    case = CASES[case_id]
    if case_id not in _BASELINE:
        kind, result = outcome(case, {s.name: serialise(s).data for s in case.seeds}, True)
        _BASELINE[case_id] = _tables(result)
    i = data.draw(st.integers(0, len(case.seeds) - 1), label="file")
    seed = case.seeds[i]
    changes = frozenset(data.draw(st.lists(st.sampled_from(NEUTRAL), min_size=1, max_size=4, unique=True), label="changes"))
    perm = data.draw(st.permutations(range(len(seed.header))), label="column order")
    order = data.draw(st.permutations(range(len(seed.rows))), label="row order")
    files = {s.name: serialise(s).data for s in case.seeds}
    files[seed.name] = _rewrite(seed, changes, perm, order)
    kind, result = outcome(case, files, True, validate=False)  # the same tables as the (validated) seed's
    if kind == "known":
        reject()
    assert kind == "ok", f"{seed.name} with {sorted(changes)}: {result}"
    assert _tables(result) == _BASELINE[case_id], f"{seed.name} with {sorted(changes)}: other tables"


# ---------------------------------------------------------------- regression cases of the bugs found (strict xfail)


def _seed_files(case_id: str, **replace: bytes) -> dict[str, bytes]:
    """The case's valid seed files, some replaced (keys: file names with '/' and '.' and '-' written as '_')."""
    files = {s.name: serialise(s).data for s in CASES[case_id].seeds}
    for key, data in replace.items():
        name = next(n for n in files if re.sub(r"[/.\-]", "_", n) == key)
        files[name] = data
    return files


def _oa(edit: Callable[[dict], None] | None = None, *, page: int = 0, raw: bytes | None = None, query: bool = False) -> dict[str, bytes]:
    """The OpenAlex fixture with one page (or query.json) edited as JSON, or replaced by raw bytes."""
    import json

    files = dict(OPENALEX_FILES)
    name = "openalex/cache/query.json" if query else sorted(n for n in files if "/page-" in n)[page]
    if raw is not None:
        files[name] = raw
    else:
        doc = json.loads(files[name])
        edit(doc)
        files[name] = json.dumps(doc).encode("utf-8")
    return files


def _work(doc: dict) -> dict:
    return doc["results"][0]


def _sdmx_edit(name: str, old: str, new: str) -> dict[str, bytes]:
    files = dict(SDMX_FILES)
    key = f"eurostat_sdmx/{name}"
    text = files[key].decode("utf-8")
    assert old in text, old
    files[key] = text.replace(old, new, 1).encode("utf-8")
    return files


def _xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


REGRESSIONS = [
    pytest.param(
        "articles_ncses",
        {sr.NCSES.name: b"field,region_path,region,income_group,year,articles\nChemistry,World -> Europe,Europe,,2020,47207.34\n"},
        True,
        id="articles_ncses-parent-path-missing",
    ),
    pytest.param(
        "patents_wipo35",
        {sr.WIPO35.name: b'year,country_iso3,country_name,wipo_field,patents\n2015,BEL,Belgium,Optics,1\n2015,BEL,Belgium,Control,"1\n'},
        True,
        id="read_csv_raw-unterminated-quote-in-the-last-field",
    ),
    pytest.param(
        "regpat",
        _seed_files("regpat", **{"202307_EPO_IPC_txt": b"appln_id|prio_year|app_year|IPC\n1001|2015|2016|A61K  31/00|x\n1002|2015|2015|H01L  21/00\n"}),
        True,
        id="regpat-record-with-an-extra-field",
    ),
    pytest.param(
        "openalex", _oa(raw=OPENALEX_FILES[min(n for n in OPENALEX_FILES if "/page-" in n)] + b"\xe9"), False,
        id="openalex-page-not-utf8",
    ),
    pytest.param(
        "openalex", _oa(raw=b'{"filters": {}, "per_page": 3}\xe9', query=True), False,
        id="openalex-query-not-utf8",
    ),
    pytest.param(
        "openalex", _oa(lambda d: d.__setitem__("meta", None)), False,
        id="openalex-meta-null",
    ),
    pytest.param(
        "openalex", _oa(lambda d: d.__setitem__("results", None), page=1), False,
        id="openalex-results-null",
    ),
    pytest.param(
        "openalex", _oa(lambda d: d.__setitem__("per_page", ""), query=True), False,
        id="openalex-query-per-page-not-a-number",
    ),
    pytest.param(
        "openalex", _oa(lambda d: d.__setitem__("per_page", 1899), query=True), False,
        id="openalex-query-per-page-out-of-range",
    ),
    pytest.param(
        "openalex", _oa(lambda d: d.__setitem__("max_works", ""), query=True), False,
        id="openalex-query-max-works-not-a-number",
    ),
    pytest.param(
        "openalex", _oa(lambda d: d.__setitem__("filters", [None]), query=True), False,
        id="openalex-query-filters-not-an-object",
    ),
    pytest.param(
        "openalex", _oa(lambda d: _work(d).__setitem__("authorships", ["x"])), False,
        id="openalex-authorship-not-an-object",
    ),
    pytest.param(
        "openalex", _oa(lambda d: _work(d)["topics"][0].pop("id")), False,
        id="openalex-topic-without-id",
    ),
    pytest.param(
        "openalex", _oa(lambda d: _work(d).__setitem__("topics", [None])), False,
        id="openalex-topic-null",
    ),
    pytest.param(
        "openalex", _oa(lambda d: _work(d)["topics"][0].__setitem__("subfield", "x")), False,
        id="openalex-subfield-not-an-object",
    ),
    pytest.param(
        "openalex", _oa(lambda d: _work(d)["topics"][0].__setitem__("id", "")), False,
        id="openalex-topic-id-empty",
    ),
    pytest.param(
        "openalex", _oa(lambda d: _work(d).__setitem__("id", "")), False,
        id="openalex-work-id-empty",
    ),
    pytest.param(
        "eurostat_sdmx", _sdmx_edit("nama_10_a64_generic.xml", '<generic:ObsValue value="9876.5"/>', '<generic:ObsValue value="abc"/>'), False,
        id="eurostat_sdmx-obs-value-not-a-number",
    ),
    pytest.param(
        "eurostat_sdmx", _sdmx_edit("rd_e_gerdreg_generic.xml", '<generic:Value id="unit" value="MIO_EUR"/>', ""), False,
        id="eurostat_sdmx-series-without-unit",
    ),
    pytest.param(
        "eurostat_sdmx", _sdmx_edit("nama_10_a64_generic.xml", '<generic:Value id="nace_r2" value="C21"/>', ""), False,
        id="eurostat_sdmx-series-without-nace",
    ),
    pytest.param(
        "eurostat_sdmx", _sdmx_edit("nama_10_a64_generic.xml", '<generic:Value id="na_item" value="B1G"/>', ""), False,
        id="eurostat_sdmx-series-without-na-item",
    ),
]


# a wrong line number is no exception: these cases check the line the message names
WIPO_HEADER = b"year,country_iso3,country_name,wipo_field,patents\n"
LINE_REGRESSIONS = [
    pytest.param(
        WIPO_HEADER + b"2015,BEL,Belgium,Optics,1\n\n2015,BEL,Belgium,Control,-1\n", 4,
        id="read_csv_raw-blank-line-shifts-the-line",
    ),
    pytest.param(
        WIPO_HEADER + b'2015,BEL,"Bel\ngium",Optics,1\n2015,BEL,Belgium,Control,-1\n', 4,
        id="read_csv_raw-quoted-line-break-shifts-the-line",
    ),
]


@pytest.mark.parametrize(("data", "line"), LINE_REGRESSIONS)
def test_regression_line_numbers(data, line):
    kind, message = outcome(CASES["patents_wipo35"], {sr.WIPO35.name: data}, True, known=False)
    assert kind == "error" and re.search(rf"\bline {line}\b", message), message


@pytest.mark.parametrize(("case_id", "files", "row_level"), REGRESSIONS)
def test_regression(case_id, files, row_level):
    """The minimal input of each bug found: the property must hold (known bugs are not skipped here)."""
    if CASES[case_id].seeds:  # the other seed files beside the broken one
        files = {**_seed_files(case_id), **files}
    outcome(CASES[case_id], files, row_level, known=False)


_MATRIX = serialise(sr.METRICS_MATRIX).data
METRICS_REGRESSIONS = [
    pytest.param(
        {"matrix.csv": _MATRIX, "documents.csv": b"document,document,technology\nd1,d1,Biotechnology\nd2,d2,Pharmaceuticals\n"},
        ["--documents", "documents.csv"],
        id="metrics-documents-duplicate-column",
    ),
    pytest.param(
        {"matrix.csv": _MATRIX, "population.csv": b"region,population,population\nBEL,11600000,1\nNLD,17500000,1\n"},
        ["--complexity", "scaling", "--population", "population.csv"],
        id="metrics-population-duplicate-column",
    ),
    pytest.param(
        {"matrix.csv": _MATRIX, "population.csv": b"region,population\nBEL,0\nNLD,17500000\nDEU,83200000\nSWE,10400000\nDNK,5900000\n"},
        ["--complexity", "scaling", "--population", "population.csv"],
        id="metrics-population-zero",
    ),
]


@pytest.mark.parametrize(("files", "options"), METRICS_REGRESSIONS)
def test_regression_metrics(files, options):
    metrics_outcome(files, options, known=False)


def test_every_known_bug_has_its_regression_case():
    ids = {p.id for p in REGRESSIONS + METRICS_REGRESSIONS}
    for bug in KNOWN_BUGS:
        assert re.fullmatch(r"test_regression(_metrics)?\[(.+)\]", bug.test).group(2) in ids, bug


KNOWN_BUGS: tuple[KnownBug, ...] = ()  # none open: add one (with its regression case above) when a property test finds a bug
