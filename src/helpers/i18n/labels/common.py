"""Labels shared by all chapters and of the overview chapter, in Dutch and English (key -> {"nl": ..., "en": ...}).

Data only: :mod:`helpers.i18n` merges every chapter's table and holds :func:`helpers.i18n.t`.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "patents": {"nl": "octrooien", "en": "patents"},
    "articles": {"nl": "wetenschappelijke artikels", "en": "scientific articles"},
    "year": {"nl": "jaar", "en": "year"},
    "field": {"nl": "domein", "en": "field"},
    "share_of_world": {"nl": "aandeel in de wereld", "en": "share of the world"},
    "share_of_region": {"nl": "aandeel in {region}", "en": "share of {region}"},
    "specialisation": {"nl": "specialisatie (RCA)", "en": "specialisation (RCA)"},
    "count": {"nl": "aantal", "en": "count"},
    "world": {"nl": "wereld", "en": "world"},
    "world_mix": {"nl": "aandeel in de wereld-mix", "en": "share of the world mix"},
    # the menu of every chart (vega-embed's actions, helpers.book.render)
    "chart_menu": {"nl": "Klik voor de acties", "en": "Click to view actions"},
    "chart_save_svg": {"nl": "Opslaan als SVG", "en": "Save as SVG"},
    "chart_save_png": {"nl": "Opslaan als PNG", "en": "Save as PNG"},
    "chart_view_source": {"nl": "Bron bekijken", "en": "View source"},
    "chart_view_compiled": {"nl": "Vega-specificatie bekijken", "en": "View compiled Vega"},
    "chart_open_editor": {"nl": "Openen in de Vega-editor", "en": "Open in the Vega editor"},
    "overview_patents_trend": {"nl": "Octrooien met uitvinders in {region}, per jaar", "en": "Patents with inventors in {region}, by year"},
    "overview_patents_share_trend": {"nl": "Aandeel van {region} in de octrooien van de wereld", "en": "{region}'s share of the world's patents"},
    "overview_patents_fields": {"nl": "Specialisatie (RCA) van de octrooien van {region} per WIPO-domein, {start}-{end}",
                                "en": "Specialisation (RCA) of {region}'s patents by WIPO field, {start}-{end}"},
    "overview_articles_fields": {"nl": "Specialisatie (RCA) van de artikels van {region} per wetenschapsdomein, {start}-{end}",
                                 "en": "Specialisation (RCA) of {region}'s articles by field of science, {start}-{end}"},
    "overview_fields_subtitle": {"nl": "RCA = aandeel van het domein bij {region} gedeeld door zijn aandeel in de wereld; 1 (stippellijn) = zoals in de wereld",
                                 "en": "RCA = the field's share in {region} divided by its share in the world; 1 (dashed line) = as in the world"},
    "overview_articles_trend": {"nl": "Aandeel van {region} in de wetenschappelijke artikels van de wereld", "en": "{region}'s share of the world's scientific articles"},
    "overview_note_flanders": {
        "nl": "De publieke data hebben geen octrooi- of publicatietellingen voor Vlaanderen apart: {used} staat hier in voor Vlaanderen. Het Vlaams Gewest (BE2) verschijnt waar de data het hebben (O&O-uitgaven).",
        "en": "The public data have no separate patent or publication counts for Flanders: {used} stands in for Flanders here. The Flemish Region (BE2) appears where the data have it (R&D expenditure)."},
    "overview_note_stand_in": {
        "nl": "De octrooi- en publicatiedata zijn er per land: {used} staat hier in voor {focus}.",
        "en": "The patent and publication data are by country: {used} stands in for {focus} here."},
    "overview_note_focus": {
        "nl": "De focusregio van deze editie is {focus}; de cijfers zijn die van {focus} zelf.",
        "en": "This edition's focus region is {focus}; the figures are {focus}'s own."},
}
