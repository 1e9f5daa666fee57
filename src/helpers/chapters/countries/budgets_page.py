"""The page "Flemish budgets and R&D intensity" (``notebooks/countries_budgets.ipynb``).

:func:`budgets_page` takes the budget rows of ``budgets.csv`` (VARIO 2026, section 4.6) apart: the
defence growth path, the AI and cybersecurity plans against their quantified lines, the budget
step of one year against every amount of that year, the strategic research centres, the Contracts
for Difference and every stated total recomputed; and the R&D intensity (GERD and BERD as % of
GDP) of Flanders, the focus and comparison countries and the EU. :class:`BudgetsPage` hands the
notebook the numbers of its text, its tables and its charts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from helpers.chapters.countries.budgets import (
    budget_checks,
    budget_rows,
    budget_years,
    plan_composition,
    programme_path,
    year_allocations,
)
from helpers.chapters.countries.rd import (
    rd_intensity,
    rd_regions,
    rd_summary,
    rd_target,
)
from helpers.chapters.countries.reader_text import code_word, reader_citations
from helpers.chapters.countries.selection import FLANDERS, FLANDERS_NUTS
from helpers.chapters.page import Table
from helpers.charts import bars
from helpers.charts import budgets as budget_charts
from helpers.charts.style import CONTEXT_COLOUR, FOCUS_COLOUR, PALETTE
from helpers.data import canonical, policy
from helpers.i18n import (
    column_labels,
    join_names,
    localise_number,
    policy_region_name,
    strategy_short_name,
    t,
)

#: Colours of the budget step chart: the step's explicit parts (one colour each), the rest the report does not break
#: down, and the other amounts of the same year, which the report names beside the step, not as parts of it.
STEP_PART_COLOURS = [FOCUS_COLOUR, "#003f66", "#3d9ad1", "#1b5e8c"]
STEP_COLOURS = {"rest": CONTEXT_COLOUR, "excess": "#D55E00", "same_year": "#E69F00"}
_NAN = float("nan")


@dataclass
class BudgetsPage:
    """The budget figures and the R&D intensity of the chapter (:func:`budgets_page`).

    ``checks`` are all stated totals recomputed (:func:`budget_checks`); ``path`` the programme's
    yearly path, ``plans`` the plan totals split into their lines, ``step`` the budget step's year
    allocations, ``research_centres`` the research centres' funding rows (and ``research_centres_extra``
    other rows that fund them, e.g. a budget step), ``cfd_years`` the
    Contracts for Difference by year, ``rd`` and ``rd_summary`` the R&D intensity (with
    ``region_name`` and, for the chart, ``flanders``), ``rd_target`` the 3% target.
    """

    language: str
    strategies: pd.DataFrame
    budgets: pd.DataFrame
    checks: pd.DataFrame
    path: pd.DataFrame
    plan_totals: list[str]
    plans: pd.DataFrame
    step: pd.DataFrame
    research_centres: pd.DataFrame
    research_centres_extra: pd.DataFrame
    cfd_strategy: str
    cfd_years: pd.DataFrame
    rd_window: tuple[int, int]
    rd: pd.DataFrame
    rd_summary: pd.DataFrame
    rd_missing: list[str]
    rd_target: float
    #: the focus region's code in ``region_indicators`` (e.g. ``BE`` for BEL, ``BE2`` for Flanders) and its name
    focus_data_code: str = ""
    focus_name: str = ""

    # ------------------------------------------------------------------------------ helpers
    @property
    def _labels(self) -> dict[str, str]:
        """The chapter's table headers in the page's language."""
        return column_labels(self.language, "landscape")

    @property
    def _prog(self) -> str:
        """The programme column in the page's language."""
        return "programme_en" if self.language == "en" else "programme"

    @property
    def _hidden(self) -> tuple[str, ...]:
        """Columns of the tables in the CSV only: the ids, the programme in the other language and, in the Dutch book, the
        English notes of the project data."""
        return ("budget_id", "strategy_id", "total_id", "budget_ids", "programme" if self.language == "en" else "programme_en",
                *(("note",) if self.language == "nl" else ()))

    def _readable(self, rows: pd.DataFrame) -> pd.DataFrame:
        """Budget rows for readers: the kind as a word, the citation's remarks in the page's language."""
        lang = self.language
        return rows.assign(kind=rows["kind"].map(lambda k: code_word("budget_kind_", k, lang)), citation=reader_citations(rows["citation"], lang),
                           **({"unit": rows["unit"].map(lambda u: code_word("unit_", u, lang))} if "unit" in rows.columns else {}))

    def _programme(self, budget_ids: pd.Series) -> pd.Series:
        """The programme name of each budget id, in the page's language."""
        return budget_ids.map(self.budgets.set_index("budget_id")[self._prog])

    def _programme_of(self, budget_id: str) -> str:
        """The programme name of one budget id, in the page's language."""
        return self.budgets.set_index("budget_id").at[budget_id, self._prog]

    @cached_property
    def plan_sums(self) -> pd.DataFrame:
        """Per plan total: the stated amount and the sum of its quantified lines (``computed``)."""
        return self.plans.groupby("total_id").agg(stated=("stated", "first"), computed=("computed", "first"))

    @property
    def _step_parts(self) -> float:
        """The budget step's explicit parts ('of which'), summed."""
        return self.step.loc[self.step["component"] == "part", "amount"].sum()

    @property
    def _step_gap(self) -> float:
        """What nothing in the source allocates of the budget step (negative: the amounts exceed it)."""
        return self.step.loc[self.step["component"].isin(["unallocated", "excess"]), "amount"].sum()

    @property
    def _cfd_checks(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The Contracts for Difference's totals: the pilot (adds up exactly) and the programme (the seed's mismatch)."""
        cfd = self.checks[self.checks["strategy_id"] == self.cfd_strategy]
        return cfd[cfd["total_check"] == "exact"], cfd[cfd["status"] == "mismatch"]

    @cached_property
    def path_table(self) -> pd.DataFrame:
        """The programme's path with the name of the first budget row of each year."""
        return self.path.assign(programme=self._programme(self.path["budget_ids"].str.split(";").str[0]).to_numpy())

    @cached_property
    def plans_table(self) -> pd.DataFrame:
        """The plans' lines: ``plan`` (short name and stated total) and ``line`` (the line, or what the source leaves unquantified)."""
        lang = self.language
        component = {"part": None, "unquantified": t("component_unquantified", lang), "excess": t("component_excess", lang)}
        owner = self.budgets.set_index("budget_id")["strategy_id"]
        short = {p: strategy_short_name(owner[p], lang, self.strategies) for p in self.plan_totals}
        out = self.plans.copy()
        out["plan"] = out["total_id"].map(lambda p: f"{short[p]}: {self._num(self.plan_sums.at[p, 'stated'], ',.2f')}")
        out["line"] = [(r[self._prog].split(": ", 1)[-1] if r["component"] == "part" else component[r["component"]]) for _, r in out.iterrows()]
        return out

    @cached_property
    def step_table(self) -> pd.DataFrame:
        """The budget step's rows with ``what`` (programme), ``component_label`` and ``bar``."""
        out = self.step.copy()
        out["what"] = out[self._prog]
        out["component_label"] = out["component"].map(self._step_kinds)
        out["bar"] = f"{t('land_step_bar', self.language, year=int(out['year'].iloc[0]))} ({self._num(float(out['stated'].iloc[0]), ',.0f')})"
        return out

    def _num(self, value: float, spec: str) -> str:
        """A number in the page's language (Dutch: 1.234,5)."""
        return localise_number(format(value, spec), self.language)

    @cached_property
    def step_chart_rows(self) -> pd.DataFrame:
        """What the budget step chart draws: one bar for the step, stacked from the parts the report names as parts of it
        ("daarvan", "naast de SOC's ... een opstap") and the rest it does not break down (``component`` = ``part``,
        ``rest``, or ``excess`` when the parts exceed the step); and one bar per other amount of the same year, which the
        report names beside the step, never stacked on it (``same_year``). Columns: category, component, component_label,
        amount, stated (the step's, on its bar only), budget_id, what."""
        lang, step = self.language, self.step_table
        bar, stated = step["bar"].iloc[0], float(step["stated"].iloc[0])
        parts = step[step["component"] == "part"]
        rows = [{"category": bar, "component": "part", "component_label": t("component_step_part_named", lang, part=r["what"].split(": ", 1)[-1]),
                 "amount": float(r["amount"]), "stated": stated, "budget_id": r["budget_id"], "what": r["what"]} for _, r in parts.iterrows()]
        rest = round(stated - float(parts["amount"].sum()), 9)
        if abs(rest) > 1e-9:
            kind = "rest" if rest > 0 else "excess"
            rows.append({"category": bar, "component": kind, "component_label": t(f"component_step_{kind}", lang), "amount": rest,
                         "stated": stated, "budget_id": "", "what": t(f"component_step_{kind}", lang)})
        for _, r in step[step["component"] == "same_year"].iterrows():
            rows.append({"category": r["what"], "component": "same_year", "component_label": t("component_same_year_apart", lang, year=int(r["year"])),
                         "amount": float(r["amount"]), "stated": float("nan"), "budget_id": r["budget_id"], "what": r["what"]})
        return pd.DataFrame(rows)

    @property
    def _step_kinds(self) -> dict[str, str]:
        """Reader names of the budget step's components."""
        lang = self.language
        return {"part": t("component_step_part", lang), "same_year": t("component_same_year", lang),
                "unallocated": t("component_unallocated", lang), "excess": t("component_excess", lang)}

    @cached_property
    def research_centres_table(self) -> pd.DataFrame:
        """All rows funding the research centres with ``what`` = "<year>: <programme>"."""
        rows = pd.concat([self.research_centres, self.research_centres_extra], ignore_index=True)
        return rows.assign(what=[f"{'' if pd.isna(r['year']) else int(r['year'])}: {r[self._prog]}" for _, r in rows.iterrows()])

    @cached_property
    def cfd_table(self) -> pd.DataFrame:
        """The Contracts for Difference by year with ``what`` = the programme of the row's total."""
        return self.cfd_years.assign(what=self._programme(self.cfd_years["total_id"]))

    # ------------------------------------------------------------------------------ text
    def glue(self) -> dict[str, Any]:
        """The numbers and words of the chapter's text (the ``cb_*`` names)."""
        return self._budget_glue() | self._rd_glue()

    def _budget_glue(self) -> dict[str, Any]:
        """The budget numbers of the text: defence path, plans, budget step, research centres, other countries, totals, CfD."""
        lang, budgets, checks, path, step, prog = self.language, self.budgets, self.checks, self.path, self.step, self._prog
        country_of = self.strategies.set_index("strategy_id")["country"]
        other_rows = budgets[budgets["strategy_id"].map(country_of) != FLANDERS]
        first, last = self.plan_totals[0], self.plan_totals[-1]
        sums = self.plan_sums
        src_year = self.research_centres.dropna(subset=["year"])
        src_first_year = int(src_year["year"].min())
        src_in_year = src_year[src_year["year"] == src_first_year]
        src_step = self.research_centres_extra
        mism = checks[checks["status"] == "mismatch"]
        cfd_pilot, cfd_prog = self._cfd_checks
        other = [f"{r[prog]}: {self._num(r['amount'] / 1000, ',.0f')} {t('billion_eur', lang)} ({t('budget_kind_' + r['kind'], lang)})" for _, r in other_rows.iterrows()]
        return dict(
            cb_def_start=int(path["year"].min()), cb_def_end=int(path["year"].max()), cb_def_first=float(path["amount"].iloc[0]),
            cb_def_last=float(path["amount"].iloc[-1]), cb_def_total=float(path["amount"].sum()),
            cb_def_factor=float(path["amount"].iloc[-1] / path["amount"].iloc[0]),
            cb_p1_name=self._programme_of(first), cb_p1_stated=float(sums.at[first, "stated"]),
            cb_p1_parts=float(sums.at[first, "computed"]), cb_p1_gap=float(sums.at[first, "stated"] - sums.at[first, "computed"]),
            cb_p2_name=self._programme_of(last), cb_p2_stated=float(sums.at[last, "stated"]),
            cb_p2_parts=float(sums.at[last, "computed"]), cb_p2_gap=float(sums.at[last, "stated"] - sums.at[last, "computed"]),
            cb_step_year=int(step["year"].iloc[0]), cb_step_stated=float(step["stated"].iloc[0]), cb_step_parts=float(self._step_parts),
            cb_step_all=float(step["allocated"].iloc[0]), cb_step_gap=float(self._step_gap), cb_step_n=int((step["component"] != "unallocated").sum()),
            cb_step_rest=float(step["stated"].iloc[0] - self._step_parts), cb_step_n_other=int((step["component"] == "same_year").sum()),
            cb_step_other=float(step.loc[step["component"] == "same_year", "amount"].sum()),
            cb_src_year=src_first_year, cb_src_sum=float(src_in_year["amount"].sum()), cb_src_n=len(src_in_year),
            cb_n_other=len(other_rows), cb_other=join_names(other, lang),
            cb_src_step=float(src_step["amount"].sum()) if len(src_step) else 0.0,
            cb_n_totals=len(checks), cb_n_adds_up=int((checks["status"] == "adds_up").sum()),
            cb_n_incomplete=int((checks["status"] == "parts_below_total").sum()), cb_n_no_parts=int((checks["status"] == "no_parts").sum()),
            cb_n_mismatch=len(mism), cb_mismatch=join_names(self._programme(mism["total_id"]).tolist(), lang),
            cb_cfd_pilot_sum=float(cfd_pilot["computed"].sum()), cb_cfd_pilot_stated=float(cfd_pilot["stated"].sum()),
            cb_cfd_prog_sum=float(cfd_prog["computed"].sum()), cb_cfd_prog_stated=float(cfd_prog["stated"].sum()),
            cb_cfd_prog_diff=float((cfd_prog["computed"] - cfd_prog["stated"]).sum()),
        )

    def _pct(self, value: float, digits: int = 2) -> str:
        """``3.16%``, or the words for a number the data do not have (``geen gegevens`` / ``no data``), never ``nan%``."""
        return f"{value:.{digits}f}%" if pd.notna(value) and np.isfinite(value) else t("land_no_data", self.language)

    def _rd_glue(self) -> dict[str, Any]:
        """The R&D numbers of the text: Flanders' (or the first region's) GERD and BERD, the focus, the EU, the target.

        A number the data do not have (a focus region without R&D intensity, e.g. LIE; no BERD) is NaN
        in its number key and the words of ``land_no_data`` in its ``*_text`` key (``cb_rd_focus_last_text``
        and the like: the value with its % sign, or "geen gegevens" / "no data"), which the text uses.
        When the focus region is the Flemish Region itself (BE2) its row is Flanders' row.
        """
        lang, summary, target = self.language, self.rd_summary, self.rd_target
        gerd = summary[summary["indicator"] == "GERD"].set_index("role")
        berd = summary[summary["indicator"] == "BERD"].set_index("role")
        comp = summary[(summary["role"] == "comparison") & (summary["indicator"] == "GERD")].sort_values("last_value", ascending=False)
        if gerd.empty:
            lead = pd.Series({"region_name": self.focus_name or "—", "first_value": _NAN, "first_year": self.rd_window[0],
                              "last_value": _NAN, "last_year": self.rd_window[1]}, name="")
        else:
            lead = gerd.loc["flanders"] if "flanders" in gerd.index else gerd.iloc[0]
        above = summary[(summary["indicator"] == "GERD") & (summary["last_value"] >= target)]
        focus = gerd[gerd["region"] == self.focus_data_code] if self.focus_data_code else gerd.loc[[r for r in gerd.index if r == "focus"]]
        focus_name = focus["region_name"].iloc[0] if len(focus) else (self.focus_name or "—")
        focus_last = float(focus["last_value"].iloc[0]) if len(focus) else _NAN
        berd_last = float(berd.loc[lead.name, "last_value"]) if lead.name in berd.index else _NAN
        berd_share = berd_last / float(lead["last_value"]) * 100 if pd.notna(berd_last) and pd.notna(lead["last_value"]) and lead["last_value"] else _NAN
        eu_last = float(gerd.loc["eu", "last_value"]) if "eu" in gerd.index else _NAN
        comp_value = float(comp["last_value"].iloc[0]) if len(comp) else _NAN
        return dict(
            cb_rd_start=int(self.rd_window[0]), cb_rd_end=int(self.rd_window[1]), cb_rd_region=lead["region_name"],
            cb_rd_gerd_first=float(lead["first_value"]), cb_rd_gerd_first_year=int(lead["first_year"]),
            cb_rd_gerd_last=float(lead["last_value"]), cb_rd_gerd_last_year=int(lead["last_year"]),
            cb_rd_gerd_first_text=self._pct(float(lead["first_value"])), cb_rd_gerd_last_text=self._pct(float(lead["last_value"])),
            cb_rd_berd_last=berd_last, cb_rd_berd_last_text=self._pct(berd_last),
            cb_rd_berd_share=berd_share, cb_rd_berd_share_text=self._pct(berd_share, 0),
            cb_rd_focus=focus_name, cb_rd_focus_last=focus_last, cb_rd_focus_last_text=self._pct(focus_last),
            cb_rd_eu_last=eu_last, cb_rd_eu_last_text=self._pct(eu_last),
            cb_rd_target=target, cb_rd_n_above=len(above), cb_rd_above=join_names(above["region_name"].tolist(), lang) or t("land_no_data", lang),
            cb_rd_comp_top=comp["region_name"].iloc[0] if len(comp) else "—",
            cb_rd_comp_top_value=comp_value, cb_rd_comp_top_value_text=self._pct(comp_value),
            cb_rd_missing=t("land_rd_missing", lang, codes=join_names(self.rd_missing, lang)) if self.rd_missing else "",
        )

    # ------------------------------------------------------------------------------ tables
    def tables(self) -> dict[str, Table]:
        """The published tables, one per section, plus every budget row and the R&D values."""
        lang, labels = self.language, self._labels
        checks = self.checks.assign(programme=self._programme(self.checks["total_id"]),
                                    status=self.checks["status"].map(lambda s: t(f"status_{s}", lang)))
        rows = self._readable(self.budgets[["budget_id", "strategy_id", "programme", "programme_en", "year", "period_start", "period_end", "amount",
                                            "unit", "kind", "n_years", "is_total", "total_id", "citation", "quote"]])
        checks = checks.assign(total_check=checks["total_check"].map(lambda c: code_word("total_check_", c, lang)),
                               unit=checks["unit"].map(lambda u: code_word("unit_", u, lang)))
        hidden = self._hidden
        summary = self.rd_summary[["code", "region", "region_name", "role", "indicator", "first_year", "first_value", "last_year",
                                   "last_value", "change", "mean", "n_years"]].assign(role=lambda d: d["role"].map(lambda r: t(f"role_{r}", lang)))
        return {
            "defence_path": Table(self.path_table[["strategy_id", "year", "amount", "cumulative", "budget_ids"]], "countries_budget_defence_path",
                                  formats={"amount": ",.2f", "cumulative": ",.2f"}, labels=labels, hidden=hidden),
            "plans": Table(self.plans_table[["total_id", "budget_id", "line", "component", "amount", "stated", "computed"]].rename(columns={"line": "programme"}),
                           "countries_budget_plans", formats={"amount": ",.2f", "stated": ",.2f", "computed": ",.2f"}, labels=labels, hidden=hidden),
            "step": Table(self.step_table.assign(component=self.step_table["component_label"])[
                              ["total_id", "budget_id", "programme", "programme_en", "component", "amount", "stated", "allocated", "year"]],
                          "countries_budget_step", formats={"amount": ",.3f", "stated": ",.1f", "allocated": ",.3f"}, labels=labels, hidden=hidden),
            "research_centres": Table(self._readable(self.research_centres_table[["budget_id", "programme", "programme_en", "year", "amount", "kind",
                                                                                  "citation", "quote"]]),
                                      "countries_budget_research_centres", formats={"amount": ",.1f"}, labels=labels | {"kind": labels["kind_budget"]},
                                      hidden=hidden),
            "cfd": Table(self.cfd_table[["budget_id", "total_id", "year", "amount", "what"]].rename(columns={"what": "programme"}), "countries_budget_cfd",
                         formats={"amount": ",.1f"}, labels=labels, hidden=hidden),
            "totals": Table(checks[["total_id", "strategy_id", "programme", "unit", "stated", "computed", "n_parts", "difference", "total_check",
                                    "status", "note"]], "countries_budget_totals", t("land_budget_checks_caption", lang),
                            {"stated": ",.3f", "computed": ",.3f", "difference": ",.3f"}, labels, hidden=hidden),
            "rows": Table(rows, "countries_budget_rows", formats={"amount": ",.3f"}, labels=labels | {"kind": labels["kind_budget"]},
                          folded=f"{t('land_budget_rows_caption', lang)} ({len(rows)})", hidden=hidden),
            "rd_summary": Table(summary, "countries_rd_intensity_summary", t("land_rd_summary_caption", lang),
                                {"first_value": ".2f", "last_value": ".2f", "change": "+.2f", "mean": ".2f"}, labels | {"n_years": labels["n_years_rd"]}),
            "rd": Table(self.rd[["code", "region", "region_name", "role", "indicator", "year", "value"]].assign(
                            role=lambda d: d["role"].map(lambda r: t(f"role_{r}", lang))), "countries_rd_intensity",
                        formats={"value": ".2f"}, labels=labels, folded=t("land_rd_caption", lang)),
        }

    # ------------------------------------------------------------------------------ charts
    def charts(self) -> dict[str, Any]:
        """One chart per section: defence path, plans, budget step, research centres, CfD, totals, R&D intensity."""
        return {"defence": self._defence_chart(), "plans": self._plans_chart(), "step": self._step_chart(),
                "research_centres": self._research_centres_chart(), "cfd": self._cfd_chart(), "totals": self._totals_chart(),
                "rd": self._rd_chart()}

    def _defence_chart(self) -> Any:
        """The programme's yearly amounts, labelled, with the sum of the years in the subtitle."""
        lang, labels, path = self.language, self._labels, self.path
        tooltip = [alt.Tooltip("year:O", title=labels["year"]), alt.Tooltip("amount:Q", title=labels["amount"], format=",.2f"),
                   alt.Tooltip("cumulative:Q", title=labels["cumulative"], format=",.2f")]
        subtitle = t("land_defence_subtitle", lang, start=int(path["year"].min()), end=int(path["year"].max()), total=self._num(float(path["amount"].sum()), ",.2f"))
        return budget_charts.budget_path_chart(self.path_table, "year", "amount", t("land_defence_title", lang), labels["amount"], tooltip=tooltip,
                                               value_labels=True, y_format=",.2f", subtitle=subtitle)

    def _plans_chart(self) -> Any:
        """Each plan's stated total split into its quantified lines and the unquantified rest."""
        lang, labels, plans = self.language, self._labels, self.plans_table
        lines = list(dict.fromkeys(plans.loc[plans["component"] == "part", "line"])) + [t("component_unquantified", lang)]
        colours = [PALETTE[i % len(PALETTE)] for i in range(len(lines) - 1)] + [CONTEXT_COLOUR]
        tooltip = [alt.Tooltip("plan:N", title=labels["total_id"]), alt.Tooltip("line:N", title=labels["component"]),
                   alt.Tooltip("amount:Q", title=labels["amount"], format=",.2f"), alt.Tooltip("stated:Q", title=labels["stated"], format=",.2f"),
                   alt.Tooltip("computed:Q", title=labels["computed"], format=",.2f")]
        return budget_charts.budget_composition_chart(plans, "plan", "amount", "line", t("land_plans_title", lang), labels["amount"],
                                                      component_order=lines, component_colours=colours, stated="stated", tooltip=tooltip,
                                                      subtitle=t("land_plans_subtitle", lang), component_title=labels["component"],
                                                      stated_title=labels["stated"], category_title=labels["programme"])

    def _step_chart(self) -> Any:
        """The budget step as one bar of its named parts and the rest the report does not break down (a tick at the stated
        step), and below it the other amounts of the same year as bars of their own, not stacked on the step."""
        lang, labels, rows = self.language, self._labels, self.step_chart_rows
        year, stated = int(self.step["year"].iloc[0]), float(self.step["stated"].iloc[0])
        parts = rows[rows["component"] == "part"]["component_label"].tolist()
        others = [c for c in ("rest", "excess", "same_year") if c in set(rows["component"])]
        order = parts + [rows.loc[rows["component"] == c, "component_label"].iloc[0] for c in others]
        colours = [STEP_PART_COLOURS[i % len(STEP_PART_COLOURS)] for i in range(len(parts))] + [STEP_COLOURS[c] for c in others]
        tooltip = [alt.Tooltip("what:N", title=labels["programme"]), alt.Tooltip("component_label:N", title=labels["component"]),
                   alt.Tooltip("amount:Q", title=labels["amount"], format=",.3f")]
        same = rows[rows["component"] == "same_year"]
        subtitle = t("land_step_subtitle", lang, year=year, parts=self._num(float(self._step_parts), ",.1f"),
                     rest=self._num(stated - float(self._step_parts), ",.1f"), n_other=len(same), other=self._num(float(same["amount"].sum()), ",.3f"))
        return budget_charts.budget_composition_chart(
            rows, "category", "amount", "component_label", t("land_step_title", lang, year=year, stated=self._num(stated, ",.0f")),
            labels["amount"], component_order=order, component_colours=colours, tooltip=tooltip, stated="stated",
            category_order=list(dict.fromkeys(rows["category"])), subtitle=subtitle.split(" | "), component_title=labels["component"],
            stated_title=labels["stated"], category_title=labels["programme"])

    def _research_centres_chart(self) -> Any:
        """The research centres' funding rows as bars."""
        labels = self._labels
        tooltip = [alt.Tooltip("what:N", title=labels["programme"]), alt.Tooltip("amount:Q", title=labels["amount"], format=",.1f"),
                   alt.Tooltip("kind:N", title=labels["kind_budget"]), alt.Tooltip("quote:N", title=labels["quote"])]
        centres = self.research_centres_table.assign(kind=lambda d: d["kind"].map(lambda k: code_word("budget_kind_", k, self.language)))
        return bars.share_bar_chart(centres, "what", "amount", t("land_soc_title", self.language), labels["amount"],
                                    tooltip=tooltip, x_format=",.0f", width=340)

    def _cfd_chart(self) -> Any:
        """The Contracts for Difference by year, one colour per programme."""
        lang, labels, cfd = self.language, self._labels, self.cfd_table
        pilot, prog = self._cfd_checks
        tooltip = [alt.Tooltip("year:O", title=labels["year"]), alt.Tooltip("what:N", title=labels["programme"]),
                   alt.Tooltip("amount:Q", title=labels["amount"], format=",.1f")]
        subtitle = t("land_cfd_subtitle", lang, pilot=self._num(float(pilot["computed"].sum()), ",.0f"),
                     pilot_stated=self._num(float(pilot["stated"].sum()), ",.0f"), prog=self._num(float(prog["computed"].sum()), ",.0f"),
                     prog_stated=self._num(float(prog["stated"].sum()), ",.0f"))
        return budget_charts.budget_path_chart(cfd, "year", "amount", t("land_cfd_title", lang), labels["amount"], color="what",
                                               color_order=list(dict.fromkeys(cfd["what"])), tooltip=tooltip, subtitle=subtitle)

    def _totals_chart(self) -> Any:
        """Per total with parts: the sum of its parts as a share of the stated total (mismatches highlighted)."""
        lang, labels = self.language, self._labels
        with_parts = self.checks[self.checks["n_parts"] > 0].copy()
        with_parts["what"] = self._programme(with_parts["total_id"])
        with_parts["ratio"] = with_parts["computed"] / with_parts["stated"]
        with_parts["status_label"] = with_parts["status"].map(lambda s: t(f"status_{s}", lang))
        with_parts["mismatch"] = with_parts["status"] == "mismatch"
        tooltip = [alt.Tooltip("what:N", title=labels["programme"]), alt.Tooltip("stated:Q", title=labels["stated"], format=",.3f"),
                   alt.Tooltip("computed:Q", title=labels["computed"], format=",.3f"), alt.Tooltip("ratio:Q", title=t("land_ratio", lang), format=".1%"),
                   alt.Tooltip("status_label:N", title=labels["status"])] + ([alt.Tooltip("note:N", title=labels["note"])] if lang == "en" else [])
        return bars.share_bar_chart(with_parts, "what", "ratio", t("land_totals_title", lang), t("land_ratio", lang), highlight="mismatch",
                                    tooltip=tooltip, x_format=".0%", reference=1.0, width=340)

    def _rd_chart(self) -> Any:
        """GERD and BERD as % of GDP over the years, with the 3% target in the GERD panel."""
        lang, labels, rd = self.language, self._labels, self.rd
        tooltip = [alt.Tooltip("region_name:N", title=labels["region_name"]), alt.Tooltip("indicator:N", title=labels["indicator"]),
                   alt.Tooltip("year:Q", title=labels["year"], format="d"), alt.Tooltip("value:Q", title=labels["value"], format=".2f"),
                   alt.Tooltip("region:N", title=labels["region"])]
        return bars.rd_intensity_chart(rd, panels=[("GERD", t("land_rd_gerd", lang)), ("BERD", t("land_rd_berd", lang))], x="year", y="value",
                                       series="region_name", series_order=list(dict.fromkeys(rd["region_name"])), highlight="flanders",
                                       y_title=t("land_rd_axis", lang), tooltip=tooltip, reference=self.rd_target,
                                       reference_label=f"{t('land_rd_target', lang)} ({self.rd_target:g}%)", reference_panel="GERD",
                                       title=t("land_rd_title", lang, start=self.rd_window[0], end=self.rd_window[1]), panel_width=250)


