"""Generated annex pages: the technology taxonomy, from the cited project data in ``data/``.

Every value from the data is written through :func:`helpers.i18n.md_text` (headings, table cells, lists),
so a label is shown as the text it is, never read as Markdown or HTML.
"""

from __future__ import annotations

from pathlib import Path

from helpers.data.policy import load_categories, load_technologies
from helpers.data.taxonomy import COARSE_SCHEMES, SOURCES, load_codes, load_coarse_map, load_wipo35
from helpers.i18n import md_text


def _cell(text: object) -> str:
    """A data value as the text of a Markdown table cell, list item or paragraph (``|`` escaped too)."""
    return md_text(text)


def md_heading(text: object) -> str:
    """A data value as (part of) a Markdown heading: one line, escaped."""
    return md_text(text)


def _code(text: object) -> str:
    """A code as inline code (shown literally; ``|`` escaped for the table), or as escaped text when it holds a backtick."""
    value = " ".join(str(text).split())
    return f"`{value.replace('|', chr(92) + '|')}`" if "`" not in value and value.strip() else _cell(value)


def taxonomy_markdown(data_dir: Path | str | None = None) -> str:
    """The annex page (MyST markdown): the technologies per category with their code lists per source, the coarse
    mappings, the 35 WIPO fields and the numbered list of citations."""
    categories = load_categories(data_dir)
    techs = load_technologies(data_dir, categories=categories)
    codes = load_codes(data_dir, technologies=techs)
    wipo35 = load_wipo35(data_dir)
    coarse = load_coarse_map(data_dir, technologies=techs, wipo35=wipo35)
    refs: dict[str, int] = {}

    def ref(citation: str) -> str:
        if citation not in refs:
            refs[citation] = len(refs) + 1
        return f"[{refs[citation]}]"

    techs = techs.sort_values("annex_order", key=lambda c: c.astype(int))
    lines = [
        "# Bijlage: technologietaxonomie / Annex: technology taxonomy",
        "",
        "This page is generated from `data/technology_codes.csv`, `data/technology_coarse_map.csv` and "
        "`data/wipo35_fields.csv` by `helpers.book.annexes.taxonomy_markdown()`; do not edit it by hand.",
        "",
        "For each of the technologies of the CEPS study (VARIO 2026, annex) the tables give the codes that define it "
        "in each data source. *Basis*: `published` = the code comes from a published definition (patent landscape, "
        "classification scheme, concordance), `judgement` = our choice. *Verification*: `verified` = the document "
        "or code title was found and checked, `unverified` = written from knowledge, to be checked. Patent codes "
        "match by prefix (a subclass covers all its groups; `G06N3/08` covers `G06N3/084`), other codes exactly.",
        "",
    ]
    counts = codes.groupby(["basis", "verification"]).size()
    lines.append("Code rows: " + ", ".join(f"{_cell(b)}/{_cell(v)}: {n}" for (b, v), n in counts.items()) + ".")
    lines.append("")
    for cat in categories.itertuples():
        members = techs[techs["category_id"] == cat.category_id]
        if members.empty:
            continue
        lines += [f"## {md_heading(cat.label_nl)} / {md_heading(cat.label_en)}", ""]
        for t in members.itertuples():
            lines += [f"### {md_heading(t.label_en)} ({md_heading(t.label_nl)})", ""]
            mine = codes[codes["tech_id"] == t.tech_id]
            for source in SOURCES:
                rows = mine[mine["source"] == source]
                if rows.empty:
                    lines += [f"*{source}*: no codes.", ""]
                    continue
                lines += [f"*{source}*", "", "| scheme | code | label | basis | verification | source |", "|---|---|---|---|---|---|"]
                for r in rows.itertuples():
                    lines.append(f"| {_cell(r.scheme)} | {_code(r.code)} | {_cell(r.label)} | {_cell(r.basis)} | {_cell(r.verification)} | {ref(r.citation)} |")
                lines.append("")
            cm = coarse[coarse["tech_id"] == t.tech_id]
            if not cm.empty:
                lines.append("*Coarse mapping for the data at hand*:")
                lines.append("")
                for scheme in COARSE_SCHEMES:
                    part = cm[cm["scheme"] == scheme]
                    if part.empty:
                        continue
                    items = "; ".join(f"{_cell(r.code)} ({_cell(r.strength)})" for r in part.itertuples())
                    lines.append(f"- {_cell(scheme)}: {items}")
                lines.append("")
    lines += ["## De 35 WIPO-technologievelden / The 35 WIPO technology fields", "",
              "| id | field | sector | IPC codes (concordance) |", "|---|---|---|---|"]
    for r in wipo35.sort_values("field_id").itertuples():
        lines.append(f"| {_cell(r.field_id)} | {_cell(r.label)} | {_cell(r.sector)} | {_cell(r.ipc_definition)} |")
    lines += ["", f"Source: {ref(wipo35['citation'].iloc[0])}", "", "## Bronnen / Sources", ""]
    for citation, n in refs.items():
        lines.append(f"{n}. {_cell(citation)}")
    lines.append("")
    return "\n".join(lines)
