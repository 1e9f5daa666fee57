"""What the "other countries" chapter means for Flanders: its priorities, budgets and technology profile against
the other countries and regions.

One function per page, each returning :class:`~helpers.chapters.page.Finding` sentences whose numbers
come from the page and whose wording is chosen from them: :func:`priorities_findings` (who
prioritises what), :func:`budgets_findings` (the report's budgets and the R&D intensity) and
:func:`profiles_findings` (the technology profiles on one measure).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.chapters.countries.budgets_page import BudgetsPage
from helpers.chapters.countries.priorities_page import PrioritiesPage
from helpers.chapters.countries.profiles_page import FEASIBLE_QUADRANTS, ProfilesPage
from helpers.chapters.countries.selection import FLANDERS
from helpers.chapters.overview_meaning import FLAT, Texts, comparison, name_list, number, say, stand_in
from helpers.chapters.page import Finding
from helpers.i18n import join_names, localise_number, md_text

TEXTS: Texts = {
    "flanders": {"nl": "Vlaanderen", "en": "Flanders"},
    # ---------------------------------------------------------------- priorities
    "shared_all": {"nl": "{flanders} zet in op wat de meeste landen kiezen: het noemt alle {n} items die minstens {min} van de {cols} "
                         "kolommen als prioriteit hebben.",
                   "en": "{flanders} backs what most countries choose: it names all {n} items that at least {min} of the {cols} columns "
                         "prioritise."},
    "shared_most": {"nl": "{flanders} zet grotendeels in op wat de meeste landen kiezen: van de {n} items die minstens {min} van de {cols} "
                          "kolommen als prioriteit hebben, noemt het er {k}.",
                    "en": "{flanders} largely backs what most countries choose: of the {n} items that at least {min} of the {cols} columns "
                          "prioritise, it names {k}."},
    "shared_few": {"nl": "{flanders} wijkt af van wat de meeste landen kiezen: van de {n} items die minstens {min} van de {cols} kolommen "
                         "als prioriteit hebben, noemt het er maar {k}.",
                   "en": "{flanders} departs from what most countries choose: of the {n} items that at least {min} of the {cols} columns "
                         "prioritise, it names only {k}."},
    "shared_none": {"nl": "Geen enkel item wordt door minstens {min} van de {cols} kolommen als prioriteit genoemd: de landen kiezen elk "
                          "iets anders.",
                    "en": "No item is prioritised by at least {min} of the {cols} columns: each country chooses something else."},
    "shared_everyone": {"nl": " Alle kolommen noemen {names}.", "en": " Every column names {names}."},
    "own_some": {"nl": "Eigen accenten van {flanders}, die hoogstens {max} andere {column} ook noemt: {names}.",
                 "en": "Own accents of {flanders}, which at most {max} other {column} also names: {names}."},
    "own_none": {"nl": "{flanders} heeft geen eigen accenten: elk item dat het noemt, noemen ook meer dan {max} andere {column}.",
                 "en": "{flanders} has no accents of its own: every item it names is also named by more than {max} other {column}."},
    "column_one": {"nl": "kolom", "en": "column"},
    "column_many": {"nl": "kolommen", "en": "columns"},
    "gaps_some": {"nl": "Wat {flanders} niet noemt, maar minstens {pct}% van de andere kolommen wel: {names}.",
                  "en": "What {flanders} does not name but at least {pct}% of the other columns do: {names}."},
    "gaps_none": {"nl": "Er is geen item dat minstens {pct}% van de andere kolommen noemt en {flanders} niet: {flanders} mist geen "
                        "gedeelde prioriteit.",
                  "en": "No item is named by at least {pct}% of the other columns and not by {flanders}: {flanders} misses no shared "
                        "priority."},
    "gaps_where": {"nl": " Via hun octrooidomein (een grove benadering) liggen ze voor {focus} bij {parts}.",
                   "en": " Through their patent field (a coarse proxy) they lie for {focus} among {parts}."},
    "quadrant_part": {"nl": "{quadrant} ({names})", "en": "{quadrant} ({names})"},
    "q_optimal": {"nl": "de optimale investeringen", "en": "the optimal investments"},
    "q_moonshot": {"nl": "de moonshots", "en": "the moonshots"},
    "q_low_risk": {"nl": "de incrementele kansen met laag risico", "en": "the low-risk, incremental options"},
    "q_low_priority": {"nl": "de lage prioriteiten", "en": "the low priorities"},
    "spot": {"nl": "*{item}*: {n} van de {others} andere kolommen noemen het als prioriteit; {flanders} {own}.{where}",
             "en": "*{item}*: {n} of the {others} other columns prioritise it; {flanders} {own}.{where}"},
    "spot_own_none": {"nl": "noemt het in geen enkele strategie", "en": "names it in none of its strategies"},
    "spot_own_some": {"nl": "noemt het in {k} van zijn strategieën", "en": "names it in {k} of its strategies"},
    "spot_where": {"nl": " Voor {focus} valt het (via *{field}*) bij {quadrant}.",
                   "en": " For {focus} it falls (through *{field}*) among {quadrant}."},
    # ---------------------------------------------------------------- budgets
    "rd_above": {"nl": "In {year} gaf {region} {value}% van zijn bbp uit aan O&O: boven de Europese doelstelling van {target}%{eu}.",
                 "en": "In {year} {region} spent {value}% of its GDP on R&D: above the European target of {target}%{eu}."},
    "rd_below": {"nl": "In {year} gaf {region} {value}% van zijn bbp uit aan O&O: onder de Europese doelstelling van {target}%{eu}.",
                 "en": "In {year} {region} spent {value}% of its GDP on R&D: below the European target of {target}%{eu}."},
    "rd_eu": {"nl": " en {word} het EU-gemiddelde ({value}%)", "en": " and {word} the EU average ({value}%)"},
    "above": {"nl": "boven", "en": "above"},
    "below": {"nl": "onder", "en": "below"},
    "at": {"nl": "gelijk aan", "en": "equal to"},
    "rd_up": {"nl": "Sinds {y0} steeg die O&O-intensiteit, van {a}% naar {b}% in {y1}{others}",
              "en": "Since {y0} that R&D intensity rose, from {a}% to {b}% in {y1}{others}"},
    "rd_down": {"nl": "Sinds {y0} daalde die O&O-intensiteit, van {a}% naar {b}% in {y1}{others}",
                "en": "Since {y0} that R&D intensity fell, from {a}% to {b}% in {y1}{others}"},
    "rd_flat": {"nl": "Sinds {y0} bleef die O&O-intensiteit ongeveer gelijk ({a}% toen, {b}% in {y1}){others}",
                "en": "Since {y0} that R&D intensity stayed about the same ({a}% then, {b}% in {y1}){others}"},
    "rd_others_none": {"nl": "; geen enkel vergelijkingsland haalt in het laatste jaar meer.",
                       "en": "; no comparison country reaches more in the last year."},
    "rd_others_some": {"nl": "; van de vergelijkingslanden haalt in het laatste jaar {names} meer.",
                       "en": "; of the comparison countries {names} reaches more in the last year."},
    "rd_others_many": {"nl": "; van de vergelijkingslanden halen in het laatste jaar {names} meer.",
                       "en": "; of the comparison countries {names} reach more in the last year."},
    "berd_most": {"nl": "Bedrijven dragen het grootste deel van die O&O: {share}% van de uitgaven ({berd}% van het bbp).",
                  "en": "Businesses carry most of that R&D: {share}% of the expenditure ({berd}% of GDP)."},
    "berd_less": {"nl": "Bedrijven dragen minder dan de helft van die O&O: {share}% van de uitgaven ({berd}% van het bbp).",
                  "en": "Businesses carry less than half of that R&D: {share}% of the expenditure ({berd}% of GDP)."},
    "path_up": {"nl": "{programme}: het budget groeit van {first} miljoen euro in {y0} naar {last} miljoen in {y1}, {factor} keer zoveel "
                      "({total} miljoen euro over de hele periode).",
                "en": "{programme}: the budget grows from EUR {first} million in {y0} to EUR {last} million in {y1}, {factor} times as "
                      "much (EUR {total} million over the whole period)."},
    "path_down": {"nl": "{programme}: het budget daalt van {first} miljoen euro in {y0} naar {last} miljoen in {y1} ({total} miljoen euro "
                        "over de hele periode).",
                  "en": "{programme}: the budget falls from EUR {first} million in {y0} to EUR {last} million in {y1} (EUR {total} "
                        "million over the whole period)."},
    "path_flat": {"nl": "{programme}: het budget blijft {first} miljoen euro per jaar van {y0} tot {y1} ({total} miljoen euro over de hele "
                        "periode).",
                  "en": "{programme}: the budget stays at EUR {first} million a year from {y0} to {y1} (EUR {total} million over the "
                        "whole period)."},
    "totals_all": {"nl": "Alle {n} budgettotalen in het advies zijn exact de som van de delen die het noemt.",
                   "en": "All {n} budget totals in the report are exactly the sum of the parts it names."},
    "totals_some": {"nl": "Bij {k} van de {n} budgettotalen in het advies is het totaal exact de som van de genoemde delen; bij {inc} is het "
                          "maar gedeeltelijk uitgesplitst en bij {none} noemt de bron geen delen.{mismatch}",
                    "en": "For {k} of the report's {n} budget totals the total is exactly the sum of the parts it names; for {inc} it is "
                          "only partly broken down and for {none} the source names no parts.{mismatch}"},
    "mismatch_more": {"nl": " Bij {m} tellen de delen op tot meer dan het vermelde totaal ({diff} miljoen euro verschil).",
                      "en": " For {m} the parts add up to more than the stated total (a difference of EUR {diff} million)."},
    "mismatch_less": {"nl": " Bij {m} tellen de delen op tot minder dan het vermelde totaal ({diff} miljoen euro verschil).",
                      "en": " For {m} the parts add up to less than the stated total (a difference of EUR {diff} million)."},
    "step_rest": {"nl": "Van de begrotingsopstap van {stated} miljoen euro in {year} wijst het advies {parts} miljoen toe aan benoemde "
                        "delen; de overige {rest} miljoen splitst het niet uit.",
                  "en": "Of the EUR {stated} million budget increase of {year} the report assigns EUR {parts} million to named parts; it "
                        "does not break down the remaining EUR {rest} million."},
    "step_full": {"nl": "De begrotingsopstap van {stated} miljoen euro in {year} is volledig toegewezen aan benoemde delen.",
                  "en": "The EUR {stated} million budget increase of {year} is fully assigned to named parts."},
    "step_over": {"nl": "De benoemde delen van de begrotingsopstap van {year} ({parts} miljoen euro) zijn groter dan de opstap zelf "
                        "({stated} miljoen).",
                  "en": "The named parts of the {year} budget increase (EUR {parts} million) exceed the increase itself "
                        "(EUR {stated} million)."},
    # ---------------------------------------------------------------- profiles
    "breadth": {"nl": "{focus}{stand_in} is gespecialiseerd (RCA ≥ {threshold}) in {n} van de {total} octrooidomeinen: {parts}.",
                "en": "{focus}{stand_in} is specialised (RCA ≥ {threshold}) in {n} of the {total} patent fields: {parts}."},
    "top_complex": {"nl": "Zijn sterkste specialisatie is *{field}* (RCA {rca}), een van de meer complexe domeinen (plaats {rank} van "
                          "{total} naar complexiteit).",
                    "en": "Its strongest specialisation is *{field}* (RCA {rca}), one of the more complex fields (rank {rank} of {total} "
                          "by complexity)."},
    "top_simple": {"nl": "Zijn sterkste specialisatie is *{field}* (RCA {rca}), een van de minder complexe domeinen (plaats {rank} van "
                         "{total} naar complexiteit).",
                   "en": "Its strongest specialisation is *{field}* (RCA {rca}), one of the less complex fields (rank {rank} of {total} "
                         "by complexity)."},
    "optimal_some": {"nl": "In het kwadrant optimale investeringen (verwant aan wat het al doet en complex) liggen voor {focus} {n} "
                           "domeinen ({names}): {parts}.",
                     "en": "In the optimal-investment quadrant (related to what it already does and complex) {focus} has {n} fields "
                           "({names}): {parts}."},
    "optimal_none": {"nl": "In het kwadrant optimale investeringen (verwant aan wat het al doet en complex) ligt voor {focus} geen enkel "
                           "domein; de vergeleken landen: {parts}.",
                     "en": "In the optimal-investment quadrant (related to what it already does and complex) {focus} has no field; "
                           "the countries compared: {parts}."},
    "feasible": {"nl": "Haalbaar voor {focus} (in een kwadrant met hoge verwantschapsdichtheid): {k} van de {n} technologieën die "
                       "{flanders} prioriteert ({pct}%), {parts}.",
                 "en": "Feasible for {focus} (in a quadrant of high relatedness density): {k} of the {n} technologies {flanders} "
                       "prioritises ({pct}%), {parts}."},
    "feasible_none": {"nl": "{flanders} prioriteert geen technologie die via haar octrooidomein een plaats krijgt bij {focus}.",
                      "en": "{flanders} prioritises no technology that gets a position for {focus} through its patent field."},
}


def _flanders(names: dict[str, str], language: str) -> str:
    """Flanders' name as the chapter writes its column (the chapter's own word when it has no Flemish column)."""
    return md_text(names[FLANDERS]) if FLANDERS in names else say(TEXTS, "flanders", language)


# ------------------------------------------------------------------------------------------------ priorities
def _shared(page: PrioritiesPage, flanders: str, language: str) -> Finding:
    """How many of the items most columns prioritise Flanders names too (headline), and those every column names."""
    n_cols, shared = page.by_country.shape[1], page.shared
    values = dict(flanders=flanders, min=page.min_shared, cols=n_cols, n=len(shared))
    if shared.empty:
        return Finding(say(TEXTS, "shared_none", language, **values), "context", headline=True)
    k = int(shared["columns"].map(lambda c: FLANDERS in c.split(";")).sum())
    key = "shared_all" if k == len(shared) else "shared_most" if 2 * k > len(shared) else "shared_few"
    text = say(TEXTS, key, language, k=k, **values)
    everyone = shared.loc[shared["n"] == n_cols, "taxonomy_id"].map(page.item_label).tolist()
    if everyone:
        text += say(TEXTS, "shared_everyone", language, names=name_list(everyone, language, italic=True))
    return Finding(text, "context", headline=True)


def _own(page: PrioritiesPage, flanders: str, language: str) -> Finding:
    """Flanders' own accents: items at most ``specific_max_others`` other columns name."""
    own = page.specific[page.specific["kind"] == "flanders_only"]["taxonomy_id"].map(page.item_label).tolist()
    values = dict(flanders=flanders, max=page.specific_max_others,
                  column=say(TEXTS, "column_one" if page.specific_max_others == 1 else "column_many", language))
    if not own:
        return Finding(say(TEXTS, "own_none", language, **values), "context")
    return Finding(say(TEXTS, "own_some", language, names=name_list(own, language, limit=6, italic=True), **values), "strength")


