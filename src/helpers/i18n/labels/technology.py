"""Labels of the strategic-technologies chapter, in Dutch and English.

Data only (key -> {"nl": ..., "en": ...}); :mod:`helpers.i18n` merges it with the other chapters'
tables and holds :func:`helpers.i18n.t`. Table headers and tooltip titles are the
``tech_col_<column>`` keys (:func:`helpers.i18n.column_labels` with ``"technology"``).
:data:`FIELD_NAMES_NL` translates the WIPO technology fields and the NCSES fields of science (the
data carry English names; Crunchbase category names stay English in both languages).
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    # sources, classifications, methods
    "tech_source_patents": {"nl": "octrooien", "en": "patents"},
    "tech_source_publications": {"nl": "publicaties", "en": "publications"},
    "tech_source_investments": {"nl": "start-up-investeringen", "en": "start-up investments"},
    "tech_Source_patents": {"nl": "Octrooien", "en": "Patents"},
    "tech_Source_publications": {"nl": "Publicaties", "en": "Publications"},
    "tech_Source_investments": {"nl": "Start-up-investeringen", "en": "Start-up investments"},
    "tech_class_wipo35": {"nl": "de WIPO-technologievelden (Schmoch 2008)", "en": "the WIPO technology fields (Schmoch 2008)"},
    "tech_class_ncses_fields": {"nl": "de wetenschapsdomeinen van NCSES", "en": "the NCSES fields of science"},
    "tech_class_crunchbase_2013_category": {"nl": "de Crunchbase-categorieën van 2013 (opgehaald bedrag in USD)",
                                            "en": "the Crunchbase 2013 categories (USD raised)"},
    "tech_class_crunchbase_2013_category_rounds": {"nl": "de Crunchbase-categorieën van 2013 (aantal financieringsrondes)",
                                                   "en": "the Crunchbase 2013 categories (number of funding rounds)"},
    "tech_class_crunchbase_category": {"nl": "de Crunchbase-categorieën (opgehaald bedrag in USD)", "en": "the Crunchbase categories (USD raised)"},
    "tech_class_crunchbase_category_rounds": {"nl": "de Crunchbase-categorieën (aantal financieringsrondes)", "en": "the Crunchbase categories (number of funding rounds)"},
    "tech_class_ipc4": {"nl": "de IPC-subklassen", "en": "the IPC subclasses"},
    "tech_class_cpc4": {"nl": "de CPC-subklassen", "en": "the CPC subclasses"},
    "tech_class_openalex_subfield": {"nl": "de OpenAlex-subdomeinen", "en": "the OpenAlex subfields"},
    "tech_class_openalex_topic": {"nl": "de OpenAlex-onderwerpen", "en": "the OpenAlex topics"},
    "tech_class_taxonomy": {"nl": "de technologieën van de taxonomie (codelijsten in de bijlage)", "en": "the technologies of the taxonomy (code lists in the annex)"},
    "tech_unit_patents": {"nl": "octrooien", "en": "patents"},
    "tech_unit_publications": {"nl": "artikels (fractionele telling)", "en": "articles (fractional counts)"},
    "tech_unit_investments": {"nl": "USD opgehaald", "en": "USD raised"},
    "tech_unit_investments_rounds": {"nl": "financieringsrondes", "en": "funding rounds"},
    "tech_complexity_eigenvector": {"nl": "eigenvectormethode (Hidalgo en Hausmann 2009)", "en": "eigenvector method (Hidalgo and Hausmann 2009)"},
    "tech_complexity_reflections": {"nl": "reflectiemethode (Hidalgo en Hausmann 2009)", "en": "method of reflections (Hidalgo and Hausmann 2009)"},
    # the complexity on the y axis and its check against the published complexity
    "axis_name_eigenvector": {"nl": "eigenvectormethode", "en": "eigenvector method"},
    "axis_name_reflections": {"nl": "reflectiemethode", "en": "method of reflections"},
    "axis_name_fitness": {"nl": "fitness-complexiteit", "en": "fitness-complexity"},
    "axis_name_published": {"nl": "gepubliceerde complexiteit (CEPS-studie)", "en": "published complexity (CEPS study)"},
    "axis_y_published": {"nl": "Complexiteit, gepubliceerd door de CEPS-studie (0-100)", "en": "Complexity, published by the CEPS study (0-100)"},
    "axis_published_bullet": {"nl": "de gepubliceerde complexiteit van de CEPS-studie (zie 'De verticale as'); de berekende maten ter vergelijking",
                              "en": "the CEPS study's published complexity (see 'The vertical axis'); the computed measures for comparison"},
    "axis_summary": {"nl": "per bron gekozen maat ({items})", "en": "measure chosen per source ({items})"},
    "axis_summary_item": {"nl": "{name} voor {source}", "en": "{name} for {source}"},
    "axis_sub_plain": {"nl": "Complexiteit{who}: {name}", "en": "Complexity{who}: {name}"},
    "axis_sub_pass": {"nl": "Complexiteit{who}: {name}, doorstaat de toets (Spearman {rho} met de gepubliceerde)",
                      "en": "Complexity{who}: {name}, passes the check (Spearman {rho} with the published)"},
    "axis_sub_fail": {"nl": "Let op{who}: de {name} doorstaat de toets niet (Spearman {rho} met de gepubliceerde)",
                      "en": "Caution{who}: the {name} fails the check (Spearman {rho} with the published)"},
    "axis_text_pass": {"nl": "**De verticale as.** De grafiek gebruikt de {name}: haar rangorde van de technologieën stemt overeen met de complexiteit die de CEPS-studie publiceert (Spearman, drempel {cut}; {listing}).",
                       "en": "**The vertical axis.** The chart uses the {name}: its ranking of the technologies agrees with the complexity the CEPS study publishes (Spearman, threshold {cut}; {listing})."},
    "axis_text_fail": {"nl": "**Let op, de verticale as.** De gekozen {name} doorstaat de toets niet: haar rangorde van de technologieën wijkt af van de complexiteit die de CEPS-studie publiceert (Spearman, drempel {cut}; {listing}). Lees de kwadranten daarom met voorzichtigheid.",
                       "en": "**Caution, the vertical axis.** The chosen {name} fails the check: its ranking of the technologies departs from the complexity the CEPS study publishes (Spearman, threshold {cut}; {listing}). Read the quadrants with caution."},
    "axis_text_unchecked": {"nl": "**De verticale as.** De grafiek gebruikt de {name}; de gegevens hebben geen gepubliceerde complexiteit om haar mee te toetsen.",
                            "en": "**The vertical axis.** The chart uses the {name}; the data have no published complexity to check it against."},
    "axis_text_published_auto": {"nl": "**De verticale as.** Geen berekende complexiteit doorstaat op deze gegevens de toets tegen de complexiteit die de CEPS-studie publiceert (Spearman, drempel {cut}; {listing}); de grafiek gebruikt daarom de {name}: elk veld krijgt het gemiddelde van de technologieën van de studie die erop afgebeeld zijn, velden zonder zo'n technologie hebben geen plaats.",
                                 "en": "**The vertical axis.** No computed complexity passes the check against the complexity the CEPS study publishes on these data (Spearman, threshold {cut}; {listing}); the chart therefore uses the {name}: each field takes the mean of the study's technologies mapped onto it, fields without such a technology have no place."},
    "axis_text_published": {"nl": "**De verticale as.** De grafiek gebruikt de {name}: elk veld krijgt het gemiddelde van de technologieën van de studie die erop afgebeeld zijn (ter vergelijking, de berekende maten: {listing}).",
                            "en": "**The vertical axis.** The chart uses the {name}: each field takes the mean of the study's technologies mapped onto it (for comparison, the computed measures: {listing})."},
    "tech_complexity_short_eigenvector": {"nl": "eigenvector", "en": "eigenvector"},
    "tech_complexity_short_reflections": {"nl": "reflecties", "en": "reflections"},
    "tech_complexity_published": {"nl": "gepubliceerde complexiteit van de CEPS-studie", "en": "published complexity of the CEPS study"},
    "tech_complexity_fitness": {"nl": "fitness-complexiteitsalgoritme (Tacchella e.a. 2012)", "en": "fitness-complexity algorithm (Tacchella et al. 2012)"},
    "tech_complexity_short_fitness": {"nl": "fitness", "en": "fitness"},
    "tech_relatedness_cosine": {"nl": "cosinus", "en": "cosine"},
    "tech_relatedness_association": {"nl": "associatiesterkte", "en": "association strength"},
    "tech_relatedness_probabilistic": {"nl": "probabilistische associatiesterkte", "en": "probabilistic association strength"},
    "tech_basis_colocation": {"nl": "co-locatie: het aantal regio's met RCA ≥ {threshold} in beide technologieën (geen gegevens op documentniveau beschikbaar)",
                              "en": "co-location: the number of regions with RCA ≥ {threshold} in both technologies (no document-level data available)"},
    "tech_basis_documents": {"nl": "samen voorkomen binnen dezelfde documenten", "en": "co-occurrence within the same documents"},
    "tech_level_country": {"nl": "landen", "en": "countries"},
    "tech_level_us_state": {"nl": "Amerikaanse staten", "en": "US states"},
    "tech_level_nuts1": {"nl": "NUTS 1-regio's", "en": "NUTS 1 regions"},
    "tech_level_nuts2": {"nl": "NUTS 2-regio's", "en": "NUTS 2 regions"},
    "tech_level_nuts3": {"nl": "NUTS 3-regio's", "en": "NUTS 3 regions"},
    "tech_level_city": {"nl": "steden", "en": "cities"},
    # chart titles and axes
    "tech_chart_title": {"nl": "Strategisch investeringskader van {region}: {source}, {start}-{end}",
                         "en": "Strategic investment framework of {region}: {source}, {start}-{end}"},
    "tech_chart_subtitle": {"nl": "Bolgrootte = RCA; kleur = categorie; bleek = RCA < {threshold}; lijnen op de {split} ({n} technologieën)",
                            "en": "Bubble size = RCA; colour = category; faint = RCA < {threshold}; lines at the {split} ({n} technologies)"},
    "tech_x_title": {"nl": "Verwantschapsdichtheid (haalbaarheid, 0-100)", "en": "Relatedness density (feasibility, 0-100)"},
    "tech_y_title": {"nl": "Complexiteit, {method} (economische waarde, z-score)", "en": "Complexity, {method} (economic value, z-score)"},
    "tech_summary_title": {"nl": "Samenvattende grafiek van {region}: {sources}", "en": "Summary chart of {region}: {sources}"},
    "tech_summary_subtitle": {"nl": "Per bron: afstand tot de splitslijnen in standaardafwijkingen; vorm = bron, kleur = categorie, bolgrootte = RCA",
                              "en": "Per source: distance from the split lines in standard deviations; shape = source, colour = category, size = RCA"},
    "tech_summary_x": {"nl": "Haalbaarheid: verwantschapsdichtheid t.o.v. de splitslijn (standaardafwijkingen)",
                       "en": "Feasibility: relatedness density relative to the split (standard deviations)"},
    "tech_summary_y": {"nl": "Economische waarde: complexiteit t.o.v. de splitslijn (standaardafwijkingen)",
                       "en": "Economic value: complexity relative to the split (standard deviations)"},
    "tech_split_median": {"nl": "mediaan", "en": "median"},
    "tech_split_mean": {"nl": "gemiddelde", "en": "mean"},
    "tech_split_fixed": {"nl": "vaste waarden", "en": "fixed values"},
    # legend and tooltip titles
    "tech_col_technology": {"nl": "technologie", "en": "technology"},
    "tech_col_label": {"nl": "technologie", "en": "technology"},
    "tech_col_category": {"nl": "categorie", "en": "category"},
    "tech_col_activity": {"nl": "activiteit", "en": "activity"},
    "tech_col_share_of_region": {"nl": "aandeel in de regio", "en": "share of the region"},
    "tech_col_rca": {"nl": "RCA", "en": "RCA"},
    "tech_col_specialised": {"nl": "RCA ≥ drempel", "en": "RCA ≥ threshold"},
    "tech_col_density": {"nl": "verwantschapsdichtheid", "en": "relatedness density"},
    "tech_col_complexity": {"nl": "complexiteit", "en": "complexity"},
    "tech_col_quadrant": {"nl": "kwadrant", "en": "quadrant"},
    "tech_col_near_split": {"nl": "dicht bij een scheidingslijn", "en": "near a split line"},
    "tech_col_source": {"nl": "bron", "en": "source"},
    "tech_col_taxonomy_technologies": {"nl": "technologieën van de taxonomie", "en": "taxonomy technologies"},
    "tech_col_x_std": {"nl": "haalbaarheid (sd t.o.v. splitslijn)", "en": "feasibility (sd from split)"},
    "tech_col_y_std": {"nl": "waarde (sd t.o.v. splitslijn)", "en": "value (sd from split)"},
    "tech_col_coverage": {"nl": "dekking", "en": "coverage"},
    "tech_col_region_total": {"nl": "totaal van de regio", "en": "region total"},
    "tech_col_covered": {"nl": "in de selectie", "en": "in the selection"},
    "tech_col_n_selected": {"nl": "geselecteerde codes", "en": "selected codes"},
    "tech_col_classification": {"nl": "classificatie", "en": "classification"},
    "tech_col_count": {"nl": "aantal", "en": "count"},
    "tech_col_technologies": {"nl": "technologieën (naar RCA)", "en": "technologies (by RCA)"},
    "tech_yes": {"nl": "ja", "en": "yes"},
    "tech_no": {"nl": "nee", "en": "no"},
    # table captions
    "tech_table_caption": {"nl": "Technologieën van {region} per kwadrant ({source}, {start}-{end})",
                           "en": "{region}'s technologies by quadrant ({source}, {start}-{end})"},
    "tech_quadrant_caption": {"nl": "Aantal technologieën per kwadrant", "en": "Number of technologies per quadrant"},
    "tech_coverage_caption": {"nl": "Dekking van de selectie in de totale activiteit van {region}", "en": "Coverage of the selection in {region}'s total activity"},
    "tech_summary_caption": {"nl": "Alle bronnen samen: positie t.o.v. de splitslijnen", "en": "All sources together: position relative to the split lines"},
    "tech_sources_caption": {"nl": "Welke bronnen gegevens hebben voor {region}", "en": "Which sources have data for {region}"},
    "tech_col_available": {"nl": "gegevens", "en": "data"},
    "tech_col_reason": {"nl": "opmerking", "en": "note"},
    "tech_col_window": {"nl": "periode", "en": "window"},
    # notes and findings for pages whose content depends on the data (glue:md)
    "tech_no_data": {
        "nl": "Er zijn geen {source} voor **{region}** in de gegevens van deze editie: {reason}. Deze pagina toont daarom geen "
              "kwadrantgrafiek. Met gegevens voor {region} (bijvoorbeeld een recente Crunchbase-export, die landen en "
              "categorieën bevat) verschijnt de grafiek hier vanzelf.",
        "en": "There are no {source} for **{region}** in this edition's data: {reason}. This page therefore shows no quadrant "
              "chart. With data for {region} (for example a current Crunchbase export, which has countries and categories) "
              "the chart appears here by itself.",
    },
    "tech_findings": {
        "nl": "In {start}-{end} haalden start-ups in **{region}** {total} op, ingedeeld in {classification}; de vergelijking loopt "
              "over {n_regions} {level}. Van de {n} categorieën liggen er in het kwadrant\n\n"
              "- *optimale investeringen*: **{n_optimal}**: {optimal};\n"
              "- *moonshots*: **{n_moonshot}**: {moonshot};\n"
              "- *laag risico, incrementeel*: **{n_low_risk}**: {low_risk};\n"
              "- *lage prioriteit*: **{n_low_priority}**.\n\n"
              "De sterkste specialisatie is *{top_label}* (RCA {top_rca}); {region} is gespecialiseerd (RCA ≥ {threshold}) in "
              "{n_specialised} categorieën. De categorieën waarop de technologieën van de taxonomie als hoofdcategorie afgebeeld "
              "worden, dekken {coverage} van de investeringen in {region}.",
        "en": "In {start}-{end} start-ups in **{region}** raised {total}, classified in {classification}; the comparison runs over "
              "{n_regions} {level}. Of the {n} categories, the number in the quadrant\n\n"
              "- *optimal investments*: **{n_optimal}**: {optimal};\n"
              "- *moonshots*: **{n_moonshot}**: {moonshot};\n"
              "- *low-risk, incremental*: **{n_low_risk}**: {low_risk};\n"
              "- *low priority*: **{n_low_priority}**.\n\n"
              "The strongest specialisation is *{top_label}* (RCA {top_rca}); {region} is specialised (RCA ≥ {threshold}) in "
              "{n_specialised} categories. The categories onto which the taxonomy's technologies are mapped as their main "
              "category cover {coverage} of the investments in {region}.",
    },
    "tech_findings_method": {
        "nl": "Verwantschap: {basis}, genormaliseerd met {relatedness}. Complexiteit: {complexity}, op de {n_space} regio's met "
              "minstens de minimale activiteit (parameter `investments_min_activity`). De seed gebruikt de stedelijke schaalexponent "
              "(Balland et al. 2020) en Crunchbase 2021-2025.",
        "en": "Relatedness: {basis}, normalised by {relatedness}. Complexity: {complexity}, on the {n_space} regions with at least "
              "the minimum activity (parameter `investments_min_activity`). The seed uses the urban scaling exponent (Balland et al. "
              "2020) and Crunchbase 2021-2025.",
    },
    "tech_reason_no_region": {"nl": "de regio {region} komt in geen enkele gegevensbron voor", "en": "region {region} does not occur in any data source"},
    "tech_reason_no_classification": {"nl": "de datamap bevat ze niet in een ondersteunde indeling ({classifications})",
                                      "en": "the data folder has none in a supported classification ({classifications})"},
    "tech_reason_only_focus": {"nl": "de gegevens bevatten op dit niveau alleen {region}; RCA vraagt andere regio's om mee te vergelijken",
                               "en": "the data have only {region} at this level; RCA needs other regions to compare with"},
    "tech_reason_not_at_level": {"nl": "de gegevens hebben geen rijen voor {region}; op hetzelfde niveau bevatten ze alleen {regions}",
                                 "en": "the data have no rows for {region}; at the same level they contain only {regions}"},
    "tech_reason_no_level": {"nl": "de gegevens hebben geen regio's van het niveau van {region} ({level})",
                             "en": "the data have no regions of {region}'s level ({level})"},
    "tech_stand_in_bel": {"nl": "België staat hier in voor Vlaanderen: de publieke octrooi- en publicatiedata tellen per land, niet per gewest.",
                          "en": "Belgium stands in for Flanders here: the public patent and publication data count by country, not by region."},
    "tech_stand_in_parent": {"nl": "{region} staat hier in voor {focus}: de {source} hebben geen gegevens voor {focus} zelf.",
                             "en": "{region} stands in for {focus} here: the {source} have no data for {focus} itself."},
    "tech_stand_in_other": {"nl": "De focusregio is {region}; de publieke octrooi- en publicatiedata tellen per land.",
                            "en": "The focus region is {region}; the public patent and publication data count by country."},
    "tech_zoom_title": {"nl": "Uitvergroting rond de splitslijnen", "en": "Zoom on the crossing of the split lines"},
    "tech_zoom_subtitle": {"nl": "Hetzelfde kader, ingezoomd op de drukke kern (zoomen en verschuiven kan ook met de muis in elke grafiek)",
                           "en": "The same framework, zoomed in on the crowded core (every chart also zooms and pans with the mouse)"},
    "tech_notes_summary": {"nl": "Technische opmerkingen bij de berekening", "en": "Technical notes on the computation"},
    "tech_col_seed_coverage": {"nl": "seed (technologieën van de taxonomie)", "en": "seed (the taxonomy's technologies)"},
    "tech_col_method": {"nl": "methode", "en": "method"},
    "tech_col_window_start": {"nl": "van", "en": "from"},
    "tech_col_window_end": {"nl": "tot", "en": "to"},
    "tech_col_region": {"nl": "regio", "en": "region"},
    "tech_findings_rounds": {"nl": "{total} financieringsrondes", "en": "{total} funding rounds"},
    "tech_findings_amount": {"nl": "USD {total}", "en": "USD {total}"},
    "tech_none": {"nl": "geen", "en": "none"},
    "tech_and": {"nl": "en", "en": "and"},
    "tech_available_yes": {"nl": "ja", "en": "yes"},
    "tech_available_no": {"nl": "nee", "en": "no"},
}

#: Dutch names of the WIPO technology fields (Schmoch 2008) and the NCSES fields of science.
FIELD_NAMES_NL: dict[str, str] = {
    # WIPO 35
    "Electrical machinery, apparatus, energy": "Elektrische machines, apparaten, energie",
    "Audio-visual technology": "Audiovisuele technologie",
    "Telecommunications": "Telecommunicatie",
    "Digital communication": "Digitale communicatie",
    "Basic communication processes": "Basisprocessen voor communicatie",
    "Computer technology": "Computertechnologie",
    "IT methods for management": "IT-methoden voor management",
    "Semiconductors": "Halfgeleiders",
    "Optics": "Optica",
    "Measurement": "Meettechniek",
    "Analysis of biological materials": "Analyse van biologisch materiaal",
    "Control": "Regeltechniek",
    "Medical technology": "Medische technologie",
    "Organic fine chemistry": "Organische fijnchemie",
    "Biotechnology": "Biotechnologie",
    "Pharmaceuticals": "Farmaceutica",
    "Macromolecular chemistry, polymers": "Macromoleculaire chemie, polymeren",
    "Food chemistry": "Voedingschemie",
    "Basic materials chemistry": "Basischemie",
    "Materials, metallurgy": "Materialen, metallurgie",
    "Surface technology, coating": "Oppervlaktetechniek, coating",
    "Micro-structural and nano-technology": "Micro- en nanotechnologie",
    "Chemical engineering": "Chemische procestechnologie",
    "Environmental technology": "Milieutechnologie",
    "Handling": "Goederenbehandeling",
    "Machine tools": "Werktuigmachines",
    "Engines, pumps, turbines": "Motoren, pompen, turbines",
    "Textile and paper machines": "Textiel- en papiermachines",
    "Other special machines": "Andere speciale machines",
    "Thermal processes and apparatus": "Thermische processen en apparaten",
    "Mechanical elements": "Mechanische onderdelen",
    "Transport": "Transport",
    "Furniture, games": "Meubelen, spellen",
    "Other consumer goods": "Andere consumptiegoederen",
    "Civil engineering": "Bouwkunde",
    # NCSES fields of science
    "Agricultural sciences": "Landbouwwetenschappen",
    "Astronomy and astrophysics": "Sterrenkunde en astrofysica",
    "Biological and biomedical sciences": "Biologische en biomedische wetenschappen",
    "Chemistry": "Chemie",
    "Computer and information sciences": "Computer- en informatiewetenschappen",
    "Engineering": "Ingenieurswetenschappen",
    "Geosciences, atmospheric sciences, and ocean sciences": "Aard-, atmosfeer- en oceaanwetenschappen",
    "Health sciences": "Gezondheidswetenschappen",
    "Materials science": "Materiaalkunde",
    "Mathematics and statistics": "Wiskunde en statistiek",
    "Natural resources and conservation": "Natuurlijke hulpbronnen en natuurbehoud",
    "Physics": "Fysica",
    "Psychology": "Psychologie",
    "Social sciences": "Sociale wetenschappen",
}