def budgets_page(data_dir: str | Path, *, focus_region: str, comparison_regions: Sequence[str], rd_window: Sequence[int], language: str,
                 flanders_region: str | None = FLANDERS_NUTS, programme_path_strategy: str = "vlg_defensie_2025",
                 plan_totals: Sequence[str] = ("ai_plan_annual", "cyber_plan_annual"), budget_step: str = "budget_step_2025_total",
                 step_strategies: Sequence[str] = ("vlg_begroting_2025", "vlg_defensie_2025"), src_strategy: str = "vlg_soc",
                 src_extra: Sequence[str] = ("budget_step_2025_soc",), cfd_strategy: str = "vlg_cfd_2025") -> BudgetsPage:
    """The budgets page from the policy data (``data/policy``) and the canonical tables in ``data_dir``.

    ``programme_path_strategy``: the strategy whose yearly growth path is charted; ``plan_totals``:
    stated totals charted with their quantified lines; ``budget_step``: the budget increase whose
    allocation is charted, against every amount of its year in ``step_strategies``;
    ``src_strategy`` and ``src_extra``: the strategic research centres' funding rows and other rows
    that fund them; ``cfd_strategy``: the Contracts for Difference. R&D intensity over ``rd_window``
    for ``flanders_region`` (the NUTS region standing for Flanders; None leaves it out), the focus
    and comparison regions and the EU.
    """
    data = policy.load_policy_data()
    budgets = data.budgets
    cfd_years = budget_years(budgets)

    regions = canonical.read(data_dir, "regions")
    names = regions.set_index("region")["name"]
    shown = rd_regions(focus_region, comparison_regions, regions, flanders=flanders_region)
    rd, rd_missing = rd_intensity(canonical.read(data_dir, "region_indicators", unit="PC_GDP"), shown, rd_window)
    summary = rd_summary(rd)
    region_label = {c: policy_region_name(c, language, names) for c in shown["code"]}
    rd["region_name"] = rd["code"].map(region_label)
    rd["flanders"] = rd["role"] == "flanders"
    summary["region_name"] = summary["code"].map(region_label)
    return BudgetsPage(
        language=language, strategies=data.strategies, budgets=budgets, checks=budget_checks(budgets),
        path=programme_path(budgets, programme_path_strategy), plan_totals=list(plan_totals),
        plans=pd.concat([plan_composition(budgets, p) for p in plan_totals], ignore_index=True),
        step=year_allocations(budgets, budget_step, strategies=list(step_strategies)),
        research_centres=budget_rows(budgets, strategy_ids=[src_strategy]),
        research_centres_extra=budget_rows(budgets, budget_ids=list(src_extra)) if src_extra else budgets.iloc[0:0],
        cfd_strategy=cfd_strategy, cfd_years=cfd_years[cfd_years["strategy_id"] == cfd_strategy],
        rd_window=(int(rd_window[0]), int(rd_window[1])), rd=rd, rd_summary=summary,
        rd_missing=[region_label[c] for c in rd_missing], rd_target=rd_target(data.figures)[0],
        focus_data_code=str(rd_regions(focus_region, [], regions, flanders=None, eu=None)["region"].iloc[0]),
        focus_name=region_label.get(focus_region) or policy_region_name(focus_region, language, names),
    )