def _quadrant_parts(ids: list[str], positions: pd.DataFrame, labels: dict[str, str], language: str) -> tuple[str, set[str]]:
    """The items of ``ids`` grouped by the focus region's quadrant ("de moonshots (A en B), ..."), and the quadrants present."""
    quadrant = positions.set_index("taxonomy_id")["quadrant"]
    groups: dict[str, list[str]] = {}
    for i in ids:
        q = quadrant.get(i)
        if isinstance(q, str) and f"q_{q}" in TEXTS:
            groups.setdefault(q, []).append(labels[i])
    parts = [say(TEXTS, "quadrant_part", language, quadrant=say(TEXTS, f"q_{q}", language), names=name_list(n, language, italic=True))
             for q, n in groups.items()]
    return join_names(parts, language) if parts else "", set(groups)


def _gaps(page: PrioritiesPage, flanders: str, language: str) -> Finding:
    """What most other columns name and Flanders does not, with the focus region's quadrants of those items (headline)."""
    ids = page.specific.loc[page.specific["kind"] == "others_not_flanders", "taxonomy_id"].tolist()
    pct = number(page.gap_share * 100, ".0f", language)
    if not ids:
        return Finding(say(TEXTS, "gaps_none", language, flanders=flanders, pct=pct), "context", headline=True)
    names = name_list([page.item_label[i] for i in ids], language, limit=6, italic=True)
    text = say(TEXTS, "gaps_some", language, flanders=flanders, pct=pct, names=names)
    present: set[str] = set()
    if page.has_positions:
        parts, present = _quadrant_parts(ids, page.positions, page.item_label, language)
        if parts:
            text += say(TEXTS, "gaps_where", language, focus=md_text(page.focus_name), parts=parts)
    theme = "opportunity" if present & set(FEASIBLE_QUADRANTS) else "moonshot" if "moonshot" in present else "context"
    return Finding(text, theme, headline=True)


