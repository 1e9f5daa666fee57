"""Labels of the regions chapter (Flanders among Europe's NUTS-2 regions) and of the complexity validation annex, in Dutch and English.

Table headers are the ``reg_col_<column>`` keys (:func:`helpers.i18n.column_labels` with ``"regions"``).
:data:`KEYTECH_NAMES_NL` translates the CEPS study's 42 technologies (our translation).
"""

from __future__ import annotations

#: The 42 green and digital technologies of the CEPS study in Dutch (our translation of the study's English names).
KEYTECH_NAMES_NL: dict[str, str] = {
    "5G": "5G", "Additive manufacturing (3D printing)": "Additieve productie (3D-printen)",
    "Advanced Sustainable Materials": "Geavanceerde duurzame materialen", "Advanced materials/nanomaterials": "Geavanceerde materialen en nanomaterialen",
    "Artificial intelligence": "Artificiële intelligentie", "Autonomous mobility": "Autonome mobiliteit", "Battery technology": "Batterijtechnologie",
    "Big data": "Big data", "Bio fertilizers": "Biomeststoffen", "Biocides": "Biociden", "Biofuels": "Biobrandstoffen", "Broadband": "Breedband",
    "Cloud and edge computing": "Cloud- en edgecomputing", "Cryptography and distributed ledger technology": "Cryptografie en distributed ledger",
    "Cybersecurity": "Cyberbeveiliging", "Drones": "Drones", "Efficient power & combustion": "Efficiënte energieomzetting en verbranding",
    "Electric vehicles": "Elektrische voertuigen", "Fuels from waste": "Brandstoffen uit afval", "Geothermal energy": "Geothermie",
    "Green buildings": "Groene gebouwen", "Greenhouse gas capture": "Afvang van broeikasgassen", "HVAC Systems": "Verwarming, ventilatie en airco",
    "Heat pumps": "Warmtepompen", "High performance computing / Quantum computers": "Supercomputers en kwantumcomputers", "Hydrogen": "Waterstof",
    "Hydropower": "Waterkracht", "Internet of things": "Internet der dingen", "Marine energy": "Mariene energie", "Nuclear energy": "Kernenergie",
    "Photonics": "Fotonica", "Recycling technologies": "Recyclagetechnologie", "Robotics (autonomous)": "Robotica (autonoom)",
    "Semiconductors": "Halfgeleiders", "Smart farming": "Slimme landbouw", "Smart grids": "Slimme elektriciteitsnetten", "Solar energy": "Zonne-energie",
    "Sustainable packaging": "Duurzame verpakking", "Virtual Reality and Augmented Reality": "Virtuele en toegevoegde realiteit",
    "Waste management": "Afvalbeheer", "Water treatment": "Waterbehandeling", "Wind energy": "Windenergie",
}

