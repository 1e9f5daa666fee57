"""Published values of the CEPS study behind the VARIO report (folder ``ceps_vario_2026/``).

Balland, P.A. (2026), *Flanders' Competitiveness and Investment Priorities in Key Strategic
Technologies*, CEPS. Its interactive pages inline the data of the report's figures 1, 3, 5 and 6;
the folder holds them transcribed unchanged (see its README). Input files and layouts::

    summary.csv        technology,category,region,complexity,density_patents,density_publications,
                       density_investments,rank_patents,rank_publications,rank_investments,rank_sum,
                       composite_density,source_path,source_commit
    patents.csv        technology,rca,density_plotted,complexity,source_path,source_commit
    publications.csv   (same as patents.csv)
    investments.csv    (same as patents.csv)
    network_<patents|publications>_nodes.csv   technology,category,layout_x,layout_y,source_path,source_commit
    network_<patents|publications>_links.csv   source,target,weight,source_path,source_commit
    ecosystem_investments.csv                  technology,organisation,amount,source_path,source_commit

Output: ``published_positions`` (one row per source and technology, plus the ``summary`` rows with
the composite density), ``published_network``, ``published_layout`` and ``published_companies``.
Technology names are mapped onto the report's 38 ``tech_id`` by the cited table
``data/ceps_technology_map.csv``; a name that is not in it is an error naming the file, the line and
the known names. The density of each source row is that source's own density (``summary.csv``); the
x value the study's page plots (the patent density on the publications and investments pages) is
kept as ``density_plotted``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from helpers.data import PROJECT_DATA
from helpers.data.adapters import (
    AdapterResult,
    InputFile,
    Progress,
    _quiet,
    check_duplicates,
    check_filled,
    check_not_empty,
    file_line,
    read_csv_raw,
    to_number,
)
from helpers.data.regions import region_is_known
from helpers.errors import InputError

NAME = "ceps_vario"
ALIASES = ("published",)
FOLDER = "ceps_vario_2026"
FILES = (f"{FOLDER}/summary.csv",)
STUDY = "ceps_vario_2026"
SOURCE = ("Balland, P.A. (2026), Flanders' Competitiveness and Investment Priorities in Key Strategic Technologies, CEPS; "
          "values inlined in the study's interactive pages (public repository PABalland/PABalland.github.io); no licence stated: cite the study.")
DOWNLOAD = ("The data inlined in the pages of the folder ceps/vario/ of the public GitHub repository PABalland/PABalland.github.io "
            "(smart/summary.html, smart/regpat.html, smart/openalex.html, smart/franz_highQ/crunchbase.html, domain-space/*.html, "
            "ecosystems/crunchbase/*.html), transcribed to CSV as described in the folder's README.")
MAP_FILE = PROJECT_DATA / "ceps_technology_map.csv"
SOURCES = ("patents", "publications", "investments")
NETWORK_SOURCES = ("patents", "publications")
PROVENANCE = ["source_path", "source_commit"]
SUMMARY_COLUMNS = ["technology", "category", "region", "complexity", *(f"density_{s}" for s in SOURCES),
                   *(f"rank_{s}" for s in SOURCES), "rank_sum", "composite_density", *PROVENANCE]
SOURCE_COLUMNS = ["technology", "rca", "density_plotted", "complexity", *PROVENANCE]
NODE_COLUMNS = ["technology", "category", "layout_x", "layout_y", *PROVENANCE]
LINK_COLUMNS = ["source", "target", "weight", *PROVENANCE]
COMPANY_COLUMNS = ["technology", "organisation", "amount", *PROVENANCE]
#: tolerance when checking that the study's pages agree with each other (values are published to two decimals)
AGREE_TOL = 0.005


def load_name_map(path: Path = MAP_FILE) -> dict[str, str]:
    """Study technology name -> ``tech_id`` from the cited mapping file (every id must be one of ``data/technologies.csv``)."""
    df = read_csv_raw(path, ["study_name", "tech_id", "match", "citation"], label=str(path))
    check_duplicates(df, ["study_name"], str(path))
    known = set(pd.read_csv(PROJECT_DATA / "technologies.csv", dtype=str)["tech_id"])
    bad = ~df["tech_id"].isin(known)
    if bad.any():
        pos = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(f"{path}: tech_id {df['tech_id'].iloc[pos]!r} at line {file_line(df, pos)} is not in data/technologies.csv; use one of its tech_id values")
    return dict(zip(df["study_name"].str.strip(), df["tech_id"]))


def _tech_ids(df: pd.DataFrame, column: str, names: dict[str, str], label: str) -> pd.Series:
    """Map the study's names in ``column`` to tech ids; an unknown name stops with the file, line and the known names."""
    raw = df[column].str.strip()
    unknown = ~raw.isin(list(names))
    if unknown.any():
        pos = int(np.flatnonzero(unknown.to_numpy())[0])
        raise InputError(
            f"{label}: technology {df[column].iloc[pos]!r} in column '{column}' at line {file_line(df, pos)} is not one of the report's "
            f"{len(names)} technologies; known names: {'; '.join(sorted(names))} (add a row to data/ceps_technology_map.csv if the study renamed one)")
    return raw.map(names)


