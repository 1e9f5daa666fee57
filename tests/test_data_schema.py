"""Schema validation: one test per bad-input class, and the data dictionary page."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.errors import InputError
from helpers.data.schema import TABLES, data_dictionary_markdown, get_schema
from helpers.data.validation import empty_frame, sort_table, validate


def activity(**over) -> pd.DataFrame:
    base = {
        "source": ["patents", "patents"],
        "classification": ["wipo35", "wipo35"],
        "region": ["BEL", "NLD"],
        "technology": ["Optics", "Optics"],
        "year": [2019, 2019],
        "value": [3.0, 4.5],
    }
    base.update(over)
    return pd.DataFrame(base)


def test_valid_activity_passes_and_gets_schema_dtypes():
    df = validate(activity(year=["2019", "2019"], value=["3", "4.5"]), "activity", "a.csv")
    assert str(df["year"].dtype) == "Int64"
    assert df["value"].tolist() == [3.0, 4.5]


def test_missing_column():
    with pytest.raises(InputError, match=r"a\.csv: missing column\(s\) 'value' in table 'activity'.*add them"):
        validate(activity().drop(columns="value"), "activity", "a.csv")


def test_extra_column():
    with pytest.raises(InputError, match=r"a\.csv: unexpected column\(s\) 'unit'.*remove them"):
        validate(activity(unit=["n", "n"]), "activity", "a.csv")


def test_wrong_type_names_line_and_column():
    with pytest.raises(InputError, match=r"a\.csv: column 'year' has a non-numeric value '20x9' at line 3 .*region=NLD.*write a whole number"):
        validate(activity(year=["2019", "20x9"]), "activity", "a.csv", from_file=True)


def test_fractional_year():
    with pytest.raises(InputError, match=r"column 'year' must hold whole numbers but has 2019.5"):
        validate(activity(year=[2019, 2019.5]), "activity", "a.csv")


def test_negative_count():
    with pytest.raises(InputError, match=r"a\.csv: column 'value' has a negative count -1 .*region=NLD.*counts must be >= 0"):
        validate(activity(value=[3.0, -1.0]), "activity", "a.csv")


def test_nan_count():
    with pytest.raises(InputError, match=r"a\.csv: column 'value' has an NaN/empty value at .*region=BEL.*fill it in or remove the row"):
        validate(activity(value=[float("nan"), 1.0]), "activity", "a.csv")


def test_empty_text_value():
    with pytest.raises(InputError, match=r"column 'region' has an empty value"):
        validate(activity(region=["BEL", " "]), "activity", "a.csv")


def test_duplicate_key():
    with pytest.raises(InputError, match=r"a\.csv: duplicate key \(source, classification, region, technology, year\) at .*region=BEL.*sum or remove"):
        validate(activity(region=["BEL", "BEL"]), "activity", "a.csv")


def test_not_allowed_value():
    with pytest.raises(InputError, match=r"column 'source' has the unknown value 'trademarks'.*allowed: patents, publications, investments"):
        validate(activity(source=["patents", "trademarks"]), "activity", "a.csv")


def test_unknown_region_code():
    with pytest.raises(InputError, match=r"a\.csv: unknown region code 'NLD' .*add it to regions.csv"):
        validate(activity(), "activity", "a.csv", regions=["BEL"])


def test_unknown_technology_code():
    techs = pd.DataFrame({"classification": ["wipo35"], "technology": ["Optics"]})
    with pytest.raises(InputError, match=r"unknown technology code 'Optcs' of classification 'wipo35'"):
        validate(activity(technology=["Optics", "Optcs"]), "activity", "a.csv", technologies=techs)


def test_messages_are_one_line():
    with pytest.raises(InputError) as exc:
        validate(activity(value=[3.0, -1.0]), "activity", "a.csv")
    assert "\n" not in str(exc.value)


def test_unknown_table():
    with pytest.raises(InputError, match=r"unknown table 'nope'"):
        validate(activity(), "nope")


def test_data_dictionary_documents_every_table_and_column():
    md = data_dictionary_markdown()
    assert md.startswith("(data-dictionary)=\n# Data dictionary")
    for t in TABLES.values():
        assert f"## `{t.filename}`" in md
        for c in t.columns:
            assert f"| `{c.name}` |" in md
    assert "`patents`, `publications`, `investments`" in md


def _one_valid_row(table: str) -> pd.DataFrame:
    """A one-row table that passes its schema's checks (no region or technology lists given)."""
    def value(c):
        if c.allowed:
            return c.allowed[0]
        if c.dtype == "str":
            return "x"
        low = c.min_value if c.min_value is not None else 0
        return int(low) + 1 if c.dtype == "int" and (c.max_value is None or low + 1 <= c.max_value) else low
    return pd.DataFrame({c.name: [value(c)] for c in get_schema(table).columns})


@pytest.mark.parametrize("table", sorted(TABLES))
def test_an_empty_table_gets_the_dtypes_and_columns_of_a_full_one(table):
    """An empty table (most of an adapter's tables) takes a shortcut through the checks: it must come out
    as a validated table with rows does, whatever dtypes it came in with, and sorting it changes nothing."""
    full = validate(_one_valid_row(table), table)
    assert len(full) == 1
    columns = get_schema(table).column_names
    for given in (pd.DataFrame({c: pd.Series([], dtype=object) for c in columns}),
                  pd.DataFrame({c: pd.Series([], dtype="float64") for c in reversed(columns)})):
        empty = validate(given, table)
        pd.testing.assert_frame_equal(empty, full.iloc[:0].reset_index(drop=True), check_index_type=True)
        pd.testing.assert_frame_equal(sort_table(empty, table), empty)
    assert empty_frame(table) is not empty_frame(table)  # a copy each time: a caller may change it
    with pytest.raises(InputError, match="missing column"):
        validate(pd.DataFrame({c: [] for c in columns[1:]}), table)
