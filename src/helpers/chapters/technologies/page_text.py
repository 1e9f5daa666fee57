"""The words of the technology chapter's pages: table headers and columns, tooltip titles, region names,
whose data a page shows, and the notes of the measures."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
from IPython.display import HTML

from helpers.chapters.technologies.sources import SourceData
from helpers.data import canonical, policy
from helpers.i18n import column_labels, join_names, md_text, region_name, t

#: Columns of the published profile table of a source page.
PROFILE_TABLE_COLUMNS = ["label", "category", "quadrant", "near_split", "activity", "share_of_region", "rca", "specialised", "density", "complexity",
                         "taxonomy_technologies", "technology"]
#: Columns of the published coverage table (the summary page puts ``source`` first).
COVERAGE_TABLE_COLUMNS = ["classification", "window_start", "window_end", "n_selected", "region_total", "covered", "coverage", "seed_coverage"]
_PROFILE_FORMATS = {"activity": ",.0f", "share_of_region": ".2%", "rca": ".2f", "density": ".1f", "complexity": ".2f"}
_COVERAGE_FORMATS = {"region_total": ",.0f", "covered": ",.0f", "coverage": ".1%", "seed_coverage": ".0%"}
#: Sort order "strongest specialisation first" (ties by technology code), as keyword arguments of ``sort_values``.
_BY_RCA = dict(by=["rca", "technology"], ascending=[False, True], kind="mergesort")


def table_labels(language: str) -> dict[str, str]:
    """Column headers of the chapter's tables: the chapter's column labels plus ``label``, ``category`` and ``quadrant``."""
    return column_labels(language, "technology") | {"label": t("tech_col_label", language), "category": t("tech_col_category", language),
                                                    "quadrant": t("tech_col_quadrant", language)}


def tooltip_labels(language: str) -> dict[str, str]:
    """Tooltip titles of the quadrant charts."""
    return column_labels(language, "technology") | {"label": t("tech_col_label", language), "stability": t("stab_tooltip_stability", language),
                                                     "stability_label": t("stab_tooltip_label", language),
                                                     "density_interval": t("stab_tooltip_density", language),
                                                     "complexity_interval": t("stab_tooltip_complexity", language)}


def read_region_names(data_dir: Path | str) -> dict[str, str]:
    """Region code -> name of the canonical ``regions`` table in ``data_dir`` (the names :func:`helpers.i18n.region_name` falls back on)."""
    regions = canonical.read(data_dir, "regions")
    return dict(zip(regions["region"], regions["name"]))


def taxonomy_size() -> int:
    """The number of technologies of the taxonomy (``data/technologies.csv``), which the chapter's text cites."""
    return len(policy.load_technologies())


def stand_in_text(data: SourceData, focus_name: str, language: str, region_names: Mapping[str, str] | None = None) -> str:
    """Whose data a page shows: Belgium for Flanders, a country for one of its regions (``data.stand_in``), or the focus region itself.
    Markdown: the region names are escaped (:func:`~helpers.i18n.md_text`)."""
    used = md_text(region_name(data.region, language, region_names))
    if data.stand_in:
        return t("tech_stand_in_parent", language, region=used, focus=md_text(focus_name), source=t(f"tech_source_{data.source}", language))
    return t("tech_stand_in_bel", language) if data.region == "BEL" else t("tech_stand_in_other", language, region=used)


