"""Published tables, the offline chart renderer and the labels: small, exact checks."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from helpers.book import render
from helpers.i18n import LABELS, profile_labels, region_name, t
from helpers.book.publish import publish_table, table_html, write_csv


def test_csv_is_deterministic_and_full_precision(tmp_path):
    df = pd.DataFrame({"region": ["BEL", "NLD"], "value": [1 / 3, 2.0]})
    a, b = write_csv(df, tmp_path / "a.csv"), write_csv(df, tmp_path / "b.csv")
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() == b"region,value\nBEL,0.333333333333333\nNLD,2\n"


def test_table_html_formats_labels_and_sort_keys():
    df = pd.DataFrame({"technology": ["Optics"], "rca": [1.23456], "n": [1234567]})
    html = table_html(df, formats={"rca": ".2f", "n": ",d"}, labels={"rca": "RCA"}, download="x.csv")
    assert '<th>RCA</th>' in html and 'title="rca"' not in html, "readers see the label, not the machine name"
    assert ">1.23<" in html and 'data-sort="1.23456"' in html
    assert ">1,234,567<" in html
    assert 'href="x.csv" download' in html and 'class="sortable"' in html


def test_publish_table_writes_csv_and_links_it(tmp_path):
    out = publish_table(pd.DataFrame({"a": [1]}), "my_table", tmp_path)
    assert (tmp_path / "my_table.csv").read_text() == "a\n1\n"
    assert "../_static/tables/my_table.csv" in out.data
    with pytest.raises(ValueError, match="table name"):
        publish_table(pd.DataFrame({"a": [1]}), "Bad Name", tmp_path)


def test_hidden_columns_go_to_the_csv_only_and_page_only_columns_to_the_page(tmp_path):
    df = pd.DataFrame({"a": [1], "full": ["x; y; z"], "short": ["x; and 2 more"]})
    out = publish_table(df, "t", tmp_path, hidden=("full",), page_only=("short",))
    assert (tmp_path / "t.csv").read_text() == "a,full\n1,x; y; z\n"
    assert ">x; and 2 more<" in out.data and "x; y; z" not in out.data


def test_embed_html_is_offline_and_deterministic():
    spec = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_point().encode(x="x:Q").to_dict()
    first, second = render.embed_html(spec), render.embed_html(spec)
    assert "cdn" not in first.lower() and "http" not in first.replace("https://vega.github.io/schema", "")
    # the spec is a JSON data block (never run); _static/charts.js embeds it, so no inline script calls vegaEmbed
    assert 'class="vega-chart"' in first and 'type="application/json"' in first and "window.vegaEmbed" not in first
    # same spec -> same digest; the counter keeps two copies on one page apart
    digest = first.split('id="vg-')[1].split("-")[0]
    assert digest == second.split('id="vg-')[1].split("-")[0]
    assert first != second


def test_book_renderer_only_in_build(monkeypatch):
    monkeypatch.delenv("HELPERS_BOOK_BUILD", raising=False)
    render.setup()
    assert alt.renderers.active != "book"
    monkeypatch.setenv("HELPERS_BOOK_BUILD", "1")
    render.setup()
    assert alt.renderers.active == "book"
    bundle = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q")._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert 'class="vega-chart"' in data["text/html"]
    alt.renderers.enable("default")


def test_the_build_shows_a_chart_as_altair_would_without_validating_it(monkeypatch):
    """In the build, :func:`helpers.book.notebook.show` skips Altair's JSON-schema validation; the output is the same."""
    monkeypatch.setenv("HELPERS_BOOK_BUILD", "1")
    chart = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_point().encode(x="x:Q").properties(title="t")
    render.setup()
    through_altair = chart._repr_mimebundle_()
    through_altair = through_altair[0] if isinstance(through_altair, tuple) else through_altair
    render.setup()  # the chart numbers start again at 1
    assert render.chart_output(chart)["text/html"] == through_altair["text/html"]
    assert render.offline()
    monkeypatch.delenv("HELPERS_BOOK_BUILD")
    assert not render.offline()
    alt.renderers.enable("default")


def test_bundle_is_wrapped_and_sets_globals():
    js = render.javascript_bundle()
    assert js.startswith("(function(){") and js.rstrip().endswith("})();")
    assert "window.vegaEmbed=" in js


def test_bundle_is_kept_in_the_build_folder_and_reused(tmp_path, monkeypatch):
    first = render.write_bundle(tmp_path / "a" / "_static", keep_in=tmp_path)
    kept = list(tmp_path.glob("vega-bundle-*.js"))
    assert len(kept) == 1 and kept[0].read_bytes() == first.read_bytes() == render.javascript_bundle().encode()
    monkeypatch.setattr(render, "javascript_bundle", lambda: pytest.fail("the kept bundle is not reused"))
    second = render.write_bundle(tmp_path / "b" / "_static", keep_in=tmp_path)
    assert second.read_bytes() == first.read_bytes()
    assert not list(tmp_path.glob(".vega-bundle-*")), "no temporary copy is left"
    monkeypatch.setattr(render, "_WRAPPER", ("(()=>{\n", "\n})();\n"))  # another wrapper: the kept copy is not its bundle
    monkeypatch.setattr(render, "javascript_bundle", lambda: "made again")
    assert render.write_bundle(tmp_path / "c" / "_static", keep_in=tmp_path).read_text() == "made again"


def test_labels_exist_in_both_languages():
    for key, value in LABELS.items():
        assert set(value) == {"nl", "en"}, key
    assert t("overview_patents_trend", "en", region="Belgium") == "Patents with inventors in Belgium, by year"
    with pytest.raises(KeyError):
        t("no_such_label", "nl")
    assert profile_labels("nl", "België")["region_value"] == "België"


@pytest.mark.parametrize(("code", "language", "name"), [("BEL", "nl", "België"), ("BEL", "en", "Belgium"), ("DEU", "nl", "Duitsland"),
                                                        ("BE2", "nl", "Vlaams Gewest"), ("WLD", "en", "World"), ("XYZ", "nl", "XYZ")])
def test_region_names(code, language, name):
    assert region_name(code, language) == name
