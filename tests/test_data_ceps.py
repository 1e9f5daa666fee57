"""The CEPS study's published values (ceps_vario_2026/): adapter on the real folder, the composite, bad input."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.data.adapters import ceps_vario
from helpers.data.canonical import build, read
from helpers.errors import InputError
from helpers.methods.composite import composite_rank

from conftest import RAW_DATA, raw_data_or_skip

FOLDER = RAW_DATA / "ceps_vario_2026"


def _raw_rows(name: str) -> list[dict[str, str]]:
    """Independent of the adapter: the csv module on the raw file."""
    with open(FOLDER / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def canon(real_canonical):
    return real_canonical


def test_positions_of_the_38_technologies(canon):
    pos = read(canon, "published_positions")
    assert sorted(pos["source"].unique()) == ["investments", "patents", "publications", "summary"]
    assert (pos.groupby("source")["technology"].nunique() == 38).all()
    assert set(pos["region"]) == {"BE2"}
    known = set(pd.read_csv(Path(__file__).parents[1] / "data" / "technologies.csv")["tech_id"])
    assert set(pos["technology"]) == known
    by = pos.set_index(["source", "technology"])
    raw = {r["technology"]: r for r in _raw_rows("summary.csv")}
    # each source row carries that source's own density, not the plotted patent density
    for study_name, tech in (("Semiconductors", "semiconductors"), ("Natural Language Processing", "language_processing")):
        r = raw[study_name]
        for source in ("patents", "publications", "investments"):
            assert by.loc[(source, tech), "density"] == float(r[f"density_{source}"])
            assert by.loc[(source, tech), "complexity"] == float(r["complexity"])
        assert by.loc[("summary", tech), "density"] == float(r["composite_density"])
    pubs = {r["technology"]: r for r in _raw_rows("publications.csv")}
    assert by.loc[("publications", "semiconductors"), "rca"] == float(pubs["Semiconductors"]["rca"])
    assert by.loc[("publications", "semiconductors"), "density_plotted"] == float(pubs["Semiconductors"]["density_plotted"])


def test_network_layout_and_companies(canon):
    net = read(canon, "published_network")
    assert net.groupby("source").size().to_dict() == {"patents": len(_raw_rows("network_patents_links.csv")),
                                                       "publications": len(_raw_rows("network_publications_links.csv"))}
    assert (net["technology_a"] < net["technology_b"]).all()
    assert len(read(canon, "published_layout")) == 2 * 38
    companies = read(canon, "published_companies")
    assert len(companies) == len(_raw_rows("ecosystem_investments.csv"))
    assert companies["technology"].nunique() == len({r["technology"] for r in _raw_rows("ecosystem_investments.csv")})


def test_composite_recomputes_the_published_values(canon):
    """The CEPS summary method on the three published densities gives the published composite of all 38 (two decimals)."""
    pos = read(canon, "published_positions")
    wide = pos[pos["source"] != "summary"].pivot(index="technology", columns="source", values="density")
    ours = composite_rank(wide)
    published = pos[pos["source"] == "summary"].set_index("technology")["density"]
    assert len(ours) == 38
    assert (ours.round(2) - published.reindex(ours.index)).abs().max() < 1e-9
    # and the published per-source ranks are the average ranks (1 = lowest)
    ranks = pos[pos["source"] != "summary"].pivot(index="technology", columns="source", values="published_rank")
    assert (wide.rank(method="average") - ranks).abs().max().max() == 0


def test_composite_rank_hand_worked():
    d = pd.DataFrame({"patents": [1.0, 2.0, 3.0, 3.0], "publications": [4.0, 3.0, 2.0, 1.0]}, index=list("abcd"))
    # ranks: patents 1, 2, 3.5, 3.5; publications 4, 3, 2, 1 -> sums 5, 5, 5.5, 4.5 -> (s - 4.5) / 1 * 100
    assert composite_rank(d).tolist() == [50.0, 50.0, 100.0, 0.0]
    with pytest.warns(UserWarning, match="'d'"):
        out = composite_rank(d.assign(patents=[1.0, 2.0, 3.0, None]))
    assert out.isna().tolist() == [False, False, False, True]
    with pytest.raises(InputError, match="one column"):
        composite_rank(pd.DataFrame(index=["a"]))


# ---------------------------------------------------------------------------------------------------- bad input
def _copy(tmp_path: Path) -> Path:
    raw_data_or_skip()
    raw = tmp_path / "raw"
    shutil.copytree(FOLDER, raw / "ceps_vario_2026")
    return raw


def _edit(path: Path, line: int, column: str, value: str) -> None:
    rows = list(csv.DictReader(open(path, newline="", encoding="utf-8")))
    fields = list(rows[0])
    rows[line - 2][column] = value
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _build_fails(raw: Path, tmp_path: Path, *needles: str) -> str:
    out = tmp_path / "out"
    with pytest.raises(InputError) as info:
        build(raw, out, sources=["published"], progress=lambda m: None)
    message = str(info.value)
    assert "\n" not in message
    for needle in needles:
        assert needle in message, message
    assert not out.exists(), "nothing is written on bad input"
    return message


def test_unknown_technology_names_file_line_and_the_known_names(tmp_path):
    raw = _copy(tmp_path)
    _edit(raw / "ceps_vario_2026" / "patents.csv", 5, "technology", "Flying Cars")
    msg = _build_fails(raw, tmp_path, "ceps_vario_2026/patents.csv", "line 5", "'Flying Cars'", "Wind Energy", "ceps_technology_map.csv")
    assert msg.count(";") >= 37


@pytest.mark.parametrize("file, column, value, needles", [
    ("patents.csv", "rca", "abc", ["patents.csv", "'rca'", "line 4", "non-numeric"]),
    ("investments.csv", "rca", "-0.5", ["investments.csv", "'rca'", "line 4", "negative"]),
    ("summary.csv", "density_publications", "130", ["summary.csv", "'density_publications'", "line 4", "0-100"]),
    ("summary.csv", "density_patents", "-3", ["summary.csv", "'density_patents'", "line 4", "negative"]),
    ("publications.csv", "complexity", "12", ["publications.csv", "differs", "summary.csv"]),
    ("summary.csv", "region", "Flanders", ["summary.csv", "'region'", "line 4"]),
])
def test_bad_values(tmp_path, file, column, value, needles):
    raw = _copy(tmp_path)
    _edit(raw / "ceps_vario_2026" / file, 4, column, value)
    _build_fails(raw, tmp_path, *needles)


def test_duplicate_and_missing_technology(tmp_path):
    raw = _copy(tmp_path)
    _edit(raw / "ceps_vario_2026" / "summary.csv", 3, "technology", "Advanced Manufacturing")
    _build_fails(raw, tmp_path, "summary.csv", "duplicate", "line 3")
    raw2 = _copy(tmp_path / "b")
    path = raw2 / "ceps_vario_2026" / "investments.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")
    _build_fails(raw2, tmp_path / "b", "investments.csv", "no row for 1", "wind_energy")


def test_missing_or_renamed_column(tmp_path):
    raw = _copy(tmp_path)
    path = raw / "ceps_vario_2026" / "summary.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("composite_density", "composite", 1), encoding="utf-8")
    _build_fails(raw, tmp_path, "summary.csv", "missing column", "'composite_density'")


def test_folder_absent_gives_empty_published_tables(tmp_path):
    raw_data_or_skip()
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW_DATA / "patents_country_wipo35.csv", raw)
    out = tmp_path / "out"
    build(raw, out, progress=lambda m: None)
    assert ceps_vario.detect(raw) is None
    for table in ("published_positions", "published_network", "published_layout", "published_companies"):
        assert len(read(out, table)) == 0
