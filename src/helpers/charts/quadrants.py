"""Quadrant charts of the strategic investment framework: relatedness density (x) x complexity (y).

One bubble per technology (area = RCA, colour = category), dashed split lines, the quadrant names in
the corners, labels placed where they fit (:func:`place_labels`), a zoom on a crowded corner, the
summary over several sources on standardised axes, and small multiples per region.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from helpers.charts.style import CONTEXT_COLOUR, PALETTE, QUADRANT_COLOURS, label_expr
from helpers.i18n import t
from helpers.methods.quadrants import QUADRANTS

#: tooltip title -> label of the book's labels, the titles a chart uses when its caller gives none
_TOOLTIP_LABELS = {"label": "tech_col_label", "category": "tech_col_category", "quadrant": "tech_col_quadrant", "density": "tech_col_density",
                   "complexity": "tech_col_complexity", "activity": "tech_col_activity", "share_of_region": "tech_col_share_of_region",
                   "source": "tech_col_source", "stability": "stab_tooltip_stability", "stability_label": "stab_tooltip_label",
                   "density_interval": "stab_tooltip_density", "complexity_interval": "stab_tooltip_complexity", "x_std": "tech_col_x_std",
                   "y_std": "tech_col_y_std", "near_split": "tech_col_near_split"}


def tooltip_names(titles: dict[str, str] | None, language: str) -> dict[str, str]:
    """The tooltip titles of a quadrant chart: ``titles`` given by the caller, the book's labels in ``language`` for the rest.

    >>> tooltip_names({"label": "veld"}, "nl")["label"], tooltip_names(None, "nl")["share_of_region"]
    ('veld', 'aandeel in de regio')
    """
    return {key: t(label, language) for key, label in _TOOLTIP_LABELS.items()} | dict(titles or {})

#: Shapes per data source in the summary chart (Vega-Lite point shapes).
SOURCE_SHAPES = {"patents": "circle", "publications": "square", "investments": "triangle-up"}
_QUADRANT_CORNERS = {"moonshot": ("left", "top"), "optimal": ("right", "top"), "low_priority": ("left", "bottom"), "low_risk": ("right", "bottom")}
_LABEL_FONT = 11
_CHAR_WIDTH = 6.0  # average width of a character at 11 px (system-ui), for label placement
_SIZE_RANGE = (25.0, 900.0)  # bubble area in px^2 for RCA 0 .. the largest RCA


def category_colours(categories: pd.DataFrame, order: Sequence[str] | None = None) -> tuple[list[str], list[str]]:
    """(labels, colours) for a category colour scale: the categories in ``order`` (the taxonomy's
    order, ``data/technology_categories.csv``, passed in by the chapter) take :data:`PALETTE`
    colours by position, so a category has the same colour on every page; a category not in
    ``order`` is grey. ``categories`` has ``category_id`` and ``category_label``. Without
    ``order`` the categories are taken in sorted order."""
    order = list(order) if order is not None else sorted(categories["category_id"].unique())
    present = categories.drop_duplicates("category_id").set_index("category_id")["category_label"]
    labels, colours = [], []
    for i, cid in enumerate(order):
        if cid in present.index:
            labels.append(present[cid])
            colours.append(PALETTE[i % len(PALETTE)])
    for cid in present.index:
        if cid not in order:
            labels.append(present[cid])
            colours.append(CONTEXT_COLOUR)
    return labels, colours


def _domain(values: pd.Series, split: float, pad: float = 0.1, pad_high: float | None = None) -> tuple[float, float]:
    """Axis range over the values and the split, with margins (``pad_high`` above, default ``pad``)."""
    lo, hi = float(min(values.min(), split)), float(max(values.max(), split))
    span = hi - lo if hi > lo else max(abs(hi), 1.0)
    return lo - pad * span, hi + (pad if pad_high is None else pad_high) * span


def _bubble_radius(rca: pd.Series, rca_max: float) -> pd.Series:
    """Radius in px of the bubble of each RCA (area linear in RCA, as the size scale draws it)."""
    lo, hi = _SIZE_RANGE
    area = lo + (hi - lo) * rca.clip(lower=0) / rca_max if rca_max > 0 else pd.Series(lo, index=rca.index)
    return np.sqrt(area / np.pi)


def place_labels(points: pd.DataFrame, candidates: pd.Index, *, x: str, y: str, text: str, radius: str,
                 xdom: tuple[float, float], ydom: tuple[float, float], width: float, height: float,
                 reserved: list[tuple[float, float, float, float]] | None = None) -> pd.DataFrame:
    """Greedy label placement without overlaps, in pixel space.

    For each candidate row (in the order given: most important first), try positions right,
    left, above, below and the four diagonals of its bubble (2 px from its edge, then 9 px);
    take the first whose text box stays
    inside the plot and overlaps no bubble, no label placed before and no ``reserved`` box
    (x0, y0, x1, y1 in px). Labels that fit nowhere are left out (the tooltip still names the
    point). Returns rows with ``label``, ``tx``, ``ty`` (the text anchor in data units), ``align``
    and ``baseline``.
    """
    def px(vx: float, vy: float) -> tuple[float, float]:
        return (vx - xdom[0]) / (xdom[1] - xdom[0]) * width, (ydom[1] - vy) / (ydom[1] - ydom[0]) * height

    def data(pxx: float, pxy: float) -> tuple[float, float]:
        return xdom[0] + pxx / width * (xdom[1] - xdom[0]), ydom[1] - pxy / height * (ydom[1] - ydom[0])

    bubbles = []
    for _, row in points.iterrows():
        cx, cy = px(row[x], row[y])
        r = float(row[radius])
        bubbles.append((row.name, cx - r, cy - r, cx + r, cy + r))
    boxes = list(reserved or [])
    out = []
    th = _LABEL_FONT + 2
    for idx in candidates:
        row = points.loc[idx]
        cx, cy = px(row[x], row[y])
        tw = len(str(row[text])) * _CHAR_WIDTH
        options = []  # (anchor x, anchor y, align, baseline, box): beside the bubble first, a little further out next
        for gap in (2.0, 9.0):
            r = float(row[radius]) + gap
            d = r * 0.72
            options += [
                (cx + r, cy, "left", "middle", (cx + r, cy - th / 2, cx + r + tw, cy + th / 2)),
                (cx - r, cy, "right", "middle", (cx - r - tw, cy - th / 2, cx - r, cy + th / 2)),
                (cx, cy - r, "center", "bottom", (cx - tw / 2, cy - r - th, cx + tw / 2, cy - r)),
                (cx, cy + r, "center", "top", (cx - tw / 2, cy + r, cx + tw / 2, cy + r + th)),
                (cx + d, cy - d, "left", "bottom", (cx + d, cy - d - th, cx + d + tw, cy - d)),
                (cx - d, cy - d, "right", "bottom", (cx - d - tw, cy - d - th, cx - d, cy - d)),
                (cx + d, cy + d, "left", "top", (cx + d, cy + d, cx + d + tw, cy + d + th)),
                (cx - d, cy + d, "right", "top", (cx - d - tw, cy + d, cx - d, cy + d + th)),
            ]
        for ax, ay, align, baseline, box in options:
            if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height:
                continue
            if any(_overlap(box, b) for b in boxes):
                continue
            if any(_overlap(box, b[1:]) for b in bubbles if b[0] != idx):
                continue
            boxes.append(box)
            tx, ty = data(ax, ay)
            out.append({"_row": idx, "label": row[text], "tx": tx, "ty": ty, "align": align, "baseline": baseline})
            break
    return pd.DataFrame(out, columns=["_row", "label", "tx", "ty", "align", "baseline"])


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _label_layers(labels: pd.DataFrame, xdom: tuple[float, float], ydom: tuple[float, float], **text_props: Any) -> list[alt.Chart]:
    layers = []
    for (align, baseline), part in labels.groupby(["align", "baseline"], sort=True):
        layers.append(
            alt.Chart(part[["label", "tx", "ty"]]).mark_text(align=align, baseline=baseline, fontSize=_LABEL_FONT, **text_props).encode(
                x=alt.X("tx:Q", scale=alt.Scale(domain=list(xdom), nice=False, zero=False)),
                y=alt.Y("ty:Q", scale=alt.Scale(domain=list(ydom), nice=False, zero=False)),
                text="label:N",
            )
        )
    return layers


def _corner_layers(names: dict[str, str], xdom: tuple[float, float], ydom: tuple[float, float], width: float, height: float) -> tuple[list[alt.Chart], list[tuple[float, float, float, float]]]:
    """The quadrant names in the four corners (as text layers) and their boxes in px.

    A name with a qualifier in brackets ("Moonshots (high risk, high gain)") is set on two lines,
    so that the two names at the top (and at the bottom) do not run into each other.
    """
    layers, boxes = [], []
    inset_x = 6 / width * (xdom[1] - xdom[0])
    inset_y = 4 / height * (ydom[1] - ydom[0])
    for key, (side, level) in _QUADRANT_CORNERS.items():
        lines = names[key].replace(" (", "\n(").split("\n")
        xv = xdom[0] + inset_x if side == "left" else xdom[1] - inset_x
        yv = ydom[1] - inset_y if level == "top" else ydom[0] + inset_y
        tw = max(len(line) for line in lines) * (_CHAR_WIDTH + 0.6)
        th = 15 * len(lines)
        x0 = 6 if side == "left" else width - 6 - tw
        y0 = 4 if level == "top" else height - 4 - th
        boxes.append((x0, y0, x0 + tw, y0 + th))
        layers.append(
            alt.Chart(pd.DataFrame({"x": [xv], "y": [yv], "text": ["\n".join(lines)]})).mark_text(
                align=side, baseline=level, fontSize=12, fontWeight="bold", color="#6b6b6b", lineBreak="\n", lineHeight=14).encode(
                x=alt.X("x:Q", scale=alt.Scale(domain=list(xdom), nice=False, zero=False)),
                y=alt.Y("y:Q", scale=alt.Scale(domain=list(ydom), nice=False, zero=False)),
                text="text:N",
            )
        )
    return layers, boxes


def _notable(df: pd.DataFrame, label_top_n: int, x: str, y: str) -> list[Any]:
    """Rows to label, most important first: the top RCA, then the extremes of each quadrant
    (highest and lowest complexity, highest and lowest density) and the rest by RCA."""
    order = list(df.sort_values(["rca", "label"], ascending=[False, True], kind="mergesort").index)
    picked: list[Any] = order[: max(int(label_top_n), 0)]
    for _, part in df.groupby("quadrant", sort=True):
        for col, fn in ((y, "idxmax"), (y, "idxmin"), (x, "idxmax"), (x, "idxmin")):
            idx = getattr(part[col], fn)()
            if idx not in picked:
                picked.append(idx)
    return picked + [i for i in order if i not in picked]


def _wrap(text: str | list[str] | None, width: float, char_width: float) -> str | list[str] | None:
    """Break a title or subtitle into lines that fit ``width`` px (Vega does not wrap titles):
    after ': ', '; ' or ', ', else between words. Lists are taken as already broken."""
    if text is None or isinstance(text, list):
        return text
    limit = max(int(width / char_width), 20)
    if len(text) <= limit:
        return text
    lines: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = next((c for c in (rest.rfind(sep, 0, limit) for sep in (": ", "; ", ", ")) if c > 0.3 * limit), -1)
        if cut <= 0:
            cut = rest.rfind(" ", 0, limit)
        if cut <= 0:
            break
        sep_len = 2 if rest[cut:cut + 2] in (": ", "; ", ", ") else 1
        lines.append(rest[: cut + (1 if sep_len == 2 else 0)].rstrip())
        rest = rest[cut + sep_len:].lstrip()
    return lines + [rest]


def _title(title: str, subtitle: str | list[str] | None, width: float) -> alt.TitleParams | str | list[str]:
    text = _wrap(title, width + 60, 8.6)
    return alt.TitleParams(text, subtitle=_wrap(subtitle, width + 60, 6.4)) if subtitle else text


def _truncate(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def quadrant_chart(
    profile: pd.DataFrame,
    title: str,
    x_title: str,
    y_title: str,
    language: str,
    split_x: float | None = None,
    split_y: float | None = None,
    *,
    label_top_n: int = 10,
    label_all: bool = True,
    subtitle: str | list[str] | None = None,
    tooltip_titles: dict[str, str] | None = None,
    threshold: float = 1.0,
    domain: tuple[tuple[float, float], tuple[float, float]] | None = None,
    category_order: Sequence[str] | None = None,
    width: int = 560,
    height: int = 440,
) -> alt.LayerChart:
    """The four-quadrant chart of the strategic investment framework (seed figures 2, 3, 5).

    ``profile``: one row per technology (:func:`helpers.chapters.technologies.technology_profile`): x =
    ``density`` (relatedness density, feasibility), y = ``complexity`` (economic value); dashed
    rules at ``split_x`` / ``split_y`` (default: the profile's ``x_split`` / ``y_split``), the
    four quadrant names (``language``) in the corners; bubble area = RCA, colour = category
    (:func:`category_colours`), opaque when RCA >= ``threshold``, light otherwise (say so in the
    subtitle: no legend, to keep the chart narrow enough for the page). Text labels:
    the ``label_top_n`` technologies with the highest RCA and the extremes of each quadrant first,
    then (``label_all``) every other technology where its label fits without overlapping
    (:func:`place_labels`). Tooltips give every value; the scales zoom and pan with the mouse
    (wheel, drag; double click resets). ``domain`` ((x0, x1), (y0, y1)) shows only that window
    (e.g. :func:`quadrant_zoom_domain`); points outside are clipped. Technologies without a
    density or complexity cannot be placed and are left out.
    """
    names = tooltip_names(tooltip_titles, language)
    df = profile.dropna(subset=["density", "complexity"]).copy()
    if df.empty:
        raise ValueError("quadrant_chart: no technology has both a density and a complexity")
    sx = float(df["x_split"].iloc[0] if split_x is None else split_x)
    sy = float(df["y_split"].iloc[0] if split_y is None else split_y)
    df["label"] = df[f"label_{language}"].astype(str)
    df["short"] = df["label"].map(_truncate)
    df["category_label"] = df[f"category_{language}"].astype(str)
    df["quadrant_label"] = df[f"quadrant_{language}"].astype(str)
    df["specialised_label"] = np.where(df["rca"] >= threshold * (1 - 1e-12), f"RCA ≥ {threshold:g}", f"RCA < {threshold:g}")
    rca_max = float(df["rca"].max()) if df["rca"].max() > 0 else 1.0
    df["_r"] = _bubble_radius(df["rca"], rca_max)
    cat_labels, cat_colours = category_colours(df, category_order)
    if domain is None:
        xdom, ydom = _domain(df["density"], sx), _domain(df["complexity"], sy, pad=0.13, pad_high=0.2)  # room for the quadrant names
    else:
        xdom, ydom = (float(domain[0][0]), float(domain[0][1])), (float(domain[1][0]), float(domain[1][1]))
    inside = df["density"].between(*xdom) & df["complexity"].between(*ydom)
    xs = alt.Scale(domain=list(xdom), nice=False, zero=False)
    ys = alt.Scale(domain=list(ydom), nice=False, zero=False)
    corner_layers, reserved = _corner_layers({k: v[language] for k, v in QUADRANTS.items()}, xdom, ydom, width, height)
    order = _notable(df, label_top_n, "density", "complexity")
    if not label_all:
        order = order[: max(int(label_top_n), 0)]
    order = [i for i in order if inside[i]]
    labels = place_labels(df[inside], pd.Index(order), x="density", y="complexity", text="short", radius="_r", xdom=xdom, ydom=ydom,
                          width=width, height=height, reserved=reserved)
    rules = [
        alt.Chart(pd.DataFrame({"v": [sx]})).mark_rule(color="#555", strokeDash=[5, 4]).encode(x=alt.X("v:Q", scale=xs)),
        alt.Chart(pd.DataFrame({"v": [sy]})).mark_rule(color="#555", strokeDash=[5, 4]).encode(y=alt.Y("v:Q", scale=ys)),
    ]
    cols = ["label", "category_label", "quadrant_label", "specialised_label", "rca", "density", "complexity", "activity", "share_of_region", "technology"]
    tooltip = [
        alt.Tooltip("label:N", title=names.get("label", "technology")),
        alt.Tooltip("category_label:N", title=names.get("category", "category")),
        alt.Tooltip("quadrant_label:N", title=names.get("quadrant", "quadrant")),
        alt.Tooltip("rca:Q", title="RCA", format=".2f"),
        alt.Tooltip("density:Q", title=names.get("density", "relatedness density"), format=".1f"),
        alt.Tooltip("complexity:Q", title=names.get("complexity", "complexity"), format=".2f"),
        alt.Tooltip("activity:Q", title=names.get("activity", "activity"), format=",.0f"),
        alt.Tooltip("share_of_region:Q", title=names.get("share_of_region", "share of the region"), format=".1%"),
    ]
    if "near_split" in df.columns:  # a placement within a small margin of a split line hangs on small differences
        df["near_split_text"] = [t("yes" if bool(v) else "no", language) if pd.notna(v) else "" for v in df["near_split"]]
        tooltip.append(alt.Tooltip("near_split_text:N", title=names.get("near_split", "near a split line")))
        cols = cols + ["near_split_text"]
    intervals = []
    if {"density_lo", "density_hi", "complexity_lo", "complexity_hi"} <= set(df.columns):
        # how sure the placement is: 5-95% of the resampling runs on each axis, and the stability in the tooltip
        tooltip += [
            alt.Tooltip("stability:Q", title=names.get("stability", "stability"), format=".0%"),
            alt.Tooltip("stability_text:N", title=names.get("stability_label", "placement")),
            alt.Tooltip("density_interval:N", title=names.get("density_interval", "density P5-P95")),
            alt.Tooltip("complexity_interval:N", title=names.get("complexity_interval", "complexity P5-P95")),
        ]
        df["stability_text"] = df[f"stability_{language}"].astype(str)
        df["density_interval"] = [_interval(a, b, "{:.1f}", language) for a, b in zip(df["density_lo"], df["density_hi"])]
        df["complexity_interval"] = [_interval(a, b, "{:.2f}", language) for a, b in zip(df["complexity_lo"], df["complexity_hi"])]
        cols = cols + ["stability", "stability_text", "density_interval", "complexity_interval"]
        bars = df[df["density_lo"].notna() & df["complexity_lo"].notna()][["density", "complexity", "density_lo", "density_hi", "complexity_lo", "complexity_hi"]]
        common = dict(color="#777", strokeWidth=1, opacity=0.6, clip=True)
        intervals = [
            alt.Chart(bars).mark_rule(**common).encode(x=alt.X("density_lo:Q", scale=xs), x2="density_hi:Q", y=alt.Y("complexity:Q", scale=ys)),
            alt.Chart(bars).mark_rule(**common).encode(y=alt.Y("complexity_lo:Q", scale=ys), y2="complexity_hi:Q", x=alt.X("density:Q", scale=xs)),
        ]
    points = alt.Chart(df[cols]).mark_circle(stroke="#333", strokeWidth=0.7, clip=True).encode(
        x=alt.X("density:Q", title=x_title, scale=xs),
        y=alt.Y("complexity:Q", title=y_title, scale=ys),
        size=alt.Size("rca:Q", title="RCA", scale=alt.Scale(domain=[0, rca_max], range=list(_SIZE_RANGE), zero=True),
                      legend=alt.Legend(format=".1f", orient="bottom", values=_rca_legend_values(rca_max))),
        color=alt.Color("category_label:N", title=names.get("category", "category"), scale=alt.Scale(domain=cat_labels, range=cat_colours),
                        legend=alt.Legend(orient="bottom", columns=1, labelLimit=330, symbolType="circle")),
        opacity=alt.Opacity("specialised_label:N", title=None, scale=alt.Scale(domain=[f"RCA ≥ {threshold:g}", f"RCA < {threshold:g}"], range=[0.9, 0.35]),
                            legend=None),
        tooltip=tooltip,
    ).add_params(alt.selection_interval(bind="scales"))
    chart = alt.layer(*rules, *corner_layers, *intervals, points, *_label_layers(labels, xdom, ydom, color="#222", clip=True))
    return chart.properties(title=_title(title, subtitle, width), width=width, height=height).resolve_legend(
        size="independent", color="independent", opacity="independent")


def _interval(lo: float, hi: float, spec: str, language: str) -> str:
    """``lo - hi`` in the language's number format (Dutch decimal comma); ``—`` without values."""
    if pd.isna(lo) or pd.isna(hi):
        return "—"
    text = f"{spec.format(lo)} – {spec.format(hi)}"
    return text.replace(".", ",") if language == "nl" else text


def quadrant_zoom_domain(profile: pd.DataFrame, x: str = "density", y: str = "complexity", share: float = 0.6,
                         max_area: float = 0.35, split: tuple[float, float] | None = None) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """A window around the crossing of the split lines that holds the crowded core of the chart.

    Half-widths: the ``share`` quantile of each technology's distance to the split on that axis,
    plus 15% margin. Returns None when that window is not much smaller than the whole chart
    (its area above ``max_area`` of the full one), i.e. when a zoom would not help. ``split``:
    the split values (default: the profile's ``x_split`` and ``y_split``; ``(0, 0)`` for a
    :func:`summary_quadrant_chart`'s ``x_std`` / ``y_std``).
    """
    df = profile.dropna(subset=[x, y])
    if len(df) < 8:
        return None
    sx, sy = (float(df["x_split"].iloc[0]), float(df["y_split"].iloc[0])) if split is None else (float(split[0]), float(split[1]))
    hx = float((df[x] - sx).abs().quantile(share)) * 1.15
    hy = float((df[y] - sy).abs().quantile(share)) * 1.15
    fx, fy = _domain(df[x], sx), _domain(df[y], sy)
    if hx <= 0 or hy <= 0:
        return None
    xdom = (max(sx - hx, fx[0]), min(sx + hx, fx[1]))
    ydom = (max(sy - hy, fy[0]), min(sy + hy, fy[1]))
    area = (xdom[1] - xdom[0]) * (ydom[1] - ydom[0]) / ((fx[1] - fx[0]) * (fy[1] - fy[0]))
    return (xdom, ydom) if area <= max_area else None


def _rca_legend_values(rca_max: float) -> list[float]:
    steps = [0.5, 1, 2, 3, 5, 10, 20, 50]
    values = [v for v in steps if v <= rca_max]
    return values[-4:] if values else [round(rca_max, 1)]


def summary_quadrant_chart(
    summary: pd.DataFrame,
    title: str,
    x_title: str,
    y_title: str,
    language: str,
    *,
    source_labels: dict[str, str],
    label_top_n: int = 12,
    subtitle: str | list[str] | None = None,
    tooltip_titles: dict[str, str] | None = None,
    domain: tuple[tuple[float, float], tuple[float, float]] | None = None,
    category_order: Sequence[str] | None = None,
    width: int = 560,
    height: int = 460,
) -> alt.LayerChart:
    """All sources in one quadrant chart (seed figure 6).

    ``summary``: :func:`helpers.chapters.technologies.summary_table` (``x_std``, ``y_std``: distance from the
    source's split lines in standard deviations, so the split lines of every source are the axes
    at 0). Shape = source (:data:`SOURCE_SHAPES`, legend ``source_labels``), colour = category,
    size = RCA; quadrant names in the corners; labels on the highest RCAs and the quadrant
    extremes where they fit; tooltips with every value, including the source's own density and
    complexity. ``domain`` ((x0, x1), (y0, y1)) shows only that window (points outside clipped),
    e.g. ``quadrant_zoom_domain(summary, "x_std", "y_std", split=(0, 0))``.
    """
    names = tooltip_names(tooltip_titles, language)
    df = summary.dropna(subset=["x_std", "y_std"]).copy().reset_index(drop=True)
    if df.empty:
        raise ValueError("summary_quadrant_chart: no technology has a position")
    df["source_label"] = df["source"].map(lambda s: source_labels.get(s, s))
    df["label"] = df[f"label_{language}"].astype(str)
    df["short"] = df["label"].map(_truncate) + " (" + df["source_label"].str[:3].str.lower() + ")"
    df["category_label"] = df[f"category_{language}"].astype(str)
    df["quadrant_label"] = df[f"quadrant_{language}"].astype(str)
    if domain is None:
        xdom, ydom = _domain(df["x_std"], 0.0), _domain(df["y_std"], 0.0, pad=0.13, pad_high=0.2)
    else:
        xdom, ydom = (float(domain[0][0]), float(domain[0][1])), (float(domain[1][0]), float(domain[1][1]))
    inside = df["x_std"].between(*xdom) & df["y_std"].between(*ydom)
    rca_max = float(df["rca"].max()) if df["rca"].max() > 0 else 1.0
    df["_r"] = _bubble_radius(df["rca"], rca_max)
    cat_labels, cat_colours = category_colours(df, category_order)
    sources = [s for s in SOURCE_SHAPES if s in set(df["source"])] + sorted(set(df["source"]) - set(SOURCE_SHAPES))
    xs = alt.Scale(domain=list(xdom), nice=False, zero=False)
    ys = alt.Scale(domain=list(ydom), nice=False, zero=False)
    corner_layers, reserved = _corner_layers({k: v[language] for k, v in QUADRANTS.items()}, xdom, ydom, width, height)
    order = [i for i in _notable(df.assign(label=df["short"]), label_top_n, "x_std", "y_std") if inside[i]]
    labels = place_labels(df[inside], pd.Index(order), x="x_std", y="y_std", text="short", radius="_r", xdom=xdom, ydom=ydom,
                          width=width, height=height, reserved=reserved)
    rules = [
        alt.Chart(pd.DataFrame({"v": [0.0]})).mark_rule(color="#555", strokeDash=[5, 4]).encode(x=alt.X("v:Q", scale=xs)),
        alt.Chart(pd.DataFrame({"v": [0.0]})).mark_rule(color="#555", strokeDash=[5, 4]).encode(y=alt.Y("v:Q", scale=ys)),
    ]
    cols = ["source_label", "label", "category_label", "quadrant_label", "rca", "density", "complexity", "activity", "x_std", "y_std"]
    tooltip = [
        alt.Tooltip("source_label:N", title=names.get("source", "source")),
        alt.Tooltip("label:N", title=names.get("label", "technology")),
        alt.Tooltip("category_label:N", title=names.get("category", "category")),
        alt.Tooltip("quadrant_label:N", title=names.get("quadrant", "quadrant")),
        alt.Tooltip("rca:Q", title="RCA", format=".2f"),
        alt.Tooltip("density:Q", title=names.get("density", "relatedness density"), format=".1f"),
        alt.Tooltip("complexity:Q", title=names.get("complexity", "complexity"), format=".2f"),
        alt.Tooltip("activity:Q", title=names.get("activity", "activity"), format=",.0f"),
        alt.Tooltip("x_std:Q", title=names.get("x_std", "x (sd)"), format=".2f"),
        alt.Tooltip("y_std:Q", title=names.get("y_std", "y (sd)"), format=".2f"),
    ]
    if "stability" in df.columns:  # how sure each placement is (share of resampling runs in its quadrant)
        df["stability_text"] = df[f"stability_{language}"].astype(str)
        cols = cols + ["stability", "stability_text"]
        tooltip += [alt.Tooltip("stability:Q", title=names.get("stability", "stability"), format=".0%"),
                    alt.Tooltip("stability_text:N", title=names.get("stability_label", "placement"))]
    points = alt.Chart(df[cols]).mark_point(filled=True, stroke="#333", strokeWidth=0.7, opacity=0.85, clip=True).encode(
        x=alt.X("x_std:Q", title=x_title, scale=xs),
        y=alt.Y("y_std:Q", title=y_title, scale=ys),
        shape=alt.Shape("source_label:N", title=names.get("source", "source"),
                        scale=alt.Scale(domain=[source_labels.get(s, s) for s in sources], range=[SOURCE_SHAPES.get(s, "diamond") for s in sources]),
                        legend=alt.Legend(orient="bottom", direction="vertical")),
        size=alt.Size("rca:Q", title="RCA", scale=alt.Scale(domain=[0, rca_max], range=list(_SIZE_RANGE), zero=True),
                      legend=alt.Legend(format=".1f", orient="bottom", values=_rca_legend_values(rca_max))),
        color=alt.Color("category_label:N", title=names.get("category", "category"), scale=alt.Scale(domain=cat_labels, range=cat_colours),
                        legend=alt.Legend(orient="bottom", columns=1, labelLimit=330, symbolType="circle")),
        tooltip=tooltip,
    ).add_params(alt.selection_interval(bind="scales"))
    chart = alt.layer(*rules, *corner_layers, points, *_label_layers(labels, xdom, ydom, color="#222", clip=True))
    return chart.properties(title=_title(title, subtitle, width), width=width, height=height).resolve_legend(
        size="independent", color="independent", shape="independent")


def quadrant_small_multiples(df: pd.DataFrame, x: str, y: str, facet: str, *, facet_order: list[str], quadrant: str, quadrant_labels: dict[str, str],
                             x_title: str, y_title: str, tooltip: list[Any], title: str | list[str] = "", columns: int = 3,
                             x_split: str = "x_split", y_split: str = "y_split", size: str | None = None,
                             width: int = 190, height: int = 170, intervals: tuple[str, str, str, str] | None = None) -> alt.FacetChart:
    """One small quadrant chart per ``facet`` value (e.g. country): ``x`` (relatedness density) against
    ``y`` (complexity), points coloured by ``quadrant`` (keys of :data:`QUADRANT_COLOURS`), with each
    panel's own split lines from the ``x_split`` / ``y_split`` columns; same axes in every panel.
    ``intervals``: the columns (x low, x high, y low, y high) of an interval per point (e.g. the 5-95%
    of resampling runs), drawn as grey bars through the points; a bar without values is left out."""
    keys = [k for k in QUADRANT_COLOURS if k in quadrant_labels and k != "none"]
    enc: dict[str, Any] = {
        "x": alt.X(f"{x}:Q", title=x_title, scale=alt.Scale(zero=False)),
        "y": alt.Y(f"{y}:Q", title=y_title, scale=alt.Scale(zero=False)),
        "color": alt.Color(f"{quadrant}:N", title=None, scale=alt.Scale(domain=keys, range=[QUADRANT_COLOURS[k] for k in keys]),
                           legend=alt.Legend(orient="bottom", labelExpr=label_expr(quadrant_labels))),
        "tooltip": tooltip,
    }
    if size:
        enc["size"] = alt.Size(f"{size}:Q", legend=None, scale=alt.Scale(range=[20, 260]))
    points = alt.Chart().mark_circle(opacity=0.85, stroke="#444", strokeWidth=0.5).encode(**enc)
    vrule = alt.Chart().mark_rule(color="#888", strokeDash=[4, 3]).encode(x=alt.X(f"mean({x_split}):Q"))
    hrule = alt.Chart().mark_rule(color="#888", strokeDash=[4, 3]).encode(y=alt.Y(f"mean({y_split}):Q"))
    bars = []
    if intervals is not None:
        x_lo, x_hi, y_lo, y_hi = intervals
        common = dict(color="#777", strokeWidth=1, opacity=0.6)
        bars = [alt.Chart().mark_rule(**common).encode(x=alt.X(f"{x_lo}:Q"), x2=f"{x_hi}:Q", y=alt.Y(f"{y}:Q")),
                alt.Chart().mark_rule(**common).encode(y=alt.Y(f"{y_lo}:Q"), y2=f"{y_hi}:Q", x=alt.X(f"{x}:Q"))]
    layered = alt.layer(vrule, hrule, *bars, points, data=df).properties(width=width, height=height)
    chart = layered.facet(facet=alt.Facet(f"{facet}:N", sort=facet_order, title=None, header=alt.Header(labelFontSize=13, labelFontWeight="bold")), columns=columns)
    return chart.properties(title=title) if title else chart