#: the notes of the measures that readers see, in their words: (pattern of the note, {language: sentence}).
#: A note of another kind is a message for analysts (the executed notebook keeps it), not shown on the page.
_NOTES = [
    (re.compile(r"^.+?: dropped (?P<n>\d+) (?P<what>regions?|technology|technologies) with no activity: (?P<names>.+)$"),
     {"nl": "{n} {what} zonder activiteit in deze periode {verb} niet mee: {names}.",
      "en": "{n} {what} without activity in this period {verb} left out: {names}."}),
    (re.compile(r"^.+?: selected technologies without activity in the window left out: (?P<names>.+)$"),
     {"nl": "Gekozen technologieën zonder activiteit in de periode blijven weg: {names}.",
      "en": "Selected technologies without activity in the period are left out: {names}."}),
    (re.compile(r"^.+?: (?P<focus>\S+) has less than min_activity .*$"),
     {"nl": "{focus} heeft in deze periode minder activiteit dan de drempel voor de regio's die verwantschap en complexiteit "
            "bepalen; RCA en dichtheid zijn wel berekend.",
      "en": "{focus} has less activity in this period than the threshold for the regions that define relatedness and "
            "complexity; its RCA and density are still computed."}),
    (re.compile(r"^reference group: (?P<names>.+) have no patents in (?P<start>\d+)-(?P<end>\d+)$"),
     {"nl": "Zonder octrooien in {start}-{end} in de referentiegroep: {names}.",
      "en": "Without patents in {start}-{end} in the reference group: {names}."}),
]
_WORDS = {"nl": {"region": ("regio", "regio's"), "technology": ("technologie", "technologieën"), "verb": ("telt", "tellen"), "more": "andere"},
          "en": {"region": ("region", "regions"), "technology": ("technology", "technologies"), "verb": ("is", "are"), "more": "more"}}


def _note_names(text: str, language: str, region_names: Mapping[str, str] | None = None) -> str:
    """``'BEL', 'LUX' and 3 more`` (a note's list of codes) as names: ``België, Luxemburg en 3 andere`` (a code without an
    ISO 3166 name by its name in ``region_names``, the data's)."""
    more = re.search(r" and (\d+) more$", text)
    codes = re.findall(r"'([^']*)'", text[: more.start()] if more else text)
    names = [md_text(region_name(code, language, region_names)) for code in codes] or [md_text(text)]
    if more:
        names.append(f"{more.group(1)} {_WORDS[language]['more']}")
    return join_names(names, language)


def reader_notes(notes: list[str], language: str, region_names: Mapping[str, str] | None = None) -> list[str]:
    """The notes of the measures that readers see, as sentences in ``language`` (others are left out); regions by their
    names (:func:`helpers.i18n.region_name`, with the data's ``region_names`` for codes without an ISO 3166 name).

    >>> reader_notes(["publications: dropped 1 region with no activity: 'SCG'", "something for analysts"], "nl")
    ['1 regio zonder activiteit in deze periode telt niet mee: Servië en Montenegro.']
    >>> reader_notes(["publications: dropped 2 regions with no activity: 'XK1', 'BEL'"], "en", {"XK1": "Somewhere"})
    ['2 regions without activity in this period are left out: Somewhere and Belgium.']
    """
    out = []
    for note in notes:
        for pattern, sentences in _NOTES:
            match = pattern.match(str(note))
            if match is None:
                continue
            values = match.groupdict()
            if "names" in values:
                values["names"] = _note_names(values["names"], language, region_names)
            if "focus" in values:
                values["focus"] = md_text(region_name(values["focus"], language, region_names))
            if "what" in values:
                one = int(values["n"]) == 1
                noun = "region" if values["what"].startswith("region") else "technology"
                values["what"] = _WORDS[language][noun][0 if one else 1]
                values["verb"] = _WORDS[language]["verb"][0 if one else 1]
            out.append(sentences[language].format(**values))
            break
    return out


def notes_html(profile: pd.DataFrame, language: str, region_names: Mapping[str, str] | None = None) -> str:
    """The notes of the measures (``profile.attrs['notes']``) that readers see (:func:`reader_notes`) as a folded HTML
    list, escaped; ``""`` when there are none."""
    notes = reader_notes(list(profile.attrs.get("notes", [])), language, region_names)
    if not notes:
        return ""
    items = "".join(f"<li>{html.escape(str(n))}</li>" for n in notes)
    return "<details><summary>" + html.escape(t("tech_notes_summary", language)) + "</summary><ul>" + items + "</ul></details>"


def notes_block(profile: pd.DataFrame | None, language: str, region_names: Mapping[str, str] | None = None) -> HTML | None:
    """:func:`notes_html` of ``profile`` as HTML to show; ``None`` (nothing to show) without profile or notes."""
    text = notes_html(profile, language, region_names) if profile is not None else ""
    return HTML(text) if text else None
