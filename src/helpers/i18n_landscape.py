"""Labels of the "other countries and the policy landscape" chapter, in Dutch and English.

Same structure as :data:`helpers.i18n.LABELS` (key -> {"nl": ..., "en": ...}), kept apart so that
it can be merged into ``helpers.i18n`` later. :func:`t` looks here first and then in
``helpers.i18n.LABELS``; a missing key or language raises ``KeyError``. Also: reader names of the
policy codes of ``strategies.csv`` (:func:`policy_region_name`), short strategy names for axis
labels (:func:`strategy_short_name`) and reader labels for the taxonomy items
(:func:`taxonomy_label`).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from helpers import i18n

LABELS: dict[str, dict[str, str]] = {
    # chart and table titles
    "land_heatmap_title": {"nl": "Wie zet in op wat? Beleidsprioriteiten per technologie en sector",
                           "en": "Who prioritises what? Policy priorities by technology and sector"},
    "land_heatmap_subtitle": {"nl": "Cijfer = aantal strategieën van het land dat het item noemt. | Beweeg over een cel voor de oorspronkelijke prioriteiten en hun bron.",
                              "en": "Number = strategies of the country that name the item. | Hover a cell for the original priorities and their source."},
    "land_strategy_heatmap_title": {"nl": "Prioriteiten per strategie", "en": "Priorities by strategy"},
    "land_strategy_heatmap_subtitle": {"nl": "Cijfer = aantal prioriteiten van de strategie die op het item afgebeeld zijn. | Per rij alleen de items die de strategieën van die rij noemen.",
                                       "en": "Number = priorities of the strategy mapped onto the item. | Each row shows only the items its strategies name."},
    "land_strategies_caption": {"nl": "Geselecteerde strategieën en hun bron", "en": "Selected strategies and their source"},
    "land_matrix_caption": {"nl": "Prioriteiten per technologie/sector en land (aantal strategieën), met de oorspronkelijke prioriteiten en bronnen",
                            "en": "Priorities by technology/sector and country (number of strategies), with the original priorities and sources"},
    "land_strategy_matrix_caption": {"nl": "Prioriteiten per technologie/sector en strategie", "en": "Priorities by technology/sector and strategy"},
    "land_shared_caption": {"nl": "Convergentie: items die minstens {n} van de {total} kolommen prioriteren",
                            "en": "Convergence: items that at least {n} of the {total} columns prioritise"},
    "land_specific_caption": {"nl": "Vlaamse specificiteiten en wat anderen wel en Vlaanderen niet prioriteren",
                              "en": "Flemish specificities, and what others prioritise and Flanders does not"},
    "land_unmapped_caption": {"nl": "Prioriteiten buiten de gemeenschappelijke taxonomie (geen technologie of sector)",
                              "en": "Priorities outside the common taxonomy (no technology or sector)"},
    "land_quantum_caption": {"nl": "Detail: {item}", "en": "Detail: {item}"},
    "land_budget_checks_caption": {"nl": "Vermelde totalen, herberekend uit de rijen", "en": "Stated totals, recomputed from the rows"},
    "land_budget_rows_caption": {"nl": "Alle budgetcijfers uit de bron (miljoen euro), met citaat", "en": "All budget figures of the source (EUR million), with quote"},
    "land_defence_title": {"nl": "Impulsprogramma Veiligheid en Defensie: budgettair groeipad", "en": "Security and Defence impulse programme: budget growth path"},
    "land_defence_subtitle": {"nl": "Som van de jaren {start}-{end}: {total:,.2f} miljoen euro (de bron vermeldt geen totaal)",
                              "en": "Sum of the years {start}-{end}: EUR {total:,.2f} million (the source states no total)"},
    "land_plans_title": {"nl": "Beleidsplannen AI en cybersecurity: jaarbudget en luiken",
                         "en": "AI and cybersecurity plans: annual budget and lines"},
    "land_plans_subtitle": {"nl": "Zwart streepje = vermeld jaarbudget; grijs = deel dat de bron niet kwantificeert",
                            "en": "Black tick = stated annual budget; grey = part the source does not quantify"},
    "land_step_title": {"nl": "Begrotingsopstap {year}: {stated:,.0f} miljoen euro en wat de bron eraan toewijst",
                        "en": "{year} budget increase: EUR {stated:,.0f} million and what the source allocates"},
    "land_step_subtitle": {"nl": "Expliciet 'daarvan': {parts:,.1f}; alle bedragen van {year} samen: {allocated:,.3f}; niet toegewezen: {gap:,.3f}",
                           "en": "Explicitly 'of which': {parts:,.1f}; all {year} amounts together: {allocated:,.3f}; unallocated: {gap:,.3f}"},
    "land_soc_title": {"nl": "Strategische onderzoekscentra (SOC's): financiering", "en": "Strategic research centres (SOCs): funding"},
    "land_cfd_title": {"nl": "Contracts for Difference: jaarbedragen uit de bron", "en": "Contracts for Difference: annual amounts in the source"},
    "land_cfd_subtitle": {"nl": "Som van de rijen: pilootproject {pilot:,.0f} (vermeld: {pilot_stated:,.0f}); programma {prog:,.0f} (vermeld: {prog_stated:,.0f})",
                          "en": "Sum of the rows: pilot {pilot:,.0f} (stated: {pilot_stated:,.0f}); programme {prog:,.0f} (stated: {prog_stated:,.0f})"},
    "land_totals_title": {"nl": "Som van de delen als % van het vermelde totaal (blauw: klopt niet)", "en": "Sum of the parts as % of the stated total (blue: does not add up)"},
    "land_ratio": {"nl": "som van de delen / vermeld totaal", "en": "sum of the parts / stated total"},
    "land_rd_title": {"nl": "O&O-intensiteit: uitgaven in % van het bbp, {start}-{end}", "en": "R&D intensity: expenditure as % of GDP, {start}-{end}"},
    "land_rd_gerd": {"nl": "Totale O&O-uitgaven (GERD)", "en": "Total R&D expenditure (GERD)"},
    "land_rd_berd": {"nl": "O&O-uitgaven van bedrijven (BERD)", "en": "Business R&D expenditure (BERD)"},
    "land_rd_axis": {"nl": "% van het bbp", "en": "% of GDP"},
    "land_rd_target": {"nl": "Europese 3%-doelstelling", "en": "European 3% target"},
    "land_rd_caption": {"nl": "O&O-intensiteit per regio en jaar (Eurostat, % van het bbp)", "en": "R&D intensity by region and year (Eurostat, % of GDP)"},
    "land_rd_summary_caption": {"nl": "O&O-intensiteit: eerste en laatste jaar, verandering en gemiddelde",
                                "en": "R&D intensity: first and last year, change and mean"},
    "land_profile_title": {"nl": "Technologieprofiel per land en WIPO-domein, octrooien {start}-{end}",
                           "en": "Technology profile by country and WIPO field, patents {start}-{end}"},
    "land_profile_caption": {"nl": "RCA, verwantschapsdichtheid, complexiteit en kwadrant per land en WIPO-domein",
                             "en": "RCA, relatedness density, complexity and quadrant by country and WIPO field"},
    "land_profile_items_caption": {"nl": "De 38 technologieën via hun primaire WIPO-domein (proxy), per land",
                                   "en": "The 38 technologies through their primary WIPO field (proxy), by country"},
    # sentences of the narrative
    "land_no_position": {"nl": "Voor {region} is er geen technologiepositie: {reason}.", "en": "There is no technology position for {region}: {reason}."},
    "land_missing": {"nl": "Voor {codes} bevat data/policy/strategies.csv geen strategieën: die landen hebben geen kolom.",
                     "en": "For {codes} data/policy/strategies.csv holds no strategies: those countries have no column."},
    "land_step_bar": {"nl": "Opstap {year}", "en": "{year} increase"},
    "land_rd_missing": {"nl": "Geen O&O-intensiteit in de data voor {codes}.", "en": "No R&D intensity in the data for {codes}."},
    "land_profile_summary_caption": {"nl": "Per land: specialisaties, sterkste domein, optimale domeinen en geprioriteerde technologieën in een haalbaar kwadrant",
                                     "en": "By country: specialisations, strongest field, optimal fields and prioritised technologies in a feasible quadrant"},
    "land_profile_absent": {"nl": "Geen octrooidata op landniveau voor {codes}: die staan niet in de vergelijking.",
                            "en": "No country-level patent data for {codes}: they are not in the comparison."},
    "land_profile_rca": {"nl": "Specialisatie (RCA, log-schaal)", "en": "Specialisation (RCA, log scale)"},
    "land_profile_rca_axis": {"nl": "RCA (1 = zoals de wereld)", "en": "RCA (1 = as the world)"},
    "land_profile_density": {"nl": "Dichtheid (haalbaarheid)", "en": "Density (feasibility)"},
    "land_profile_subtitle": {"nl": "Domeinen van meest naar minst complex; groot omrand punt = focusregio",
                              "en": "Fields from most to least complex; large outlined dot = focus region"},
    "land_profile_quadrants_title": {"nl": "Kwadranten per land, octrooien {start}-{end}", "en": "Quadrants by country, patents {start}-{end}"},
    "land_profile_counts_caption": {"nl": "Aantal WIPO-domeinen per kwadrant, en hoeveel geprioriteerde technologieën er (via hun domein) in vallen",
                                    "en": "Number of WIPO fields per quadrant, and how many prioritised technologies fall in each (through their field)"},
    "land_prioritised": {"nl": "geprioriteerd", "en": "prioritised"},
    # words
    "billion_eur": {"nl": "miljard euro", "en": "EUR billion"},
    "budget_kind_total": {"nl": "voorzien totaal", "en": "planned total"},
    "budget_kind_potential": {"nl": "investeringspotentieel, geen budget", "en": "investment potential, not a budget"},
    "budget_kind_annual": {"nl": "per jaar", "en": "per year"},
    "budget_kind_increase": {"nl": "opstap", "en": "increase"},
    "budget_kind_decrease": {"nl": "besparing", "en": "saving"},
    "budget_kind_cap_per_cluster_per_year": {"nl": "maximum per cluster per jaar", "en": "cap per cluster per year"},
    "n_strategies": {"nl": "aantal strategieën", "en": "number of strategies"},
    "n_items": {"nl": "aantal prioriteiten", "en": "number of priorities"},
    "sector_suffix": {"nl": "{label} (sector)", "en": "{label} (sector)"},
    "measure_quadrant": {"nl": "kwadrant", "en": "quadrant"},
    "measure_density": {"nl": "dichtheid", "en": "density"},
    "quadrant_optimal": {"nl": "optimaal / slimme investering", "en": "optimal / smart investment"},
    "quadrant_moonshot": {"nl": "moonshot", "en": "moonshot"},
    "quadrant_low_risk": {"nl": "laag risico, incrementeel", "en": "low risk, incremental"},
    "quadrant_low_priority": {"nl": "lage prioriteit", "en": "low priority"},
    "quadrant_none": {"nl": "geen technologiemaat (sector)", "en": "no technology measure (sector)"},
    "quadrant_legend_optimal": {"nl": "optimaal", "en": "optimal"},
    "quadrant_legend_moonshot": {"nl": "moonshot", "en": "moonshot"},
    "quadrant_legend_low_risk": {"nl": "laag risico", "en": "low risk"},
    "quadrant_legend_low_priority": {"nl": "lage prioriteit", "en": "low priority"},
    "quadrant_legend_none": {"nl": "sector (geen maat)", "en": "sector (no measure)"},
    "land_position_legend": {"nl": "kwadrant {region}", "en": "quadrant {region}"},
    "quadrant_short_optimal": {"nl": "opt.", "en": "opt."},
    "quadrant_short_moonshot": {"nl": "moon", "en": "moon"},
    "quadrant_short_low_risk": {"nl": "incr.", "en": "incr."},
    "quadrant_short_low_priority": {"nl": "laag", "en": "low"},
    "component_part": {"nl": "luik vermeld in de bron", "en": "line stated in the source"},
    "component_unquantified": {"nl": "niet gekwantificeerd in de bron", "en": "not quantified in the source"},
    "component_excess": {"nl": "delen boven het vermelde totaal", "en": "parts above the stated total"},
    "component_step_part": {"nl": "expliciet deel van de opstap ('daarvan')", "en": "explicit part of the increase ('of which')"},
    "component_same_year": {"nl": "ander bedrag van hetzelfde jaar (§4.6.1)", "en": "other amount of the same year (§4.6.1)"},
    "component_unallocated": {"nl": "niet toegewezen in de bron", "en": "not allocated in the source"},
    "status_adds_up": {"nl": "klopt", "en": "adds up"},
    "status_parts_below_total": {"nl": "delen onvolledig (bron kwantificeert niet alles)", "en": "parts incomplete (the source does not quantify everything)"},
    "status_no_parts": {"nl": "geen delen in de bron", "en": "no parts in the source"},
    "status_mismatch": {"nl": "klopt niet (fout in de bron)", "en": "does not add up (the source's own numbers)"},
    "role_flanders": {"nl": "Vlaams Gewest", "en": "Flemish Region"},
    "role_focus": {"nl": "focusland", "en": "focus country"},
    "role_comparison": {"nl": "vergelijkingsland", "en": "comparison country"},
    "role_eu": {"nl": "EU", "en": "EU"},
    "kind_flanders_only": {"nl": "Vlaanderen wel, (bijna) niemand anders", "en": "Flanders, (almost) nobody else"},
    "kind_others_not_flanders": {"nl": "anderen wel, Vlaanderen niet", "en": "others, not Flanders"},
    # column headers (col_<machine name>)
    "col_taxonomy_id": {"nl": "id", "en": "id"},
    "col_item": {"nl": "technologie of sector", "en": "technology or sector"},
    "col_kind": {"nl": "soort", "en": "kind"},
    "col_column": {"nl": "kolom", "en": "column"},
    "col_country": {"nl": "land", "en": "country"},
    "col_country_name": {"nl": "land / regio", "en": "country / region"},
    "col_n_strategies": {"nl": "aantal strategieën", "en": "number of strategies"},
    "col_n_items": {"nl": "aantal prioriteiten", "en": "number of priorities"},
    "col_strategies": {"nl": "strategieën", "en": "strategies"},
    "col_priorities": {"nl": "oorspronkelijke prioriteiten", "en": "original priorities"},
    "col_priorities_en": {"nl": "prioriteiten (Engels)", "en": "priorities (English)"},
    "col_citations": {"nl": "bronnen", "en": "sources"},
    "col_bases": {"nl": "koppeling", "en": "mapping"},
    "col_n": {"nl": "kolommen", "en": "columns"},
    "col_share": {"nl": "aandeel kolommen", "en": "share of columns"},
    "col_total": {"nl": "som", "en": "sum"},
    "col_columns": {"nl": "wie", "en": "who"},
    "col_flanders": {"nl": "Vlaanderen", "en": "Flanders"},
    "col_n_others": {"nl": "andere kolommen", "en": "other columns"},
    "col_others_share": {"nl": "aandeel andere", "en": "share of others"},
    "col_others": {"nl": "welke andere", "en": "which others"},
    "col_strategy_id": {"nl": "strategie-id", "en": "strategy id"},
    "col_name": {"nl": "naam", "en": "name"},
    "col_name_en": {"nl": "naam (Engels)", "en": "name (English)"},
    "col_year": {"nl": "jaar", "en": "year"},
    "col_citation": {"nl": "bron", "en": "source"},
    "col_item_id": {"nl": "item-id", "en": "item id"},
    "col_item_group": {"nl": "lijst", "en": "list"},
    "col_item_label": {"nl": "prioriteit", "en": "priority"},
    "col_item_label_en": {"nl": "prioriteit (Engels)", "en": "priority (English)"},
    "col_total_id": {"nl": "totaal", "en": "total"},
    "col_programme": {"nl": "programma", "en": "programme"},
    "col_programme_en": {"nl": "programma (Engels)", "en": "programme (English)"},
    "col_unit": {"nl": "eenheid", "en": "unit"},
    "col_stated": {"nl": "vermeld", "en": "stated"},
    "col_computed": {"nl": "som van de delen", "en": "sum of the parts"},
    "col_n_parts": {"nl": "delen", "en": "parts"},
    "col_difference": {"nl": "verschil", "en": "difference"},
    "col_total_check": {"nl": "controle", "en": "check"},
    "col_matches": {"nl": "zoals verwacht", "en": "as expected"},
    "col_status": {"nl": "uitkomst", "en": "outcome"},
    "col_note": {"nl": "opmerking", "en": "note"},
    "col_budget_id": {"nl": "budget-id", "en": "budget id"},
    "col_amount": {"nl": "bedrag (mln euro)", "en": "amount (EUR m)"},
    "col_cumulative": {"nl": "cumulatief", "en": "cumulative"},
    "col_component": {"nl": "onderdeel", "en": "component"},
    "col_allocated": {"nl": "toegewezen", "en": "allocated"},
    "col_kind_budget": {"nl": "soort", "en": "kind"},
    "col_n_years": {"nl": "jaren", "en": "years"},
    "col_quote": {"nl": "citaat", "en": "quote"},
    "col_period_start": {"nl": "van", "en": "from"},
    "col_period_end": {"nl": "tot", "en": "to"},
    "col_is_total": {"nl": "totaal?", "en": "total?"},
    "col_code": {"nl": "code", "en": "code"},
    "col_region": {"nl": "regio (data)", "en": "region (data)"},
    "col_region_name": {"nl": "regio", "en": "region"},
    "col_role": {"nl": "rol", "en": "role"},
    "col_indicator": {"nl": "indicator", "en": "indicator"},
    "col_value": {"nl": "% bbp", "en": "% of GDP"},
    "col_first_year": {"nl": "eerste jaar", "en": "first year"},
    "col_first_value": {"nl": "eerste waarde", "en": "first value"},
    "col_last_year": {"nl": "laatste jaar", "en": "last year"},
    "col_last_value": {"nl": "laatste waarde", "en": "last value"},
    "col_change": {"nl": "verandering (pp)", "en": "change (pp)"},
    "col_mean": {"nl": "gemiddelde", "en": "mean"},
    "col_n_years_rd": {"nl": "jaren", "en": "years"},
    "col_proxy_field": {"nl": "WIPO-domein (proxy)", "en": "WIPO field (proxy)"},
    "col_field_label": {"nl": "WIPO-domein (proxy, vertaald)", "en": "WIPO field (proxy, label)"},
    "col_rca": {"nl": "RCA", "en": "RCA"},
    "col_density": {"nl": "verwantschapsdichtheid", "en": "relatedness density"},
    "col_complexity": {"nl": "complexiteit", "en": "complexity"},
    "col_quadrant": {"nl": "kwadrant", "en": "quadrant"},
    "col_technology": {"nl": "WIPO-domein", "en": "WIPO field"},
    "col_tech_label": {"nl": "technologie", "en": "technology"},
    "col_n_fields": {"nl": "domeinen", "en": "fields"},
    "col_n_specialised": {"nl": "gespecialiseerd (RCA ≥ 1)", "en": "specialised (RCA ≥ 1)"},
    "col_top_field": {"nl": "sterkste domein", "en": "strongest field"},
    "col_top_rca": {"nl": "RCA sterkste domein", "en": "RCA of the strongest field"},
    "col_n_optimal": {"nl": "domeinen optimaal", "en": "optimal fields"},
    "col_n_prioritised": {"nl": "geprioriteerde technologieën", "en": "prioritised technologies"},
    "col_n_prioritised_feasible": {"nl": "waarvan haalbaar", "en": "of which feasible"},
}

#: Reader names of the ``country`` codes of ``strategies.csv`` that are not ISO 3166 countries.
POLICY_REGIONS: dict[str, dict[str, str]] = {
    "BE-VLG": {"nl": "Vlaanderen", "en": "Flanders"},
    "DE-BY": {"nl": "Beieren", "en": "Bavaria"},
    "EU": {"nl": "EU", "en": "EU"},
}

#: Short strategy names for axis labels (the full names stay in tooltips and tables); a strategy
#: missing here falls back to its name from strategies.csv, shortened.
STRATEGY_SHORT: dict[str, dict[str, str]] = {
    "deu_hts_2006": {"nl": "HTS 2006", "en": "HTS 2006"},
    "deu_hts_2010": {"nl": "HTS 2020 (2010)", "en": "HTS 2020 (2010)"},
    "deu_hts_2014": {"nl": "Neue HTS (2014)", "en": "New HTS (2014)"},
    "deu_hts_2018": {"nl": "HTS 2025 (2018)", "en": "HTS 2025 (2018)"},
    "deu_zukunftsstrategie_2023": {"nl": "Zukunftsstrategie (2023)", "en": "Future Strategy (2023)"},
    "deu_hightech_agenda_2025": {"nl": "Hightech Agenda (2025)", "en": "High-Tech Agenda (2025)"},
    "by_hta_2019": {"nl": "HTA Bayern (2019)", "en": "HTA Bavaria (2019)"},
    "by_hta_plus_2020": {"nl": "HTA Plus (2020)", "en": "HTA Plus (2020)"},
    "by_hta_transfer_2023": {"nl": "HTA Transfer (2023)", "en": "HTA Transfer (2023)"},
    "nld_topsectoren_2011": {"nl": "Topsectoren (2011)", "en": "Top sectors (2011)"},
    "nld_mtib_2019": {"nl": "Missies (2019)", "en": "Missions (2019)"},
    "nld_kia_2024": {"nl": "KIA's (2024)", "en": "KIAs (2024)"},
    "nld_nts_2024": {"nl": "NTS (2024)", "en": "NTS (2024)"},
    "nld_groeimarkten_2023": {"nl": "Groeimarkten (2023)", "en": "Growth markets (2023)"},
    "nld_wennink_2025": {"nl": "Wennink (2025)", "en": "Wennink (2025)"},
    "nld_tno_megaclusters_2025": {"nl": "TNO megaclusters (2025)", "en": "TNO megaclusters (2025)"},
    "gbr_industrial_strategy_2025": {"nl": "Industrial Strategy (2025)", "en": "Industrial Strategy (2025)"},
    "swe_iva_ceps_2025": {"nl": "IVA/CEPS (2025)", "en": "IVA/CEPS (2025)"},
    "eu_competitiveness_compass_2025": {"nl": "Competitiveness Compass (2025)", "en": "Competitiveness Compass (2025)"},
    "vlg_regeerakkoord_2024": {"nl": "Regeerakkoord (2024)", "en": "Coalition agreement (2024)"},
    "vlg_beleidsnota_ewi_2024": {"nl": "Beleidsnota EWI (2024)", "en": "Policy note EWI (2024)"},
    "vlg_vpca_2025": {"nl": "Vlaamse Versnelling (2025)", "en": "Productivity agenda (2025)"},
    "vlg_soc": {"nl": "SOC's", "en": "Research centres (SOCs)"},
    "vlg_speerpuntclusters": {"nl": "Speerpuntclusters", "en": "Spearhead clusters"},
    "vlg_moonshot_2019": {"nl": "Moonshot (2019)", "en": "Moonshot (2019)"},
    "vlg_ai_plan_2019": {"nl": "Beleidsplan AI (2019)", "en": "AI plan (2019)"},
    "vlg_cyber_plan_2019": {"nl": "Beleidsplan cyber (2019)", "en": "Cyber plan (2019)"},
    "vlg_carbon_leakage": {"nl": "Carbon leakage", "en": "Carbon leakage"},
    "vlg_cfd_2025": {"nl": "Contracts for Difference", "en": "Contracts for Difference"},
    "vlg_begroting_2025": {"nl": "Begrotingsopstap 2025", "en": "2025 budget increase"},
    "vlg_defensie_2025": {"nl": "Defensie (2025)", "en": "Defence (2025)"},
    "vlg_economic_support_2025": {"nl": "Economische steun 2025", "en": "Economic support 2025"},
    "vlg_ceps_2026": {"nl": "CEPS-studie (2026)", "en": "CEPS study (2026)"},
}


def t(key: str, language: str, **values: object) -> str:
    """Label ``key`` in ``language`` from this module, else from :data:`helpers.i18n.LABELS`."""
    table = LABELS if key in LABELS else i18n.LABELS
    return table[key][language].format(**values)


def column_labels(language: str) -> dict[str, str]:
    """Column headers for the published tables: machine name -> reader's label (``col_<name>`` keys)."""
    return {key[4:]: value[language] for key, value in LABELS.items() if key.startswith("col_")}


