"""helpers.chapters.technologies: the strategic-investment profile (seed 3.1), on a matrix worked out by hand,
on a document fixture for the taxonomy's technologies, and on the real patent data."""

from __future__ import annotations

import csv
from collections import defaultdict

import numpy as np
import pandas as pd
import pytest
from IPython.display import HTML, Markdown

from helpers.charts import quadrants as quadrant_charts
from helpers.methods import complexity as cx
from helpers.chapters import technologies as tech
from helpers.chapters.page import Table
from helpers.data import policy
from helpers.errors import InputError
from helpers.i18n import CHAPTER_LABELS, column_labels, t

from conftest import RAW_DATA, raw_data_or_skip

# ----------------------------------------------------------------------------- a matrix worked out by hand
# Five regions x four technologies, every technology 100 in total (world share 0.25 each), so
# RCA_rt = (X_rt / X_r.) / 0.25 = 4 X_rt / X_r.:
#
#        a   b   c   d   total   RCA a    RCA b    RCA c    RCA d     B (RCA >= 1)
#   R1  30  30  30  10    100    1.2      1.2      1.2      0.4       1 1 1 0
#   R2  40  40  20  10    110    1.4545   1.4545   0.7273   0.3636    1 1 0 0
#   R3  20   5   5   5     35    2.2857   0.5714   0.5714   0.5714    1 0 0 0
#   R4   5   5   5  35     50    0.4      0.4      0.4      2.8       0 0 0 1
#   R5   5  20  40  40    105    0.1905   0.7619   1.5238   1.5238    0 0 1 1
#
# Co-location C = B^T B with a zero diagonal: ab = 2 (R1, R2), ac = 1 (R1), bc = 1 (R1), cd = 1 (R5),
# ad = bd = 0; row sums s = (3, 3, 3, 1). Cosine R_ij = C_ij / sqrt(s_i s_j):
# ab = 2/3, ac = bc = 1/3, cd = 1/sqrt(3) = 0.57735.
# Density of R5 (B = 0 0 1 1), D_t = 100 sum_k B_k R_kt / sum_k R_kt:
#   a: 100 (1/3) / (2/3 + 1/3)        = 33.333
#   b: 100 (1/3) / (2/3 + 1/3)        = 33.333
#   c: 100 0.57735 / (1/3 + 1/3 + 0.57735) = 46.410
#   d: 100 0.57735 / 0.57735           = 100
# Density of R1 (B = 1 1 1 0): a = b = d = 100, c = 100 (2/3) / 1.24402 = 53.590.
# Complexity (eigenvector, oriented by diversity): a, b (held by the diverse R1, R2) high,
# d (held by R4 alone and R5) lowest: order a > b > c > d.
# Quadrants of R5, split at the medians: x split = (33.333 + 46.410) / 2 = 39.872, y split = the
# median of the four complexities (between b and c). a, b: low x, high y -> moonshot; c, d: high x,
# low y -> low_risk. Quadrants of R1: x split = median(100, 100, 53.59, 100) = 100, and a value equal
# to the split counts as high: a, b -> optimal, d -> low_risk, c -> low_priority.
HAND = {"R1": [30, 30, 30, 10], "R2": [40, 40, 20, 10], "R3": [20, 5, 5, 5], "R4": [5, 5, 5, 35], "R5": [5, 20, 40, 40]}
RCA_R5 = {"a": 4 * 5 / 105, "b": 4 * 20 / 105, "c": 4 * 40 / 105, "d": 4 * 40 / 105}
DENSITY_R5 = {"a": 100 / 3, "b": 100 / 3, "c": 100 * 3 ** -0.5 / (2 / 3 + 3 ** -0.5), "d": 100.0}
DENSITY_R1 = {"a": 100.0, "b": 100.0, "c": 100 * (2 / 3) / (2 / 3 + 3 ** -0.5), "d": 100.0}


def hand_activity(years: tuple[int, ...] = (2020, 2021)) -> pd.DataFrame:
    """The matrix above as canonical activity rows, split evenly over ``years``."""
    return pd.DataFrame([
        {"source": "patents", "classification": "toy", "region": r, "technology": tech_, "year": y, "value": x / len(years)}
        for r, values in HAND.items() for tech_, x in zip("abcd", values) for y in years
    ])


def by_tech(profile: pd.DataFrame, column: str) -> dict[str, float]:
    return dict(zip(profile["technology"], profile[column]))


