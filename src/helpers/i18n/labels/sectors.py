"""Labels of the sector-strength and decision-framework chapters, in Dutch and English.

Data only (key -> {"nl": ..., "en": ...}); :mod:`helpers.i18n` merges it with the other chapters'
tables and holds :func:`helpers.i18n.t`. Table headers are the ``sector_col_<column>`` keys
(:func:`helpers.i18n.column_labels` with ``"sectors"``).
"""

from __future__ import annotations

#: Dutch names of the NACE Rev. 2 codes of the patent data that the domains use (after NACE-BEL 2008; ours where shortened).
NACE_NAMES_NL: dict[str, str] = {
    "10": "Vervaardiging van voedingsmiddelen", "10.5": "Vervaardiging van zuivelproducten", "11": "Vervaardiging van dranken",
    "12": "Vervaardiging van tabaksproducten",
    "20.1": "Vervaardiging van chemische basisproducten, kunstmeststoffen en stikstofverbindingen, en van kunststoffen en synthetische "
            "rubber in primaire vormen",
    "20.2": "Vervaardiging van ongediertebestrijdingsmiddelen en andere landbouwchemische producten",
    "20.3": "Vervaardiging van verf, vernis en dergelijke bekledingsmiddelen, drukinkt en mastiek",
    "20.4": "Vervaardiging van zeep, was-, reinigings- en onderhoudsmiddelen, parfums en cosmetica",
    "20.42": "Vervaardiging van parfums en cosmetica", "20.5": "Vervaardiging van andere chemische producten",
    "20.51": "Vervaardiging van explosieven", "20.6": "Vervaardiging van synthetische en kunstmatige vezels",
    "21": "Vervaardiging van farmaceutische grondstoffen en producten", "24": "Vervaardiging van metalen in primaire vorm",
    "24.46": "Bewerking van splijt- en kweekstoffen", "25.1": "Vervaardiging van metalen producten voor de bouw",
    "25.2": "Vervaardiging van reservoirs, tanks en andere bergingsmiddelen van metaal",
    "25.3": "Vervaardiging van stoomketels, behalve ketels voor centrale verwarming", "25.4": "Vervaardiging van wapens en munitie",
    "25.5": "Smeden, persen, stampen en profielwalsen van metaal", "25.6": "Oppervlaktebehandeling en bekleding van metaal",
    "25.7": "Vervaardiging van scharen, messen en bestek, gereedschap en ijzerwaren", "25.9": "Vervaardiging van andere producten van metaal",
    "25.94": "Vervaardiging van bevestigingsmiddelen en schroeven", "26.1": "Vervaardiging van elektronische componenten en printplaten",
    "26.11": "Vervaardiging van elektronische componenten", "26.2": "Vervaardiging van computers en randapparatuur",
    "26.3": "Vervaardiging van communicatieapparatuur", "26.4": "Vervaardiging van consumentenelektronica",
    "26.5": "Vervaardiging van meet-, controle- en navigatie-instrumenten en -apparatuur",
    "26.51": "Vervaardiging van meet-, controle- en navigatie-instrumenten en -apparatuur", "26.52": "Vervaardiging van uurwerken",
    "26.6": "Vervaardiging van bestralingsapparatuur en elektromedische en elektrotherapeutische apparatuur",
    "26.7": "Vervaardiging van optische instrumenten en fotografische apparatuur", "26.8": "Vervaardiging van magnetische en optische informatiedragers",
    "28.1": "Vervaardiging van machines voor algemeen gebruik",
    "28.11": "Vervaardiging van motoren en turbines, behalve motoren voor luchtvaartuigen, motorvoertuigen en bromfietsen",
    "28.14": "Vervaardiging van andere kranen en kleppen", "28.21": "Vervaardiging van ovens en branders",
    "28.22": "Vervaardiging van hijs- en hefwerktuigen",
    "28.23": "Vervaardiging van kantoormachines en -apparatuur (behalve computers en randapparatuur)",
    "28.25": "Vervaardiging van koel- en ventilatieapparatuur, niet voor huishoudelijk gebruik",
    "28.29": "Vervaardiging van andere machines voor algemeen gebruik, n.e.g.", "28.3": "Vervaardiging van landbouw- en bosbouwmachines",
    "28.4": "Vervaardiging van machines voor metaalbewerking en van gereedschapswerktuigen",
    "28.9": "Vervaardiging van andere machines voor specifieke doeleinden",
    "28.92": "Vervaardiging van machines voor de mijnbouw, de winning van delfstoffen en de bouw",
    "28.94": "Vervaardiging van machines voor de textiel-, kleding- en lederindustrie",
    "28.95": "Vervaardiging van machines voor de papier- en kartonindustrie",
    "28.99": "Vervaardiging van andere machines voor specifieke doeleinden, n.e.g.",
    "62": "Ontwerpen en programmeren van computerprogramma's, computerconsultancy en aanverwante activiteiten",
}

