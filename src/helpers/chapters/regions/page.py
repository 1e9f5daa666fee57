"""The regions chapter: Flanders (from its provinces) among 282 European NUTS-2 regions in 42 green and
digital technologies, beside its provinces and the VARIO report's comparison regions (:func:`read_regions_page`).

The measures are in :mod:`~helpers.chapters.regions.space`. Per region shown: the quadrants of
(relatedness density, complexity) split at the median of the 42 technologies, the same rule and the
same complexity for every panel; for the focus region the rank among the regions per technology,
the technologies it could enter (RCA below the threshold, density above the median) and those where
it leads (RCA at or above the threshold and a rank in the best quarter).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import altair as alt
import numpy as np
import pandas as pd
from IPython.display import Markdown

from helpers.chapters.page import Table
from helpers.chapters.regions import stability as reg_stab
from helpers.chapters.regions.space import COMPLEXITY_MEASURES, RegionalSpace, ranks, regional_space
from helpers.chapters.technologies import stability as stab
from helpers.charts import quadrants as quadrant_charts
from helpers.data import canonical
from helpers.data.regions import describe_region
from helpers.errors import InputError
from helpers.i18n import column_labels, join_names, localise_number, md_names, md_text, region_name, t
from helpers.i18n.labels.regions import KEYTECH_NAMES_NL
from helpers.methods.quadrants import QUADRANTS, quadrants

#: a computed complexity passes the check when its Spearman correlation with the published one is at least this
PASS_RHO = 0.4
_FORMATS = {"patents": ",.0f", "rca": ".2f", "density": ".1f", "complexity": ".2f", "rho": ".2f"}


def _name(code: str, language: str, names: Mapping[str, str]) -> str:
    info = describe_region(code)
    if code in names or info is None or info.get("level") in ("country", "aggregate"):
        return region_name(code, language, names)
    return region_name(code, language, {code: info["name"]})


@dataclass
class RegionsPage:
    """Everything the regions chapter shows (:func:`regions_page`)."""

    language: str
    focus: str
    comparison: list[str]
    measure: str
    names: dict[str, str]
    space: RegionalSpace | None = None
    profiles: pd.DataFrame | None = None
    #: how sure each placement is, per region of the panels (:mod:`helpers.chapters.regions.stability`); empty without runs
    stability: dict[str, stab.Stability] = field(default_factory=dict)

    @property
    def available(self) -> bool:
        return self.space is not None

    def label(self, technology: str) -> str:
        return KEYTECH_NAMES_NL.get(technology, technology) if self.language == "nl" else technology

    def shown(self) -> list[str]:
        """The regions of the panels: the focus, its members (when it is a group), the comparison regions."""
        members = list(self.space.groups.get(self.focus, ()))
        return [self.focus, *members, *[c for c in self.comparison if c != self.focus]]

    def focus_table(self) -> pd.DataFrame:
        """The focus region per technology: RCA, rank, density, complexity, quadrant, opportunity, members' RCA."""
        sp, lang, f = self.space, self.language, self.focus
        rk = ranks(sp, f).set_index("technology")
        p = self.profiles[self.profiles["region"] == f].set_index("technology")
        out = pd.DataFrame({"technology": [self.label(x) for x in sp.x.columns],
                            "transition": [t(f"reg_transition_{sp.transition[x]}", lang) for x in sp.x.columns]})
        out["patents"] = rk["patents"].to_numpy()
        out["rank_patents"] = rk["rank_patents"].to_numpy()
        out["rca"] = rk["rca"].to_numpy()
        out["rank"] = rk["rank"].to_numpy()
        out["density"] = p["density"].reindex(sp.x.columns).to_numpy()
        out["complexity"] = p["complexity"].reindex(sp.x.columns).to_numpy()
        out["quadrant"] = p["quadrant"].reindex(sp.x.columns).map(lambda q: QUADRANTS[q][lang] if isinstance(q, str) else "").to_numpy()
        if self.stability:  # the share of runs in the quadrant and the label beside it; an undecided one reads "undecided (quadrant?)"
            shown = p.reindex(sp.x.columns).assign(quadrant_nl=out["quadrant"].to_numpy(), quadrant_en=out["quadrant"].to_numpy())
            out["quadrant"] = stab.shown_quadrant(shown, lang).to_numpy()
            out["stability"] = shown["stability"].to_numpy()
            out["stability_label"] = shown[f"stability_{lang}"].to_numpy()
            for col in ("density_lo", "density_hi", "complexity_lo", "complexity_hi"):
                out[col] = shown[col].to_numpy()
        opp = self.opportunities().reindex(sp.x.columns)
        out["opportunity"] = opp.map(lambda o: t(f"reg_opportunity_{o}", lang) if isinstance(o, str) else "").to_numpy()
        for m in sp.groups.get(f, ()):
            out[m] = sp.rca.loc[m].reindex(sp.x.columns).to_numpy()
        out["code"] = list(sp.x.columns)
        if self.stability:  # the stability beside the quadrant, then the intervals, then the rest
            first = ["technology", "transition", "patents", "rank_patents", "rca", "rank", "density", "complexity", "quadrant", "stability",
                     "stability_label", "density_lo", "density_hi", "complexity_lo", "complexity_hi"]
            out = out[first + [c for c in out.columns if c not in first]]
        return out.sort_values(["rank", "technology"], kind="mergesort").reset_index(drop=True)

    def opportunities(self) -> pd.Series:
        """``entry`` (RCA below the threshold, density above the median of the 42) or ``lead`` (RCA at or above
        the threshold and a rank in the best quarter of the regions) per technology; NaN otherwise."""
        sp, f = self.space, self.focus
        rk = ranks(sp, f).set_index("technology")
        dens = sp.density.loc[f]
        entry = (rk["rca"] < sp.threshold) & (dens.reindex(rk.index) >= dens.median())
        lead = (rk["rca"] >= sp.threshold) & (rk["rank"] <= rk["n_regions"] / 4)
        return pd.Series(np.select([lead, entry], ["lead", "entry"], default=None), index=rk.index).replace({None: np.nan})

    def _check_line(self) -> list[str]:
        """For a computed complexity: whether it passed the check against the published one (empty for the published)."""
        if self.measure == "published":
            return []
        rho = float(self.space.agreement().set_index("measure")["rho"][self.measure])
        value = localise_number(f"{rho:.2f}", self.language)
        return [t("axis_sub_pass" if rho >= PASS_RHO else "axis_sub_fail", self.language, name=t(f"reg_measure_{self.measure}", self.language), rho=value,
                  who="")]

    def agreement_table(self) -> pd.DataFrame:
        lang = self.language
        a = self.space.agreement()
        return pd.DataFrame({"measure": [t(f"reg_measure_{m}", lang) for m in a["measure"]], "rho": a["rho"],
                             "passes": [t("reg_yes" if r >= PASS_RHO else "reg_no", lang) for r in a["rho"]]})

    def glue(self) -> dict[str, Any]:
        lang = self.language
        if not self.available:
            return {"reg_intro": Markdown(t("reg_absent", lang)), "reg_quadrant_text": Markdown(""), "reg_rank_text": Markdown(""),
                    "reg_complexity_text": Markdown(""), "reg_stability_text": Markdown("")}
        sp, f = self.space, self.focus
        num = lambda v, spec: localise_number(format(float(v), spec), lang)  # noqa: E731
        fname = md_text(_name(f, lang, self.names))  # the paragraphs are Markdown: names from the data escaped
        members = list(sp.groups.get(f, ()))
        patents = sp.x.loc[members].to_numpy().sum() if members else sp.x.loc[f].sum()
        intro = t("reg_intro", lang, n_regions=len(sp.x.index), n_tech=len(sp.x.columns), focus=fname,
                  members=md_names([_name(m, lang, self.names) for m in members], lang) if members else fname, n_members=len(members),
                  patents=num(patents, ",.0f"), share=num(sp.shares[f] * 100, ".1f"))
        p = self.profiles[self.profiles["region"] == f]
        counts = p["quadrant"].value_counts()
        cmp_items = [t("reg_cmp_item", lang, region=md_text(_name(c, lang, self.names)), n=int(sp.b.loc[c].sum())) for c in self.comparison if c != f]
        quad = t("reg_quadrant_text", lang, complexity=t(f"reg_measure_{self.measure}", lang), n_regions=len(sp.x.index), focus=fname,
                 n_optimal=int(counts.get("optimal", 0)), n_moonshot=int(counts.get("moonshot", 0)),
                 optimal=md_names([self.label(x) for x in p.loc[p["quadrant"] == "optimal", "technology"]], lang) or t("reg_none", lang),
                 threshold=f"{sp.threshold:g}", n_spec=int(sp.b.loc[f].sum()), n_tech=len(sp.x.columns),
                 cmp_text=t("reg_cmp_text", lang, items=join_names(cmp_items, lang)) if cmp_items else "")
        rk = ranks(sp, f).sort_values(["rank", "technology"])
        top10 = rk[rk["rank"] <= 10]
        opp = self.opportunities()
        entry = sp.density.loc[f].reindex(opp.index[opp == "entry"]).sort_values(ascending=False).index
        lead = rk[rk["technology"].isin(opp.index[opp == "lead"])]["technology"]
        top10_patents = rk[rk["rank_patents"] <= 10].sort_values(["rank_patents", "technology"])
        stand = (t("reg_top10_some", lang, focus=fname, n=len(top10), names=md_names([self.label(x) for x in top10["technology"]], lang))
                 if len(top10) else t("reg_top10_none", lang, focus=fname, best_rank=int(rk["rank"].iloc[0]), best=md_text(self.label(rk["technology"].iloc[0]))))
        volume = (t("reg_volume_some", lang, n=len(top10_patents), names=md_names([self.label(x) for x in top10_patents["technology"]], lang))
                  if len(top10_patents) else t("reg_volume_none", lang))
        rank_text = t("reg_rank_text", lang, n_regions=len(sp.x.index), focus=fname, stand=stand, volume=volume, n_entry=len(entry),
                      entry=md_names([self.label(x) for x in entry], lang) if len(entry) else t("reg_none", lang), n_lead=len(lead),
                      lead=md_names([self.label(x) for x in lead], lang) if len(lead) else t("reg_none", lang), threshold=f"{sp.threshold:g}")
        a = sp.agreement().set_index("measure")["rho"]
        rho = {f"rho_{m}": num(a[m], ".2f") if np.isfinite(a[m]) else t("pub_no_value", lang) for m in a.index}
        chosen = (t("reg_chosen_published", lang) if self.measure == "published"
                  else t("reg_chosen_computed", lang, method=t(f"reg_measure_{self.measure}", lang)))
        fails = self.measure != "published" and not a[self.measure] >= PASS_RHO
        comp_text = t("reg_complexity_text", lang, n_regions=len(sp.x.index), chosen=chosen,
                      warning=t("reg_fails", lang, cut=num(PASS_RHO, ".1f")) if fails else "", **rho)
        return {"reg_intro": Markdown(intro), "reg_quadrant_text": Markdown(quad), "reg_rank_text": Markdown(rank_text),
                "reg_complexity_text": Markdown(comp_text), "reg_n_top10": len(top10), "reg_n_top10_patents": len(top10_patents), "reg_n_entry": len(entry), "reg_n_lead": len(lead),
                "reg_share": float(sp.shares[f]), "reg_stability_text": Markdown(self.stability_text())} | self.stability_glue()

    def _focus_profile(self) -> pd.DataFrame:
        """The focus region's rows of the profiles, with the technology's name in ``label``."""
        p = self.profiles[self.profiles["region"] == self.focus]
        return p.assign(label=p["technology"].map(self.label))

    def sensitivity_table(self) -> pd.DataFrame | None:
        """Per rule change: how many of the focus region's technologies change quadrant, and which (None without runs)."""
        if self.focus not in self.stability:
            return None
        return stab.sensitivity_table(self._focus_profile(), self.stability[self.focus], self.language, label_column="label")

    def stability_glue(self) -> dict[str, int]:
        """The numbers of the stability text: the focus region's counts (``reg_stability_n_stable`` ...), the runs, and the
        counts over all panels (``reg_stability_panels_n_stable``, ``reg_stability_panels_n_placed``, ``reg_stability_n_regions``)."""
        own = {f"reg_{k}": v for k, v in stab.glue_values(self._focus_profile() if self.stability else None, self.stability.get(self.focus)).items()}
        panels = stab.counts(self.profiles[self.profiles["region"].isin(list(self.stability))]) if self.stability else stab.counts(pd.DataFrame())
        return own | {f"reg_stability_panels_{k}": v for k, v in panels.items()} | {"reg_stability_n_regions": len(self.stability)}

    def stability_text(self) -> str:
        """The sentence on how sure the placements are: the focus region's (wording chosen from its counts), the rule change
        that moves the most, and the count over all panels (Markdown; empty without runs)."""
        if self.focus not in self.stability:
            return ""
        lang = self.language
        text = stab.stability_text(self._focus_profile(), self.stability[self.focus], lang, label_column="label",
                                   sensitivity=self.sensitivity_table())
        g = self.stability_glue()
        if g["reg_stability_n_regions"] > 1:
            num = lambda v: localise_number(format(int(v), ",d"), lang)  # noqa: E731
            text += " " + t("reg_stab_panels", lang, n_regions=num(g["reg_stability_n_regions"]), n_stable=num(g["reg_stability_panels_n_stable"]),
                            n=num(g["reg_stability_panels_n_placed"]), n_undecided=num(g["reg_stability_panels_n_undecided"]))
        return text

    def tables(self) -> dict[str, Table]:
        if not self.available:
            return {}
        lang = self.language
        labels = column_labels(lang, "regions") | {m: _name(m, lang, self.names) for m in self.space.groups.get(self.focus, ())}
        fname = _name(self.focus, lang, self.names)
        ft = self.focus_table()
        formats = _FORMATS | {m: ".2f" for m in self.space.groups.get(self.focus, ())} | stab.TABLE_FORMATS
        out = {"profile": Table(ft.drop(columns="code"), "regions_focus_profile", formats=formats, labels=labels, wide=True,
                                caption=t("reg_profile_caption", lang, focus=fname)),
               "agreement": Table(self.agreement_table(), "regions_complexity_agreement", formats=_FORMATS, labels=labels,
                                  caption=t("reg_agreement_caption", lang))}
        sensitivity = self.sensitivity_table()
        if sensitivity is not None:
            out["sensitivity"] = Table(sensitivity, "regions_focus_sensitivity", labels=labels,
                                       caption=t("stab_sensitivity_caption", lang, region=fname), **stab.SENSITIVITY_TABLE)
        return out

    def charts(self) -> dict[str, Any]:
        if not self.available:
            return {"panels": None, "ranks": None}
        lang, sp = self.language, self.space
        shown = self.shown()
        df = self.profiles[self.profiles["region"].isin(shown)].copy()
        df["panel"] = df["region"].map(lambda r: _name(r, lang, self.names))
        df["label"] = df["technology"].map(self.label)
        order = [_name(r, lang, self.names) for r in shown]
        quad_labels = {k: v[lang] for k, v in QUADRANTS.items()}
        tip = [alt.Tooltip("panel:N", title=t("reg_col_region", lang)), alt.Tooltip("label:N", title=t("reg_col_technology", lang)),
               alt.Tooltip("rca:Q", title="RCA", format=".2f"), alt.Tooltip("density:Q", title=t("reg_col_density", lang), format=".1f"),
               alt.Tooltip("complexity:Q", title=t("reg_col_complexity", lang), format=".2f")]
        y_title = t("reg_col_complexity", lang)
        cols, intervals, title_lines = ["panel", "label", "rca", "density", "complexity", "quadrant", "x_split", "y_split"], None, []
        if self.stability:  # how sure each placement is: share and label in the tooltip, 5-95% of the runs as grey bars
            num = lambda lo, hi, spec: (f"{localise_number(format(lo, spec), lang)} – {localise_number(format(hi, spec), lang)}"  # noqa: E731
                                        if pd.notna(lo) and pd.notna(hi) else "—")
            df["stability_text"] = df[f"stability_{lang}"].astype(str)
            df["density_interval"] = [num(a, b, ".1f") for a, b in zip(df["density_lo"], df["density_hi"])]
            df["complexity_interval"] = [num(a, b, ".2f") for a, b in zip(df["complexity_lo"], df["complexity_hi"])]
            tip += [alt.Tooltip("stability:Q", title=t("reg_col_stability", lang), format=".0%"),
                    alt.Tooltip("stability_text:N", title=t("reg_col_stability_label", lang)),
                    alt.Tooltip("density_interval:N", title=t("reg_col_density_interval", lang)),
                    alt.Tooltip("complexity_interval:N", title=t("reg_col_complexity_interval", lang))]
            intervals = ("density_lo", "density_hi", "complexity_lo", "complexity_hi")
            cols += ["stability", "stability_text", "density_interval", "complexity_interval", *intervals]
            title_lines = [t("stab_subtitle", lang, runs=self.stability[self.focus].n_runs if self.focus in self.stability else 0)]
        panels = quadrant_charts.quadrant_small_multiples(
            df[cols], "density", "complexity", "panel", intervals=intervals,
            facet_order=order, quadrant="quadrant", quadrant_labels=quad_labels, x_title=t("reg_x_title", lang), y_title=y_title,
            tooltip=tip, title=[*t("reg_small_title", lang, focus=_name(self.focus, lang, self.names), measure=t(f"reg_measure_{self.measure}", lang)).split(" | "),
                                *self._check_line(), *title_lines],
            columns=3, size="rca")
        rk = ranks(sp, self.focus)
        rk["label"] = rk["technology"].map(self.label)
        rk["transition"] = rk["technology"].map(lambda x: t(f"reg_transition_{sp.transition[x]}", lang))
        ranks_chart = alt.Chart(rk).mark_circle(size=70, opacity=0.9).encode(
            x=alt.X("rank:Q", title=t("reg_rank_x", lang), scale=alt.Scale(domain=[0, int(rk["n_regions"].iloc[0])])),
            y=alt.Y("label:N", sort=alt.EncodingSortField("rank", order="ascending"), title=None),
            color=alt.Color("transition:N", title=t("reg_col_transition", lang), legend=alt.Legend(orient="bottom")),
            tooltip=[alt.Tooltip("label:N", title=t("reg_col_technology", lang)), alt.Tooltip("rank:Q", title=t("reg_col_rank", lang)),
                     alt.Tooltip("rca:Q", title="RCA", format=".2f")],
        ).properties(title=t("reg_rank_title", lang, focus=_name(self.focus, lang, self.names), n=len(sp.x.index)),
                     width=460, height=16 * len(rk))
        return {"panels": panels, "ranks": ranks_chart}