LABELS: dict[str, dict[str, str]] = {
    "reg_absent": {"nl": "De gegevens van deze editie bevatten geen octrooien per Europese regio (CEPS, 42 groene en digitale technologieën): dit hoofdstuk blijft leeg.",
                   "en": "This edition's data have no patents by European region (CEPS, 42 green and digital technologies): this chapter stays empty."},
    "reg_intro": {
        "nl": "De CEPS-studie publiceert voor {n_regions} Europese NUTS-2-regio's de octrooien in {n_tech} groene en digitale technologieën, met de RCA van elke regio en de complexiteit van elke technologie. **{focus}** telt als som van {members} ({n_members} provincies) {patents} van die octrooien, {share}% van alle octrooien van de {n_regions} regio's. Voor de samengetelde regio's wordt de RCA berekend alsof het één regio is (de octrooien opgeteld, het aandeel in alle octrooien uit de gepubliceerde RCA teruggerekend), niet als gemiddelde.",
        "en": "The CEPS study publishes for {n_regions} European NUTS-2 regions the patents in {n_tech} green and digital technologies, with each region's RCA and each technology's complexity. **{focus}**, the sum of {members} ({n_members} provinces), has {patents} of those patents, {share}% of all patents of the {n_regions} regions. For the aggregated regions RCA is computed as for one region (patents summed, the share of all patents recovered from the published RCA), not as an average."},
    "reg_quadrant_text": {
        "nl": "Met de {complexity} op de verticale as en de verwantschapsdichtheid uit het samen gespecialiseerd zijn van de {n_regions} regio's op de horizontale, liggen voor {focus} {n_optimal} technologieën in het kwadrant optimale investeringen ({optimal}) en {n_moonshot} bij de moonshots. {focus} is gespecialiseerd (RCA ≥ {threshold}) in {n_spec} van de {n_tech} technologieën; {cmp_text}",
        "en": "With the {complexity} on the vertical axis and the relatedness density from the {n_regions} regions' co-specialisation on the horizontal, {focus} has {n_optimal} technologies in the optimal quadrant ({optimal}) and {n_moonshot} among the moonshots. {focus} is specialised (RCA ≥ {threshold}) in {n_spec} of the {n_tech} technologies; {cmp_text}"},
    "reg_cmp_item": {"nl": "{region} in {n}", "en": "{region} in {n}"},
    "reg_cmp_text": {"nl": "ter vergelijking: {items}.", "en": "for comparison: {items}."},
    "reg_rank_text": {
        "nl": "**Waar Vlaanderen staat.** Tussen de {n_regions} regio's {stand} {volume} **Waar het kan instappen:** {n_entry} technologieën waarin {focus} nog niet gespecialiseerd is maar de dichtheid boven de mediaan ligt ({entry}). **Waar het leidt:** {n_lead} technologieën met RCA ≥ {threshold} en een plaats in het beste kwart ({lead}).",
        "en": "**Where Flanders stands.** Among the {n_regions} regions {stand} {volume} **Where it could enter:** {n_entry} technologies in which {focus} is not yet specialised but the density is above the median ({entry}). **Where it leads:** {n_lead} technologies with RCA ≥ {threshold} and a place in the best quarter ({lead})."},
    "reg_top10_some": {"nl": "staat {focus} in de top tien van de RCA voor {n} technologieën ({names}).", "en": "{focus} is in the top ten by RCA for {n} technologies ({names})."},
    "reg_top10_none": {"nl": "staat {focus} voor geen enkele technologie in de top tien van de RCA; de beste plaats is {best_rank} voor {best}.",
                       "en": "{focus} is not in the top ten by RCA for any technology; its best place is {best_rank} for {best}."},
    "reg_volume_some": {"nl": "In aantal octrooien staat het in de top tien voor {n} technologieën ({names}).", "en": "By number of patents it is in the top ten for {n} technologies ({names})."},
    "reg_volume_none": {"nl": "Ook in aantal octrooien haalt het nergens de top tien.", "en": "By number of patents it is not in the top ten anywhere either."},
    "reg_complexity_text": {
        "nl": "**Welke complexiteit?** De studie publiceert een complexiteit per technologie. Op dezelfde {n_regions} regio's berekend, stemt de eigenvectormethode er {rho_eigenvector} mee overeen (Spearman), de reflectiemethode {rho_reflections} en het fitness-complexiteitsalgoritme {rho_fitness}. De grafieken gebruiken {chosen}{warning}",
        "en": "**Which complexity?** The study publishes a complexity per technology. Computed on the same {n_regions} regions, the eigenvector method agrees with it at {rho_eigenvector} (Spearman), the method of reflections at {rho_reflections} and the fitness-complexity algorithm at {rho_fitness}. The charts use {chosen}{warning}"},
    "reg_chosen_published": {"nl": "de gepubliceerde complexiteit van de studie.", "en": "the study's published complexity."},
    "reg_chosen_computed": {"nl": "de {method}.", "en": "the {method}."},
    "reg_fails": {"nl": " Let op: deze maat doorstaat de toets niet (Spearman met de gepubliceerde complexiteit onder {cut}); lees de verticale as met voorzichtigheid.",
                  "en": " Note: this measure fails the check (Spearman with the published complexity below {cut}); read the vertical axis with caution."},
    "reg_measure_published": {"nl": "gepubliceerde complexiteit (CEPS)", "en": "published complexity (CEPS)"},
    "reg_measure_eigenvector": {"nl": "eigenvectormethode", "en": "eigenvector method"},
    "reg_measure_reflections": {"nl": "reflectiemethode", "en": "method of reflections"},
    "reg_measure_fitness": {"nl": "fitness-complexiteit", "en": "fitness-complexity"},
    "reg_small_title": {"nl": "{focus}, zijn provincies en de vergeleken regio's: 42 groene en digitale technologieën | complexiteit: {measure}",
                        "en": "{focus}, its provinces and the regions compared: 42 green and digital technologies | complexity: {measure}"},
    "reg_x_title": {"nl": "Verwantschapsdichtheid", "en": "Relatedness density"},
    "reg_rank_title": {"nl": "Plaats van {focus} tussen {n} Europese regio's per technologie (RCA)", "en": "Rank of {focus} among {n} European regions per technology (RCA)"},
    "reg_rank_x": {"nl": "Plaats (1 = hoogste RCA)", "en": "Rank (1 = highest RCA)"},
    "reg_profile_caption": {"nl": "{focus} per technologie: RCA, plaats, verwantschapsdichtheid, complexiteit en de RCA van de provincies",
                            "en": "{focus} per technology: RCA, rank, relatedness density, complexity and the provinces' RCA"},
    "reg_agreement_caption": {"nl": "Complexiteit van de 42 technologieën: berekend op de regio's tegenover gepubliceerd",
                              "en": "Complexity of the 42 technologies: computed on the regions against published"},
    "reg_none": {"nl": "geen", "en": "none"},
    "reg_transition_digital": {"nl": "digitaal", "en": "digital"},
    "reg_transition_green": {"nl": "groen", "en": "green"},
    "reg_col_technology": {"nl": "Technologie", "en": "Technology"},
    "reg_col_transition": {"nl": "Transitie", "en": "Transition"},
    "reg_col_patents": {"nl": "Octrooien", "en": "Patents"},
    "reg_col_rca": {"nl": "RCA", "en": "RCA"},
    "reg_col_rank": {"nl": "Plaats (RCA)", "en": "Rank (RCA)"},
    "reg_col_rank_patents": {"nl": "Plaats (octrooien)", "en": "Rank (patents)"},
    "reg_col_density": {"nl": "Verwantschapsdichtheid", "en": "Relatedness density"},
    "reg_col_complexity": {"nl": "Complexiteit", "en": "Complexity"},
    "reg_col_quadrant": {"nl": "Kwadrant", "en": "Quadrant"},
    "reg_col_opportunity": {"nl": "Kans", "en": "Opportunity"},
    "reg_col_measure": {"nl": "Maat", "en": "Measure"},
    "reg_col_rho": {"nl": "Spearman met gepubliceerd", "en": "Spearman with published"},
    "reg_col_passes": {"nl": "Doorstaat de toets", "en": "Passes the check"},
    "reg_col_region": {"nl": "Regio", "en": "Region"},
    "reg_opportunity_entry": {"nl": "instappen", "en": "enter"},
    "reg_opportunity_lead": {"nl": "leidt", "en": "leads"},
    "reg_yes": {"nl": "ja", "en": "yes"},
    "reg_no": {"nl": "nee", "en": "no"},
}