def _spotlight(page: PrioritiesPage, flanders: str, language: str) -> Finding | None:
    """The item the chapter looks at in detail (None when it is among Flanders' gaps, which say it already)."""
    gaps = set(page.specific.loc[page.specific["kind"] == "others_not_flanders", "taxonomy_id"])
    if page.spotlight in gaps:
        return None
    glue = page.glue()
    own = say(TEXTS, "spot_own_some", language, k=glue["cp_spot_fl_n"]) if glue["cp_spot_fl_n"] else say(TEXTS, "spot_own_none", language)
    row = page.positions.set_index("taxonomy_id").reindex([page.spotlight]).iloc[0]
    quadrant = f"q_{row['quadrant']}"
    where = (say(TEXTS, "spot_where", language, focus=md_text(page.focus_name), field=md_text(row["field_label"]), quadrant=say(TEXTS, quadrant, language))
             if page.has_positions and quadrant in TEXTS else "")
    return Finding(say(TEXTS, "spot", language, item=md_text(page.item_label[page.spotlight]), n=glue["cp_spot_n"], others=glue["cp_n_others"],
                       flanders=flanders, own=own, where=where), "moonshot" if row["quadrant"] == "moonshot" else "context")


def priorities_findings(page: PrioritiesPage, language: str) -> list[Finding]:
    """What the priorities page means for Flanders: how far it follows what most countries choose (headline), its own
    accents, what others name and it does not (headline, with the focus region's quadrants) and the spotlight item."""
    flanders = _flanders(page.column_name, language)
    found = [_shared(page, flanders, language), _own(page, flanders, language), _gaps(page, flanders, language),
             _spotlight(page, flanders, language)]
    return [f for f in found if f is not None]


