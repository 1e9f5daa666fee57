"""A binary decision tree as a chart: question boxes, yes/no edges, coloured leaves and what sits at each leaf.

Pure functions: the chapter (:mod:`helpers.chapters.framework`) passes the questions, the leaves
(text, colour, tooltip, top to bottom), the names listed at each leaf, the edge words and the
title. :func:`tree_layout` computes the coordinates as tidy tables; :func:`tree_chart` draws them.
The sizes suit the book's content column (about 1,000 pixels): 9-pixel text, narrow boxes,
wrapped lists.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import altair as alt
import pandas as pd

#: Fill colour of the question boxes.
QUESTION_COLOUR = "#F2F2F2"
#: Column centres of the questions by depth (pixels), box sizes and line heights.
_COL_X = (70.0, 234.0, 398.0, 562.0)
_Q_W, _Q_H, _L_W, _LINE = 136.0, 36.0, 150.0, 12.0
_BOX_LINE = _LIST_LINE = 12.0  # line heights of the text marks in tree_chart
_LEAF_WRAP, _LIST_WRAP = 26, 30


@dataclass(frozen=True)
class Question:
    """A question box: its ``text`` (``\\n`` breaks lines) and the node reached by yes and by no."""

    text: str
    yes: str
    no: str


@dataclass(frozen=True)
class Leaf:
    """A leaf box: its ``text`` (wrapped to fit), fill ``colour`` and ``tooltip``."""

    text: str
    colour: str
    tooltip: str


def wrap(text: str, width: int) -> str:
    """``text`` broken into lines of at most ``width`` characters at spaces (a longer word keeps its own line)."""
    words, lines, cur = text.split(), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    lines.append(cur)
    return "\n".join(lines)


def tree_layout(questions: Mapping[str, Question], root: str, leaves: Mapping[str, Leaf], members: Mapping[str, Sequence[str]], *,
                yes: str = "yes", no: str = "no", extra_children: Mapping[str, Sequence[tuple[str, str]]] | None = None) -> dict[str, pd.DataFrame]:
    """Coordinates of the tree: tables ``nodes``, ``edges``, ``labels``, ``lists`` and ``size`` (width, height).

    Questions sit in columns by depth from ``root``, all leaves in one column (in the order of
    ``leaves``, top to bottom), and the names in ``members[leaf]`` are listed to the right of their
    leaf ("—" when there are none); a leaf's height grows with its list. Each question has a
    ``yes`` and a ``no`` edge; ``extra_children`` adds edges (question -> [(leaf, word)]), e.g. an
    "input unknown" edge from the root. The y axis points down (row 0 at the top).
    """
    extra_children = dict(extra_children or {})
    depth = {root: 0}
    order = [root]
    for key in order:
        node = questions[key]
        for child in (node.yes, node.no):
            if child in questions:
                depth[child] = depth[key] + 1
                order.append(child)
    leaf_x = _COL_X[-1] + _Q_W / 2 + 30 + _L_W / 2
    leaf_text = {leaf: wrap(spec.text, _LEAF_WRAP) for leaf, spec in leaves.items()}
    list_text = {leaf: "\n".join("• " + wrap(n, _LIST_WRAP).replace("\n", "\n\u00a0\u00a0\u00a0") for n in members.get(leaf, ())) or "—"
                 for leaf in leaves}
    leaf_h = {leaf: 12 + _LINE * (leaf_text[leaf].count("\n") + 1) for leaf in leaves}
    y: dict[str, float] = {}
    cursor = 6.0
    for leaf in leaves:
        slot = max(leaf_h[leaf], _LINE * (list_text[leaf].count("\n") + 1)) + 14
        y[leaf] = cursor + slot / 2
        cursor += slot

    def place(key: str) -> float:
        if key in y:
            return y[key]
        node = questions[key]
        y[key] = (place(node.yes) + place(node.no)) / 2
        return y[key]

    place(root)
    height = cursor + 6
    nodes, edges, labels, lists = [], [], [], []
    for key in order:
        node = questions[key]
        x = _COL_X[depth[key]]
        nodes.append({"id": key, "kind": "question", "x": x - _Q_W / 2, "x2": x + _Q_W / 2, "y": y[key] - _Q_H / 2,
                      "y2": y[key] + _Q_H / 2, "xc": x, "yc": y[key] - _BOX_LINE * node.text.count("\n") / 2, "text": node.text,
                      "colour": QUESTION_COLOUR, "tooltip": node.text.replace("\n", " ")})
        for child, word in [(node.yes, yes), (node.no, no), *extra_children.get(key, ())]:
            cx = leaf_x - _L_W / 2 if child in leaves else _COL_X[depth[child]] - _Q_W / 2
            mx = x + _Q_W / 2 + 8
            for a, b, c, d in ((x + _Q_W / 2, y[key], mx, y[key]), (mx, y[key], mx, y[child]), (mx, y[child], cx, y[child])):
                edges.append({"x": a, "y": b, "x2": c, "y2": d})
            labels.append({"x": mx + 3, "y": y[child] - 3, "text": word})
    for leaf, spec in leaves.items():
        nodes.append({"id": leaf, "kind": "leaf", "x": leaf_x - _L_W / 2, "x2": leaf_x + _L_W / 2,
                      "y": y[leaf] - leaf_h[leaf] / 2, "y2": y[leaf] + leaf_h[leaf] / 2, "xc": leaf_x,
                      "yc": y[leaf] - _BOX_LINE * leaf_text[leaf].count("\n") / 2,
                      "text": leaf_text[leaf], "colour": spec.colour, "tooltip": spec.tooltip})
        lists.append({"x": leaf_x + _L_W / 2 + 10, "y": y[leaf] - _LIST_LINE * list_text[leaf].count("\n") / 2,
                      "text": list_text[leaf], "n": len(members.get(leaf, ()))})
    return {"nodes": pd.DataFrame(nodes), "edges": pd.DataFrame(edges), "labels": pd.DataFrame(labels),
            "lists": pd.DataFrame(lists), "size": pd.DataFrame([{"width": leaf_x + _L_W / 2 + 175, "height": height}])}


def tree_chart(layout: Mapping[str, pd.DataFrame], title: str) -> alt.LayerChart:
    """Draw a :func:`tree_layout`: grey question boxes, edges with their words, leaf boxes in their
    colours with tooltips, and each leaf's list to its right; no axes, one pixel per unit."""
    width = float(layout["size"].at[0, "width"])
    height = float(layout["size"].at[0, "height"])
    xs = alt.Scale(domain=[0, width], nice=False, zero=False)
    ys = alt.Scale(domain=[0, height], nice=False, zero=False, reverse=True)
    no_axis = dict(axis=None)
    edges = alt.Chart(layout["edges"]).mark_rule(color="#666666", strokeWidth=1.2).encode(
        x=alt.X("x:Q", scale=xs, **no_axis), y=alt.Y("y:Q", scale=ys, **no_axis), x2="x2:Q", y2="y2:Q")
    edge_labels = alt.Chart(layout["labels"]).mark_text(align="left", baseline="bottom", fontSize=9, color="#444444").encode(
        x=alt.X("x:Q", scale=xs, **no_axis), y=alt.Y("y:Q", scale=ys, **no_axis), text="text:N")
    boxes = alt.Chart(layout["nodes"]).mark_rect(stroke="#333333", strokeWidth=1, cornerRadius=4).encode(
        x=alt.X("x:Q", scale=xs, **no_axis), x2="x2:Q", y=alt.Y("y:Q", scale=ys, **no_axis), y2="y2:Q",
        color=alt.Color("colour:N", scale=None, legend=None), tooltip=alt.Tooltip("tooltip:N", title="info"))
    box_text = alt.Chart(layout["nodes"]).mark_text(lineBreak="\n", fontSize=9, lineHeight=12, baseline="middle").encode(
        x=alt.X("xc:Q", scale=xs, **no_axis), y=alt.Y("yc:Q", scale=ys, **no_axis), text="text:N",
        tooltip=alt.Tooltip("tooltip:N", title="info"))
    lists = alt.Chart(layout["lists"]).mark_text(lineBreak="\n", align="left", baseline="middle", fontSize=9, lineHeight=12).encode(
        x=alt.X("x:Q", scale=xs, **no_axis), y=alt.Y("y:Q", scale=ys, **no_axis), text="text:N")
    return (alt.layer(edges, edge_labels, boxes, box_text, lists)
            .properties(width=width, height=height, title=title, view=alt.ViewBackground(stroke=None)))
