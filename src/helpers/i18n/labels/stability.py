"""Labels of the stability of the quadrant placements (issue 15), in Dutch and English.

Data only (key -> {"nl": ..., "en": ...}); :mod:`helpers.i18n` merges it with the other chapters'
tables. Column headers of the technology chapter (``tech_col_``), the IPC page (``ipc_col_``) and the
regions chapter (``reg_col_``) for the stability columns are here too.
"""

from __future__ import annotations

_COLUMNS = {
    "stability": {"nl": "stabiliteit (aandeel herberekeningen)", "en": "stability (share of runs)"},
    "stability_label": {"nl": "plaatsing", "en": "placement"},
    "density_lo": {"nl": "dichtheid P5", "en": "density P5"},
    "density_hi": {"nl": "dichtheid P95", "en": "density P95"},
    "complexity_lo": {"nl": "complexiteit P5", "en": "complexity P5"},
    "complexity_hi": {"nl": "complexiteit P95", "en": "complexity P95"},
    "density_interval": {"nl": "dichtheid P5-P95", "en": "density P5-P95"},
    "complexity_interval": {"nl": "complexiteit P5-P95", "en": "complexity P5-P95"},
}
#: the columns of the sensitivity table (the IPC page has its own)
_CHANGES = {
    "change": {"nl": "wijziging van de regel", "en": "rule change"},
    "n_changed": {"nl": "technologieën die van kwadrant wisselen", "en": "technologies that change quadrant"},
    "changed": {"nl": "welke (van → naar)", "en": "which (from → to)"},
    "changed_shown": {"nl": "welke (van → naar)", "en": "which (from → to)"},
}

