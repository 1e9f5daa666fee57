"""Agreement with Harvard Growth Lab's ``ecomplexity`` on a real matrix, and the documented numbers.

The matrix: patents by inventor country x 35 WIPO fields, 2015-2019 summed, from
``../shared/data/patents_country_wipo35.csv`` (EPO PATSTAT via Harvard Growth Lab), rows with an
empty ``country_iso3`` dropped (patent offices such as the EPO carry a blank code). Built here with
a tiny local helper, not the project's data layer. Skipped when the shared data are absent.
"""

from __future__ import annotations

import contextlib
import io
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers.cli import main as cli
from helpers.methods.complexity import complexity_eigenvector, complexity_reflections
from helpers.methods.density import relatedness_density
from helpers.methods.quadrants import quadrants
from helpers.methods.specialisation import binary_specialisation, diversity, rca, ubiquity
from helpers.methods.relatedness import colocation, proximity, relatedness

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
PATENTS = DATA / "patents_country_wipo35.csv"
WINDOW = (2015, 2019)

pytestmark = pytest.mark.skipif(not PATENTS.is_file(), reason=f"real data not found: {PATENTS} (the shared data folder beside the project)")


def patents_matrix(path: Path = PATENTS, years: tuple[int, int] = WINDOW) -> pd.DataFrame:
    """Countries x WIPO fields, patents summed over ``years`` (inclusive); blank country codes dropped."""
    raw = pd.read_csv(path, dtype={"country_iso3": str})
    raw["country_iso3"] = raw["country_iso3"].str.strip()
    raw = raw[raw["country_iso3"].notna() & (raw["country_iso3"] != "") & raw["year"].between(*years)]
    return raw.pivot_table(index="country_iso3", columns="wipo_field", values="patents", aggfunc="sum", fill_value=0).astype(float)


@pytest.fixture(scope="module")
def matrix() -> pd.DataFrame:
    return patents_matrix()


@pytest.fixture(scope="module")
def reference(matrix: pd.DataFrame) -> pd.DataFrame:
    """``ecomplexity`` on the same matrix, in long form; one frame per output, region x field."""
    ecomplexity = pytest.importorskip("ecomplexity").ecomplexity
    long = matrix.stack().rename("patents").reset_index()
    long["year"] = WINDOW[1]
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        out = ecomplexity(long, {"time": "year", "loc": "country_iso3", "prod": "wipo_field", "val": "patents"}, verbose=False, check_logsupermodularity=False)
    return out.set_index(["country_iso3", "wipo_field"])


def wide(reference: pd.DataFrame, column: str, like: pd.DataFrame) -> pd.DataFrame:
    return reference[column].unstack().reindex(index=like.index, columns=like.columns)


def test_the_real_matrix(matrix):
    # 212 economies with a country code x 35 fields, 10,385,783 patents in 2015-2019
    assert matrix.shape == (212, 35) and matrix.to_numpy().sum() == 10_385_783
    assert matrix.loc["BEL"].sum() == 61_648


def test_rca_and_binary_rca_match_ecomplexity(matrix, reference):
    r = rca(matrix)
    np.testing.assert_allclose(r.to_numpy(), wide(reference, "rca", r).to_numpy(), rtol=1e-15, atol=0)
    b = binary_specialisation(r)
    np.testing.assert_array_equal(b.to_numpy(), wide(reference, "mcp", b).to_numpy())


def test_diversity_and_ubiquity_match_ecomplexity(matrix, reference):
    b = binary_specialisation(rca(matrix))
    np.testing.assert_array_equal(diversity(b).to_numpy(), reference["diversity"].groupby(level=0).first().reindex(b.index).to_numpy())
    np.testing.assert_array_equal(ubiquity(b).to_numpy(), reference["ubiquity"].groupby(level=1).first().reindex(b.columns).to_numpy())