def test_hand_example_rca_density_quadrants():
    p = tech.technology_profile(hand_activity(), "R5", (2020, 2021), classification="toy")
    assert by_tech(p, "rca") == pytest.approx(RCA_R5, rel=1e-12)
    assert by_tech(p, "specialised") == {"a": 0, "b": 0, "c": 1, "d": 1}
    assert by_tech(p, "activity") == pytest.approx({"a": 5, "b": 20, "c": 40, "d": 40})
    assert by_tech(p, "share_of_region") == pytest.approx({"a": 5 / 105, "b": 20 / 105, "c": 40 / 105, "d": 40 / 105})
    assert by_tech(p, "density") == pytest.approx(DENSITY_R5, rel=1e-9)
    c = by_tech(p, "complexity")
    assert c["a"] > c["b"] > c["c"] > c["d"]
    assert p["x_split"].iloc[0] == pytest.approx((100 / 3 + DENSITY_R5["c"]) / 2)
    assert p["y_split"].iloc[0] == pytest.approx((c["b"] + c["c"]) / 2)
    assert by_tech(p, "quadrant") == {"a": "moonshot", "b": "moonshot", "c": "low_risk", "d": "low_risk"}
    assert set(p["quadrant_nl"]) == {"Moonshots (hoog risico, hoge opbrengst)", "Laag risico, incrementeel"}
    # sorted by quadrant (optimal, moonshot, low-risk, low-priority), then RCA descending
    assert list(p["technology"]) == ["b", "a", "c", "d"]
    assert p["relatedness_basis"].iloc[0] == "co-location"
    assert (p["n_regions"] == 5).all() and (p["n_regions_space"] == 5).all()
    assert (p["category_id"] == "other").all()  # the toy classification is not in the taxonomy

    p1 = tech.technology_profile(hand_activity(), "R1", (2020, 2021), classification="toy")
    assert by_tech(p1, "density") == pytest.approx(DENSITY_R1, rel=1e-9)
    assert by_tech(p1, "quadrant") == {"a": "optimal", "b": "optimal", "c": "low_priority", "d": "low_risk"}
    # the technology space does not depend on the focus region
    assert by_tech(p1, "complexity") == pytest.approx(c, rel=1e-12)


def test_window_and_classification_select_the_rows():
    act = pd.concat([hand_activity((2020, 2021)), hand_activity((2022,)).assign(value=1.0),
                     hand_activity((2020,)).assign(classification="other", value=7.0)])
    p = tech.technology_profile(act, "R5", (2020, 2021), classification="toy")
    assert by_tech(p, "rca") == pytest.approx(RCA_R5, rel=1e-12)
    assert p[["window_start", "window_end"]].iloc[0].tolist() == [2020, 2021]


def test_min_activity_filters_the_regions_of_relatedness_and_complexity():
    # R3 (35) is below 40: it leaves B_s. RCA still compares with all five regions.
    act = hand_activity()
    full = tech.technology_space(act, (2020, 2021), classification="toy")
    space = tech.technology_space(act, (2020, 2021), classification="toy", min_activity=40)
    assert list(space.space_regions) == ["R1", "R2", "R4", "R5"]
    pd.testing.assert_frame_equal(space.rca, full.rca)
    expected = cx.complexity_eigenvector(full.b.drop(index="R3")).technology
    assert space.complexity.to_dict() == pytest.approx(expected.to_dict(), rel=1e-12)
    # without R3 (only a), a and b are held by the same regions: the same complexity
    assert space.complexity["a"] == pytest.approx(space.complexity["b"], rel=1e-9)
    assert full.complexity["a"] != pytest.approx(full.complexity["b"], rel=1e-3)
    # R3 held nothing else, so the co-location (and the relatedness) does not change
    pd.testing.assert_frame_equal(space.relatedness, full.relatedness)
    p = tech.profile_from_space(space, "R3")
    assert not p["in_space"].iloc[0] and any("min_activity" in n for n in p.attrs["notes"])
    refl = tech.technology_space(act, (2020, 2021), classification="toy", min_activity=40, complexity_method="reflections")
    assert refl.complexity.to_dict() == pytest.approx(cx.complexity_reflections(full.b.drop(index="R3")).technology.to_dict(), rel=1e-12)


def test_relatedness_normalisations_are_passed_on():
    act = hand_activity()
    space = tech.technology_space(act, (2020, 2021), classification="toy", relatedness_method="association")
    # association strength C_ij T / (s_i s_j), T = 10: ab = 2 * 10 / 9
    assert space.relatedness.loc["a", "b"] == pytest.approx(20 / 9)


def test_invariant_to_row_order():
    act = hand_activity()
    first = tech.technology_profile(act, "R5", (2020, 2021), classification="toy")
    shuffled = act.sample(frac=1.0, random_state=7).reset_index(drop=True)
    again = tech.technology_profile(shuffled[list(reversed(shuffled.columns))], "R5", (2020, 2021), classification="toy")
    pd.testing.assert_frame_equal(first, again)


def test_profiles_for_regions_share_one_space():
    act = hand_activity()
    both = tech.profiles_for_regions(act, ["R1", "R5"], (2020, 2021), classification="toy")
    assert list(dict.fromkeys(both["region"])) == ["R1", "R5"]
    for region in ("R1", "R5"):
        alone = tech.technology_profile(act, region, (2020, 2021), classification="toy")
        pd.testing.assert_frame_equal(both[both["region"] == region].reset_index(drop=True), alone)
    with pytest.raises(InputError, match="no region given"):
        tech.profiles_for_regions(act, [], (2020, 2021), classification="toy")


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"focus_region": "XX"}, "region 'XX' has no activity"),
    ({"window": (1990, 1995)}, "no activity in the window 1990-1995; the data cover 2020-2021"),
    ({"window": (2021, 2020)}, "first year is after the last"),
    ({"classification": "nope"}, "no rows of classification 'nope'"),
    ({"complexity_method": "scaling"}, "needs a city x technology matrix with city populations"),
    ({"complexity_method": "pagerank"}, "complexity method 'pagerank'"),
    ({"relatedness_method": "jaccard"}, "relatedness normalisation 'jaccard'"),
    ({"split": "mode"}, "quadrant split 'mode'"),
    ({"split": {"x": 50}}, "give both x"),
    ({"min_activity": 1000}, "min_activity 1000 leaves 0 region"),
    ({"min_activity": -1}, "min_activity -1"),
    ({"rca_threshold": 0}, "RCA threshold 0"),
])
def test_bad_input_is_one_line(kwargs, message):
    args = {"focus_region": "R5", "window": (2020, 2021), "classification": "toy"} | kwargs
    with pytest.raises(InputError, match=message) as err:
        tech.technology_profile(hand_activity(), args.pop("focus_region"), args.pop("window"), **args)
    assert "\n" not in str(err.value)