# ------------------------------------------------------------------------------------------------ budgets
def million(value: float, language: str) -> str:
    """An amount in millions with at most two decimals and none that are zero (Dutch ``49,92``, ``5``).

    >>> million(5.0, "nl"), million(1234.5, "nl"), million(49.92, "en")
    ('5', '1.234,5', '49.92')
    """
    text = format(float(value), ",.2f")
    return localise_number(text.rstrip("0").rstrip(".") if "." in text else text, language)


def _rd(page: BudgetsPage, glue: dict[str, Any], language: str) -> list[Finding]:
    """The R&D intensity against the 3% target and the EU (headline), its change and the comparison countries, and the
    business share (empty when the data have no R&D intensity for the lead region)."""
    last, eu, target = glue["cb_rd_gerd_last"], glue["cb_rd_eu_last"], glue["cb_rd_target"]
    if pd.isna(last):
        return []
    flanders = (page.rd_summary["role"] == "flanders").any()  # the lead region is the Flemish Region: call it Flanders
    region = say(TEXTS, "flanders", language) if flanders else md_text(glue["cb_rd_region"])
    eu_part = (say(TEXTS, "rd_eu", language, word=say(TEXTS, "above" if last > eu else "below" if last < eu else "at", language),
                   value=number(eu, ".2f", language)) if pd.notna(eu) else "")
    found = [Finding(say(TEXTS, "rd_above" if last >= target else "rd_below", language, year=glue["cb_rd_gerd_last_year"], region=region,
                         value=number(last, ".2f", language), target=number(target, "g", language), eu=eu_part),
                     "strength" if last >= target else "context", headline=True)]
    summary = page.rd_summary
    higher = summary[(summary["role"] == "comparison") & (summary["indicator"] == "GERD") & (summary["last_value"] > last)]
    names = higher.sort_values("last_value", ascending=False)["region_name"].tolist()
    others = say(TEXTS, "rd_others_none" if not names else "rd_others_some" if len(names) == 1 else "rd_others_many", language,
                 names=name_list(names, language))
    first = glue["cb_rd_gerd_first"]
    change = last / first - 1 if first else 0.0
    key = "rd_flat" if abs(change) < FLAT else "rd_up" if change > 0 else "rd_down"
    trend = say(TEXTS, key, language, y0=glue["cb_rd_gerd_first_year"], a=number(first, ".2f", language), b=number(last, ".2f", language),
                y1=glue["cb_rd_gerd_last_year"], others=others)
    found.append(Finding(trend, "context"))
    share = glue["cb_rd_berd_share"]
    if pd.notna(share):
        found.append(Finding(say(TEXTS, "berd_most" if share > 50 else "berd_less", language, share=number(share, ".0f", language),
                                 berd=number(glue["cb_rd_berd_last"], ".2f", language)), "context"))
    return found


