"""Labels of the patents page on IPC subclasses (EPO PATSTAT), the 38 technologies from real data and
their movement over periods, and of the publications page on citation impact (SCImago), in Dutch and English.

Table headers are the ``ipc_col_<column>`` keys (:func:`helpers.i18n.column_labels` with ``"ipc"``).
"""

from __future__ import annotations

#: The 27 Scopus (ASJC) subject areas in Dutch (our translation of Elsevier's English names).
ASJC_NAMES_NL: dict[str, str] = {
    "1000": "Multidisciplinair", "1100": "Landbouw- en biologische wetenschappen", "1200": "Kunsten en geesteswetenschappen",
    "1300": "Biochemie, genetica en moleculaire biologie", "1400": "Bedrijfskunde, management en boekhouding", "1500": "Chemische technologie",
    "1600": "Scheikunde", "1700": "Informatica", "1800": "Besliskunde", "1900": "Aard- en planeetwetenschappen",
    "2000": "Economie, econometrie en financiën", "2100": "Energie", "2200": "Ingenieurswetenschappen", "2300": "Milieuwetenschappen",
    "2400": "Immunologie en microbiologie", "2500": "Materiaalkunde", "2600": "Wiskunde", "2700": "Geneeskunde", "2800": "Neurowetenschappen",
    "2900": "Verpleegkunde", "3000": "Farmacologie, toxicologie en farmaceutica", "3100": "Natuur- en sterrenkunde", "3200": "Psychologie",
    "3300": "Sociale wetenschappen", "3400": "Diergeneeskunde", "3500": "Tandheelkunde", "3600": "Gezondheidsberoepen",
}

