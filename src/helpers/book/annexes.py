"""Generated annex pages, one language at a time: the technology taxonomy (from the cited project data in
``data/``) and the data dictionary (from the schemas of the canonical tables, :mod:`helpers.data.schema`).

Every value from the data is written through :func:`helpers.i18n.md_text` (headings, table cells, lists),
so a label is shown as the text it is, never read as Markdown or HTML. The Dutch taxonomy quotes what only
exists in English (the titles of classification codes, the citations) with the role ``{en}`` (a span of class
``lang-en``; raw HTML is not allowed on a page written from data), so that a language check knows it for a
quotation. The Dutch texts of the data dictionary (:data:`TABLES_NL`) are at the end of this module.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from helpers.data.policy import load_categories, load_technologies
from helpers.data.schema import TABLES, Column, TableSchema
from helpers.data.taxonomy import COARSE_SCHEMES, SOURCES, load_codes, load_coarse_map, load_wipo35
from helpers.i18n import FIELD_NAMES_NL, localise_number, md_text

#: the words of the taxonomy page: key -> {"nl": ..., "en": ...}
TAXONOMY_TEXT: dict[str, dict[str, str]] = {
    "title": {"nl": "Bijlage: technologietaxonomie", "en": "Annex: technology taxonomy"},
    "intro": {
        "nl": "Deze pagina wordt bij elke editie opnieuw geschreven uit de gedocumenteerde projectdata. Voor elk van de "
              "{n} technologieën van de CEPS-studie (bijlage bij het VARIO-advies van 2026) geven de tabellen de codes die de "
              "technologie in elke databron afbakenen. *Basis*: *gepubliceerd* = de code komt uit een gepubliceerde "
              "definitie (een octrooilandschap, een classificatie, een concordantie), *eigen oordeel* = onze keuze. "
              "*Controle*: *gecontroleerd* = het document of de omschrijving van de code is teruggevonden en nagekeken, "
              "*niet gecontroleerd* = uit kennis geschreven, nog na te kijken. Octrooicodes tellen met alles wat eronder valt "
              "(een subklasse omvat al haar groepen, `G06N3/08` omvat `G06N3/084`), andere codes alleen exact. De "
              "omschrijvingen van de codes en de bronvermeldingen staan er zoals de classificaties en bronnen ze "
              "publiceren, in het Engels.",
        "en": "This page is written again for every edition from the project's documented data. For each of the {n} "
              "technologies of the CEPS study (annex to the VARIO report of 2026) the tables give the codes that define it "
              "in each data source. *Basis*: *published* = the code comes from a published definition (patent landscape, "
              "classification scheme, concordance), *judgement* = our choice. *Verification*: *verified* = the document "
              "or code title was found and checked, *unverified* = written from knowledge, to be checked. Patent codes "
              "match everything below them (a subclass covers all its groups; `G06N3/08` covers `G06N3/084`), other "
              "codes exactly."},
    "code_rows": {"nl": "Aantal coderegels per basis en controle: ", "en": "Code rows per basis and verification: "},
    "no_codes": {"nl": "geen codes.", "en": "no codes."},
    "codes_head": {"nl": "| classificatie | code | omschrijving | basis | controle | bron |",
                   "en": "| scheme | code | label | basis | verification | source |"},
    "coarse": {"nl": "*Grove indeling voor de beschikbare data*:", "en": "*Coarse mapping for the data at hand*:"},
    "wipo_title": {"nl": "De 35 WIPO-technologievelden", "en": "The 35 WIPO technology fields"},
    "wipo_head": {"nl": "| nr. | veld | sector | IPC-codes (concordantie) |", "en": "| no. | field | sector | IPC codes (concordance) |"},
    "source": {"nl": "Bron", "en": "Source"},
    "sources": {"nl": "Bronnen", "en": "Sources"},
}
#: reader's words for the machine values of the taxonomy tables (the English ones are the words of the data)
TAXONOMY_WORDS: dict[str, dict[str, str]] = {
    "patents": {"nl": "octrooien", "en": "patents"},
    "publications": {"nl": "publicaties", "en": "publications"},
    "investments": {"nl": "investeringen", "en": "investments"},
    "cpc": {"nl": "CPC", "en": "CPC"},
    "ipc": {"nl": "IPC", "en": "IPC"},
    "openalex_subfield": {"nl": "OpenAlex-subdomein", "en": "OpenAlex subfield"},
    "openalex_topic": {"nl": "OpenAlex-onderwerp", "en": "OpenAlex topic"},
    "crunchbase_industry": {"nl": "Crunchbase-sector", "en": "Crunchbase industry"},
    "wipo35": {"nl": "WIPO-technologieveld", "en": "WIPO technology field"},
    "ncses_fields": {"nl": "NCSES-wetenschapsdomein", "en": "NCSES field of science"},
    "crunchbase_2013_category": {"nl": "Crunchbase-categorie (2013)", "en": "Crunchbase category (2013)"},
    "published": {"nl": "gepubliceerd", "en": "published"},
    "judgement": {"nl": "eigen oordeel", "en": "judgement"},
    "verified": {"nl": "gecontroleerd", "en": "verified"},
    "unverified": {"nl": "niet gecontroleerd", "en": "unverified"},
    "primary": {"nl": "primair", "en": "primary"},
    "secondary": {"nl": "secundair", "en": "secondary"},
    "Electrical engineering": {"nl": "Elektrotechniek", "en": "Electrical engineering"},
    "Instruments": {"nl": "Instrumenten", "en": "Instruments"},
    "Chemistry": {"nl": "Chemie", "en": "Chemistry"},
    "Mechanical engineering": {"nl": "Werktuigbouwkunde", "en": "Mechanical engineering"},
    "Other fields": {"nl": "Overige velden", "en": "Other fields"},
}


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


#: the role a Dutch page quotes English with (defined at the top of the page)
QUOTE_ROLE = "```{role} en\n:class: lang-en\n```\n"


def quoted(text: object, language: str) -> str:
    r"""English text from the data (a code's title, a citation) as a reader of ``language`` sees it: escaped text on an
    English page, a quotation marked as English (role ``{en}``, shown literally) on a Dutch one.

    >>> print(quoted("Additive <manufacturing> | `3D`", "nl"))
    {en}`Additive <manufacturing> \| '3D'`
    >>> print(quoted("Additive *manufacturing*", "en"))
    Additive \*manufacturing\*
    """
    if language == "en":
        return _cell(text)
    value = " ".join(str(text).split()).replace("`", "'").replace("|", "\\|")
    return f"{{en}}`{value}`" if value else ""


def word(value: object, language: str) -> str:
    """A machine value of the taxonomy tables (a source, scheme, basis, WIPO sector) in the reader's words; an
    unknown value as it is.

    >>> word("judgement", "nl"), word("judgement", "en"), word("other", "nl")
    ('eigen oordeel', 'judgement', 'other')
    """
    return TAXONOMY_WORDS.get(str(value), {}).get(language, str(value))


def field_name(label: str, language: str) -> str:
    """A WIPO or NCSES field (English in the data) in ``language``."""
    return FIELD_NAMES_NL.get(label, label) if language == "nl" else label


def taxonomy_markdown(data_dir: Path | str | None = None, language: str = "nl") -> str:
    """The taxonomy annex in ``language`` (MyST markdown): the technologies per category with their code lists per
    source, the coarse mappings, the 35 WIPO fields and the numbered list of citations."""
    text = {key: value[language] for key, value in TAXONOMY_TEXT.items()}
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
    counts = codes.groupby(["basis", "verification"]).size()
    lines = ([QUOTE_ROLE] if language == "nl" else []) + [f"# {text['title']}", "", text["intro"].format(n=len(techs)), "",
             text["code_rows"] + ", ".join(f"{word(b, language)}/{word(v, language)}: {n}" for (b, v), n in counts.items()) + ".", ""]
    label = f"label_{language}"
    # each technology's rows per source and per coarse scheme, split in one pass (in the files' order): a
    # filter per technology and source cost about half a second per language
    code_rows: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for r in codes.itertuples():
        code_rows[r.tech_id, r.source].append(r)
    coarse_rows: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for r in coarse.itertuples():
        coarse_rows[r.tech_id, r.scheme].append(r)
    mapped = set(coarse["tech_id"])
    for cat in categories.itertuples():
        members = techs[techs["category_id"] == cat.category_id]
        if members.empty:
            continue
        lines += [f"## {md_heading(getattr(cat, label))}", ""]
        for t in members.itertuples():
            lines += [f"### {md_heading(getattr(t, label))}", ""]
            lines += _code_tables({source: code_rows.get((t.tech_id, source), []) for source in SOURCES}, language, ref)
            if t.tech_id in mapped:
                lines += _coarse_list({scheme: coarse_rows.get((t.tech_id, scheme), []) for scheme in COARSE_SCHEMES}, language)
    lines += [f"## {text['wipo_title']}", "", text["wipo_head"], "|---|---|---|---|"]
    for r in wipo35.sort_values("field_id").itertuples():
        lines.append(f"| {_cell(r.field_id)} | {_cell(field_name(r.label, language))} | {_cell(word(r.sector, language))} | "
                     f"{_cell(r.ipc_definition)} |")
    lines += ["", f"{text['source']}: {ref(wipo35['citation'].iloc[0])}", "", f"## {text['sources']}", ""]
    for citation, n in refs.items():
        lines.append(f"{n}. {quoted(citation, language)}")
    lines.append("")
    return "\n".join(lines)


def _code_tables(rows_of: dict[str, list[Any]], language: str, ref) -> list[str]:
    """One technology's codes (its rows of the code list per data source), a table per data source."""
    lines: list[str] = []
    for source in SOURCES:
        rows = rows_of.get(source, [])
        if not rows:
            lines += [f"*{word(source, language)}*: {TAXONOMY_TEXT['no_codes'][language]}", ""]
            continue
        lines += [f"*{word(source, language)}*", "", TAXONOMY_TEXT["codes_head"][language], "|---|---|---|---|---|---|"]
        for r in rows:
            lines.append(f"| {_cell(word(r.scheme, language))} | {_code(r.code)} | {quoted(r.label, language)} | "
                         f"{_cell(word(r.basis, language))} | {_cell(word(r.verification, language))} | {ref(r.citation)} |")
        lines.append("")
    return lines


def _coarse_list(rows_of: dict[str, list[Any]], language: str) -> list[str]:
    """One mapped technology's coarse mapping (its rows per scheme): the fields (in ``language``) or categories (codes)
    and their strength."""
    lines = [TAXONOMY_TEXT["coarse"][language], ""]
    for scheme in COARSE_SCHEMES:
        part = rows_of.get(scheme, [])
        if not part:
            continue
        shown = (lambda code: _code(code)) if scheme == "crunchbase_2013_category" else (lambda code: _cell(field_name(code, language)))
        items = "; ".join(f"{shown(r.code)} ({word(r.strength, language)})" for r in part)
        lines.append(f"- {word(scheme, language)}: {items}")
    lines.append("")
    return lines


# ---------------------------------------------------------------------------------------------- the data dictionary

#: the words of the data dictionary page
DICTIONARY_TEXT: dict[str, dict[str, str]] = {
    "title": {"nl": "Datawoordenboek", "en": "Data dictionary"},
    "intro": {
        "nl": "Het boek leest een map met nette, lange tabellen (CSV), die bij elke editie uit de ruwe bronbestanden wordt "
              "gebouwd; de bijlage over de databronnen beschrijft de bronnen, de bijlage over de editie hoe u de map zelf "
              "bouwt. Elk bestand is UTF-8, gesorteerd op zijn sleutel, met getallen tot op 15 beduidende cijfers, zodat "
              "dezelfde invoer bit voor bit dezelfde bestanden geeft. Een inventaris in de map noteert elk invoerbestand "
              "(pad, SHA-256-controlegetal, grootte, gelezen rijen, inleesmodule, bron en licentie) en elke tabel (rijen, "
              "SHA-256). Een tabel wordt gecontroleerd wanneer ze geschreven wordt en opnieuw wanneer ze gelezen wordt. Een "
              "lege cel mag alleen waar de kolom *mag leeg zijn* zegt. De namen van tabellen, kolommen en toegelaten "
              "waarden zijn die van de bestanden.",
        "en": "The book reads a folder of tidy, long tables (CSV), built for every edition from the raw source files; the "
              "data sources annex describes the sources, the edition annex how to build the folder yourself. Every file is "
              "UTF-8, sorted by its key, with numbers written with up to 15 significant digits, so that the same inputs "
              "give byte-identical files. An inventory in the folder records every input file (path, SHA-256 checksum, "
              "size, rows read, adapter, source and licence) and every table (rows, SHA-256). A table is validated when it "
              "is written and again when it is read. An empty cell is allowed only where the column says *may be empty*. "
              "The names of tables, columns and allowed values are those of the files."},
    "key": {"nl": "Sleutel", "en": "Key"},
    "made_by": {"nl": "Gemaakt door", "en": "Produced by"},
    "head": {"nl": "| kolom | soort | beschrijving | toegelaten waarden |", "en": "| column | type | description | allowed values |"},
    "empty": {"nl": "Mag leeg zijn.", "en": "May be empty."},
    "and": {"nl": " en ", "en": " and "},
    "str": {"nl": "tekst", "en": "text"},
    "int": {"nl": "geheel getal", "en": "whole number"},
    "float": {"nl": "getal", "en": "number"},
}


def data_dictionary_markdown(language: str = "nl") -> str:
    """The data dictionary annex in ``language`` (MyST markdown): every canonical table with its key, what produces
    it and every column's type, description and allowed values (in Dutch from :data:`TABLES_NL`)."""
    text = {key: value[language] for key, value in DICTIONARY_TEXT.items()}
    lines = ["(data-dictionary)=", f"# {text['title']}", "", text["intro"], ""]
    for table in TABLES.values():
        said = _table_words(table, language)
        lines += [f"## `{table.filename}`", "", _project_text(said["description"]), "",
                  f"{text['key']}: {', '.join(f'`{k}`' for k in table.key)}. {text['made_by']}: {said['produced_by']}.", "",
                  text["head"], "|---|---|---|---|"]
        for column in table.columns:
            description = said["columns"][column.name] + (" " + text["empty"] if column.nullable else "")
            lines.append(f"| `{column.name}` | {text[column.dtype]} | {_project_text(description)} | {_allowed(column, language)} |")
        lines.append("")
        lines += [f"- {_project_text(note)}" for note in said["notes"]] + ([""] if said["notes"] else [])
    return "\n".join(lines).rstrip() + "\n"


def _table_words(table: TableSchema, language: str) -> dict:
    """A table's description, producer, notes and column descriptions in ``language``."""
    if language == "en":
        return {"description": table.description, "produced_by": table.produced_by, "notes": list(table.notes),
                "columns": {c.name: c.description for c in table.columns}}
    return TABLES_NL[table.name]


def _allowed(column: Column, language: str) -> str:
    """The allowed values of a column (as code) and its range, e.g. ``>= 0 and <= 100`` (Dutch: ``>= 0 en <= 100``).

    >>> _allowed(Column("share", "float", "", min_value=0.0, max_value=0.5), "nl")
    '>= 0 en <= 0,5'
    """
    allowed = [f"`{value}`" for value in column.allowed or ()]
    bounds = [f"{sign} {localise_number(f'{limit:g}', language)}" for sign, limit in ((">=", column.min_value), ("<=", column.max_value))
              if limit is not None]
    return " ".join(filter(None, [", ".join(allowed), DICTIONARY_TEXT["and"][language].join(bounds)]))


def _project_text(text: str) -> str:
    """A description written by the project (Markdown, inline code allowed) made safe for a table cell: ``|``, ``<``
    and ``>`` escaped.

    >>> print(_project_text("US:<metro> | `code`"))
    US:\\<metro\\> \\| `code`
    """
    return " ".join(text.split()).replace("|", "\\|").replace("<", "\\<").replace(">", "\\>")


_KIND = "Soort activiteit."
_PAGE = "De pagina van de studie waar de rij vandaan komt."
_PAGE_COMMIT = "De pagina van de studie waar de rij vandaan komt (pad in haar repository, met de commit)."
_BY_PROJECT = "de projectdata (gedocumenteerd, met bronvermelding per rij)"

#: the data dictionary in Dutch: per table of :data:`helpers.data.schema.TABLES` its description, producer, notes and
#: column descriptions (a test checks that every table and column is here)
TABLES_NL: dict[str, dict] = {
    "activity": {
        "description": "Activiteit van een regio in een technologie en een jaar, per databron en classificatie: de matrices "
                       "regio x technologie X van de methoden (RCA, verwantschap, complexiteit).",
        "produced_by": "`patents_wipo35`, `patents_ipc4`, `articles_ncses`, `scimago`, `crunchbase2013`, `regpat`, `openalex`, `crunchbase`",
        "notes": ["Aggregaten (niveau `aggregate` in `regions.csv`) en landen zijn allebei rijen van deze tabel: kies eerst een "
                  "niveau en tel dan pas op.",
                  "`ncses_fields`: technologie `all` is het NCSES-totaal over alle wetenschapsdomeinen, bewaard naast de 14 "
                  "domeinen; laat het weg in een matrix regio x domein."],
        "columns": {
            "source": _KIND,
            "classification": "Technologieclassificatie van de bron: `wipo35` (35 WIPO-velden, Schmoch 2008), `ncses_fields` "
                              "(14 NCSES-wetenschapsdomeinen plus het totaal `all`), `crunchbase_2013_category` (opgehaalde USD) en "
                              "`crunchbase_2013_category_rounds` (aantal financieringsrondes), `ipc4` / `cpc4` (REGPAT), "
                              "`openalex_topic` / `openalex_subfield`, `crunchbase_category(_rounds)` (huidige export).",
            "region": "Regiocode, zie `regions.csv`: ISO 3166 alpha-3 voor landen, NUTS-codes, `US-XX` voor Amerikaanse staten, "
                      "eigen codes voor aggregaten (`WLD`, `EU27`, `EU28`, `NCSES_*`), `US:` met de naam voor "
                      "grootstedelijke gebieden en `UNK` voor een onbekende plaats.",
            "technology": "Code of naam van de technologie in haar classificatie (de naam van het WIPO-veld zoals in de bron, "
                          "de naam van het NCSES-domein of `all`, de Crunchbase-categorie, de IPC-subklasse, het id van het "
                          "OpenAlex-onderwerp); `technologies.csv` geeft een vast id en een naam.",
            "year": "Jaar (prioriteits- of indieningsjaar voor octrooien, publicatiejaar, jaar van de financiering); voor een "
                    "bron die totalen over een periode publiceert, het eerste jaar van de periode.",
            "value": "Aantal of bedrag; fractionele tellingen toegelaten; nooit negatief.",
            "year_last": "Laatste jaar van de periode wanneer de waarde een totaal over meerdere jaren is (EPO PATSTAT per "
                         "periode: 1974-1988, 1989-2003, 2004-2018); leeg voor één jaar.",
        },
    },
    "documents": {
        "description": "Technologieën per document, voor het samen voorkomen binnen documenten: één rij per document, regio en "
                       "technologie. Een document met technologieën i en j telt één keer voor het paar (i, j).",
        "produced_by": "`regpat`, `openalex`, `crunchbase` (huidige export); de echte bestanden van deze editie hebben geen "
                       "gegevens per document",
        "notes": ["Als Parquet-bestand in plaats van CSV geschreven wanneer de tabel meer dan 2.000.000 rijen heeft; het boek "
                  "leest beide."],
        "columns": {
            "source": _KIND,
            "classification": "Technologieclassificatie, zoals in `activity.csv`.",
            "document_id": "Nummer van het document in zijn bron (REGPAT `appln_id`, id van het OpenAlex-werk, permalink of uuid "
                           "van het Crunchbase-bedrijf).",
            "region": "Regiocode (zie `regions.csv`).",
            "weight": "Aandeel van het document dat aan de regio wordt toegekend (fractionele telling, 0 tot 1).",
            "technology": "Technologiecode in haar classificatie.",
            "year": "Jaar van het document.",
        },
    },
    "cooccurrence": {
        "description": "Een vooraf berekende matrix technologie x technologie van het samen voorkomen: het aantal documenten "
                       "met beide codes (in hetzelfde octrooi), voor bronnen die de matrix publiceren in plaats van de "
                       "documenten. Symmetrisch: beide volgordes zijn rijen. De invoer van de verwantschap wanneer er geen "
                       "gegevens per document zijn.",
        "produced_by": "`patents_ipc4`",
        "notes": ["De diagonaal van de EPO PATSTAT-matrix telt één rij per aanvraag en IPC-code en is dus groter dan het aantal "
                  "aanvragen in de subklasse; de verwantschap negeert de diagonaal."],
        "columns": {
            "source": _KIND,
            "classification": "Classificatie van beide codes, zoals in `activity.csv` (`ipc4_patstat`, `nace2_patstat`).",
            "code_a": "De ene technologiecode.",
            "code_b": "De andere technologiecode (`code_a` = `code_b`: de diagonaal, zoals de bron ze telt).",
            "count": "Aantal documenten met beide codes (samen over de jaren hieronder).",
            "year_first": "Eerste jaar van de getelde documenten.",
            "year_last": "Laatste jaar van de getelde documenten.",
        },
    },
    "regions": {
        "description": "Elke regiocode van de andere tabellen, met haar naam, niveau en bovenliggende regio.",
        "produced_by": "de regiocodes van alle inleesmodules",
        "notes": [],
        "columns": {
            "region": "Regiocode.",
            "name": "Naam (pycountry voor landen, anders de naam van Eurostat, NCSES of Crunchbase).",
            "level": "Soort regio; alleen rijen van niveau `country` mogen tot een wereldtotaal worden opgeteld.",
            "parent": "Omvattende regio (de NUTS-regio erboven, `USA` voor Amerikaanse staten, de NCSES-indeling voor aggregaten).",
            "iso2": "ISO 3166 alpha-2-code van het land waarin de regio ligt.",
            "iso3": "ISO 3166 alpha-3-code van het land waarin de regio ligt (verbindt NUTS 0 `BE` met `BEL`).",
        },
    },
    "technologies": {
        "description": "Elk paar (classificatie, technologie) uit `activity.csv` en `documents.csv`, met een vast id en een naam.",
        "produced_by": "alle inleesmodules voor activiteit",
        "notes": [],
        "columns": {
            "classification": "Classificatie.",
            "technology": "Technologiecode of -naam zoals in `activity.csv`.",
            "technology_id": "Vast id: het nummer van het WIPO-veld `W01`..`W35`, NCSES `N01`..`N14` (`N00` = alle domeinen), "
                             "anders de code zelf.",
            "label": "Leesbare naam (Engels, zoals in de bron).",
            "group": "Hogere groep (WIPO-sector, NCSES-totaal, OpenAlex-veld, ...).",
        },
    },
    "sector_indicators": {
        "description": "Economische indicatoren van een regio in een NACE Rev. 2-sector en een jaar (nationale rekeningen, "
                       "handel, O&O in bedrijven).",
        "produced_by": "`natacc`, `eurostat_sdmx`",
        "notes": ["`zero_suspect`: 0 waar dezelfde reeks waarden verschillend van 0 heeft (of een exporttotaal van 0); "
                  "`zero_series`: de hele reeks is 0; `jump_suspect`: een verandering van jaar tot jaar met een factor 3 of meer, "
                  "op de waarde die het verst van de mediaan van de reeks ligt; `negative`: onder 0 (toegevoegde waarde kan "
                  "negatief zijn, aantallen niet); `missing`: geen waarde."],
        "columns": {
            "region": "Regiocode (landcode van Eurostat, NUTS 0: `BE`, `DE`, `EL`, `UK`, ...).",
            "sector": "NACE Rev. 2-code of -groep zoals in de bron (`C21`, `C24_C25`, `C10-C12`, `TOTAL`).",
            "indicator": "`VA` toegevoegde waarde, `EMP` werkgelegenheid, `PROD` productiewaarde, `EXP` uitvoer, `BERD` O&O in "
                         "bedrijven, ...",
            "year": "Jaar.",
            "value": "Waarde in de eenheid; alleen leeg waar `flag` = `missing`.",
            "unit": "`MIO_EUR` (miljoen euro), `MIO_NAC` (miljoen in de nationale munt: lidstaten buiten de eurozone), `THS_HW` "
                    "(duizend gewerkte uren).",
            "flag": "Leeg wanneer de waarde deugdelijk lijkt, anders waarom ze niet zomaar gebruikt mag worden (zie "
                    "`quality_flags.csv`).",
        },
    },
    "region_indicators": {
        "description": "Indicatoren van een regio (NUTS 0/1/2/3 of aggregaat) en een jaar: O&O-uitgaven en -personeel, "
                       "EPO-aanvragen.",
        "produced_by": "`eurostat_regional`, `eurostat_sdmx`",
        "notes": [],
        "columns": {
            "region": "Regiocode (NUTS; `EU27` voor de EU van 27 lidstaten).",
            "indicator": "`GERD`, `BERD` (`MIO_EUR` of `PC_GDP`), `RD_PERS`, `BES_RD_PERS` (`FTE`), `EPO_APPL` (aantal).",
            "year": "Jaar.",
            "value": "Waarde in de eenheid.",
            "unit": "`MIO_EUR`, `PC_GDP`, `FTE`, `NR`.",
        },
    },
    "quality_flags": {
        "description": "Elke waarde of invoerrij die een inleesmodule markeerde, wegliet of hercodeerde, met de reden.",
        "produced_by": "alle inleesmodules",
        "notes": [],
        "columns": {
            "file": "Invoerbestand, ten opzichte van de map met ruwe data.",
            "table": "De betrokken tabel.",
            "region": "Regiocode (of de ruwe waarde wanneer die niet kon worden omgezet).",
            "item": "De betrokken sector of indicator, technologie of ander element.",
            "year": "Het betrokken jaar.",
            "value": "De gemarkeerde waarde (of de som van de weggelaten rijen).",
            "flag": "Soort markering.",
            "reason": "Waarom, in woorden (in het Engels).",
        },
    },
    "taxonomy": {
        "description": "De gekozen technologieën (standaard de 38 van het VARIO-advies): categorie en, per bron, de codes van "
                       "de classificatie die elke technologie afbakenen.",
        "produced_by": _BY_PROJECT,
        "notes": [],
        "columns": {
            "technology_id": "Vast id van de gekozen technologie.",
            "name_nl": "Naam in het Nederlands.",
            "name_en": "Naam in het Engels.",
            "category": "Categorie (levenswetenschappen en biotechnologie, digitale technologieën en AI, ...).",
            "source": "Databron waarop de codes slaan.",
            "classification": "Classificatie van de codes (zoals in `activity.csv`).",
            "codes": "Technologiecodes in die classificatie, gescheiden door `;`.",
            "citation": "Waar de afbakening vandaan komt.",
        },
    },
    "priorities": {
        "description": "Prioriteiten van nationale en regionale strategieën, afgebeeld op de gemeenschappelijke taxonomie.",
        "produced_by": _BY_PROJECT,
        "notes": [],
        "columns": {
            "strategy": "Strategie of beleidsdocument.",
            "country": "Land- of regiocode.",
            "year": "Jaar van de strategie.",
            "item": "De prioriteit zoals de strategie ze noemt.",
            "taxonomy_items": "De `technology_id`'s van de taxonomie waarop ze is afgebeeld, gescheiden door `;`.",
            "citation": "Bron van de rij.",
        },
    },
    "budgets": {
        "description": "Budgetten van beleidsprogramma's.",
        "produced_by": _BY_PROJECT,
        "notes": [],
        "columns": {
            "programme": "Programma.",
            "country": "Land- of regiocode.",
            "year": "Jaar (eerste jaar voor meerjarige budgetten).",
            "amount": "Bedrag.",
            "unit": "Munt en schaal, bijvoorbeeld `MIO_EUR`.",
            "kind": "Soort bedrag (jaarlijks, meerjarig, ...).",
            "citation": "Bron van de rij.",
        },
    },
    "published_positions": {
        "description": "Gepubliceerde waarden van de technologiekwadranten van een studie (de CEPS-studie achter het "
                       "VARIO-advies, figuren 1, 3, 5 en 6): per bron en technologie de RCA van de regio, de "
                       "verwantschapsdichtheid en de complexiteit van de technologie. Referentiedata: het boek toont ze naast "
                       "wat het zelf berekent en past er nooit iets op aan.",
        "produced_by": "`ceps_vario`",
        "notes": [],
        "columns": {
            "study": "Welke studie de waarden publiceerde (`ceps_vario_2026`).",
            "source": "`patents`, `publications`, `investments` of `summary` (de samengestelde waarde van de studie over de drie "
                      "bronnen).",
            "region": "Regiocode (`BE2`: het Vlaams Gewest).",
            "technology": "`tech_id` van de technologielijst van het project (via de vertaaltabel van de studie).",
            "study_name": "De naam van de technologie op de pagina's van de studie.",
            "study_category": "De categorie van de technologie in de studie (haar kleur op de grafieken van de studie).",
            "rca": "Gepubliceerde RCA van de regio in deze bron (leeg voor `summary`).",
            "density": "Verwantschapsdichtheid van de technologie voor de regio in DEZE bron (0-100); voor `summary` de "
                       "samengestelde verwantschapsdichtheid (0-100).",
            "density_plotted": "De x-waarde die de pagina van de studie voor deze bron tekent (de octrooidichtheid op de pagina's "
                               "over publicaties en investeringen, zie de beschrijving bij de ruwe data).",
            "complexity": "Gepubliceerde complexiteit van de technologie (y-as; één waarde per technologie, dezelfde in elke bron).",
            "published_rank": "De rang van de dichtheid in deze bron volgens de studie (1 = laagste, gelijke waarden gemiddeld); "
                              "voor `summary` de som van de drie rangen.",
            "page": _PAGE_COMMIT,
        },
    },
    "published_network": {
        "description": "De 'domeinruimte' van de studie: gewogen verbindingen tussen technologieën, per bron (verwantschap uit "
                       "het samen voorkomen).",
        "produced_by": "`ceps_vario`",
        "notes": [],
        "columns": {
            "study": "Welke studie het netwerk publiceerde.",
            "source": "`patents` of `publications`.",
            "technology_a": "`tech_id` van het ene uiteinde (het kleinste id van het paar).",
            "technology_b": "`tech_id` van het andere uiteinde.",
            "weight": "Gewicht van de verbinding zoals gepubliceerd (de normalisering staat niet op de pagina van de studie).",
            "page": _PAGE,
        },
    },
    "published_layout": {
        "description": "Waar de netwerkgrafiek van de studie elke technologie tekent (coördinaten), per bron.",
        "produced_by": "`ceps_vario`",
        "notes": [],
        "columns": {
            "study": "Welke studie de schikking publiceerde.",
            "source": "`patents` of `publications`.",
            "technology": "`tech_id`.",
            "study_category": "De categorie van de technologie in de studie.",
            "x": "Horizontale coördinaat.",
            "y": "Verticale coördinaat.",
            "page": _PAGE,
        },
    },
    "published_companies": {
        "description": "Bedrijven van de regio die de studie per technologie opsomt (onvolledig: niet de pagina van elke "
                       "technologie is bewaard).",
        "produced_by": "`ceps_vario`",
        "notes": [],
        "columns": {
            "study": "Welke studie de lijst publiceerde.",
            "technology": "`tech_id`.",
            "organisation": "Naam van het bedrijf zoals gepubliceerd.",
            "amount": "Bedrag dat bij het bedrijf staat (vermoedelijk opgehaalde financiering in USD; de pagina zegt het niet).",
            "page": _PAGE,
        },
    },
    "published_regional": {
        "description": "Gepubliceerde octrooien van Europese NUTS 2-regio's in de technologieën van een studie, met de "
                       "gepubliceerde RCA van de regio en de gepubliceerde complexiteit van de technologie (CEPS/Balland, kansen "
                       "voor slimme specialisatie in 42 groene en digitale technologieën). De noemers van de RCA zijn alle "
                       "octrooien van de regio, niet alleen die in deze technologieën.",
        "produced_by": "`nuts2_keytech42`",
        "notes": ["Het aandeel van een regio in alle octrooien wordt teruggerekend uit de cellen met octrooien, als octrooien / "
                  "(RCA x totaal van de technologie); zie het hoofdstuk over de regio's."],
        "columns": {
            "study": "Welke studie de waarden publiceerde (`ceps_keytech42`).",
            "region": "Code van de NUTS 2-regio (NUTS 2013; Londen als NUTS 2010 `UKI1`, `UKI2`).",
            "technology": "De naam van de technologie zoals de studie ze schrijft.",
            "transition": "`digital` of `green` (de groep van de tweeledige transitie in de studie).",
            "patents": "De octrooien van de regio in de technologie (jaren en telregel vermeldt de studie niet).",
            "rca": "De gepubliceerde RCA van de regio in de technologie (0 waar ze geen octrooien heeft).",
            "complexity": "De gepubliceerde complexiteit van de technologie (0-100; dezelfde voor elke regio).",
            "page": _PAGE_COMMIT,
        },
    },
}