def _path(page: BudgetsPage, glue: dict[str, Any], language: str) -> Finding:
    """The programme's budget path from its first to its last year (headline)."""
    first, last = glue["cb_def_first"], glue["cb_def_last"]
    key = "path_up" if last > first else "path_down" if last < first else "path_flat"
    programme = md_text(str(page.path_table["programme"].iloc[0]).split(": ")[0])
    factor = glue["cb_def_factor"]
    return Finding(say(TEXTS, key, language, programme=programme, first=million(first, language), last=million(last, language),
                       y0=glue["cb_def_start"], y1=glue["cb_def_end"], factor=number(factor, ".2g" if factor < 10 else ",.0f", language),
                       total=million(glue["cb_def_total"], language)), "context", headline=True)


def _totals(page: BudgetsPage, glue: dict[str, Any], language: str) -> Finding:
    """How many of the report's budget totals add up to their parts."""
    n, k = glue["cb_n_totals"], glue["cb_n_adds_up"]
    if k == n:
        return Finding(say(TEXTS, "totals_all", language, n=n), "agreement")
    mism = page.checks[page.checks["status"] == "mismatch"]
    excess = float((mism["computed"] - mism["stated"]).sum())
    mismatch = (say(TEXTS, "mismatch_more" if excess > 0 else "mismatch_less", language, m=len(mism), diff=number(abs(excess), ",.0f", language))
                if len(mism) else "")
    return Finding(say(TEXTS, "totals_some", language, k=k, n=n, inc=glue["cb_n_incomplete"], none=glue["cb_n_no_parts"], mismatch=mismatch),
                   "agreement")