LABELS: dict[str, dict[str, str]] = {
    # reference groups
    "ipc_group_world": {"nl": "alle landen", "en": "all countries"},
    "ipc_group_oecd": {"nl": "de OESO-landen", "en": "the OECD countries"},
    "ipc_group_eu27": {"nl": "de EU-27", "en": "the EU-27"},
    "ipc_group_list": {"nl": "een eigen lijst van landen", "en": "a list of countries"},
    "ipc_group_short_world": {"nl": "Wereld", "en": "World"},
    "ipc_group_short_oecd": {"nl": "OESO", "en": "OECD"},
    "ipc_group_short_eu27": {"nl": "EU-27", "en": "EU-27"},
    "ipc_group_short_list": {"nl": "Eigen lijst", "en": "Own list"},
    "ipc_chosen": {"nl": " (gekozen)", "en": " (chosen)"},
    # text
    "ipc_absent": {"nl": "De gegevens van deze editie bevatten geen octrooien per IPC-subklasse (EPO PATSTAT): deze pagina blijft leeg.",
                   "en": "This edition's data have no patents by IPC subclass (EPO PATSTAT): this page stays empty."},
    "ipc_intro": {
        "nl": "**{region}** telt {total} octrooiaanvragen in {start}-{end} (uitvinders in het land, fractioneel geteld), verdeeld over {n_sub} van de {n_all} IPC-subklassen. De RCA vergelijkt met {group} ({n_group} landen met octrooien). De verwantschap tussen subklassen komt uit hun samen voorkomen binnen dezelfde octrooien ({n_pairs} paren van subklassen, {cooc_start}-{cooc_end}), genormaliseerd met {relatedness} over alle {n_all} subklassen: dezelfde basis als de CEPS-studie. De complexiteit ({complexity}) komt uit de {n_space} landen van de groep met minstens {min_activity} aanvragen.",
        "en": "**{region}** has {total} patent applications in {start}-{end} (inventors in the country, fractional counts), spread over {n_sub} of the {n_all} IPC subclasses. RCA compares with {group} ({n_group} countries with patents). Relatedness between subclasses comes from their co-occurrence within the same patents ({n_pairs} pairs of subclasses, {cooc_start}-{cooc_end}), normalised by {relatedness} over all {n_all} subclasses: the same basis as the CEPS study. Complexity ({complexity}) comes from the group's {n_space} countries with at least {min_activity} applications."},
    "ipc_subclass_text": {
        "nl": "{region} is gespecialiseerd (RCA ≥ {threshold}) in {n_spec} subklassen. Van de {n_shown} subklassen met de meeste aanvragen van {region} (samen {share_shown}% van zijn octrooien) liggen er {n_optimal} in het kwadrant optimale investeringen, {n_moonshot} bij de moonshots, {n_low_risk} in laag risico en {n_low_priority} in lage prioriteit; de grootste is {top_label} ({top_share}% van de aanvragen, RCA {top_rca}).",
        "en": "{region} is specialised (RCA ≥ {threshold}) in {n_spec} subclasses. Of the {n_shown} subclasses with the most applications from {region} (together {share_shown}% of its patents), {n_optimal} sit in the optimal quadrant, {n_moonshot} among the moonshots, {n_low_risk} in low risk and {n_low_priority} in low priority; the largest is {top_label} ({top_share}% of the applications, RCA {top_rca})."},
    "ipc_38_text": {
        "nl": "**De 38 technologieën uit echte octrooigegevens.** Elke technologie telt de subklassen van haar octrooicodes in de taxonomie (codes afgekapt tot de subklasse; niets is aangepast aan de gepubliceerde cijfers). Tegenover de gepubliceerde waarden van de CEPS-studie (Vlaanderen) is de rangcorrelatie (Spearman) {rho_rca} voor de RCA ({word_rca}), {rho_density} voor de verwantschapsdichtheid ({word_density}) en {rho_complexity} voor de complexiteit ({word_complexity}); {n_same} van de {n} technologieën ({share_same}%) liggen in hetzelfde kwadrant.",
        "en": "**The 38 technologies from real patent data.** Each technology counts the subclasses of its patent codes in the taxonomy (codes truncated to the subclass; nothing is fitted to the published numbers). Against the CEPS study's published values (Flanders) the rank correlation (Spearman) is {rho_rca} for RCA ({word_rca}), {rho_density} for relatedness density ({word_density}) and {rho_complexity} for complexity ({word_complexity}); {n_same} of the {n} technologies ({share_same}%) sit in the same quadrant."},
    "ipc_38_coarse": {"nl": "Met de 35 WIPO-velden van de octrooipagina lagen er {coarse_same} van de {coarse_n} in hetzelfde kwadrant.",
                      "en": "With the 35 WIPO fields of the patents page, {coarse_same} of {coarse_n} sat in the same quadrant."},
    "ipc_complexity_doubt": {
        "nl": "**Een kanttekening bij de complexiteit.** De {method} op landen zet {lowest} het laagst van de 38 technologieën; de CEPS-studie plaatst ze op rang {ranks} van 38 (1 = het meest complex). Complexiteit uit de specialisatie van landen scheidt de ICT-economieën van de rest en valt daardoor voor elektronica laag uit: lees de verticale as van deze grafieken met voorzichtigheid (de methodenbijlage legt uit waarom).",
        "en": "**A caveat on complexity.** The {method} on countries puts {lowest} lowest of the 38 technologies; the CEPS study ranks them {ranks} of 38 (1 = most complex). Complexity from countries' specialisation separates the ICT economies from the rest and so comes out low for electronics: read the vertical axis of these charts with caution (the methods annex explains why)."},
    "ipc_complexity_agrees": {
        "nl": "De {method} op landen zet {lowest} het laagst van de 38 technologieën; ook de CEPS-studie plaatst ze laag (rang {ranks} van 38, 1 = het meest complex).",
        "en": "The {method} on countries puts {lowest} lowest of the 38 technologies; the CEPS study ranks them low too ({ranks} of 38, 1 = most complex)."},
    "ipc_codes_text": {
        "nl": "Van de {n_codes} octrooicodes van de taxonomie zijn er {n_finer} fijner dan een subklasse (de hele subklasse telt dan mee, zodat technologieën elkaar overlappen: {n_overlap} subklassen tellen bij meer dan één technologie), {n_class} grover (een klasse: al haar subklassen tellen), {n_cpc} alleen CPC (sectie Y, zonder IPC-tegenhanger) en {n_missing} niet in de gegevens (subklassen van na de IPC-versie van de gegevens). Technologieën zonder enige subklasse in de gegevens: {empty}.",
        "en": "Of the taxonomy's {n_codes} patent codes, {n_finer} are finer than a subclass (the whole subclass then counts, so technologies overlap: {n_overlap} subclasses count in more than one technology), {n_class} are coarser (a class: all its subclasses count), {n_cpc} are CPC only (section Y, without an IPC counterpart) and {n_missing} are not in the data (subclasses created after the data's IPC version). Technologies without any subclass in the data: {empty}."},
    "ipc_group_text": {
        "nl": "**De keuze van de vergelijkingsgroep doet ertoe.** In de eerste aanvragen van PATSTAT wegen de binnenlandse aanvragen van China zwaar in het wereldtotaal. Met {best} als groep is de overeenkomst met de gepubliceerde waarden het grootst ({best_same} van de {n} technologieën in hetzelfde kwadrant); met {worst} het kleinst ({worst_same}). De gekozen groep is {chosen}.",
        "en": "**The choice of the reference group matters.** In PATSTAT's first filings China's domestic applications weigh heavily in the world total. With {best} as the group the agreement with the published values is largest ({best_same} of {n} technologies in the same quadrant); with {worst} it is smallest ({worst_same}). The chosen group is {chosen}."},
    "ipc_movement_text": {
        "nl": "**Beweging over de tijd.** Tussen {before} en {now} {entered_part} en {left_part}; {n_stayed} technologieën bleven gespecialiseerd (RCA ≥ {threshold}). De pijlen tonen de weg van elke technologie in het vlak van dichtheid en complexiteit; de complexiteit is per periode gestandaardiseerd, dus een pijl toont een verschuiving in rang, geen absolute groei.",
        "en": "**Movement over time.** Between {before} and {now} {entered_part} and {left_part}; {n_stayed} technologies stayed specialised (RCA ≥ {threshold}). The arrows show each technology's path in the plane of density and complexity; complexity is standardised per period, so an arrow shows a shift in rank, not absolute growth."},
    "ipc_entered_some": {"nl": "werd {region} gespecialiseerd in {n} van de 38 technologieën ({names})",
                         "en": "{region} became specialised in {n} of the 38 technologies ({names})"},
    "ipc_entered_none": {"nl": "werd {region} in geen enkele nieuwe technologie gespecialiseerd", "en": "{region} became specialised in no new technology"},
    "ipc_left_some": {"nl": "verloor het de specialisatie in {n} ({names})", "en": "lost its specialisation in {n} ({names})"},
    "ipc_left_none": {"nl": "verloor het in geen enkele technologie de specialisatie", "en": "lost it in none"},
    "ipc_stand_in": {"nl": "De gegevens hebben geen octrooien voor {focus}; {region} staat in zijn plaats.",
                     "en": "The data have no patents for {focus}; {region} stands in."},
    "ipc_none": {"nl": "geen", "en": "none"},
    # charts
    "ipc_chart_title": {"nl": "De {n} grootste IPC-subklassen van {region}, {start}-{end}", "en": "The {n} largest IPC subclasses of {region}, {start}-{end}"},
    "ipc_chart_subtitle": {"nl": "Verwantschap uit het samen voorkomen binnen octrooien | RCA tegenover {group} | lijnen op de mediaan van alle subklassen | bleek: RCA < {threshold}",
                           "en": "Relatedness from co-occurrence within patents | RCA against {group} | lines at the median of all subclasses | faint: RCA < {threshold}"},
    "ipc_38_title": {"nl": "De 38 technologieën van het VARIO-advies uit octrooien per IPC-subklasse: {region}, {start}-{end}",
                     "en": "The VARIO report's 38 technologies from patents by IPC subclass: {region}, {start}-{end}"},
    "ipc_38_subtitle": {"nl": "Berekend door dit boek, dezelfde regel als Figuur 3 | kleur = RCA (rood < 1, grijs = 1, groen > 1); lijnen op de mediaan",
                        "en": "Computed by this book, the same rule as Figure 3 | colour = RCA (red < 1, grey = 1, green > 1); lines at the median"},
    "ipc_x_title": {"nl": "Verwantschapsdichtheid (haalbaarheid)", "en": "Relatedness density (feasibility)"},
    "ipc_y_title": {"nl": "Complexiteit (economische waarde)", "en": "Complexity (economic value)"},
    "ipc_rca_title": {"nl": "Technologische RCA", "en": "Technological RCA"},
    "ipc_path_title": {"nl": "Beweging van de 38 technologieën: {region}, {before} → {now}", "en": "Movement of the 38 technologies: {region}, {before} → {now}"},
    "ipc_path_subtitle": {"nl": "Pijl van de vorige naar de laatste periode | kleur = categorie | complexiteit per periode gestandaardiseerd",
                          "en": "Arrow from the previous to the last period | colour = category | complexity standardised per period"},
    "ipc_period": {"nl": "Periode", "en": "Period"},
    # captions
    "ipc_subclass_caption": {"nl": "De {n} grootste IPC-subklassen van {region} ({start}-{end})", "en": "The {n} largest IPC subclasses of {region} ({start}-{end})"},
    "ipc_all_caption": {"nl": "Alle {n} IPC-subklassen (uitklappen)", "en": "All {n} IPC subclasses (unfold)"},
    "ipc_comparison_caption": {"nl": "De 38 technologieën: gepubliceerde waarden van de CEPS-studie (Vlaanderen) naast de berekening uit IPC-subklassen ({region}, {start}-{end})",
                               "en": "The 38 technologies: published values of the CEPS study (Flanders) beside the computation from IPC subclasses ({region}, {start}-{end})"},
    "ipc_groups_caption": {"nl": "Overeenkomst met de gepubliceerde waarden per vergelijkingsgroep", "en": "Agreement with the published values per reference group"},
    "ipc_codes_caption": {"nl": "Octrooicodes van de taxonomie die de gegevens niet precies kunnen dragen (uitklappen)",
                          "en": "Patent codes of the taxonomy that the data cannot carry exactly (unfold)"},
    "ipc_movement_caption": {"nl": "RCA van {region} per periode en wat er veranderde", "en": "RCA of {region} per period and what changed"},
    # statuses
    "ipc_status_entered": {"nl": "nieuw gespecialiseerd", "en": "entered"},
    "ipc_status_left": {"nl": "specialisatie verloren", "en": "left"},
    "ipc_status_stayed": {"nl": "bleef gespecialiseerd", "en": "stayed"},
    "ipc_status_never": {"nl": "niet gespecialiseerd", "en": "not specialised"},
    "ipc_code_finer": {"nl": "fijner dan een subklasse: de hele subklasse telt", "en": "finer than a subclass: the whole subclass counts"},
    "ipc_code_class": {"nl": "een klasse: al haar subklassen tellen", "en": "a class: all its subclasses count"},
    "ipc_code_cpc_only": {"nl": "alleen CPC (sectie Y): niet in IPC-gegevens", "en": "CPC only (section Y): not in IPC data"},
    "ipc_code_not_in_data": {"nl": "subklasse niet in de gegevens (nieuwere IPC-versie)", "en": "subclass not in the data (newer IPC version)"},
    # the citation page (SCImago)
    "cit_absent": {"nl": "Geen citatiegegevens: {reason}", "en": "No citation data: {reason}"},
    "cit_no_data": {"nl": "de gegevens van deze editie bevatten geen SCImago-publicaties.", "en": "this edition's data have no SCImago publications."},
    "cit_no_region": {"nl": "de SCImago-gegevens hebben geen publicaties van {region}.", "en": "the SCImago data have no publications of {region}."},
    "cit_text": {
        "nl": "In {start}-{end} telt SCImago {documents} documenten van **{region}** in {n} vakgebieden. Samen worden ze {overall} keer zo vaak geciteerd als een gemiddeld document van hetzelfde vakgebied en jaar ({word}); daarmee staat {region} op plaats {rank} van de {n_regions} vergeleken landen. {region} is gespecialiseerd (RCA ≥ {threshold}) in {n_spec} vakgebieden; in {n_strong} daarvan ligt de impact ook boven het wereldgemiddelde: {strong}. De hoogste impact heeft {top} ({top_impact}).",
        "en": "In {start}-{end} SCImago counts {documents} documents from **{region}** in {n} subject areas. Together they are cited {overall} times as often as an average document of the same area and year ({word}); that puts {region} in place {rank} of the {n_regions} countries compared. {region} is specialised (RCA ≥ {threshold}) in {n_spec} areas; in {n_strong} of them the impact is above the world average too: {strong}. The highest impact is in {top} ({top_impact})."},
    "cit_weak": {"nl": "In {n} gespecialiseerde vakgebieden blijft de impact op of onder het wereldgemiddelde: {weak}.",
                 "en": "In {n} specialised areas the impact stays at or below the world average: {weak}."},
    "cit_weak_one": {"nl": "In één gespecialiseerd vakgebied blijft de impact op of onder het wereldgemiddelde: {weak}.",
                     "en": "In one specialised area the impact stays at or below the world average: {weak}."},
    "cit_above": {"nl": "boven het wereldgemiddelde", "en": "above the world average"},
    "cit_below": {"nl": "op of onder het wereldgemiddelde", "en": "at or below the world average"},
    "cit_chart_title": {"nl": "Specialisatie en citatie-impact per vakgebied: {region}, {start}-{end}",
                        "en": "Specialisation and citation impact per subject area: {region}, {start}-{end}"},
    "cit_chart_subtitle": {"nl": "SCImago (Scopus), 27 vakgebieden | bol = aantal documenten | lijnen: RCA = 1 en impact = wereldgemiddelde",
                           "en": "SCImago (Scopus), 27 subject areas | bubble = number of documents | lines: RCA = 1 and impact = world average"},
    "cit_x_title": {"nl": "Wetenschappelijke specialisatie (RCA van de documenten)", "en": "Scientific specialisation (RCA of the documents)"},
    "cit_y_title": {"nl": "Relatieve citatie-impact (wereld = 1)", "en": "Relative citation impact (world = 1)"},
    "cit_areas_caption": {"nl": "Publicaties en citaties van {region} per vakgebied ({start}-{end})", "en": "Publications and citations of {region} per subject area ({start}-{end})"},
    "cit_regions_caption": {"nl": "Citatie-impact over alle vakgebieden: het land en de vergeleken landen ({start}-{end})",
                            "en": "Citation impact over all subject areas: the country and the countries compared ({start}-{end})"},
    "ipc_col_area": {"nl": "Vakgebied", "en": "Subject area"},
    "ipc_col_asjc": {"nl": "ASJC-code", "en": "ASJC code"},
    "ipc_col_documents": {"nl": "Documenten", "en": "Documents"},
    "ipc_col_citations": {"nl": "Citaties", "en": "Citations"},
    "ipc_col_expected_citations": {"nl": "Verwachte citaties (wereldniveau)", "en": "Expected citations (world rate)"},
    "ipc_col_impact": {"nl": "Relatieve citatie-impact", "en": "Relative citation impact"},
    "ipc_col_region": {"nl": "Land", "en": "Country"},
    # table headers
    "ipc_col_code": {"nl": "Subklasse", "en": "Subclass"},
    "ipc_col_label": {"nl": "Omschrijving", "en": "Description"},
    "ipc_col_field": {"nl": "WIPO-veld", "en": "WIPO field"},
    "ipc_col_category": {"nl": "Categorie", "en": "Category"},
    "ipc_col_activity": {"nl": "Aanvragen", "en": "Applications"},
    "ipc_col_share": {"nl": "Aandeel", "en": "Share"},
    "ipc_col_rca": {"nl": "RCA", "en": "RCA"},
    "ipc_col_density": {"nl": "Verwantschapsdichtheid", "en": "Relatedness density"},
    "ipc_col_complexity": {"nl": "Complexiteit", "en": "Complexity"},
    "ipc_col_quadrant": {"nl": "Kwadrant", "en": "Quadrant"},
    "ipc_col_technologies": {"nl": "Technologieën van de taxonomie", "en": "Technologies of the taxonomy"},
    "ipc_col_group": {"nl": "Vergelijkingsgroep", "en": "Reference group"},
    "ipc_col_n_countries": {"nl": "Landen", "en": "Countries"},
    "ipc_col_rho_rca": {"nl": "Spearman RCA", "en": "Spearman RCA"},
    "ipc_col_rho_density": {"nl": "Spearman dichtheid", "en": "Spearman density"},
    "ipc_col_rho_complexity": {"nl": "Spearman complexiteit", "en": "Spearman complexity"},
    "ipc_col_n_same": {"nl": "Zelfde kwadrant", "en": "Same quadrant"},
    "ipc_col_technology": {"nl": "Technologie", "en": "Technology"},
    "ipc_col_tech_code": {"nl": "Code", "en": "Code"},
    "ipc_col_scheme": {"nl": "Schema", "en": "Scheme"},
    "ipc_col_subclasses": {"nl": "Subklassen in de gegevens", "en": "Subclasses in the data"},
    "ipc_col_status": {"nl": "Wat er gebeurt", "en": "What happens"},
    "ipc_col_change": {"nl": "Verandering", "en": "Change"},
}
