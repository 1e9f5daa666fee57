"""Pure chart building blocks of the sector and framework chapters: helpers.charts.ratings and helpers.charts.tree."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from helpers.charts import ratings as rating_charts
from helpers.charts import tree as tree_charts
from helpers.methods.ratings import COMPARISON_STATUSES, RATINGS


def _datasets(spec: dict) -> list[list[dict]]:
    return list(spec.get("datasets", {}).values())


def test_colours_cover_the_vocabulary():
    assert list(rating_charts.RATING_COLOURS) == list(RATINGS)
    assert list(rating_charts.STATUS_COLOURS) == list(COMPARISON_STATUSES)


def test_rating_comparison_chart_marks_flags_and_uses_the_orders():
    cells = pd.DataFrame({"domain": ["A", "A", "B"], "indicator": ["x", "y", "x"], "computed": ["++", "na", "-"],
                          "published": ["++", "+", "+"], "status": ["agree", "na_mismatch", "disagree"], "flagged": [True, False, False],
                          "value": [1.7, np.nan, 0.5], "reason": ["", "no data", None], "flags": ["flagged", "", None], "basis": ["b", None, "b"]})
    chart = rating_charts.rating_comparison_chart(cells, x_order=["x", "y"], y_order=["B", "A"],
                                                  titles={"agree": "same", "disagree": "other", "na_mismatch": "one na"})
    assert isinstance(chart, alt.HConcatChart)
    spec = chart.to_dict()
    rows = _datasets(spec)[0]
    assert [r["computed_text"] for r in rows] == ["++⚠", "na", "-"]
    assert [r["value_text"] for r in rows] == ["1.70", "", "0.50"]
    assert [r["status_label"] for r in rows] == ["same", "one na", "other"]
    panel = spec["hconcat"][0]["layer"][0]
    assert panel["encoding"]["y"]["sort"] == ["B", "A"] and panel["encoding"]["x"]["sort"] == ["x", "y"]
    assert spec["hconcat"][0]["width"] == 2 * 29


def test_growth_difference_chart_words_and_zero_for_missing():
    growth = pd.DataFrame({"domain": ["A", "B", "C"], "growth": [True, False, None], "difference": [0.01, -0.02, np.nan],
                           "sector_cagr": [0.03, 0.0, np.nan], "total_cagr": [0.02, 0.02, np.nan], "reason": ["", "", "no two years"]})
    spec = rating_charts.growth_difference_chart(growth, order=["C", "B", "A"], labels={"yes": "ja", "no": "nee", "unknown": "?"}).to_dict()
    rows = next(d for d in _datasets(spec) if len(d) == 3)
    assert [r["input"] for r in rows] == ["ja", "nee", "?"]
    assert [r["difference_plot"] for r in rows] == [0.01, -0.02, 0.0]
    assert rows[0]["sector_cagr_text"] == "+3.00%" and rows[2]["difference_text"] == ""


def test_index_dot_chart_leaves_out_what_a_log_scale_cannot_show():
    values = pd.DataFrame({"domain": ["A", "A", "B"], "indicator": ["x", "y", "x"], "value": [1.2, np.nan, 0.0],
                           "years": ["2015", "", "2015"], "flags": [None, "", ""]})
    spec = rating_charts.index_dot_chart(values, order=["A", "B"], indicator_order=["y", "x", "z"], reference_lines=(1.0, 1.5)).to_dict()
    rows = [d for d in _datasets(spec) if d and "domain" in d[0]][0]
    assert [(r["domain"], r["indicator"]) for r in rows] == [("A", "x")]
    assert spec["layer"][1]["encoding"]["color"]["sort"] == ["x"]  # only indicators with a point, in the given order
    assert [r["x"] for r in next(d for d in _datasets(spec) if d and "x" in d[0])] == [1.0, 1.5]


def test_wrap():
    assert tree_charts.wrap("one two three four", 9) == "one two\nthree\nfour"
    assert tree_charts.wrap("averyveryverylongword", 5) == "averyveryverylongword"


def test_tree_layout_of_a_small_tree():
    questions = {"q": tree_charts.Question("Raining?", "L_in", "q2"), "q2": tree_charts.Question("Cold?", "L_in", "L_out")}
    leaves = {"L_in": tree_charts.Leaf("Stay in", "#ccc", "stay"), "L_out": tree_charts.Leaf("Go out", "#0f0", "go"),
              "L_ask": tree_charts.Leaf("Ask", "#fff", "ask")}
    lay = tree_charts.tree_layout(questions, "q", leaves, {"L_out": ["Ann", "Bob"]}, yes="ja", no="nee",
                                  extra_children={"q": [("L_ask", "?")]})
    nodes = lay["nodes"].set_index("id")
    assert list(nodes.index) == ["q", "q2", "L_in", "L_out", "L_ask"]
    assert nodes.loc["q", "xc"] < nodes.loc["q2", "xc"] < nodes.loc["L_in", "xc"]  # one column per depth, leaves last
    assert list(lay["labels"]["text"]) == ["ja", "nee", "?", "ja", "nee"]
    assert len(lay["edges"]) == 3 * 5  # three segments per edge
    assert dict(zip(lay["lists"]["text"], lay["lists"]["n"])) == {"—": 0, "• Ann\n• Bob": 2}
    leaves_y = nodes.loc[["L_in", "L_out", "L_ask"]]
    assert (leaves_y["y"].iloc[1:].to_numpy() >= leaves_y["y2"].iloc[:-1].to_numpy()).all()  # no overlap, top to bottom
    chart = tree_charts.tree_chart(lay, "A tree")
    spec = chart.to_dict()
    assert isinstance(chart, alt.LayerChart) and len(spec["layer"]) == 5 and spec["title"] == "A tree"
    assert spec["width"] == float(lay["size"].at[0, "width"])