def _number(df: pd.DataFrame, column: str, label: str, *, lo: float | None = 0.0, hi: float | None = None, what: str) -> pd.Series:
    """A numeric column, never empty; below ``lo`` or above ``hi`` stops with the line."""
    values = to_number(df, column, label, nonnegative=lo == 0.0, what=what)
    if hi is not None:
        out = values > hi
        if out.any():
            pos = int(np.flatnonzero(out.to_numpy())[0])
            raise InputError(f"{label}: column '{column}' has {df[column].iloc[pos]!r} at line {file_line(df, pos)}, outside 0-{hi:g}; "
                             f"a {what} lies between 0 and {hi:g}: check the transcription")
    return values


def _page(df: pd.DataFrame) -> pd.Series:
    return df["source_path"].str.strip() + "@" + df["source_commit"].str.strip().str[:12]


def _all_technologies(ids: pd.Series, names: dict[str, str], label: str) -> None:
    missing = sorted(set(names.values()) - set(ids))
    if missing:
        raise InputError(f"{label}: no row for {len(missing)} of the report's technologies ({', '.join(missing)}); "
                         "the study's pages list all of them: use the complete transcription")


def _region(summary: pd.DataFrame, label: str) -> str:
    """``Flanders (BE2)`` -> ``BE2``: the code in brackets, one region for the whole file."""
    codes = summary["region"].str.extract(r"\(([A-Z0-9-]+)\)\s*$")[0]
    bad = codes.isna() | ~codes.fillna("").map(region_is_known)
    if bad.any():
        pos = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(f"{label}: column 'region' at line {file_line(summary, pos)} is {summary['region'].iloc[pos]!r}; write the region's name "
                         "with its code in brackets, e.g. 'Flanders (BE2)'")
    if codes.nunique() != 1:
        raise InputError(f"{label}: column 'region' names several regions ({', '.join(sorted(codes.unique()))}); one file per region")
    return str(codes.iloc[0])


def _summary(folder: Path, names: dict[str, str], root: Path) -> tuple[pd.DataFrame, str, int]:
    path = folder / "summary.csv"
    label = path.relative_to(root).as_posix()
    df = read_csv_raw(path, SUMMARY_COLUMNS, label=label)
    check_not_empty(df, label)
    check_filled(df, ["category"], label)
    ids = _tech_ids(df, "technology", names, label)
    check_duplicates(df.assign(tech_id=ids), ["tech_id"], label)
    _all_technologies(ids, names, label)
    region = _region(df, label)
    complexity = _number(df, "complexity", label, what="complexity")
    rows = []
    for source in SOURCES:
        rows.append(pd.DataFrame({
            "source": source, "technology": ids, "study_name": df["technology"].str.strip(), "study_category": df["category"].str.strip(),
            "density": _number(df, f"density_{source}", label, hi=100.0, what="relatedness density"),
            "complexity": complexity, "published_rank": _number(df, f"rank_{source}", label, what="rank"), "page": _page(df)}))
    rows.append(pd.DataFrame({
        "source": "summary", "technology": ids, "study_name": df["technology"].str.strip(), "study_category": df["category"].str.strip(),
        "rca": np.nan, "density": _number(df, "composite_density", label, hi=100.0, what="composite relatedness density"),
        "density_plotted": _number(df, "composite_density", label, hi=100.0, what="composite relatedness density"),
        "complexity": complexity, "published_rank": _number(df, "rank_sum", label, what="rank sum"), "page": _page(df)}))
    return pd.concat(rows, ignore_index=True), region, len(df)