def _step(glue: dict[str, Any], language: str) -> Finding:
    """How much of the budget step the report assigns to named parts."""
    stated, parts, rest = glue["cb_step_stated"], glue["cb_step_parts"], glue["cb_step_rest"]
    key = "step_rest" if rest > 0 else "step_full" if rest == 0 else "step_over"
    return Finding(say(TEXTS, key, language, stated=number(stated, ",.0f", language), year=glue["cb_step_year"],
                       parts=number(parts, ",.1f", language), rest=number(rest, ",.1f", language)), "context")


def budgets_findings(page: BudgetsPage, language: str) -> list[Finding]:
    """What the budgets page means for Flanders: its R&D intensity against the target and the EU (headline), its change
    and the comparison countries, the business share, the programme's budget path (headline), how far the report's
    totals add up and how much of the budget step is assigned."""
    glue = page.glue()
    return [*_rd(page, glue, language), _path(page, glue, language), _totals(page, glue, language), _step(glue, language)]


# ------------------------------------------------------------------------------------------------ profiles
def _others(summary: pd.DataFrame, focus: str, column: str) -> list[tuple[str, float, str]]:
    """Each comparison country's name and value of ``column`` (name, value, value as shown)."""
    rows = summary[summary["region"] != focus]
    return [(r["region_name"], float(r[column]), str(int(r[column]))) for _, r in rows.iterrows()]


