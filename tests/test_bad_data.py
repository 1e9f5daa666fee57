"""Bad data that used to be published silently (issue 16, "Bad data published silently").

Each test reproduces one trial of the issue and checks that it now stops with one line naming the
file, the line, column or year and what to do (and that nothing is written), or, for missing
numbers in the text, that the page says so in words.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, raw_data_or_skip, run_helpers

from helpers.cli import main as cli
from helpers.data import canonical
from helpers.data.adapters import articles_ncses, check_partial_years, patents_wipo35, read_csv_raw, scimago
from helpers.data.canonical import build, read
from helpers.data.windows import check_windows
from helpers.errors import InputError
from helpers.methods.matrix import check_activity
from helpers.methods.specialisation import rca

PAT = "patents_country_wipo35.csv"
PAT_HEADER = "year,country_iso3,country_name,wipo_field,patents\n"
COUNTRIES = ["BEL", "NLD", "DEU", "FRA", "GBR", "SWE", "USA", "JPN", "CHN", "KOR", "ITA", "ESP", "AUT", "DNK", "FIN", "NOR", "CHE", "IRL", "POL", "CZE"]
FIELDS = [name for name, _ in patents_wipo35.WIPO35.values()]


def _one_line(exc: pytest.ExceptionInfo) -> str:
    msg = str(exc.value)
    assert "\n" not in msg, msg
    return msg


def _patent_lines(years=range(2015, 2020), share: dict[int, float] | None = None) -> list[str]:
    """A complete country x field file: 20 countries x 35 fields a year, counts with several digits."""
    lines = []
    for year in years:
        rows = [f'{year},{c},{c},"{f}",{100 + 7 * i + j}\n' for i, c in enumerate(COUNTRIES) for j, f in enumerate(FIELDS)]
        keep = (share or {}).get(year, 1.0)
        lines += rows[: int(len(rows) * keep)]
    return lines


def _raw(tmp_path: Path, files: dict[str, str]) -> Path:
    raw = tmp_path / "raw"
    for name, text in files.items():
        (raw / name).parent.mkdir(parents=True, exist_ok=True)
        (raw / name).write_text(text, encoding="utf-8")
    return raw


def _build_fails(tmp_path: Path, raw: Path, pattern: str) -> str:
    out = tmp_path / "out"
    with pytest.raises(InputError, match=pattern) as exc:
        build(raw, out, progress=lambda m: None)
    assert not out.exists(), "nothing may be written when the data are bad"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")], "no temp folder left behind"
    return _one_line(exc)


# ------------------------------------------------------------------ 1. truncated files and partial years


def test_file_cut_inside_a_number_is_an_error(tmp_path):
    text = PAT_HEADER + "".join(_patent_lines())
    # cut inside 2016, in the middle of the count of a row: "...,Optics,2" instead of "...,Optics,247"
    start_2016 = text.index("\n2016,") + 1
    row_start = text.index("\n", start_2016 + 20000) + 1
    cut = text.index("\n", row_start) - 2
    truncated = text[:cut]
    line = truncated.count("\n") + 1
    raw = _raw(tmp_path, {PAT: truncated})
    msg = _build_fails(tmp_path, raw, rf"^{PAT}: line {line} \(the last\) has no line end, so the file looks cut off")
    assert "download or copy the complete file again" in msg


def test_last_record_with_fewer_fields_is_an_error(tmp_path):
    lines = _patent_lines(years=[2019])
    raw = _raw(tmp_path, {PAT: PAT_HEADER + "".join(lines) + "2019,BEL,Belgium\n"})
    _build_fails(tmp_path, raw, rf"^{PAT}: line {len(lines) + 2} has 3 field\(s\) but the header has 5: the record is incomplete")


def test_file_cut_at_a_line_end_inside_the_last_year_is_an_error(tmp_path):
    # the file stops after 40% of 2016's rows, with a clean line end: only the year's total shows it
    raw = _raw(tmp_path, {PAT: PAT_HEADER + "".join(_patent_lines(range(2015, 2017), share={2016: 0.4}))})
    msg = _build_fails(tmp_path, raw, rf"^{PAT}: year 2016 \(the file's last year\) looks incomplete: its patent total")
    assert "of 2015" in msg and "remove the rows of 2016" in msg


def test_partial_year_inside_the_file_is_an_error(tmp_path):
    raw = _raw(tmp_path, {PAT: PAT_HEADER + "".join(_patent_lines(share={2017: 0.3}))})
    msg = _build_fails(tmp_path, raw, rf"^{PAT}: year 2017 looks incomplete")
    assert "of 2016 and 2018" in msg


def test_a_year_well_above_half_of_its_neighbours_passes(tmp_path):
    # 2010 in the real patents file is 79% of its neighbours: a real dip, not a partial year
    raw = _raw(tmp_path, {PAT: PAT_HEADER + "".join(_patent_lines(share={2017: 0.7}))})
    build(raw, tmp_path / "out", progress=lambda m: None)
    assert sorted(read(tmp_path / "out", "activity")["year"].unique()) == [2015, 2016, 2017, 2018, 2019]


def test_partial_year_rule_on_the_real_files():
    raw = raw_data_or_skip()
    pat = pd.read_csv(raw / PAT, keep_default_na=False)
    check_partial_years(pat["year"], pat["patents"], PAT)
    art = pd.read_csv(raw / articles_ncses.FILES[0])
    check_partial_years(art["year"], art["articles"], articles_ncses.FILES[0])
    sci = pd.read_csv(raw / scimago.FILES[0])
    check_partial_years(sci["year"], sci["documents"], scimago.FILES[0])
    # the measured margin: the lowest year of the patents file is 79% of its neighbours (2010)
    tot = pat.groupby("year")["patents"].sum()
    assert tot[2010] / ((tot[2009] + tot[2011]) / 2) > 0.75 and tot[2019] > tot[2018]


def test_real_patents_file_cut_inside_2016(tmp_path):
    raw = raw_data_or_skip()
    text = (raw / PAT).read_text(encoding="utf-8")
    start_2016, first_2017 = text.index("\n2016,") + 1, text.index("\n2017,") + 1
    middle = text.index("\n", (start_2016 + first_2017) // 2)  # the line end of a record half way through 2016
    # cut in the middle of that record's count: the missing line end
    folder = _raw(tmp_path, {PAT: text[: middle - 1]})
    _build_fails(tmp_path, folder, rf"^{PAT}: line {text[:middle].count(chr(10)) + 1} \(the last\) has no line end")
    # cut at its line end: the partial year
    (folder / PAT).write_text(text[: middle + 1], encoding="utf-8")
    _build_fails(tmp_path, folder, rf"^{PAT}: year 2016 \(the file's last year\) looks incomplete: its patent total")


def test_real_articles_file_with_a_partial_last_year(tmp_path):
    raw = raw_data_or_skip()
    df = pd.read_csv(raw / articles_ncses.FILES[0], dtype=str, keep_default_na=False)
    keep = (df["year"] != "2022") | (df.index % 3 == 0)  # a third of 2022
    path = tmp_path / "articles_country_field.csv"
    df[keep].to_csv(path, index=False, lineterminator="\n")
    with pytest.raises(InputError, match=r"^articles\.csv: year 2022 \(the file's last year\) looks incomplete") as exc:
        articles_ncses.load(path, label="articles.csv")
    _one_line(exc)


# ------------------------------------------------------------------ 2. windows beyond the data

IPC_HEADER = "ctry_code,ipc4,patents_frac,period\n"


@pytest.fixture(scope="module")
def small_folder(tmp_path_factory) -> Path:
    """A canonical folder with patents 2015-2019 (wipo35) and PATSTAT IPC periods 1989-2003 and 2004-2018."""
    tmp = tmp_path_factory.mktemp("windows")
    ipc = "".join(f"{c},{code},{n}.5,{p}\n" for p in ("1989-2003", "2004-2018") for c in ("BE", "NL", "DE")
                  for n, code in enumerate(("A01B", "C12N", "H04L")))
    raw = _raw(tmp, {PAT: PAT_HEADER + "".join(_patent_lines()), "patents_country_ipc4/country_ipc4_patents.csv": IPC_HEADER + ipc})
    build(raw, tmp / "out", progress=lambda m: None)
    return tmp / "out"


def test_window_beyond_the_data_is_an_error(small_folder):
    with pytest.raises(InputError) as exc:
        check_windows(small_folder, {"patents": (2015, 2030)})
    msg = _one_line(exc)
    assert msg.startswith("windows.patents: 2015-2030 goes beyond the data (patents data cover 2015-2019 in wipo35); choose a window within 2015-2019")
    with pytest.raises(InputError, match=r"^windows\.patents: 2010-2016 goes beyond the data"):
        check_windows(small_folder, {"patents": [2010, 2016]})


def test_window_inside_the_data_passes_and_absent_sources_are_not_checked(small_folder):
    check_windows(small_folder, {"patents": [2016, 2019], "patents_ipc": [2004, 2018], "publications": [2018, 2022], "sectors": [1, 2]})


def test_edition_windows_are_accepted_as_they_are(small_folder):
    from helpers.book.edition import load_edition

    edition = load_edition(ROOT / "editions" / "2026.yml", check_data=False)
    check_windows(small_folder, edition.windows)  # the model itself
    with pytest.raises(InputError, match=r"^windows\.patents: 2015-2030"):
        check_windows(small_folder, load_edition(ROOT / "editions" / "2026.yml", ["windows.patents=[2015,2030]"], check_data=False).windows)


def test_period_window_must_be_a_period_of_the_data(small_folder):
    with pytest.raises(InputError) as exc:
        check_windows(small_folder, {"patents_ipc": [2004, 2020]})
    msg = _one_line(exc)
    assert msg.startswith("windows.patents_ipc: 2004-2020 is not a period of the data (patents_ipc data cover the periods 1989-2003, 2004-2018 in ipc4_patstat)")


def test_window_with_a_missing_year_is_an_error(tmp_path):
    lines = [ln for ln in _patent_lines() if not ln.startswith("2017,")]
    build(_raw(tmp_path, {PAT: PAT_HEADER + "".join(lines)}), tmp_path / "out", progress=lambda m: None)
    with pytest.raises(InputError, match=r"^windows\.patents: 2015-2019 includes year\(s\) without data \(2017;") as exc:
        check_windows(tmp_path / "out", {"patents": [2015, 2019]})
    _one_line(exc)
    check_windows(tmp_path / "out", {"patents": [2018, 2019]})


def test_window_check_on_the_real_data(tmp_path):
    raw = raw_data_or_skip()
    out = tmp_path / "canon"
    build(raw, out, sources=["patents", "rd"], progress=lambda m: None)
    check_windows(out, {"patents": [2015, 2019], "rd": [2013, 2019]})
    with pytest.raises(InputError, match=r"^windows\.patents: 2015-2030 goes beyond the data \(patents data cover 1995-2019 in wipo35\)"):
        check_windows(out, {"patents": [2015, 2030]})


# ------------------------------------------------------------------ 3. unknown NACE code

NATACC = "sectors_natacc_eu28.csv"


def test_unknown_nace_code_is_an_error(tmp_path):
    rows = "2015,BE,VA,C21,100.0\n2015,BE,VA,C99,5.0\n2015,BE,VA,C10-C12,40.0\n"
    raw = _raw(tmp_path, {NATACC: "year,country,indicator,nace,value\n" + rows})
    msg = _build_fails(tmp_path, raw, rf"^{NATACC}: unknown NACE code 'C99' in column 'nace' at line 3: it names division 99, "
                                      r"which is not in NACE Rev\. 2 section C \(divisions 10-33\)")
    assert "fix the code" in msg


@pytest.mark.parametrize("code", ["C34", "A04", "U98", "C12-C10", "C2x"])
def test_other_bad_nace_codes(tmp_path, code):
    raw = _raw(tmp_path, {NATACC: f"year,country,indicator,nace,value\n2015,BE,VA,{code},5.0\n"})
    _build_fails(tmp_path, raw, rf"^{NATACC}: unknown NACE code '{code}' in column 'nace' at line 2")


def test_real_nace_groups_pass(tmp_path):
    codes = ["TOTAL", "A", "C", "C10-C12", "C22_C23", "C24_C25", "C29_C30", "C31-C33", "E37-E39", "M69_M70", "M71", "M73-M75", "U"]
    raw = _raw(tmp_path, {NATACC: "year,country,indicator,nace,value\n" + "".join(f"2015,BE,VA,{c},5.0\n" for c in codes)})
    build(raw, tmp_path / "out", progress=lambda m: None)
    assert sorted(read(tmp_path / "out", "sector_indicators")["sector"]) == sorted(codes)


# ------------------------------------------------------------------ 4. no "nan" in the budgets text

RD_HEADER = "indicator,region_id,region_level,region_year_spec,year,value\n"


@pytest.fixture(scope="module")
def rd_folder(tmp_path_factory) -> Path:
    """R&D intensity (GERD, BERD % of GDP) 2013-2019 for Flanders, BE, NL, DE and the EU; none for LIE."""
    tmp = tmp_path_factory.mktemp("budgets")
    rows = []
    for code, level, base in (("BE2", 1, 2.5), ("BE", 0, 2.4), ("NL", 0, 2.0), ("DE", 0, 2.9), ("EU27_2020", 0, 2.1)):
        for year in range(2013, 2020):
            rows.append(f"rd_e_gerdreg_total_pc_gdp,{code},{level},2016,{year},{base + 0.1 * (year - 2013):.2f}\n")
            rows.append(f"rd_e_gerdreg_bes_pc_gdp,{code},{level},2016,{year},{0.7 * base:.2f}\n")
    raw = _raw(tmp, {"regional_rd_eurostat.csv": RD_HEADER + "".join(rows)})
    canonical.build(raw, tmp / "out", sources=["rd"], progress=lambda m: None)
    return tmp / "out"


def _budget_glue(folder: Path, focus: str, language: str) -> dict:
    from helpers.chapters import countries

    page = countries.budgets_page(folder, focus_region=focus, comparison_regions=["NLD", "DEU"], rd_window=[2013, 2019], language=language)
    return page.glue()


@pytest.mark.parametrize("language, words", [("nl", "geen gegevens"), ("en", "no data")])
def test_focus_region_without_rd_data_gives_words(rd_folder, language, words):
    glue = _budget_glue(rd_folder, "LIE", language)
    assert glue["cb_rd_focus"] == "Liechtenstein"
    assert glue["cb_rd_focus_last_text"] == words
    texts = {k: v for k, v in glue.items() if isinstance(v, str)}
    assert not [k for k, v in texts.items() if re.search(r"\bnan\b", v, re.IGNORECASE)], texts
    assert glue["cb_rd_eu_last_text"] == f"{glue['cb_rd_eu_last']:.2f}%"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_flanders_as_focus_region_uses_its_own_row(rd_folder, language):
    glue = _budget_glue(rd_folder, "BE2", language)
    assert math.isclose(glue["cb_rd_focus_last"], glue["cb_rd_gerd_last"]) and glue["cb_rd_focus_last_text"].endswith("%")
    assert not [v for v in glue.values() if isinstance(v, float) and math.isnan(v)]


_NOTEBOOK = (ROOT / "notebooks" / "countries_budgets.ipynb").read_text(encoding="utf-8")
_USES_NUMBERS = any(f"cb_rd_{k}:." in _NOTEBOOK for k in ("focus_last", "eu_last", "berd_last", "berd_share", "comp_top_value"))


_OLD_NOTEBOOK = pytest.mark.xfail(_USES_NUMBERS, strict=True, reason="the notebook still formats the R&D numbers itself "
                                  "(:.2f, 'nan%' for a region without data): it must glue the cb_rd_*_text keys")


@pytest.mark.parametrize("language, focus", [pytest.param("nl", "LIE", marks=_OLD_NOTEBOOK), pytest.param("en", "LIE", marks=_OLD_NOTEBOOK),
                                             ("nl", "BE2"), ("en", "BE2")])
def test_budgets_narrative_never_says_nan(rd_folder, language, focus, notebook_text=None):
    from myst_nb.core.variables import format_plain_text

    glue = _budget_glue(rd_folder, focus, language)
    nb = json.loads(notebook_text or _NOTEBOOK)
    cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown" and "cb_rd_" in "".join(c["source"])]
    cells = [c for c in cells if (("Ter vergelijking" in c) == (language == "nl"))]
    assert cells

    def paste(m: re.Match) -> str:
        key, _, fmt = m.group(1).partition(":")
        return format_plain_text(repr(glue[key]), fmt)

    text = re.sub(r"\{glue:text\}`([^`]+)`", paste, "\n".join(cells))
    assert not re.search(r"\bnan\b", text, re.IGNORECASE), text


# ------------------------------------------------------------------ 5. duplicate rows at their line in the file


def test_duplicate_row_is_reported_at_its_line_in_the_file(tmp_path):
    blank = ",,European Patent Office,Optics,4\n"
    lines = [f"2019{blank}", f"2019{blank.replace('Optics', 'Transport')}", f"2018{blank}",  # lines 2-4: no country
             "2019,BEL,Belgium,Optics,3\n", "2019,NLD,Netherlands,Optics,4\n", "2019,BEL,Belgium,Optics,5\n"]  # lines 5-7
    raw = _raw(tmp_path, {PAT: PAT_HEADER + "".join(lines)})
    _build_fails(tmp_path, raw, rf"^{PAT}: duplicate row for \(year=2019, country_iso3=BEL, technology=Optics\) at line 7 \(first at line 5\)")


def test_duplicate_row_line_in_other_adapters(tmp_path):
    raw = _raw(tmp_path, {NATACC: "year,country,indicator,nace,value\n2015,BE,VA,C21,1\n2015,BE,VA,C20,2\n2015,BE,VA,C21,3\n"})
    _build_fails(tmp_path, raw, rf"^{NATACC}: duplicate row for .* at line 4 \(first at line 2\)")


# ------------------------------------------------------------------ 6. overflow in the measures


def test_overflowing_sums_are_named(tmp_path):
    x = pd.DataFrame({"A": [1e308, 1e308, 2.0], "B": [1e308, 3.0, 1e308], "C": [5.0, 1e308, 1e308]}, index=["R1", "R2", "R3"])
    for call in (lambda: check_activity(x, "m.csv"), lambda: rca(x, "m.csv"), lambda: rca(x.to_numpy(), "m.csv")):
        with pytest.raises(InputError, match=r"^m\.csv: values too large: the sum overflows \(the total of (region 'R1'|row 0) exceeds") as exc:
            call()
        assert "rescale the counts" in _one_line(exc)
    # finite rows and columns, but the grand total overflows
    y = pd.DataFrame({"A": [1.5e308, 0.0], "B": [0.0, 1.5e308]}, index=["R1", "R2"])
    with pytest.raises(InputError, match=r"the sum overflows \(the grand total exceeds"):
        check_activity(y, "m.csv")


def test_metrics_command_blames_the_overflow(tmp_path, capsys):
    path = tmp_path / "big.csv"
    path.write_text("region,A,B,C\nR1,1e308,1e308,5\nR2,1e308,3,1e308\nR3,2,1e308,1e308\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli(["metrics", str(path), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "values too large: the sum overflows" in err[0] and "specialisation" not in err[0]
    assert not out.exists()


# ------------------------------------------------------------------ 7. binary edition file


def test_binary_edition_file_is_one_line(tmp_path):
    from helpers.book.edition import load_edition

    path = tmp_path / "edition.yml"
    path.write_bytes(b"edition: 2026\n" + bytes(range(128, 256)) + b"\x00\x01")
    with pytest.raises(InputError) as exc:
        load_edition(path)
    msg = _one_line(exc)
    assert "edition.yml: not UTF-8 text (byte 14); " in msg
    nul = tmp_path / "nul.yml"
    nul.write_bytes(b"edition: 2026\n\x00\x00")
    with pytest.raises(InputError, match=r"nul\.yml: not a text file \(NUL at byte 14\)"):
        load_edition(nul)
    result = run_helpers("validate", "--edition", str(path))
    assert result.returncode == 2
    lines = (result.stdout + result.stderr).strip().splitlines()
    assert len(lines) == 1 and "not UTF-8 text (byte 14)" in lines[0] and "Traceback" not in result.stderr


# ------------------------------------------------------------------ 8. extra columns


def test_extra_columns_are_ignored_with_a_note(tmp_path):
    text = "year,country_iso3,country_name,wipo_field,patents,unit,source\n2019,BEL,Belgium,Optics,3,n,x\n2019,NLD,Netherlands,Optics,4,n,x\n"
    nat = "year,country,indicator,nace,value,flag_eurostat\n2015,BE,VA,C21,1.0,p\n"
    rd = RD_HEADER.replace("\n", ",obs_status\n") + "rd_e_gerdreg_total_pc_gdp,BE2,1,2016,2015,2.5,e\n"
    raw = _raw(tmp_path, {PAT: text, NATACC: nat, "regional_rd_eurostat.csv": rd})
    man = build(raw, tmp_path / "out", progress=lambda m: None)
    notes = man["notes"]
    assert f"{PAT}: ignored 2 column(s) not in the documented layout: 'unit', 'source'" in notes
    assert f"{NATACC}: ignored 1 column(s) not in the documented layout: 'flag_eurostat'" in notes
    assert "regional_rd_eurostat.csv: ignored 1 column(s) not in the documented layout: 'obs_status'" in notes
    assert read(tmp_path / "out", "activity")["value"].sum() == 7


def test_extra_column_that_clashes_is_an_error(tmp_path):
    raw = _raw(tmp_path, {PAT: "year,country_iso3,country_name,wipo_field,patents,patents\n2019,BEL,Belgium,Optics,3,4\n"})
    _build_fails(tmp_path, raw, rf"^{PAT}: header \(line 1\): column 'patents' occurs twice \(columns 5 and 6\)")
    raw = _raw(tmp_path, {PAT: "year,country_iso3,country_name,wipo_field,patents,Patents \n2019,BEL,Belgium,Optics,3,4\n"})
    _build_fails(tmp_path, raw, rf"^{PAT}: header \(line 1\): column 'Patents ' clashes with the column 'patents'")


def test_read_csv_raw_keeps_extra_columns_unless_told(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    df = read_csv_raw(path, ["a", "b"])
    assert list(df.columns) == ["a", "b", "c"] and df.attrs["ignored_columns"] == []
    df = read_csv_raw(path, ["a", "b"], ignore_extra=True)
    assert list(df.columns) == ["a", "b"] and df.attrs["ignored_columns"] == ["c"]


# ------------------------------------------------------------------ found by the property tests (tests/test_properties.py)


@pytest.mark.parametrize("value, says", [("99999999999999999999", "too large for a whole number"), ("inf", "not a finite patent count")])
def test_huge_or_infinite_counts_are_one_line(tmp_path, value, says):
    raw = _raw(tmp_path, {PAT: PAT_HEADER + f"2019,BEL,Belgium,Optics,{value}\n2019,NLD,Netherlands,Optics,4\n"})
    _build_fails(tmp_path, raw, rf"^{PAT}: column 'patents' has '{value}' at line 2, {says}")