def profiles(space: RegionalSpace, regions: Sequence[str], measure: str) -> pd.DataFrame:
    """Per region of ``regions`` and technology: RCA, density, the ``measure`` complexity and the quadrant (median of the 42)."""
    comp = space.complexity[measure]
    rows = []
    for r in regions:
        q = quadrants(space.density.loc[r], comp, "median")
        rows.append(pd.DataFrame({"region": r, "technology": space.x.columns, "rca": space.rca.loc[r].reindex(space.x.columns).to_numpy(),
                                  "density": space.density.loc[r].reindex(space.x.columns).to_numpy(), "complexity": comp.to_numpy(),
                                  "quadrant": q["quadrant"].reindex(space.x.columns).to_numpy(),
                                  "x_split": q["x_split"].iloc[0], "y_split": q["y_split"].iloc[0]}))
    return pd.concat(rows, ignore_index=True)


def regions_page(rows: pd.DataFrame, *, focus: str, comparison: Sequence[str], language: str, groups: Mapping[str, Sequence[str]] | None = None,
                 measure: str = "published", threshold: float = 1.0, relatedness: str = "cosine",
                 names: Mapping[str, str] | None = None, robustness_runs: int = 0, robustness_seed: int = 0) -> RegionsPage:
    """The page from ``published_regional`` rows (pure). ``robustness_runs`` > 0: the stability of every
    placement of the panels over that many runs from ``robustness_seed`` (:mod:`helpers.chapters.regions.stability`)."""
    if measure not in COMPLEXITY_MEASURES:
        raise InputError(f"regional complexity {measure!r}: use one of {', '.join(COMPLEXITY_MEASURES)}")
    page = RegionsPage(language, focus, list(comparison), measure, dict(names or {}))
    if rows.empty:
        return page
    space = regional_space(rows, groups=groups, threshold=threshold, relatedness_method=relatedness)
    unknown = [r for r in [focus, *comparison] if r not in space.rca.index]
    if unknown:
        raise InputError(f"regions chapter: {', '.join(unknown)} is neither a region of the data nor a group; name a NUTS-2 region of the "
                         "data or add the group to the edition's regional.groups")
    page.space = space
    page.profiles = profiles(space, page.shown(), measure)
    if robustness_runs:
        page.profiles, page.stability = reg_stab.page_stability(space, page.profiles, page.shown(), focus, measure=measure, relatedness=relatedness,
                                                                n_runs=robustness_runs, seed=robustness_seed)
    return page


def read_regions_page(data_dir: Path | str, *, focus: str, comparison: Sequence[str], language: str,
                      groups: Mapping[str, Sequence[str]] | None = None, measure: str = "published", threshold: float = 1.0,
                      relatedness: str = "cosine", robustness_runs: int = 0, robustness_seed: int = 0) -> RegionsPage:
    """The page from the canonical tables in ``data_dir`` and the notebook's parameters."""
    rows = canonical.read(data_dir, "published_regional")
    regions = canonical.read(data_dir, "regions")
    names = dict(zip(regions["region"], regions["name"]))
    return regions_page(rows, focus=focus, comparison=comparison, language=language, groups=groups, measure=measure, threshold=threshold,
                        relatedness=relatedness, names=names, robustness_runs=robustness_runs, robustness_seed=robustness_seed)