def test_bad_tables():
    with pytest.raises(InputError, match="missing column"):
        tech.technology_profile(hand_activity().drop(columns="value"), "R5", (2020, 2021), classification="toy")
    negative = hand_activity()
    negative.loc[0, "value"] = -3
    with pytest.raises(InputError, match="value -3.0 for region .R1., technology .a., year 2020"):
        tech.technology_profile(negative, "R1", (2020, 2021), classification="toy")


def test_fixed_and_mean_split():
    p = tech.technology_profile(hand_activity(), "R5", (2020, 2021), classification="toy", split={"x": 40, "y": 0})
    assert p["x_split"].iloc[0] == 40 and p["y_split"].iloc[0] == 0
    c = by_tech(p, "complexity")
    assert by_tech(p, "quadrant")["c"] == ("optimal" if c["c"] >= 0 else "low_risk")
    m = tech.technology_profile(hand_activity(), "R5", (2020, 2021), classification="toy", split="mean")
    assert m["x_split"].iloc[0] == pytest.approx(np.mean(list(DENSITY_R5.values())))


def test_within_document_cooccurrence_replaces_colocation():
    # Documents of the same classification: a+b twice, c+d once, a+c once -> C: ab 2, cd 1, ac 1.
    docs = pd.DataFrame({
        "source": "patents", "classification": "toy", "year": 2020, "weight": 1.0,
        "document_id": ["1", "1", "2", "2", "3", "3", "4", "4"], "region": "R1",
        "technology": ["a", "b", "a", "b", "c", "d", "a", "c"],
    })
    p = tech.technology_profile(hand_activity(), "R5", (2020, 2021), classification="toy", documents=docs)
    assert p["relatedness_basis"].iloc[0] == "within-document"
    # C rows: a (b 2, c 1) s=3; b (a 2) s=2; c (a 1, d 1) s=2; d (c 1) s=1. Cosine: ab 2/sqrt6, ac 1/sqrt6, cd 1/sqrt2.
    # R5 specialised in c, d: density of a = 100 (1/sqrt6) / (2/sqrt6 + 1/sqrt6) = 33.33; of b = 0; of d = 100;
    # of c = 100 (1/sqrt2) / (1/sqrt6 + 1/sqrt2) = 63.40.
    r6, r2 = 6 ** -0.5, 2 ** -0.5
    assert by_tech(p, "density") == pytest.approx({"a": 100 / 3, "b": 0.0, "c": 100 * r2 / (r6 + r2), "d": 100.0})


# ----------------------------------------------------------------------------- the taxonomy's technologies on documents
def documents_fixture() -> pd.DataFrame:
    """Five patents with full CPC codes (as REGPAT or PATSTAT give them), fractional region weights.

    doc1 BEL 1.0: G06N3/08 (AI)             doc2 BEL 0.5, NLD 0.5: G06N3/08 (AI), B33Y10/00 (additive manufacturing)
    doc3 NLD 1.0: B33Y10/00                 doc4 DEU 1.0: A01B1/00 (no technology of the taxonomy)
    doc5 DEU 1.0: G06N20/00 (AI), B33Y10/00
    """
    rows = [("1", "BEL", 1.0, "G06N3/08"), ("2", "BEL", 0.5, "G06N3/08"), ("2", "BEL", 0.5, "B33Y10/00"), ("2", "NLD", 0.5, "G06N3/08"),
            ("2", "NLD", 0.5, "B33Y10/00"), ("3", "NLD", 1.0, "B33Y10/00"), ("4", "DEU", 1.0, "A01B1/00"), ("5", "DEU", 1.0, "G06N20/00"),
            ("5", "DEU", 1.0, "B33Y10/00"), ("5", "DEU", 1.0, "G06N3/08")]
    return pd.DataFrame([{"source": "patents", "classification": "cpc", "document_id": d, "region": r, "weight": w, "technology": c, "year": 2022}
                         for d, r, w, c in rows])