LABELS: dict[str, dict[str, str]] = {
    **{f"{prefix}{key}": value for prefix in ("tech_col_", "ipc_col_", "reg_col_") for key, value in _COLUMNS.items()},
    **{f"{prefix}{key}": value for prefix in ("tech_col_", "reg_col_") for key, value in _CHANGES.items()},
    # the tables of the 38 technologies beside the published values (the IPC page, the summary's composite)
    **{f"pub_col_{key}": value for key, value in _COLUMNS.items()},
    "pub_col_chart_quadrant": {"nl": "Kwadrant in de grafiek (gepubliceerde complexiteit)", "en": "Quadrant on the chart (published complexity)"},
    # the decision framework's table of technologies (sector_col_ headers)
    "sector_col_quadrant": {"nl": "kwadrant", "en": "quadrant"},
    "sector_col_stability": _COLUMNS["stability"],
    "sector_col_stability_label": _COLUMNS["stability_label"],
    "stab_label_stable": {"nl": "stabiel", "en": "stable"},
    "stab_label_leaning": {"nl": "overwegend", "en": "leaning"},
    "stab_label_undecided": {"nl": "onbeslist", "en": "undecided"},
    "stab_quadrant_undecided": {"nl": "onbeslist ({quadrant}?)", "en": "undecided ({quadrant}?)"},
    "stab_tooltip_stability": {"nl": "stabiliteit", "en": "stability"},
    "stab_tooltip_label": {"nl": "plaatsing", "en": "placement"},
    "stab_tooltip_density": {"nl": "dichtheid P5-P95", "en": "density P5-P95"},
    "stab_tooltip_complexity": {"nl": "complexiteit P5-P95", "en": "complexity P5-P95"},
    "stab_subtitle": {"nl": "Grijze streepjes: 5-95% van {runs} herberekeningen (regio's herbemonsterd, tellingen met Poissonruis)",
                      "en": "Grey bars: 5-95% of {runs} recomputations (regions resampled, counts with Poisson noise)"},
    "stab_change_threshold": {"nl": "RCA-drempel {value}", "en": "RCA threshold {value}"},
    "stab_change_split_mean": {"nl": "splitsing op het gemiddelde", "en": "split at the mean"},
    "stab_change_split_median": {"nl": "splitsing op de mediaan", "en": "split at the median"},
    "stab_change_relatedness": {"nl": "verwantschap: {method}", "en": "relatedness: {method}"},
    "stab_change_complexity": {"nl": "complexiteit: {method}", "en": "complexity: {method}"},
    "stab_change_window": {"nl": "periode een periode vroeger ({start}-{end})", "en": "window one period earlier ({start}-{end})"},
    "stab_change_none": {"nl": "niet te berekenen", "en": "cannot be computed"},
    "stab_changed_more": {"nl": "; en nog {n} (de CSV van deze tabel noemt ze alle)", "en": "; and {n} more (this table's CSV lists them all)"},
    "stab_sensitivity_caption": {
        "nl": "Gevoeligheid voor de regels: per wijziging van één regel het aantal technologieën van {region} dat van kwadrant wisselt, en welke",
        "en": "Sensitivity to the rules: per change of one rule, the number of {region}'s technologies that change quadrant, and which"},
    # the sentence on the page; the wording is chosen from the numbers (stability_text)
    "stab_text_all": {
        "nl": "In {runs} herberekeningen, met de vergelijkingsregio's herbemonsterd en elke telling opnieuw getrokken uit een Poissonverdeling, blijven alle {n} plaatsingen in minstens {stable_pct} van de herberekeningen in hun kwadrant: ze zijn stabiel.",
        "en": "In {runs} recomputations, with the comparison regions resampled and every count redrawn from a Poisson distribution, all {n} placements stay in their quadrant in at least {stable_pct} of the runs: they are stable."},
    "stab_text_most": {
        "nl": "In {runs} herberekeningen, met de vergelijkingsregio's herbemonsterd en elke telling opnieuw getrokken uit een Poissonverdeling, zijn {n_stable} van de {n} plaatsingen stabiel (minstens {stable_pct} van de herberekeningen in hetzelfde kwadrant), {n_leaning} overwegend en {n_undecided} onbeslist{undecided_list}.",
        "en": "In {runs} recomputations, with the comparison regions resampled and every count redrawn from a Poisson distribution, {n_stable} of the {n} placements are stable (at least {stable_pct} of the runs in the same quadrant), {n_leaning} leaning and {n_undecided} undecided{undecided_list}."},
    "stab_text_few": {
        "nl": "In {runs} herberekeningen, met de vergelijkingsregio's herbemonsterd en elke telling opnieuw getrokken uit een Poissonverdeling, zijn maar {n_stable} van de {n} plaatsingen stabiel (minstens {stable_pct} van de herberekeningen in hetzelfde kwadrant); {n_leaning} zijn overwegend en {n_undecided} onbeslist{undecided_list}. Lees de kwadranten van deze bron dus als een richting, niet als een oordeel.",
        "en": "In {runs} recomputations, with the comparison regions resampled and every count redrawn from a Poisson distribution, only {n_stable} of the {n} placements are stable (at least {stable_pct} of the runs in the same quadrant); {n_leaning} are leaning and {n_undecided} undecided{undecided_list}. Read this source's quadrants as a direction, not a verdict."},
    "stab_text_undecided_list": {"nl": ", onder meer {names}", "en": ", among them {names}"},
    "stab_text_rules": {
        "nl": "De tabel met de gevoeligheid voor de regels toont wat één andere keuze verandert; de meeste verschuivingen geeft {change} ({n_changed} technologieën).",
        "en": "The table of the sensitivity to the rules shows what one other choice changes; {change} moves the most ({n_changed} technologies)."},
    # the regions chapter: the count over every region of the panels
    "reg_stab_panels": {
        "nl": "Over de {n_regions} getoonde regio's samen zijn {n_stable} van de {n} plaatsingen stabiel en {n_undecided} onbeslist.",
        "en": "Over the {n_regions} regions shown together, {n_stable} of the {n} placements are stable and {n_undecided} undecided."},
    # the decision framework: the quadrant of a technology by the stability of its placement
    "ft_stab_text": {
        "nl": "De kwadranten in de tabel zijn die van het hoofdstuk over strategische technologieën, met hoe zeker ze zijn: in {runs} herberekeningen per bron zijn {n_stable} van de {n} plaatsingen stabiel, {n_leaning} overwegend en {n_undecided} onbeslist. Een onbesliste plaatsing staat als *onbeslist* in de tabel, met het kwadrant van deze berekening als vraag, en niet in een kwadrant.",
        "en": "The quadrants in the table are those of the chapter on strategic technologies, with how sure they are: in {runs} recomputations per source, {n_stable} of the {n} placements are stable, {n_leaning} leaning and {n_undecided} undecided. An undecided placement is listed as *undecided* in the table, with this computation's quadrant as a question, not in a quadrant."},
    # the summary's composite: its placements from the runs of every source
    "stab_text_composite_all": {
        "nl": "In {runs} herberekeningen van elke bron, dezelfde als op de pagina's van de bronnen, blijven alle {n} plaatsingen van deze samenvatting in minstens {stable_pct} van de herberekeningen in hun kwadrant: ze zijn stabiel.",
        "en": "In {runs} recomputations of every source, the same as on the sources' pages, all {n} placements of this summary stay in their quadrant in at least {stable_pct} of the runs: they are stable."},
    "stab_text_composite_most": {
        "nl": "In {runs} herberekeningen van elke bron, dezelfde als op de pagina's van de bronnen, zijn {n_stable} van de {n} plaatsingen van deze samenvatting stabiel (minstens {stable_pct} van de herberekeningen in hetzelfde kwadrant), {n_leaning} overwegend en {n_undecided} onbeslist{undecided_list}.",
        "en": "In {runs} recomputations of every source, the same as on the sources' pages, {n_stable} of the {n} placements of this summary are stable (at least {stable_pct} of the runs in the same quadrant), {n_leaning} leaning and {n_undecided} undecided{undecided_list}."},
    "stab_text_composite_few": {
        "nl": "In {runs} herberekeningen van elke bron, dezelfde als op de pagina's van de bronnen, zijn maar {n_stable} van de {n} plaatsingen van deze samenvatting stabiel (minstens {stable_pct} van de herberekeningen in hetzelfde kwadrant); {n_leaning} zijn overwegend en {n_undecided} onbeslist{undecided_list}. Lees de kwadranten van de samenvatting dus als een richting, niet als een oordeel.",
        "en": "In {runs} recomputations of every source, the same as on the sources' pages, only {n_stable} of the {n} placements of this summary are stable (at least {stable_pct} of the runs in the same quadrant); {n_leaning} are leaning and {n_undecided} undecided{undecided_list}. Read the summary's quadrants as a direction, not a verdict."},
    "stab_text_rules_none": {
        "nl": "Geen enkele andere keuze van de regels verandert een kwadrant.",
        "en": "No other choice of the rules changes a quadrant."},
}