#: Labels of the complexity validation annex (table headers ``val_col_<column>``).
VALIDATION_LABELS: dict[str, dict[str, str]] = {
    "val_source_patents_wipo35": {"nl": "Octrooien, landen x 35 WIPO-velden", "en": "Patents, countries x 35 WIPO fields"},
    "val_source_publications_ncses_fields": {"nl": "Publicaties, landen x 14 NCSES-domeinen", "en": "Publications, countries x 14 NCSES fields"},
    "val_source_patents_ipc4_patstat": {"nl": "Octrooien, landen x IPC-subklassen (PATSTAT)", "en": "Patents, countries x IPC subclasses (PATSTAT)"},
    "val_source_regional_keytech42": {"nl": "Octrooien, 282 regio's x 42 technologieën (CEPS)", "en": "Patents, 282 regions x 42 technologies (CEPS)"},
    "val_text": {
        "nl": "Deze bijlage toetst elke complexiteitsmaat op elke gegevensbron: welke regio's en technologieën ze bovenaan en onderaan zet, en hoe goed haar rangorde van de technologieën overeenkomt met de complexiteit die de CEPS-studie publiceert (Spearman, over de technologieën die beide dekken). Een maat doorstaat de toets bij een correlatie van minstens {cut}. Van de {n} combinaties van bron en methode doorstaan er {n_pass} de toets. {per_source}",
        "en": "This annex checks every complexity measure on every data source: which regions and technologies it puts at the top and the bottom, and how well its ranking of the technologies agrees with the complexity the CEPS study publishes (Spearman, over the technologies both cover). A measure passes at a correlation of at least {cut}. Of the {n} combinations of source and method, {n_pass} pass. {per_source}"},
    "val_source_some": {"nl": "{source}: {methods} {verb} (beste: {best}, {rho}).", "en": "{source}: {methods} {verb} (best: {best}, {rho})."},
    "val_source_none": {"nl": "{source}: geen enkele methode doorstaat de toets (beste: {best}, {rho}); de grafieken van die bron tonen dat met een waarschuwing.",
                        "en": "{source}: no method passes (best: {best}, {rho}); the charts of that source show it with a warning."},
    "val_verb_one": {"nl": "doorstaat de toets", "en": "passes"},
    "val_verb_many": {"nl": "doorstaan de toets", "en": "pass"},
    "val_summary_caption": {"nl": "Overeenkomst van elke complexiteitsmaat met de gepubliceerde complexiteit", "en": "Agreement of every complexity measure with the published complexity"},
    "val_rankings_caption": {"nl": "Wat elke maat bovenaan en onderaan zet (uitklappen)", "en": "What each measure puts at the top and the bottom (unfold)"},
    "val_col_source": {"nl": "Bron", "en": "Source"},
    "val_col_method": {"nl": "Methode", "en": "Method"},
    "val_col_n_regions": {"nl": "Regio's", "en": "Regions"},
    "val_col_n_technologies": {"nl": "Technologieën", "en": "Technologies"},
    "val_col_rho": {"nl": "Spearman met gepubliceerd", "en": "Spearman with published"},
    "val_col_n_compared": {"nl": "Vergeleken technologieën", "en": "Technologies compared"},
    "val_col_passes": {"nl": "Doorstaat de toets", "en": "Passes"},
    "val_col_top_regions": {"nl": "Top 10 regio's", "en": "Top 10 regions"},
    "val_col_bottom_regions": {"nl": "Laatste 10 regio's", "en": "Bottom 10 regions"},
    "val_col_top_technologies": {"nl": "Top 10 technologieën", "en": "Top 10 technologies"},
    "val_col_bottom_technologies": {"nl": "Laatste 10 technologieën", "en": "Bottom 10 technologies"},
}