def test_complexity_matches_ecomplexity_up_to_the_documented_scale(matrix, reference):
    b = binary_specialisation(rca(matrix))
    pci = reference["pci"].groupby(level=1).first().reindex(b.columns)
    eci = reference["eci"].groupby(level=0).first().reindex(b.index)
    # with ecomplexity's scale (both standardised by the region index): the same numbers
    same = complexity_eigenvector(b, scale="eci")
    np.testing.assert_allclose(same.technology, pci, atol=1e-10)
    np.testing.assert_allclose(same.region, eci, atol=1e-10)
    # the default z-score: the same orientation and ranking, an affine rescaling of PCI
    ours = complexity_eigenvector(b)
    assert (ours.technology.rank() == pci.rank()).all()
    assert np.corrcoef(ours.technology, pci)[0, 1] == pytest.approx(1.0, abs=1e-12)
    np.testing.assert_allclose(ours.region, eci, atol=1e-10)  # ECI is a z-score in both
    # the method of reflections (20 steps) ranks the fields almost identically
    mor = complexity_reflections(b).technology
    assert np.corrcoef(mor, pci)[0, 1] > 0.99


def test_density_is_ecomplexity_density_without_the_own_technology(matrix, reference):
    # ecomplexity: density_rt = sum_k B_rk phi_kt / sum_k phi_kt with phi_tt = 1 (own field counted),
    # on a 0-1 scale; ours (R = the same proximity with phi_tt = 0), 0-100:
    #   100 * (eco * (1 + den) - B_rt) / den  with den = sum_{k != t} phi_kt
    b = binary_specialisation(rca(matrix))
    phi = proximity(b)
    ours = relatedness_density(b, phi)
    den = phi.sum(axis=0)
    eco = wide(reference, "density", b)
    rebuilt = 100 * (eco * (1 + den) - b) / den
    np.testing.assert_allclose(ours.to_numpy(), rebuilt.to_numpy(), atol=1e-9)


# The numbers stated in book/annex_methods.en.md ("Worked example on the real matrix").
DOCUMENTED_BEL = {
    # field: (RCA, binary, density (cosine, co-location), complexity (eigenvector z-score))
    "Macromolecular chemistry, polymers": (2.641754, 1, 51.889475, 0.362631),
    "Pharmaceuticals": (2.117542, 1, 51.773394, 0.107780),
    "Biotechnology": (2.081773, 1, 51.766250, -0.051182),
    "Thermal processes and apparatus": (1.004786, 1, 49.744578, 0.810747),
    "Transport": (0.795390, 0, 57.899446, 1.553883),
    "Semiconductors": (0.674352, 0, 41.516943, -1.596997),
    "Computer technology": (0.320608, 0, 39.301424, -2.468207),
    "Digital communication": (0.402862, 0, 45.811298, -2.520841),
}


def check_documented(r: pd.DataFrame, b: pd.DataFrame, d: pd.DataFrame, tci: pd.Series) -> None:
    for field, (rca_value, binary, density, complexity) in DOCUMENTED_BEL.items():
        assert r.loc["BEL", field] == pytest.approx(rca_value, abs=5e-7), field
        assert b.loc["BEL", field] == binary, field
        assert d.loc["BEL", field] == pytest.approx(density, abs=5e-7), field
        assert tci[field] == pytest.approx(complexity, abs=5e-7), field


def test_documented_numbers_from_the_functions(matrix):
    r = rca(matrix)
    b = binary_specialisation(r)
    d = relatedness_density(b, relatedness(colocation(b), "cosine"))
    result = complexity_eigenvector(b)
    check_documented(r, b, d, result.technology)
    assert b.loc["BEL"].sum() == 16 and b.to_numpy().sum() == 2013
    assert result.region["BEL"] == pytest.approx(0.814664, abs=5e-7)
    assert result.technology.idxmax() == "Transport" and result.technology.idxmin() == "Digital communication"
    counts = quadrants(d.loc["BEL"], result.technology)["quadrant"].value_counts().to_dict()
    assert counts == {"optimal": 15, "low_priority": 14, "low_risk": 3, "moonshot": 3}


def test_documented_numbers_from_the_command_line(matrix, tmp_path):
    src = tmp_path / "patents_2015_2019.csv"
    matrix.to_csv(src)
    out = tmp_path / "out"
    assert cli(["metrics", str(src), "--out", str(out)]) == 0
    r = pd.read_csv(out / "rca.csv", index_col=0)
    b = pd.read_csv(out / "rca_binary.csv", index_col=0)
    d = pd.read_csv(out / "density.csv", index_col=0)
    tci = pd.read_csv(out / "complexity.csv", index_col=0)["value"]
    check_documented(r, b, d, tci)
    # and the CSV round-trips the library's numbers exactly (full precision)
    np.testing.assert_array_equal(r.to_numpy(), rca(matrix).loc[r.index, r.columns].to_numpy())
