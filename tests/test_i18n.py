"""One labels module: helpers.i18n merges the chapter tables of helpers.i18n.labels and holds the one t()."""

from __future__ import annotations

import ast
import importlib
import json
from pathlib import Path
from types import MappingProxyType

import pandas as pd
import pytest

from helpers import i18n
from helpers.i18n import (CHAPTER_LABELS, COLUMN_PREFIXES, FIELD_NAMES_NL, LABELS, column_labels, join_names, merge_labels,
                          policy_region_name, region_name, strategy_short_name, t, taxonomy_label)

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "helpers"


def _code_cells(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def test_every_label_has_nl_and_en():
    assert set(CHAPTER_LABELS) == {"common", "sectors", "technology", "landscape", "published", "ipc", "regions", "validation"}
    for chapter, table in CHAPTER_LABELS.items():
        for key, value in table.items():
            assert set(value) == {"nl", "en"}, (chapter, key)
            assert all(isinstance(v, str) and v for v in value.values()), (chapter, key)
    assert len(LABELS) == sum(len(table) for table in CHAPTER_LABELS.values())


def test_no_label_key_defined_twice():
    # across chapters: not even with the same text
    seen: dict[str, str] = {}
    for chapter, table in CHAPTER_LABELS.items():
        for key in table:
            assert key not in seen, f"{key!r} in {seen.get(key)} and {chapter}"
            seen[key] = chapter
    # within a file: a dict literal silently keeps the last of two equal keys
    for path in sorted((SRC / "labels").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
                assert len(keys) == len(set(keys)), (path.name, sorted({k for k in keys if keys.count(k) > 1}))


def test_merge_labels_raises_on_a_key_with_different_text():
    same = {"a": {"x": {"nl": "een", "en": "one"}}, "b": {"x": {"nl": "een", "en": "one"}, "y": {"nl": "twee", "en": "two"}}}
    assert merge_labels(same) == {"x": {"nl": "een", "en": "one"}, "y": {"nl": "twee", "en": "two"}}
    with pytest.raises(ValueError, match="'x'.*a and in b"):
        merge_labels({"a": {"x": {"nl": "een", "en": "one"}}, "b": {"x": {"nl": "één", "en": "one"}}})


def test_t_raises_keyerror_on_unknown_key_or_language():
    with pytest.raises(KeyError):
        t("no_such_label", "nl")
    with pytest.raises(KeyError):
        t("patents", "fr")
    # one t() for every chapter's keys
    assert t("patents", "en") == "patents"
    assert t("sector_compare_computed", "nl", region="België") == "Berekend (België)"
    assert t("tech_split_median", "en") == "median"
    assert t("land_rd_title", "nl", start=2010, end=2020) == "O&O-intensiteit: uitgaven in % van het bbp, 2010-2020"


def test_one_t_and_no_chapter_label_modules_left():
    for old in ("i18n_sectors", "i18n_technology", "i18n_landscape"):
        with pytest.raises(ModuleNotFoundError):
            importlib.import_module(f"helpers.{old}")
    public = {name for name in dir(i18n) if callable(getattr(i18n, name)) and getattr(getattr(i18n, name), "__module__", "") == "helpers.i18n"}
    assert {"t", "region_name", "column_labels", "policy_region_name", "strategy_short_name", "taxonomy_label", "join_names"} <= public
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        defined = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
        if path != SRC / "i18n" / "__init__.py":
            assert not defined & public, (path.relative_to(SRC), sorted(defined & public))
        assert "i18n_" not in path.read_text(encoding="utf-8"), path.relative_to(SRC)
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for code in _code_cells(path):
            assert "i18n_" not in code, path.name
            assert "helpers.i18n.labels" not in code, f"{path.name}: import labels from helpers.i18n"


def test_column_labels_per_chapter():
    assert set(COLUMN_PREFIXES) == {"sectors", "technology", "landscape", "published", "ipc", "regions", "validation"}
    sectors, tech, land = (column_labels("nl", c) for c in ("sectors", "technology", "landscape"))
    # the same machine name may read differently per chapter
    assert (sectors["value"], land["value"]) == ("waarde", "% bbp")
    assert (sectors["n"], land["n"]) == ("aantal", "kolommen")
    assert column_labels("en", "landscape")["computed"] == "sum of the parts"
    assert column_labels("en", "sectors")["computed"] == "computed"
    assert sectors["domain"] == "domein" and land["country"] == "land" and tech["density"] == "verwantschapsdichtheid"
    assert len(sectors) > 50 and len(tech) > 20 and len(land) > 50
    with pytest.raises(KeyError):
        column_labels("nl", "overview")


def test_landscape_helpers():
    assert policy_region_name("BE-VLG", "nl") == "Vlaanderen"
    assert policy_region_name("DE-BY", "en") == "Bavaria"
    assert policy_region_name("DEU", "nl") == "Duitsland"
    assert policy_region_name("US-CA", "en", pd.Series({"US-CA": "California"})) == "California"
    strategies = pd.DataFrame({"strategy_id": ["x_2020", "y_long"], "name": ["Korte naam", "Een heel erg lange naam van een strategie"],
                               "name_en": ["Short name", "A very very long name of a strategy indeed"]})
    assert strategy_short_name("deu_hts_2014", "en") == "New HTS (2014)"
    assert strategy_short_name("x_2020", "nl", strategies) == "Korte naam"
    assert strategy_short_name("x_2020", "en", strategies) == "Short name"
    assert strategy_short_name("y_long", "en", strategies, limit=12) == "A very very…"
    assert strategy_short_name("unknown", "nl", strategies) == "unknown"
    technologies = pd.DataFrame({"tech_id": ["ai"], "label_nl": ["Artificiële intelligentie"], "label_en": ["Artificial intelligence"]})
    domains = {"chem": ("Chemie", "Chemicals")}
    assert taxonomy_label("ai", "nl", technologies, domains) == "Artificiële intelligentie"
    assert taxonomy_label("chem", "en", technologies, domains) == "Chemicals (sector)"
    assert taxonomy_label("other", "en", technologies, domains) == "other"
    assert join_names([], "nl") == "—"
    assert join_names(["a"], "en") == "a"
    assert join_names(["a", "b", "c"], "nl") == "a, b en c"
    assert join_names(["a", "b"], "en") == "a and b"


def test_technology_field_names():
    assert FIELD_NAMES_NL["Optics"] == "Optica"
    assert FIELD_NAMES_NL["Physics"] == "Fysica"
    from helpers.chapters.technologies import technology_labels
    labels = technology_labels("wipo35", ["Optics"]).set_index("technology")
    assert labels.loc["Optics", "label_nl"] == "Optica"


@pytest.mark.parametrize("names", [
    pd.Series({"US-CA": "California", "BE21": "Prov. Antwerpen"}),
    {"US-CA": "California", "BE21": "Prov. Antwerpen"},
    MappingProxyType({"US-CA": "California", "BE21": "Prov. Antwerpen"}),
])
def test_region_name_accepts_a_series_or_any_mapping(names):
    # a sub-national focus is not a country: its name comes from ``names`` (overview.ipynb passes a Series)
    assert region_name("US-CA", "nl", names) == "California"
    assert region_name("BE21", "en", names) == "Prov. Antwerpen"
    assert region_name("US-TX", "en", names) == "US-TX"
    assert region_name("BEL", "nl", names) == "België"
    assert region_name("BE2", "en", names) == "Flemish Region"


def test_region_name_with_the_regions_table_column():
    regions = pd.DataFrame({"region": ["US-CA", "US-NY", "BE21"], "name": ["California", None, "Antwerpen"]})
    names = regions.set_index("region")["name"]
    assert region_name("US-CA", "en", names) == "California"
    assert region_name("US-NY", "en", names) == "US-NY"  # no name in the table: the code
    assert region_name("US-CA", "en", pd.Series(dtype=object)) == "US-CA"
    assert region_name("US-CA", "en", None) == "US-CA"


@pytest.mark.parametrize(("text", "dutch"), [("61,648", "61.648"), ("0.59", "0,59"), ("2015", "2015"), ("3.35%", "3,35%"),
                                             ("1,234,567.25", "1.234.567,25"), ("-2.44", "-2,44"),
                                             ("Electrical machinery, apparatus, energy", "Electrical machinery, apparatus, energy"),
                                             ("v1.2", "v1.2")])
def test_localise_number(text, dutch):
    from helpers.i18n import localise_number

    assert localise_number(text, "nl") == dutch
    assert localise_number(text, "en") == text