LABELS: dict[str, dict[str, str]] = {
    # chart and table titles
    "sector_compare_title": {"nl": "Tabel 1 berekend voor {region} t.o.v. {reference} en zoals gepubliceerd",
                             "en": "Table 1 computed for {region} against {reference} and as published"},
    "sector_compare_computed": {"nl": "Berekend ({region})", "en": "Computed ({region})"},
    "sector_compare_published": {"nl": "VARIO 2026", "en": "VARIO 2026"},
    "sector_compare_agreement": {"nl": "Overeenkomst", "en": "Agreement"},
    "sector_compare_table_caption": {"nl": "Per cel: berekend / gepubliceerd (groen = gelijk, rood = verschillend, oranje = één van beide na; ⚠ = kwaliteitsvlag)",
                                     "en": "Per cell: computed / published (green = same, red = different, amber = one of the two na; ⚠ = quality flag)"},
    "sector_values_title": {"nl": "Specialisatie van {region} t.o.v. {reference} per domein en indicator",
                            "en": "Specialisation of {region} against {reference} by domain and indicator"},
    "sector_values_axis": {"nl": "specialisatie-index (1 = zoals in {reference}; log-schaal)",
                           "en": "specialisation index (1 = as in {reference}; log scale)"},
    "sector_agreement_caption": {"nl": "Overeenkomst per indicator", "en": "Agreement by indicator"},
    "sector_values_caption": {"nl": "Indicatorwaarden, scores, redenen en kwaliteitsvlaggen per cel",
                              "en": "Indicator values, ratings, reasons and quality flags per cell"},
    "sector_na_caption": {"nl": "Cellen zonder waarde (na) en waarom", "en": "Cells without a value (na) and why"},
    "sector_flags_caption": {"nl": "Kwaliteitsvlaggen in de data van {region} die een cel raken ({start}-{end})",
                             "en": "Quality flags in {region}'s data that touch a cell ({start}-{end})"},
    "sector_by_year_caption": {"nl": "Sectorindicatoren per jaar (aandeel in de focusregio en in de referentie)",
                               "en": "Sector indicators by year (share in the focus region and in the reference)"},
    "sector_concordance_caption": {"nl": "Concordantie WIPO-domeinen → NACE (na Schmoch et al. 2003)",
                                   "en": "Concordance WIPO fields → NACE (after Schmoch et al. 2003)"},
    "sector_ncses_caption": {"nl": "Wetenschapsdomeinen (NCSES) per domein", "en": "Fields of science (NCSES) per domain"},
    "sector_nace_mapping_caption": {"nl": "NACE-codes van de octrooidata per domein (bron: EPO PATSTAT 2019; IPC-NACE-concordantie van Eurostat)",
                                    "en": "NACE codes of the patent data per domain (source: EPO PATSTAT 2019; Eurostat IPC-NACE concordance)"},
    "sector_asjc_caption": {"nl": "Scopus-vakgebieden (ASJC) per domein (bron: SCImago Journal & Country Rank)",
                            "en": "Scopus subject areas (ASJC) per domain (source: SCImago Journal & Country Rank)"},
    "sector_impact_caption": {"nl": "Relatieve citatie-impact van {region} en {reference} per domein ({start}-{end}; 1 = wereldniveau; bron: SCImago)",
                              "en": "Relative citation impact of {region} and {reference} per domain ({start}-{end}; 1 = world level; source: SCImago)"},
    "sector_values_sources": {"nl": " ({patents}; {publications})", "en": " ({patents}; {publications})"},
    # the sources of the patents and publications columns (sectors.patents_source, sectors.publications_source)
    "sector_patents_name_nace": {"nl": "octrooien: EPO PATSTAT 2019 per NACE-industrie, {start}-{end}",
                                 "en": "patents: EPO PATSTAT 2019 by NACE industry, {start}-{end}"},
    "sector_patents_name_wipo35": {"nl": "octrooien: WIPO-technologiedomeinen, {start}-{end}", "en": "patents: WIPO technology fields, {start}-{end}"},
    "sector_publications_name_scimago": {"nl": "publicaties: SCImago, Scopus-vakgebieden, {start}-{end}",
                                         "en": "publications: SCImago, Scopus subject areas, {start}-{end}"},
    "sector_publications_name_ncses": {"nl": "publicaties: NCSES-wetenschapsdomeinen, {start}-{end}",
                                       "en": "publications: NCSES fields of science, {start}-{end}"},
    "sector_patents_source_nace": {
        "nl": "EPO PATSTAT (editie 2019): octrooiaanvragen per land van de uitvinders en per NACE-industrie, fractioneel geteld, periode {start}-{end}",
        "en": "EPO PATSTAT (2019 edition): patent applications by inventor country and NACE industry, fractionally counted, period {start}-{end}"},
    "sector_patents_source_wipo35": {
        "nl": "EPO PATSTAT via het Harvard Growth Lab: octrooien per land van de uitvinders en per WIPO-technologiedomein, {start}-{end}",
        "en": "EPO PATSTAT via the Harvard Growth Lab: patents by inventor country and WIPO technology field, {start}-{end}"},
    "sector_publications_source_scimago": {
        "nl": "SCImago Journal & Country Rank (Scopus): wetenschappelijke documenten per land en per Scopus-vakgebied (ASJC), {start}-{end}",
        "en": "SCImago Journal & Country Rank (Scopus): scientific documents by country and Scopus subject area (ASJC), {start}-{end}"},
    "sector_publications_source_ncses": {
        "nl": "NSF/NCSES (Science and Engineering Indicators): wetenschappelijke artikels per land en per wetenschapsdomein, fractioneel geteld, {start}-{end}",
        "en": "NSF/NCSES (Science and Engineering Indicators): scientific articles by country and field of science, fractionally counted, {start}-{end}"},
    "sector_patents_method_nace": {
        "nl": "voor octrooien de NACE-codes van de octrooidata die binnen de NACE-afbakening van het domein vallen. De IPC-NACE-concordantie "
              "van Eurostat (Van Looy, Vereyen en Schmoch) heeft elke aanvraag al toegewezen aan de industrieën die haar producten maken; "
              "een domein telt dus al zijn NACE-codes en niets daarbuiten, en het totaal is de som over alle NACE-codes van de data",
        "en": "for patents the NACE codes of the patent data that lie within the domain's NACE definition. The Eurostat IPC-NACE "
              "concordance (Van Looy, Vereyen and Schmoch) has already assigned every application to the industries that make its "
              "products; a domain therefore counts all its NACE codes and nothing outside them, and the total is the sum over all NACE "
              "codes of the data"},
    "sector_patents_method_wipo35": {
        "nl": "voor octrooien de WIPO-domeinen die een concordantie op basis van Schmoch et al., Linking Technology Areas to Industrial "
              "Sectors, aan de NACE-groepen van het domein koppelt (enkel gedocumenteerde koppelingen); het totaal is de som over alle WIPO-domeinen",
        "en": "for patents the WIPO fields that a concordance based on Schmoch et al., Linking Technology Areas to Industrial Sectors, links "
              "to the domain's NACE groups (documented links only); the total is the sum over all WIPO fields"},
    "sector_publications_method_scimago": {
        "nl": "voor publicaties de Scopus-vakgebieden (ASJC) uit een gemotiveerde toewijzing; het totaal is de som over alle vakgebieden "
              "(een document in tijdschriften van twee vakgebieden telt in beide, in teller en noemer)",
        "en": "for publications the Scopus subject areas (ASJC) of a reasoned assignment; the total is the sum over all areas (a document "
              "in journals of two areas counts in both, in numerator and denominator alike)"},
    "sector_publications_method_ncses": {
        "nl": "voor publicaties de NCSES-wetenschapsdomeinen uit een gemotiveerde toewijzing; het totaal is het NCSES-totaal over alle "
              "domeinen (All S&E fields)",
        "en": "for publications the NCSES fields of science of a reasoned assignment; the total is NCSES's total over all fields "
              "(All S&E fields)"},
    "sector_patents_na_nace": {
        "nl": "de IPC-NACE-concordantie kent octrooien toe aan de industrieën die de producten maken, niet aan diensten als architecten "
              "en ingenieurs (NACE M71) of onderzoek en ontwikkeling (M72); informatie en programmering telt enkel de octrooien op "
              "gegevensverwerking voor bedrijfsdoeleinden (NACE 62, IPC G06Q), want software als zodanig (G06F) valt onder de "
              "vervaardiging van computers (C26)",
        "en": "the IPC-NACE concordance assigns patents to the industries that make the products, not to services such as architects "
              "and engineers (NACE M71) or research and development (M72); information technology and programming counts only the "
              "patents on data processing for business purposes (NACE 62, IPC G06Q), because software as such (G06F) falls under "
              "the manufacture of computers (C26)"},
    "sector_patents_na_wipo35": {
        "nl": "octrooien zijn via de concordantie van Schmoch et al. (2003) enkel aan industriële sectoren gekoppeld, niet aan diensten "
              "(NACE J, M71, M72)",
        "en": "patents are linked through the Schmoch et al. (2003) concordance to manufacturing sectors only, not to services "
              "(NACE J, M71, M72)"},
    "sector_reference_group": {
        "nl": "Voor octrooien en publicaties is {reference} de som van haar {n} lidstaten in de data, nooit een aggregaat van de bron.",
        "en": "For patents and publications, {reference} is the sum of its {n} member states in the data, never an aggregate of the source."},
    "sector_reference_countries_only": {
        "nl": "De octrooien per NACE-industrie en de SCImago-publicaties bestaan alleen per land: {reference} is daar geen regio van de data.",
        "en": "The patents by NACE industry and the SCImago publications exist by country only: {reference} is not a region of those data."},
    "sector_reference_single": {"nl": "De referentie {reference} is één regio; haar eigen cijfers worden gebruikt.",
                                "en": "The reference {reference} is a single region; its own figures are used."},
    "sector_impact_text": {
        "nl": "Naast de publicaties staat in een aparte tabel de relatieve citatie-impact van {region} in de Scopus-vakgebieden van elk "
              "domein ({start}-{end}): de ontvangen citaties gedeeld door de citaties die te verwachten zijn aan het wereldgemiddelde "
              "van hetzelfde vakgebied en jaar (1 = wereldniveau), met hetzelfde voor {reference} ter vergelijking. Ze wordt getoond, "
              "niet gescoord: Tabel 1 meet het aantal publicaties.",
        "en": "Beside the publications, a separate table gives the relative citation impact of {region} in each domain's Scopus "
              "subject areas ({start}-{end}): the citations received divided by the citations expected at the world average of the "
              "same area and year (1 = world level), with the same for {reference} for comparison. It is shown, not rated: Table 1 "
              "measures the number of publications."},
    "sector_impact_none": {"nl": "De NCSES-data hebben geen citaties; een citatie-impact per domein is er alleen met de SCImago-bron.",
                           "en": "The NCSES data have no citations; a citation impact per domain exists only with the SCImago source."},
    "framework_growth_title": {"nl": "Groeipotentieel: groei van de sector in {reference} min groei van de hele economie",
                               "en": "Growth potential: growth of the sector in {reference} minus growth of the total economy"},
    "framework_growth_axis": {"nl": "verschil in jaarlijkse groei ({measure})", "en": "difference in annual growth ({measure})"},
    "framework_growth_caption": {"nl": "Groei per domein in {reference}", "en": "Growth by domain in {reference}"},
    "framework_inputs_caption": {"nl": "De vijf inputs per domein", "en": "The five inputs per domain"},
    "framework_sources_caption": {"nl": "Welke inputs gemeten zijn en welke een oordeel", "en": "Which inputs are measured and which are judgement"},
    "framework_domains_caption": {"nl": "Categorie, pad en beleidsactie per domein", "en": "Category, path and policy action per domain"},
    "framework_tech_caption": {"nl": "Het beslissingskader per technologie van {region}: categorie, pad, gemeten inputs en oordeel",
                               "en": "The decision framework per technology of {region}: category, path, measured inputs and judgement"},
    "framework_tech_portfolio_caption": {"nl": "Technologieën per categorie", "en": "Technologies per category"},
    "framework_tech_missing": {"nl": "geen", "en": "none"},
    "framework_portfolio_caption": {"nl": "Portfolio: domeinen per categorie", "en": "Portfolio: domains per category"},
    "framework_rules_caption": {"nl": "Alle 32 combinaties van de vijf inputs en hun uitkomst", "en": "All 32 combinations of the five inputs and their outcome"},
    "framework_focus_warning": {
        "nl": "```{{warning}}\nDe transitieprioriteiten zijn die van de Vlaamse Regering (data/domain_transitions.csv). Voor een andere "
              "focusregio vervang je dat bestand door de prioriteiten van die regio.\n```",
        "en": "```{{warning}}\nThe transition priorities are those of the Flemish Government (data/domain_transitions.csv). For another "
              "focus region, replace that file with that region's priorities.\n```",
    },
    # status and words
    "status_agree": {"nl": "gelijk", "en": "agree"},
    "status_disagree": {"nl": "verschillend", "en": "disagree"},
    "status_na_mismatch": {"nl": "één van beide na", "en": "one of the two na"},
    "yes": {"nl": "ja", "en": "yes"},
    "no": {"nl": "nee", "en": "no"},
    "unknown": {"nl": "onbekend", "en": "unknown"},
    "rating": {"nl": "score", "en": "rating"},
    "status": {"nl": "overeenkomst", "en": "agreement"},
    "growth_legend": {"nl": "groeipotentieel", "en": "growth potential"},
    "rule_threshold": {"nl": "drempels op de specialisatie-index: ++ vanaf {a}, + vanaf {b}, +/- vanaf {c}, daaronder -",
                       "en": "thresholds on the specialisation index: ++ from {a}, + from {b}, +/- from {c}, below that -"},
    "rule_rank": {"nl": "rang onder de domeinen met een waarde: aandeel domeinen vóór dit domein < {a} → ++, < {b} → +, < {c} → +/-, anders -",
                  "en": "rank among the domains with a value: share of domains ahead < {a} → ++, < {b} → +, < {c} → +/-, else -"},
    "ratings_computed": {"nl": "berekende scores volgens de {rule}", "en": "computed ratings under the {rule}"},
    # Tabel 1 under both rules (helpers.chapters.sectors.table1)
    "sector_rule_name_rank": {"nl": "rangregel (positie onder de domeinen)", "en": "rank rule (position among the domains)"},
    "sector_rule_name_threshold": {"nl": "drempelregel (specialisatie-index t.o.v. {reference})",
                                   "en": "threshold rule (specialisation index against {reference})"},
    "sector_rule_short_rank": {"nl": "rangregel", "en": "rank rule"},
    "sector_rule_short_threshold": {"nl": "drempelregel", "en": "threshold rule"},
    "sector_head_published": {"nl": "VARIO", "en": "VARIO"},
    "sector_head_rank": {"nl": "rang", "en": "rank"},
    "sector_head_threshold": {"nl": "drempel", "en": "threshold"},
    "sector_panel_rank": {"nl": "Rangregel", "en": "Rank rule"},
    "sector_panel_threshold": {"nl": "Drempels ({reference})", "en": "Thresholds ({reference})"},
    "sector_panels_title": {"nl": "Tabel 1: gepubliceerd en berekend voor {region} met beide regels",
                            "en": "Table 1: published and computed for {region} under both rules"},
    "sector_table1_caption": {"nl": "Tabel 1 zoals gepubliceerd en berekend voor {region}: {main} en, als alternatief, {alt}",
                              "en": "Table 1 as published and computed for {region}: {main} and, as the alternative, {alt}"},
    "sector_table1_legend": {
        "nl": "Per indicator het gepubliceerde symbool (VARIO) en de berekende symbolen ({first} eerst). Groen = gelijk aan het "
              "gepubliceerde, rood = verschillend, grijs = niet vergeleken (één van beide is na); ⚠ = kwaliteitsvlag. "
              "Beweeg over een cel voor de waarde, de rang of de index en de reden van een na.",
        "en": "Per indicator the published symbol (VARIO) and the computed symbols ({first} first). Green = same as published, "
              "red = different, grey = not compared (one of the two is na); ⚠ = quality flag. Hover over a cell for the value, "
              "the rank or index and the reason for an na."},
    "sector_table1_csv_caption": {"nl": "Tabel 1 per cel: gepubliceerd en berekend onder beide regels",
                                  "en": "Table 1 per cell: published and computed under both rules"},
    "sector_basis_rank": {"nl": "rang {rank} van {n} domeinen", "en": "rank {rank} of {n} domains"},
    "sector_basis_threshold": {"nl": "specialisatie-index {value}", "en": "specialisation index {value}"},
    "sector_compare_more": {"nl": "De {main} komt dus vaker overeen met de gepubliceerde tabel dan de {alt}.",
                            "en": "The {main} therefore agrees with the published table more often than the {alt}."},
    "sector_compare_less": {"nl": "De {alt} komt dus vaker overeen met de gepubliceerde tabel dan de {main}; de {main} blijft de "
                                  "standaard omdat het advies relatief tussen de sectoren onderling scoort, niet omdat ze het best past.",
                            "en": "The {alt} therefore agrees with the published table more often than the {main}; the {main} stays the "
                                  "default because the advice rates relative to the other sectors, not because it fits best."},
    "sector_compare_equal": {"nl": "Beide regels komen dus even vaak overeen met de gepubliceerde tabel.",
                             "en": "Both rules therefore agree with the published table equally often."},
    "status_not_compared": {"nl": "niet vergeleken (na)", "en": "not compared (na)"},
    # why a cell is na, for readers (helpers.chapters.sectors.reasons)
    "sector_na_what_patents": {"nl": "octrooien", "en": "patents"},
    "sector_na_what_publications": {"nl": "publicaties", "en": "publications"},
    "sector_na_rd_no_sector": {"nl": "geen O&O-cijfers per sector: de O&O-bron (Eurostat, regionaal) heeft alleen totalen per regio",
                               "en": "no R&D figures by sector: the R&D source (Eurostat, regional) has totals per region only"},
    "sector_na_patents_no_code": {"nl": "geen octrooicode meet dit domein: de concordantie kent octrooien toe aan de industrieën die de "
                                        "producten maken, niet aan diensten",
                                  "en": "no patent code measures this domain: the concordance assigns patents to the industries that make "
                                        "the products, not to services"},
    "sector_na_patents_no_field": {"nl": "geen technologiedomein is aan dit domein gekoppeld", "en": "no technology field is linked to this domain"},
    "sector_na_publications_no_field": {"nl": "geen vakgebied meet dit domein: onderzoek voor alle vakgebieden heeft geen eigen vakgebied",
                                        "en": "no subject area measures this domain: research for every field has no area of its own"},
    "sector_na_focus_values": {"nl": "geen bruikbare waarde voor {focus} in {span} (ontbrekende of verdachte waarden in de nationale rekeningen)",
                               "en": "no usable value for {focus} in {span} (missing or suspect values in the national accounts)"},
    "sector_na_reference_coverage": {"nl": "de landen van {reference} met bruikbare waarden dekken in geen enkel jaar genoeg van het bbp van {reference}",
                                     "en": "the countries of {reference} with usable values cover too little of {reference}'s GDP in every year"},
    "sector_na_focus_no_activity": {"nl": "{focus} heeft geen {what} in {span}", "en": "{focus} has no {what} in {span}"},
    "sector_na_reference_no_activity": {"nl": "{reference} heeft geen {what} in de gekoppelde velden in {span}",
                                        "en": "{reference} has no {what} in the linked fields in {span}"},
    "sector_na_not_mapped": {"nl": "dit domein heeft geen koppeling met de velden van de bron", "en": "this domain has no link to the source's fields"},
    "sector_na_no_value": {"nl": "geen waarde in de data", "en": "no value in the data"},
    "sector_na_other": {"nl": "geen waarde (de technische reden staat in de code van het hoofdstuk)",
                        "en": "no value (the technical reason is in the chapter's code)"},
    "ratings_published": {"nl": "gepubliceerde scores (Tabel 1)", "en": "published ratings (Table 1)"},
    # technical notes of the sector tables for readers (helpers.chapters.sectors.reader_text)
    "sector_note_focus_left_out": {"nl": "{focus} weggelaten: {items}", "en": "{focus} left out: {items}"},
    "sector_note_reference_usable": {
        "nl": "landen van {reference} met bruikbare waarden, aandeel in het bbp van {reference} (de andere zijn gevlagd of ontbreken "
              "en zijn weggelaten): {parts}",
        "en": "{reference} countries with usable values, share of {reference}'s GDP (the others are flagged or missing and left out): {parts}"},
    "sector_note_members_absent": {"nl": "lidstaten van {reference} zonder gegevens over {what}: {codes}",
                                   "en": "{reference} members absent from the {what} data: {codes}"},
    "sector_note_growth_left_out": {"nl": "weggelaten (gevlagd of ontbrekend in {y0} of {y1}): {codes}",
                                    "en": "left out (flagged or missing in {y0} or {y1}): {codes}"},
    "sector_note_growth_usable": {"nl": "landen met bruikbare waarden per jaar: {parts}", "en": "countries with usable values per year: {parts}"},
    "sector_note_growth_none": {
        "nl": "geen twee jaren in {span} waarin dezelfde landen met bruikbare {measure} voor NACE {nace} en voor het totaal samen minstens "
              "{pct} van {reference} uitmaken (per jaar: {parts})",
        "en": "no two years in {span} in which the same countries with usable {measure} for NACE {nace} and the total make up at least "
              "{pct} of {reference} (per year: {parts})"},
    "sector_note_share_basis": {"nl": "aandeel van {code} in de totale economie, {focus} / {reference}, gemiddelde van de jaarlijkse verhoudingen",
                                "en": "share of {code} in the total economy, {focus} / {reference}, mean of the yearly ratios"},
    "sector_note_ratio_basis": {
        "nl": "{code} per {per} ten opzichte van de totale economie, {focus} / {reference}, gemiddelde van de jaarlijkse verhoudingen",
        "en": "{code} per {per} relative to the total economy, {focus} / {reference}, mean of the yearly ratios"},
    "sector_note_activity_basis": {"nl": "{label}: {codes}; {focus} {f_val} van {f_total}, {reference} {r_val} van {r_total}",
                                   "en": "{label}: {codes}; {focus} {f_val} of {f_total}, {reference} {r_val} of {r_total}"},
    "sector_note_fields": {"nl": "velden", "en": "fields"},
    "sector_note_coverage_range": {"nl": "{low}-{high} ({n_low}-{n_high} van {n} landen)", "en": "{low}-{high} ({n_low}-{n_high} of {n} countries)"},
    "sector_note_coverage_count": {"nl": "{used} van {n}", "en": "{used} of {n}"},
    "sector_note_reference_members": {"nl": "{reference}: som van de {n} lidstaten{euro}", "en": "{reference}: sum of its {n} member countries{euro}"},
    "sector_note_reference_own": {"nl": "{reference}: eigen cijfers{euro}", "en": "{reference}: its own rows{euro}"},
    "sector_note_euro": {"nl": ", geldbedragen omgerekend naar euro (bbp in euro / totale toegevoegde waarde)",
                         "en": ", money values on a euro scale (GDP in euro / total value added)"},
    "sector_total_economy": {"nl": "totaal", "en": "total"},
    "sector_all_domains": {"nl": "alle domeinen", "en": "all domains"},
    "sector_flag_missing": {"nl": "ontbreekt", "en": "missing"},
    "sector_flag_zero_suspect": {"nl": "verdachte nul", "en": "suspect zero"},
    "sector_flag_jump_suspect": {"nl": "verdachte sprong", "en": "suspect jump"},
    "sector_flag_zero_series": {"nl": "nulreeks", "en": "zero series"},
    "sector_flag_negative": {"nl": "negatief", "en": "negative"},
    "sector_flag_scale_suspect": {"nl": "verdachte schaal", "en": "suspect scale"},
    "sector_flag_explain_missing": {"nl": "geen waarde in de bron", "en": "no value in the source"},
    "sector_flag_explain_zero_suspect": {"nl": "0 terwijl dezelfde reeks waarden boven nul heeft: waarschijnlijk ontbrekend, geen echte nul",
                                         "en": "0 although the same series has non-zero values: probably missing, not zero"},
    "sector_flag_explain_jump_suspect": {
        "nl": "wijkt een factor 3 of meer af van de mediaan van de reeks (een breuk tussen jaren); doet 40% of meer van de reeks dat, "
              "dan is de hele reeks gevlagd",
        "en": "differs by a factor of 3 or more from the median of its series (a level break between years); if 40% or more of the "
              "series does, the whole series is flagged"},
    "sector_flag_explain_zero_series": {"nl": "0 in een reeks die elk jaar 0 of leeg is (structureel nul of niet verzameld)",
                                        "en": "0 in a series that is 0 or empty in every year (structural zero or not collected)"},
    "sector_flag_explain_negative": {"nl": "negatieve waarde (mogelijk voor toegevoegde waarde, onmogelijk voor aantallen): niet gebruikt",
                                     "en": "negative value (possible for value added, impossible for counts): not used"},
    "sector_flag_explain_scale_suspect": {
        "nl": "het aandeel in het totaal van het land ligt meer dan 100 keer boven of onder de mediaan van de landen: waarschijnlijk een "
              "andere eenheid",
        "en": "the share in the country's total is more than 100 times above or below the median over the countries: probably another unit"},
    "sector_basis_word_definition": {"nl": "definitie", "en": "definition"},
    "sector_basis_word_no code": {"nl": "geen code", "en": "no code"},
    "sector_basis_word_judgement": {"nl": "oordeel", "en": "judgement"},
    "sector_basis_word_seed text": {"nl": "tekst van het VARIO-advies", "en": "text of the VARIO report"},
    "sector_link_core": {"nl": "kern", "en": "core"},
    "sector_link_partial": {"nl": "gedeeltelijk", "en": "partial"},
    "sector_link_none": {"nl": "geen", "en": "none"},
    "sector_source_sector_indicators": {"nl": "Eurostat, nationale rekeningen", "en": "Eurostat, national accounts"},
    "sector_source_region_indicators": {"nl": "Eurostat, regionale O&O-statistiek", "en": "Eurostat, regional R&D statistics"},
    "sector_source_patents": {"nl": "octrooien (WIPO-velden)", "en": "patents (WIPO fields)"},
    "sector_source_publications": {"nl": "publicaties (NCSES-velden)", "en": "publications (NCSES fields)"},
    # column headers (sector_col_<machine name>, see helpers.i18n.column_labels(language, "sectors"))
    "sector_col_domain": {"nl": "domein", "en": "domain"},
    "sector_col_indicator": {"nl": "indicator", "en": "indicator"},
    "sector_col_value": {"nl": "waarde", "en": "value"},
    "sector_col_computed": {"nl": "berekend", "en": "computed"},
    "sector_col_published": {"nl": "gepubliceerd", "en": "published"},
    "sector_col_status": {"nl": "overeenkomst", "en": "agreement"},
    "sector_col_distance": {"nl": "afstand", "en": "distance"},
    "sector_col_reason": {"nl": "reden (na)", "en": "reason (na)"},
    "sector_col_flags": {"nl": "kwaliteitsvlaggen", "en": "quality flags"},
    "sector_col_basis": {"nl": "basis", "en": "basis"},
    "sector_col_years": {"nl": "jaren", "en": "years"},
    "sector_col_focus_share": {"nl": "aandeel focus", "en": "focus share"},
    "sector_col_reference_share": {"nl": "aandeel referentie", "en": "reference share"},
    "sector_col_reference_coverage": {"nl": "dekking referentie", "en": "reference coverage"},
    "sector_col_cells": {"nl": "cellen", "en": "cells"},
    "sector_col_agree": {"nl": "gelijk", "en": "agree"},
    "sector_col_disagree": {"nl": "verschillend", "en": "disagree"},
    "sector_col_na_mismatch": {"nl": "één na", "en": "one na"},
    "sector_col_both_rated": {"nl": "beide gescoord", "en": "both rated"},
    "sector_col_share_agree": {"nl": "aandeel gelijk", "en": "share agree"},
    "sector_col_rating_rank": {"nl": "score (rang)", "en": "rating (rank)"},
    "sector_col_status_rank": {"nl": "overeenkomst (rang)", "en": "agreement (rank)"},
    "sector_col_rating_threshold": {"nl": "score (drempels)", "en": "rating (thresholds)"},
    "sector_col_status_threshold": {"nl": "overeenkomst (drempels)", "en": "agreement (thresholds)"},
    "sector_col_compared": {"nl": "vergeleken (beide gescoord)", "en": "compared (both rated)"},
    "sector_col_not_compared": {"nl": "niet vergeleken (na)", "en": "not compared (na)"},
    "sector_col_agree_rank": {"nl": "gelijk (rang)", "en": "agree (rank)"},
    "sector_col_share_rank": {"nl": "aandeel gelijk (rang)", "en": "share agree (rank)"},
    "sector_col_within_one_rank": {"nl": "hoogstens één stap (rang)", "en": "at most one step (rank)"},
    "sector_col_agree_threshold": {"nl": "gelijk (drempels)", "en": "agree (thresholds)"},
    "sector_col_share_threshold": {"nl": "aandeel gelijk (drempels)", "en": "share agree (thresholds)"},
    "sector_col_within_one_threshold": {"nl": "hoogstens één stap (drempels)", "en": "at most one step (thresholds)"},
    "sector_col_share_agree_rated": {"nl": "aandeel gelijk (beide gescoord)", "en": "share agree (both rated)"},
    "sector_col_share_within_one": {"nl": "hoogstens één stap verschil", "en": "at most one step apart"},
    "sector_col_mean_abs_distance": {"nl": "gemiddelde afstand", "en": "mean distance"},
    "sector_col_year": {"nl": "jaar", "en": "year"},
    "sector_col_sector": {"nl": "sector (NACE)", "en": "sector (NACE)"},
    "sector_col_flag": {"nl": "vlag", "en": "flag"},
    "sector_col_used": {"nl": "gebruikt", "en": "used"},
    "sector_col_focus_value": {"nl": "focus", "en": "focus"},
    "sector_col_reference_value": {"nl": "referentie", "en": "reference"},
    "sector_col_reference_countries": {"nl": "landen", "en": "countries"},
    "sector_col_si": {"nl": "specialisatie-index", "en": "specialisation index"},
    "sector_col_focus_status": {"nl": "weggelaten (focus)", "en": "left out (focus)"},
    "sector_col_input": {"nl": "input", "en": "input"},
    "sector_col_how": {"nl": "hoe", "en": "how"},
    "sector_col_kind": {"nl": "soort", "en": "kind"},
    "sector_col_economic": {"nl": "economisch", "en": "economic"},
    "sector_col_economic_basis": {"nl": "scores economisch", "en": "economic ratings"},
    "sector_col_innovation_basis": {"nl": "scores innovatie/technologie", "en": "innovation/technology ratings"},
    "sector_col_scientific_basis": {"nl": "scores wetenschap", "en": "scientific ratings"},
    "sector_col_innovation": {"nl": "innovatie/technologie", "en": "innovation/technology"},
    "sector_col_scientific": {"nl": "wetenschap", "en": "scientific"},
    "sector_col_growth": {"nl": "groeipotentieel", "en": "growth potential"},
    "sector_col_transition": {"nl": "transitiebijdrage", "en": "transition contribution"},
    "sector_col_transitions": {"nl": "transities", "en": "transitions"},
    "sector_col_category": {"nl": "categorie", "en": "category"},
    "sector_col_path": {"nl": "pad door de boom", "en": "path through the tree"},
    "sector_col_action": {"nl": "beleidsactie", "en": "policy action"},
    "sector_col_rule": {"nl": "regel", "en": "rule"},
    "sector_col_note": {"nl": "opmerking", "en": "note"},
    "sector_col_technology": {"nl": "technologie", "en": "technology"},
    "sector_col_measured": {"nl": "gemeten inputs", "en": "measured inputs"},
    "sector_col_judgement": {"nl": "oordeel", "en": "judgement"},
    "sector_col_unknown": {"nl": "onbekende inputs", "en": "unknown inputs"},
    "sector_col_technology_id": {"nl": "code", "en": "code"},
    "sector_col_n": {"nl": "aantal", "en": "number"},
    "sector_col_domains": {"nl": "domeinen", "en": "domains"},
    "sector_col_start_year": {"nl": "van", "en": "from"},
    "sector_col_end_year": {"nl": "tot", "en": "to"},
    "sector_col_countries": {"nl": "landen", "en": "countries"},
    "sector_col_coverage": {"nl": "dekking (bbp)", "en": "coverage (GDP)"},
    "sector_col_sector_cagr": {"nl": "groei sector per jaar", "en": "sector growth per year"},
    "sector_col_total_cagr": {"nl": "groei economie per jaar", "en": "economy growth per year"},
    "sector_col_difference": {"nl": "verschil", "en": "difference"},
    "sector_col_wipo_field": {"nl": "WIPO-domein", "en": "WIPO field"},
    "sector_col_nace_group": {"nl": "NACE-groep", "en": "NACE group"},
    "sector_col_link": {"nl": "koppeling", "en": "link"},
    "sector_col_ncses_field": {"nl": "NCSES-domein", "en": "NCSES field"},
    "sector_col_rationale": {"nl": "motivering", "en": "rationale"},
    "sector_col_citation": {"nl": "bron", "en": "source"},
    "sector_col_measure": {"nl": "maatstaf", "en": "measure"},
    "sector_col_members": {"nl": "lidstaten", "en": "members"},
    "sector_col_sector_start": {"nl": "sector (begin)", "en": "sector (start)"},
    "sector_col_sector_end": {"nl": "sector (einde)", "en": "sector (end)"},
    "sector_col_total_start": {"nl": "economie (begin)", "en": "economy (start)"},
    "sector_col_total_end": {"nl": "economie (einde)", "en": "economy (end)"},
    "sector_col_source": {"nl": "bron", "en": "source"},
    "sector_col_domain_id": {"nl": "domein-id", "en": "domain id"},
    "sector_col_indicator_id": {"nl": "indicator-id", "en": "indicator id"},
    "sector_col_explanation": {"nl": "uitleg", "en": "explanation"},
    "sector_col_which": {"nl": "welke cellen", "en": "which cells"},
    "sector_col_reason_text": {"nl": "reden", "en": "reason"},
    "sector_col_reference_members": {"nl": "lidstaten van de referentie", "en": "members of the reference"},
    "sector_col_reference_left_out": {"nl": "weggelaten uit de referentie", "en": "left out of the reference"},
    "sector_col_nace2_patstat": {"nl": "NACE-code", "en": "NACE code"},
    "sector_col_nace2_label": {"nl": "NACE-omschrijving", "en": "NACE description"},
    "sector_col_asjc_area": {"nl": "vakgebied (ASJC)", "en": "subject area (ASJC)"},
    "sector_col_area_name": {"nl": "naam vakgebied", "en": "area name"},
    "sector_col_areas": {"nl": "vakgebieden (ASJC)", "en": "subject areas (ASJC)"},
    "sector_col_documents": {"nl": "documenten", "en": "documents"},
    "sector_col_citations": {"nl": "citaties", "en": "citations"},
    "sector_col_expected_citations": {"nl": "verwachte citaties", "en": "expected citations"},
    "sector_col_impact": {"nl": "citatie-impact", "en": "citation impact"},
    "sector_col_reference_impact": {"nl": "citatie-impact referentie", "en": "reference citation impact"},
}