def test_taxonomy_technologies_from_documents():
    # X (weights, a document once per technology): BEL AI 1.5, AM 0.5; NLD AI 0.5, AM 1.5; DEU AI 1, AM 1
    # (doc5's two AI codes count once). World shares 0.5 / 0.5: RCA BEL AI = (1.5 / 2) / 0.5 = 1.5, AM 0.5.
    # Co-occurrence within documents: AI and AM together in doc2 and doc5 -> C = 2, cosine R = 2 / 2 = 1.
    # Density of BEL: AI -> AM (BEL not specialised) = 0; AM -> AI (specialised) = 100.
    p = tech.technology_profile(None, "BEL", (2020, 2024), classification=tech.TAXONOMY, documents=documents_fixture(), source="patents")
    assert set(p["technology"]) == {"artificial_intelligence", "advanced_manufacturing"}
    assert by_tech(p, "activity") == pytest.approx({"artificial_intelligence": 1.5, "advanced_manufacturing": 0.5})
    assert by_tech(p, "rca") == pytest.approx({"artificial_intelligence": 1.5, "advanced_manufacturing": 0.5})
    assert by_tech(p, "density") == pytest.approx({"artificial_intelligence": 0.0, "advanced_manufacturing": 100.0})
    assert p["relatedness_basis"].iloc[0].startswith("within-document (cpc codes")
    assert by_tech(p, "label_nl")["artificial_intelligence"] == "Artificiële intelligentie"
    assert by_tech(p, "category_id") == {"artificial_intelligence": "digital_ai", "advanced_manufacturing": "advanced_industry_materials"}
    # coverage counts each document once: DEU has doc4 (no match) and doc5 (match) -> 1 / 2
    cov = tech.coverage(None, "DEU", (2020, 2024), classification=tech.TAXONOMY, documents=documents_fixture(), source="patents")
    assert cov["coverage"].iloc[0] == pytest.approx(0.5) and cov["region_total"].iloc[0] == pytest.approx(2.0)
    bel = tech.coverage(None, "BEL", (2020, 2024), classification=tech.TAXONOMY, documents=documents_fixture(), source="patents")
    assert bel["coverage"].iloc[0] == pytest.approx(1.0) and bel["region_total"].iloc[0] == pytest.approx(1.5)
    with pytest.raises(InputError, match="document-level data"):
        tech.technology_profile(None, "BEL", (2020, 2024), classification=tech.TAXONOMY, documents=None)


def test_taxonomy_selection_and_categories_of_coarse_fields():
    cats = tech.category_map("wipo35").set_index("technology")
    assert cats.at["Pharmaceuticals", "category_id"] == "life_sciences_biotech"
    assert cats.at["Computer technology", "category_id"] == "digital_ai"
    assert "artificial_intelligence" in cats.at["Computer technology", "taxonomy_technologies"].split(";")
    assert "Furniture, games" not in cats.index
    sel = tech.taxonomy_selection("wipo35")
    assert "Pharmaceuticals" in sel and "Furniture, games" not in sel
    assert set(tech.taxonomy_selection("wipo35", strength="any")) > set(sel)
    assert tech.taxonomy_selection("ipc4", codes=["B33Y", "A01B", "G06N"]) == ["B33Y"]  # G06N is defined by its groups only
    assert tech.category_map("ipc4", codes=["B33Y"]).set_index("technology").at["B33Y", "category_id"] == "advanced_industry_materials"
    with pytest.raises(InputError, match="no mapping onto the taxonomy"):
        tech.taxonomy_selection("toy")


def test_coverage_of_aggregated_fields():
    cov = tech.coverage(hand_activity(), "R5", (2020, 2021), classification="toy", selection=["c", "d"])
    assert cov["coverage"].iloc[0] == pytest.approx(80 / 105)
    assert cov[["n_selected", "region_total", "covered"]].iloc[0].tolist() == pytest.approx([2, 105, 80])
    with pytest.raises(InputError, match="no activity in the window"):
        tech.coverage(hand_activity(), "XX", (2020, 2021), classification="toy", selection=["c"])


def test_summary_table_keeps_quadrants():
    act = hand_activity()
    p = tech.technology_profile(act, "R5", (2020, 2021), classification="toy")
    q = tech.technology_profile(act.assign(source="publications"), "R5", (2020, 2021), classification="toy", source="publications")
    s = tech.summary_table({"patents": p, "publications": q})
    assert list(dict.fromkeys(s["source"])) == ["patents", "publications"] and len(s) == 8
    high_x, high_y = s["x_std"] >= 0, s["y_std"] >= 0
    expected = np.select([high_x & high_y, ~high_x & high_y, high_x & ~high_y], ["optimal", "moonshot", "low_risk"], "low_priority")
    assert (s["quadrant"] == expected).all()
    assert s.loc[s["source"] == "patents", "x_std"].std(ddof=0) == pytest.approx(1.0)
    with pytest.raises(InputError, match="different regions"):
        tech.summary_table({"patents": p, "publications": tech.technology_profile(act, "R1", (2020, 2021), classification="toy")})
    with pytest.raises(InputError, match="no source given"):
        tech.summary_table({})


def test_quadrant_summary():
    p = tech.technology_profile(hand_activity(), "R5", (2020, 2021), classification="toy")
    q = tech.quadrant_summary(p, "en").set_index("quadrant")
    assert q["count"].to_dict() == {"optimal": 0, "moonshot": 2, "low_risk": 2, "low_priority": 0}
    assert q.at["moonshot", "technologies"] == "b; a" and q.at["optimal", "technologies"] == "-"