def _source_file(folder: Path, source: str, names: dict[str, str], root: Path, summary: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """RCA and the plotted x of one source's page, checked against ``summary.csv`` (same complexity)."""
    path = folder / f"{source}.csv"
    label = path.relative_to(root).as_posix()
    df = read_csv_raw(path, SOURCE_COLUMNS, label=label)
    check_not_empty(df, label)
    ids = _tech_ids(df, "technology", names, label)
    check_duplicates(df.assign(tech_id=ids), ["tech_id"], label)
    _all_technologies(ids, names, label)
    part = pd.DataFrame({"technology": ids, "rca": _number(df, "rca", label, what="RCA"),
                         "density_plotted": _number(df, "density_plotted", label, hi=100.0, what="relatedness density"),
                         "complexity_page": _number(df, "complexity", label, what="complexity"), "line": [file_line(df, i) for i in range(len(df))],
                         "source_page": _page(df)})
    base = summary[summary["source"] == source].drop(columns=["rca", "density_plotted"], errors="ignore").merge(part, on="technology", how="left")
    off = (base["complexity"] - base["complexity_page"]).abs() > AGREE_TOL
    if off.any():
        r = base[off].iloc[0]
        raise InputError(f"{label}: complexity {r['complexity_page']:g} of {r['study_name']!r} at line {int(r['line'])} differs from "
                         f"{r['complexity']:g} in summary.csv; the study publishes one complexity per technology: check the transcription")
    # the row's page: the source's own page (RCA, plotted x); its density and rank come from summary.csv
    base["page"] = base["source_page"] + " (density: " + base["page"] + ")"
    return base.drop(columns=["complexity_page", "line", "source_page"]), len(df)


def _network(folder: Path, source: str, names: dict[str, str], root: Path) -> tuple[pd.DataFrame, pd.DataFrame, list[InputFile]]:
    nodes_path, links_path = folder / f"network_{source}_nodes.csv", folder / f"network_{source}_links.csv"
    nl, ll = nodes_path.relative_to(root).as_posix(), links_path.relative_to(root).as_posix()
    nodes = read_csv_raw(nodes_path, NODE_COLUMNS, label=nl)
    check_not_empty(nodes, nl)
    check_filled(nodes, ["category"], nl)
    node_ids = _tech_ids(nodes, "technology", names, nl)
    check_duplicates(nodes.assign(tech_id=node_ids), ["tech_id"], nl)
    layout = pd.DataFrame({"source": source, "technology": node_ids, "study_category": nodes["category"].str.strip(),
                           "x": _number(nodes, "layout_x", nl, lo=None, what="layout coordinate"),
                           "y": _number(nodes, "layout_y", nl, lo=None, what="layout coordinate"), "page": _page(nodes)})
    links = read_csv_raw(links_path, LINK_COLUMNS, label=ll)
    check_not_empty(links, ll)
    a, b = _tech_ids(links, "source", names, ll), _tech_ids(links, "target", names, ll)
    same = a == b
    if same.any():
        pos = int(np.flatnonzero(same.to_numpy())[0])
        raise InputError(f"{ll}: line {file_line(links, pos)} links {links['source'].iloc[pos]!r} to itself; a link joins two technologies")
    pairs = pd.DataFrame({"source": source, "technology_a": np.where(a < b, a, b), "technology_b": np.where(a < b, b, a),
                          "weight": _number(links, "weight", ll, what="link weight"), "page": _page(links)})
    check_duplicates(pairs, ["technology_a", "technology_b"], ll)
    outside = ~(pairs["technology_a"].isin(set(node_ids)) & pairs["technology_b"].isin(set(node_ids)))
    if outside.any():
        pos = int(np.flatnonzero(outside.to_numpy())[0])
        raise InputError(f"{ll}: line {file_line(links, pos)} links a technology that {nl} does not place; every linked technology needs a node")
    files = [InputFile(path=nodes_path, adapter=NAME, rows_read=len(nodes)), InputFile(path=links_path, adapter=NAME, rows_read=len(links))]
    return pairs, layout, files


def _companies(folder: Path, names: dict[str, str], root: Path) -> tuple[pd.DataFrame, int]:
    path = folder / "ecosystem_investments.csv"
    label = path.relative_to(root).as_posix()
    df = read_csv_raw(path, COMPANY_COLUMNS, label=label)
    out = pd.DataFrame({"technology": _tech_ids(df, "technology", names, label), "organisation": df["organisation"].str.strip(),
                        "amount": _number(df, "amount", label, what="amount"), "page": _page(df)})
    check_duplicates(out, ["technology", "organisation"], label)
    return out, len(df)


def load(folder: Path, *, root: Path | None = None, progress: Progress = _quiet, name_map: Path = MAP_FILE) -> AdapterResult:
    """Read the study's published values from ``folder`` (see the module doc); ``root`` is the raw
    data folder (file names in messages are relative to it)."""
    folder = Path(folder)
    root = Path(root) if root is not None else folder.parent
    names = load_name_map(name_map)
    progress(f"{NAME}: reading {folder.relative_to(root).as_posix()}/ ({len(names)} technologies in data/ceps_technology_map.csv)")
    res = AdapterResult(adapter=NAME)
    summary, region, n = _summary(folder, names, root)
    res.inputs.append(InputFile(path=folder / "summary.csv", adapter=NAME, rows_read=n))
    parts = [summary[summary["source"] == "summary"]]
    for source in SOURCES:
        part, n = _source_file(folder, source, names, root, summary)
        parts.append(part)
        res.inputs.append(InputFile(path=folder / f"{source}.csv", adapter=NAME, rows_read=n))
    positions = pd.concat(parts, ignore_index=True)
    positions.insert(0, "study", STUDY)
    positions.insert(2, "region", region)
    res.tables["published_positions"] = positions
    networks, layouts = [], []
    for source in NETWORK_SOURCES:
        pairs, layout, files = _network(folder, source, names, root)
        networks.append(pairs)
        layouts.append(layout)
        res.inputs += files
    res.tables["published_network"] = pd.concat(networks, ignore_index=True).assign(study=STUDY)
    res.tables["published_layout"] = pd.concat(layouts, ignore_index=True).assign(study=STUDY)
    companies, n = _companies(folder, names, root)
    res.tables["published_companies"] = companies.assign(study=STUDY)
    res.inputs.append(InputFile(path=folder / "ecosystem_investments.csv", adapter=NAME, rows_read=n))
    res.notes.append(f"{FOLDER}/: {len(names)} technologies of {region} in {len(SOURCES)} sources, {len(res.tables['published_network'])} "
                     f"network links, {len(companies)} companies for {companies['technology'].nunique()} technologies")
    progress(f"{NAME}: {len(positions)} published positions")
    return res


def detect(raw_dir: Path) -> list[Path] | None:
    """The study's folder in a raw data folder, when it has the summary file."""
    folder = Path(raw_dir) / FOLDER
    return [folder] if (folder / "summary.csv").is_file() else None


def load_from_raw(raw_dir: Path, files: list[Path], progress: Progress = _quiet) -> AdapterResult:
    return load(files[0], root=Path(raw_dir), progress=progress)