def _top_field(page: ProfilesPage, row: pd.Series, language: str) -> Finding:
    """The focus region's strongest specialisation and where it stands by complexity."""
    rank = page.field_order.index(row["top_field"]) + 1
    total = len(page.field_order)
    return Finding(say(TEXTS, "top_complex" if 2 * rank <= total else "top_simple", language, field=md_text(row["top_field"]),
                       rca=number(row["top_rca"], ".2f", language), rank=rank, total=total), "strength")


def _optimal(page: ProfilesPage, row: pd.Series, focus: str, language: str) -> Finding:
    """The focus region's fields in the optimal quadrant against the comparison countries'."""
    parts = comparison(float(row["n_optimal"]), _others(page.summary, page.focus, "n_optimal"), language)
    if not int(row["n_optimal"]):
        return Finding(say(TEXTS, "optimal_none", language, focus=focus, parts=parts), "context")
    own = page.profiles[(page.profiles["region"] == page.focus) & (page.profiles["quadrant"] == "optimal")]["field"].tolist()
    return Finding(say(TEXTS, "optimal_some", language, focus=focus, n=int(row["n_optimal"]), names=name_list(own, language, limit=4, italic=True),
                       parts=parts), "opportunity")


def _feasible(page: ProfilesPage, row: pd.Series, focus: str, language: str) -> Finding:
    """The share of Flanders' prioritised technologies in a feasible quadrant against the other countries' shares (headline)."""
    flanders = say(TEXTS, "flanders", language)
    n, k = int(row["n_prioritised"]), int(row["n_prioritised_feasible"])
    if not n:
        return Finding(say(TEXTS, "feasible_none", language, flanders=flanders, focus=focus), "context", headline=True)
    rows = page.summary[(page.summary["region"] != page.focus) & (page.summary["n_prioritised"] > 0)]
    others = [(r["region_name"], r["n_prioritised_feasible"] / r["n_prioritised"],
               number(100 * r["n_prioritised_feasible"] / r["n_prioritised"], ".0f", language) + "%") for _, r in rows.iterrows()]
    return Finding(say(TEXTS, "feasible", language, focus=focus, k=k, n=n, flanders=flanders, pct=number(100 * k / n, ".0f", language),
                       parts=comparison(k / n, others, language, counts=False)), "opportunity", headline=True)


def profiles_findings(page: ProfilesPage, language: str) -> list[Finding]:
    """What the profiles page means for Flanders: how broadly the focus region is specialised against the comparison
    countries (headline), its strongest specialisation, its fields in the optimal quadrant and how many of Flanders'
    priorities are feasible (headline)."""
    row = page.summary.set_index("region").loc[page.focus]
    name = page.region_label[page.focus]
    focus = md_text(name)
    breadth = Finding(say(TEXTS, "breadth", language, focus=focus, stand_in=stand_in(name, language), n=int(row["n_specialised"]),
                          total=int(row["n_fields"]), threshold=number(float(page.profiles["rca_threshold"].iloc[0]), "g", language),
                          parts=comparison(float(row["n_specialised"]), _others(page.summary, page.focus, "n_specialised"), language)),
                      "strength", headline=True)
    return [breadth, _top_field(page, row, language), _optimal(page, row, focus, language), _feasible(page, row, focus, language)]


__all__ = ["TEXTS", "budgets_findings", "priorities_findings", "profiles_findings"]