# ----------------------------------------------------------------------------- charts
def test_quadrant_chart_spec():
    p = tech.technology_profile(hand_activity(), "R5", (2020, 2021), classification="toy")
    spec = quadrant_charts.quadrant_chart(p, "Title", "density", "complexity", "en", label_top_n=2).to_dict()
    layers = spec["layer"]
    texts = [l for l in layers if l.get("mark", {}).get("type") == "text"]
    corner = {d["text"].replace("\n", " ") for l in texts for d in spec["datasets"][l["data"]["name"]] if "text" in d}
    assert corner == {"Optimal (smart investments)", "Moonshots (high risk, high gain)", "Low-risk, incremental", "Low priority"}
    points = next(l for l in layers if l.get("mark", {}).get("type") == "circle")
    assert {tip["field"] for tip in points["encoding"]["tooltip"]} >= {"label", "rca", "density", "complexity", "activity", "quadrant_label", "category_label"}
    assert points["encoding"]["size"]["field"] == "rca" and points["encoding"]["color"]["field"] == "category_label"
    rules = [l for l in layers if l.get("mark", {}).get("type") == "rule"]
    assert len(rules) == 2
    zoom = quadrant_charts.quadrant_chart(p, "Zoom", "x", "y", "nl", domain=((30, 50), (-1, 1))).to_dict()
    assert zoom["layer"][0]["encoding"]["x"]["scale"]["domain"] == [30, 50]