def policy_region_name(code: str, language: str, names: Mapping[str, str] | None = None) -> str:
    """Name of a ``strategies.csv`` country code (``BE-VLG`` -> Vlaanderen/Flanders, ``DEU`` -> Duitsland/Germany)."""
    if code in POLICY_REGIONS:
        return POLICY_REGIONS[code][language]
    return i18n.region_name(code, language, names)


def strategy_short_name(strategy_id: str, language: str, strategies: pd.DataFrame | None = None, limit: int = 32) -> str:
    """Short axis label of a strategy; falls back to its (shortened) name in ``strategies``."""
    if strategy_id in STRATEGY_SHORT:
        return STRATEGY_SHORT[strategy_id][language]
    if strategies is not None:
        row = strategies[strategies["strategy_id"] == strategy_id]
        if len(row):
            name = str(row.iloc[0]["name_en" if language == "en" and "name_en" in row.columns else "name"])
            return name if len(name) <= limit else name[: limit - 1] + "…"
    return strategy_id


def taxonomy_label(taxonomy_id: str, language: str, technologies: pd.DataFrame, domains: Mapping[str, tuple[str, str]]) -> str:
    """Reader label of a taxonomy item: the technology's label, or the sector domain's with '(sector)'."""
    tech = technologies[technologies["tech_id"] == taxonomy_id]
    if len(tech):
        return str(tech.iloc[0][f"label_{language}"])
    if taxonomy_id in domains:
        nl, en = domains[taxonomy_id]
        return t("sector_suffix", language, label=en if language == "en" else nl)
    return taxonomy_id


def join_names(names: list[str], language: str) -> str:
    """``["a", "b", "c"]`` -> ``"a, b en c"`` (nl) / ``"a, b and c"`` (en); ``"—"`` when empty."""
    names = [str(n) for n in names]
    if not names:
        return "—"
    if len(names) == 1:
        return names[0]
    word = " en " if language == "nl" else " and "
    return ", ".join(names[:-1]) + word + names[-1]