def test_labels_do_not_overlap():
    rng = np.random.default_rng(3)
    pts = pd.DataFrame({"x": rng.uniform(0, 10, 60), "y": rng.uniform(0, 10, 60), "text": [f"technology {i}" for i in range(60)], "r": 6.0})
    placed = quadrant_charts.place_labels(pts, pts.index, x="x", y="y", text="text", radius="r", xdom=(0, 10), ydom=(0, 10), width=500, height=400)
    assert 0 < len(placed) < 60
    boxes = []
    for _, row in placed.iterrows():
        px, py = row["tx"] / 10 * 500, (10 - row["ty"]) / 10 * 400
        w, h = len(row["label"]) * quadrant_charts._CHAR_WIDTH, quadrant_charts._LABEL_FONT + 2
        x0 = {"left": px, "right": px - w, "center": px - w / 2}[row["align"]]
        y0 = {"top": py, "bottom": py - h, "middle": py - h / 2}[row["baseline"]]
        boxes.append((x0 + 0.01, y0 + 0.01, x0 + w - 0.01, y0 + h - 0.01))
    assert not any(quadrant_charts._overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


def test_labels_exist_in_both_languages():
    for key, value in CHAPTER_LABELS["technology"].items():
        assert set(value) == {"nl", "en"}, key
    assert t("tech_chart_title", "en", region="Belgium", source="patents", start=2015, end=2019) == \
        "Strategic investment framework of Belgium: patents, 2015-2019"
    assert column_labels("nl", "technology")["density"] == "verwantschapsdichtheid"


# ----------------------------------------------------------------------------- the real data
@pytest.fixture(scope="module")
def canon(tmp_path_factory):
    from helpers.data import canonical

    raw = raw_data_or_skip()
    out = tmp_path_factory.mktemp("canon")
    canonical.build(raw, out, sources=["patents", "investments"], progress=lambda m: None)
    return out


def raw_patents(start: int, end: int) -> dict[str, dict[str, float]]:
    """Independent of the data layer: country -> field -> patents, with the csv module (blank codes are patent offices)."""
    out: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    with open(RAW_DATA / "patents_country_wipo35.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["country_iso3"].strip() and start <= int(row["year"]) <= end:
                out[row["country_iso3"].strip()][row["wipo_field"]] += float(row["patents"])
    return out


def test_real_belgium_patents(canon):
    data = tech.load_source(canon, "patents", "BEL")
    assert data.available and data.classification == "wipo35" and data.level == "country"
    p = tech.technology_profile(data.activity, "BEL", (2015, 2019), classification="wipo35", min_activity=1000,
                                technologies=data.technologies, source="patents")
    assert len(p) == 35 and p["quadrant"].notna().all()
    raw = raw_patents(2015, 2019)
    world: dict[str, float] = defaultdict(float)
    for fields in raw.values():
        for field, value in fields.items():
            world[field] += value
    bel, total_bel, total_world = raw["BEL"], sum(raw["BEL"].values()), sum(world.values())
    expected = {f: (bel.get(f, 0.0) / total_bel) / (world[f] / total_world) for f in world}
    assert by_tech(p, "rca") == pytest.approx(expected, rel=1e-12)
    assert by_tech(p, "activity") == pytest.approx({f: bel.get(f, 0.0) for f in world})
    assert p["n_regions"].iloc[0] == len(raw) == 212
    assert p["n_regions_space"].iloc[0] == sum(1 for fields in raw.values() if sum(fields.values()) >= 1000)
    # coverage: the fields the taxonomy maps onto as primary, summed by hand
    sel = tech.taxonomy_selection("wipo35")
    cov = tech.coverage(data.activity, "BEL", (2015, 2019), classification="wipo35", source="patents")
    assert cov["coverage"].iloc[0] == pytest.approx(sum(bel.get(f, 0.0) for f in sel) / total_bel)
    # with all economies (min_activity 0) the numbers of the methods annex's worked example
    p0 = tech.technology_profile(data.activity, "BEL", (2015, 2019), classification="wipo35", source="patents")
    row = p0.set_index("technology").loc["Macromolecular chemistry, polymers"]
    assert (round(row["rca"], 6), row["specialised"], round(row["density"], 6), round(row["complexity"], 6)) == (2.641754, 1, 51.889475, 0.362631)
    assert p0["quadrant"].value_counts().to_dict() == {"optimal": 15, "low_priority": 14, "moonshot": 3, "low_risk": 3}


def test_real_focus_region_changes_the_results(canon):
    data = tech.load_source(canon, "patents", "NLD")
    options = dict(classification="wipo35", min_activity=1000, technologies=data.technologies, source="patents")
    both = tech.profiles_for_regions(data.activity, ["BEL", "NLD"], (2015, 2019), **options).set_index(["region", "technology"]).sort_index()
    bel, nld = both.loc["BEL"], both.loc["NLD"]
    assert not np.allclose(bel["rca"], nld["rca"]) and not np.allclose(bel["density"], nld["density"])
    assert (bel["quadrant"] != nld["quadrant"]).any()
    assert np.allclose(bel["complexity"], nld["complexity"])  # complexity belongs to the technology, not the region


def test_real_investments_need_a_us_state(canon):
    bel = tech.load_source(canon, "investments", "BEL")
    assert not bel.available and bel.reason_key == "not_at_level" and "USA" in bel.reason
    ca = tech.load_source(canon, "investments", "US-CA")
    assert ca.available and ca.level == "us_state" and ca.classification == "crunchbase_2013_category"
    p = tech.technology_profile(ca.activity, "US-CA", (2009, 2013), classification=ca.classification, technologies=ca.technologies, source="investments")
    assert p["n_regions"].iloc[0] == 51 and len(p) == 42
    assert by_tech(p, "category_id")["biotech"] == "life_sciences_biotech"
    rounds = tech.load_source(canon, "investments", "US-CA", measure="rounds")
    assert rounds.classification == "crunchbase_2013_category_rounds"


def test_taxonomy_path_from_the_openalex_fixture(tmp_path):
    """The adapter's documents table (OpenAlex subfields and topics) -> load_source picks the taxonomy's technologies."""
    from conftest import ROOT
    from helpers.data import canonical

    canonical.build(ROOT / "tests" / "fixtures", tmp_path, sources=["openalex"], progress=lambda m: None)
    data = tech.load_source(tmp_path, "publications", "BEL")
    assert data.available and data.classification == tech.TAXONOMY and len(data.documents)
    p = tech.technology_profile(data.activity, "BEL", (2015, 2024), classification=data.classification, documents=data.documents, source="publications")
    assert set(p["category_id"]) <= {"digital_ai", "life_sciences_biotech", "advanced_industry_materials", "energy_environment", "security_space"}
    assert p["relatedness_basis"].iloc[0].startswith("within-document") and p["quadrant"].notna().all()
    docs = data.documents
    bel_docs = docs[docs["region"] == "BEL"].drop_duplicates("document_id")
    assert p["activity"].max() <= bel_docs["weight"].sum() + 1e-12  # a document counts at most once per technology
    cov = tech.coverage(data.activity, "BEL", (2015, 2024), classification=data.classification, documents=data.documents, source="publications")
    assert 0 < cov["coverage"].iloc[0] <= 1


# ----------------------------------------------------------------------------- the chapter's pages
def _source(region: str, stand_in: bool = False, source: str = "patents") -> tech.SourceData:
    return tech.SourceData(source, "wipo35", "country", hand_activity(), pd.DataFrame(), pd.DataFrame(), True, "", region=region, stand_in=stand_in)


def test_stand_in_text():
    names = {"BEL": "Belgium", "NLD": "Netherlands"}
    assert tech.stand_in_text(_source("BEL"), "Flanders", "en", names) == \
        "Belgium stands in for Flanders here: the public patent and publication data count by country, not by region."
    assert tech.stand_in_text(_source("NLD"), "Netherlands", "en", names) == \
        "The focus region is Netherlands; the public patent and publication data count by country."
    assert tech.stand_in_text(_source("NLD", stand_in=True), "Noord-Holland", "en", names) == \
        "Netherlands stands in for Noord-Holland here: the patents have no data for Noord-Holland itself."


def test_notes_html_and_labels():
    p = pd.DataFrame({"rca": [1.0]})
    assert tech.notes_html(p, "en") == ""
    p.attrs["notes"] = ["one", "two"]
    assert tech.notes_html(p, "en") == "", "notes for analysts are not shown to readers"
    p.attrs["notes"] = ["one", "patents 2015-2019: dropped 2 regions with no activity: 'BEL', 'NLD'"]
    assert tech.notes_html(p, "en") == ("<details><summary>Technical notes on the computation</summary><ul><li>2 regions without activity in "
                                        "this period are left out: Belgium and Netherlands.</li></ul></details>")
    assert "2 regio&#x27;s zonder activiteit in deze periode tellen niet mee: België en Nederland." in tech.notes_html(p, "nl")
    assert tech.table_labels("en")["label"] == t("tech_col_label", "en") and tech.table_labels("nl")["density"] == "verwantschapsdichtheid"
    assert set(tech.tooltip_labels("en")) == set(column_labels("en", "technology")) | {"label"}


def test_notes_block_shows_the_notes_or_nothing():
    from helpers.chapters.technologies.page_text import notes_block

    p = pd.DataFrame({"rca": [1.0]})
    assert notes_block(None, "en") is None and notes_block(p, "en") is None
    p.attrs["notes"] = ["one"]
    assert notes_block(p, "nl") is None, "no note for readers: nothing shown"
    p.attrs["notes"] = ["x: dropped 1 technology with no activity: 'a'"]
    block = notes_block(p, "nl")
    assert isinstance(block, HTML) and block.data == tech.notes_html(p, "nl")


def test_seed_coverage_percent_is_the_seed_figure():
    figures = policy.load_figures().set_index("fact_id")["value"]
    for source in tech.SOURCES:
        assert tech.seed_coverage_percent(source) == float(figures[f"vlg_ceps_coverage_{source}"])


def test_source_page_on_real_patents(canon):
    data = tech.load_source(canon, "patents", "BEL")
    page = tech.source_page(data, (2015, 2019), language="en", focus_name="Flanders", min_activity=1000, seed_coverage=50.0,
                            region_names={"BEL": "Belgium"})
    direct = tech.technology_profile(data.activity, "BEL", (2015, 2019), classification="wipo35", min_activity=1000,
                                     technologies=data.technologies, source="patents")
    pd.testing.assert_frame_equal(page.profile, direct)
    glue = page.glue()
    assert glue["region_name"] == "Belgium" and (glue["start"], glue["end"]) == (2015, 2019) and glue["n_tech"] == 35
    assert glue["total"] == pytest.approx(float(direct["activity"].sum()))
    assert glue["top_rca"] == pytest.approx(float(direct["rca"].max()))
    assert glue["top_label"] == direct.sort_values(["rca", "technology"], ascending=[False, True]).iloc[0]["label_en"]
    counts = direct["quadrant"].value_counts()
    assert [glue[f"n_{q}"] for q in tech.QUADRANT_ORDER] == [int(counts.get(q, 0)) for q in tech.QUADRANT_ORDER]
    assert sum(glue[f"n_{q}"] for q in tech.QUADRANT_ORDER) == 35
    assert glue["n_specialised"] == int((direct["rca"] >= 1).sum())
    assert glue["seed_coverage"] == 50.0 and glue["min_activity"] == 1000.0
    assert all(not isinstance(v, np.generic) for v in glue.values())
    assert page.stand_in.startswith("Belgium stands in for Flanders")
    tables = page.tables()
    assert [v.name for v in tables.values()] == ["technologies_patents_profile", "technologies_patents_quadrants", "technologies_patents_coverage"]
    assert all(isinstance(v, Table) and dict(v.labels) == tech.table_labels("en") for v in tables.values())
    assert list(tables["profile"].df.columns) == tech.PROFILE_TABLE_COLUMNS and len(tables["profile"].df) == 35
    assert tables["coverage"].df["seed_coverage"].tolist() == [0.5]
    assert tables["quadrants"].df["count"].sum() == 35
    shown = page.charts(label_top_n=5)
    assert set(shown) == {"quadrants", "zoom"}
    assert "Strategic investment framework of Belgium: patents, 2015-2019" in str(shown["quadrants"].to_dict()["title"])
    assert shown["zoom"] is None or "Zoom" in str(shown["zoom"].to_dict()["title"])


def test_source_page_without_data(canon):
    data = tech.load_source(canon, "investments", "BEL")
    assert not data.available
    with pytest.raises(InputError, match="^investments: "):
        tech.source_page(data, (2009, 2013), language="en", focus_name="Flanders", seed_coverage=10.0)
    page = tech.source_page(data, (2009, 2013), language="en", focus_name="Flanders", seed_coverage=10.0, required=False)
    assert page.profile is None and page.name == "Flanders"
    assert page.findings() == t("tech_no_data", "en", source=t("tech_source_investments", "en"), region="Flanders",
                                reason=t(f"tech_reason_{data.reason_key}", "en", **data.reason_values))
    # the page still renders: nothing to show but the findings, glued for {glue:md}
    assert isinstance(page, tech.InvestmentsPage)
    assert page.tables() == {} and page.charts(label_top_n=5) == {"quadrants": None, "zoom": None} and page.notes() is None
    glue = page.glue()
    stability = {"stability_text", "stability_runs", "stability_n_placed", "stability_n_stable", "stability_n_leaning", "stability_n_undecided",
                 "stability_stable_pct", "stability_leaning_pct"}
    assert set(glue) == {"n_taxonomy", "investments_findings"} | stability and glue["n_taxonomy"] == len(policy.load_technologies())
    assert isinstance(glue["investments_findings"], Markdown) and glue["investments_findings"].data == page.findings()


def test_summary_page_on_real_data(canon):
    sources = {s: tech.load_source(canon, s, "BEL") for s in ("patents", "investments")}
    windows = {"patents": (2015, 2019), "investments": (2009, 2013)}
    page = tech.summary_page(sources, windows, {"patents": 1000, "investments": 0}, language="en", focus_name="Belgium",
                             seed_coverage={"patents": 20.0, "investments": 5.0}, region_names={"BEL": "Belgium"})
    assert list(page.profiles) == ["patents"] and len(page.summary) == 35
    assert page.status["available"].tolist() == [t("tech_available_yes", "en"), t("tech_available_no", "en")]
    assert page.status["window"].tolist() == ["2015-2019", "2009-2013"] and page.status["region"].tolist() == ["Belgium", ""]
    assert page.coverage_table["seed_coverage"].tolist() == [0.2]
    glue = page.glue()
    assert glue["n_sources"] == 1 and glue["missing_text"] == "publications, start-up investments" and glue["n_points"] == 35
    best = page.summary.sort_values(["rca", "technology"], ascending=[False, True]).iloc[0]
    assert glue["best_rca"] == pytest.approx(float(best["rca"])) and glue["best_label"] == f"{best['label_en']} (patents)"
    assert glue["n_optimal"] + glue["n_moonshot"] + glue["n_low_risk"] + glue["n_low_priority"] == 35
    assert "(patents)" not in glue["list_optimal"]  # one source: no source tags on the listed technologies
    assert page.stand_in == t("tech_stand_in_bel", "en")
    assert [v.name for v in page.tables().values()] == ["technologies_summary", "technologies_summary_sources", "technologies_summary_coverage"]
    assert all(dict(v.labels) == tech.table_labels("en") for v in page.tables().values())
    assert isinstance(glue["stand_in"], Markdown) and glue["stand_in"].data == page.stand_in
    charts = page.charts(label_top_n=5)
    assert set(charts) == {"quadrants", "zoom"} and "Belgium" in str(charts["quadrants"].to_dict()["title"])
    with pytest.raises(InputError, match="no data source has data"):
        tech.summary_page({"investments": sources["investments"]}, windows, {"investments": 0}, language="en", focus_name="Belgium",
                          seed_coverage={"investments": 5.0})


def _plain_glue(values: dict) -> dict:
    """Glue values with Markdown objects replaced by their text (Markdown objects do not compare by value)."""
    return {k: v.data if isinstance(v, Markdown) else v for k, v in values.items()}


def test_read_region_names_and_taxonomy_size(canon):
    from helpers.chapters.technologies.page_text import read_region_names, taxonomy_size

    names = read_region_names(canon)
    assert names["BEL"] == "Belgium" and names["US-CA"] == "California"
    assert taxonomy_size() == len(policy.load_technologies())


def test_read_source_page_is_source_page_of_the_notebook_parameters(canon):
    """read_source_page reads the region names, the focus name and the source, then builds source_page."""
    from helpers.chapters.technologies.page_text import read_region_names
    from helpers.i18n import region_name

    names = read_region_names(canon)
    options = dict(rca_threshold=1.0, quadrant_split="mean", complexity_method="reflections", relatedness="association", min_activity=1000)
    page = tech.read_source_page(canon, "patents", focus_region="US-CA", language="nl", window=[2015, 2019], **options)
    data = tech.load_source(canon, "patents", "US-CA")  # a US state: the United States stand in (patents count by country)
    direct = tech.source_page(data, (2015, 2019), language="nl", focus_name=region_name("US-CA", "nl", names), region_names=names, axis=page.axis,
                              **options)
    assert type(page) is tech.SourcePage and data.stand_in
    pd.testing.assert_frame_equal(page.profile, direct.profile)
    glue = page.glue()
    assert _plain_glue(glue) == _plain_glue(direct.glue())
    assert glue["n_taxonomy"] == len(policy.load_technologies()) and glue["stand_in"].data == direct.stand_in
    assert glue["stand_in"].data.startswith(f"{region_name('USA', 'nl', names)} staat hier in voor California")
    for name, table in page.tables().items():
        pd.testing.assert_frame_equal(table.df, direct.tables()[name].df)
        assert table.labels == tech.table_labels("nl") and table.caption == direct.tables()[name].caption


def test_read_source_page_of_investments_outside_the_us(canon):
    with pytest.raises(InputError, match="^investments: "):
        tech.read_source_page(canon, "investments", focus_region="BEL", language="en", window=[2009, 2013])
    page = tech.read_source_page(canon, "investments", focus_region="BEL", language="en", window=[2009, 2013], required=False)
    assert isinstance(page, tech.InvestmentsPage) and page.profile is None and page.name == "Belgium"
    assert page.tables() == {} and page.notes() is None and "Belgium" in page.glue()["investments_findings"].data
    rounds = tech.read_source_page(canon, "investments", focus_region="US-CA", language="en", window=[2009, 2013], measure="rounds")
    assert rounds.data.classification == "crunchbase_2013_category_rounds" and rounds.name == "California"
    assert [v.name for v in rounds.tables().values()] == ["technologies_investments_profile", "technologies_investments_quadrants",
                                                          "technologies_investments_coverage"]
    assert rounds.charts(label_top_n=5)["quadrants"] is not None
    assert "funding rounds" in rounds.glue()["investments_findings"].data


def test_read_summary_page_is_summary_page_of_the_notebook_parameters(canon):
    windows = {"patents": [2015, 2019], "publications": [2018, 2022], "investments": [2009, 2013]}
    minimum = {"patents": 1000, "publications": 1000, "investments": 0}
    page = tech.read_summary_page(canon, focus_region="BEL", language="en", windows=windows, min_activity=minimum)
    sources = {s: tech.load_source(canon, s, "BEL") for s in tech.SOURCES}
    direct = tech.summary_page(sources, windows, minimum, language="en", focus_name="Belgium", region_names={"BEL": "Belgium"})
    assert list(page.profiles) == ["patents"] and len(page.status) == len(tech.SOURCES)
    pd.testing.assert_frame_equal(page.summary, direct.summary)
    pd.testing.assert_frame_equal(page.status, direct.status)
    assert _plain_glue(page.glue()) == _plain_glue(direct.glue()) and page.glue()["n_taxonomy"] == len(policy.load_technologies())
    assert [v.name for v in page.tables().values()] == ["technologies_summary", "technologies_summary_sources", "technologies_summary_coverage"]
