"""The edition file is validated before anything runs; each problem is one line naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.book.edition import DEFAULT_EDITION, load_edition
from helpers.data.regions import region_is_known
from helpers.errors import InputError

from conftest import RAW_DATA


def _load(*overrides: str, path: Path = DEFAULT_EDITION):
    return load_edition(path, list(overrides), check_data=False)


def test_default_edition_is_valid():
    edition = _load()
    assert edition.focus_region == "BEL"
    assert edition.language == "nl"
    params = edition.notebook_parameters()
    assert params["patents_window"] == [edition.windows.patents.start, edition.windows.patents.end]
    assert params["quadrant_split"] == "median"
    assert params["sector_thresholds"] == [1.5, 1.1, 0.9] and params["framework_ratings"] == "computed"
    assert params["patents_min_activity"] == 1000 and params["landscape_spotlight"] == "quantum_computing"


@pytest.mark.parametrize(
    ("override", "key", "says"),
    [
        ("rca_threshold=-1", "rca_threshold", "greater than 0"),
        ("rca_threshold=abc", "rca_threshold", "valid number"),
        ("focus_region=XXX", "focus_region", "unknown region code 'XXX'"),
        ("comparison_regions=[NLD, ZZZ]", "comparison_regions", "unknown region code 'ZZZ'"),
        ("comparison_regions=[BEL]", "comparison_regions", "focus_region BEL"),
        ("windows.patents=[2019, 2010]", "windows.patents", "after last year"),
        ("windows.patents=[2019]", "windows.patents", "[first year, last year]"),
        ("language=fr", "language", "'nl' or 'en'"),
        ("quadrant_split=max", "quadrant_split", "median, mean or {x:"),
        ("complexity_method=pagerank", "complexity_method", "'auto', 'eigenvector', 'reflections', 'fitness', 'published' or 'scaling'"),
        ("relatedness=jaccard", "relatedness", "'cosine', 'association' or 'probabilistic'"),
        ("colour=blue", "colour", "not a known key"),
        ("sectors.thresholds=[1.1, 1.5, 0.9]", "sectors.thresholds", "three decreasing numbers"),
        ("sectors.rank_cuts=[0.5, 0.25, 0.75]", "sectors.rank_cuts", "three increasing shares"),
        ("sectors.rating_rule=vote", "sectors.rating_rule", "'rank' or 'threshold'"),
        ("framework.ratings=guess", "framework.ratings", "'computed' or 'published'"),
        ("framework.transition_basis=[]", "framework.transition_basis", "at least 1 item"),
        ("min_activity.patents=-5", "min_activity.patents", "greater than or equal to 0"),
        ("investments_measure=deals", "investments_measure", "'amount' or 'rounds'"),
        ("landscape.spotlight=teleportation", "landscape.spotlight", "unknown technology 'teleportation'"),
        ("landscape.shared_share=2", "landscape.shared_share", "less than or equal to 1"),
    ],
)
def test_bad_value_names_key_and_allowed_values(override, key, says):
    with pytest.raises(InputError) as info:
        _load(override)
    message = str(info.value)
    assert "\n" not in message
    assert f"key '{key}'" in message
    assert says in message
    assert "2026.yml" in message


def test_overrides_apply_nested_and_typed():
    edition = _load("focus_region=NLD", "comparison_regions=[BEL, DEU]", "windows.patents=[2010, 2014]", "quadrant_split={x: 40, y: 0.5}")
    assert edition.focus_region == "NLD"
    assert edition.windows.patents.start == 2010 and edition.windows.patents.end == 2014
    assert edition.quadrant_split.x == 40 and edition.quadrant_split.y == 0.5


def test_missing_data_folder(tmp_path):
    with pytest.raises(InputError, match=r"key 'data_dir' points to .*nope.*not a folder"):
        load_edition(DEFAULT_EDITION, [f"data_dir={tmp_path / 'nope'}"])


def test_relative_data_dir_is_taken_from_project_root():
    edition = load_edition(DEFAULT_EDITION, check_data=False)
    assert edition.data_dir.is_absolute()
    assert edition.data_dir == RAW_DATA or edition.data_dir.name == "data"


def test_broken_yaml_and_missing_file(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("edition: 2026\nfocus_region: [BEL\n")
    with pytest.raises(InputError, match=r"bad.yml line \d+: not valid YAML"):
        load_edition(bad)
    with pytest.raises(InputError, match="edition file not found"):
        load_edition(tmp_path / "none.yml")


def test_malformed_override():
    with pytest.raises(InputError, match="write it as key=value"):
        _load("focus_region")


def test_every_notebook_parameter_comes_from_the_edition():
    """Analysis parameters a notebook declares are all in the edition file (only paths come from the build)."""
    import papermill as pm

    from conftest import ROOT

    provided = set(_load().notebook_parameters()) | {"data_dir", "tables_dir"}
    # chapter wiring (which budget rows make which chart) stays in the notebook on purpose
    wiring = {"landscape_flanders_region", "landscape_programme_path", "landscape_plan_totals", "landscape_budget_step",
              "landscape_step_strategies", "landscape_src_strategy", "landscape_src_extra", "landscape_cfd_strategy"}
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        missing = set(pm.inspect_notebook(str(path))) - provided - wiring
        assert not missing, f"{path.name} declares {sorted(missing)} that editions/2026.yml does not set"


@pytest.mark.parametrize("code,known", [("BEL", True), ("BE2", True), ("BE21", True), ("UKI", True), ("EL3", True), ("EU27", True),
                                        ("WLD", True), ("US-CA", True), ("US-XX", False), ("XXX", False), ("ZZ1", False), ("bel", False)])
def test_region_codes(code, known):
    assert region_is_known(code) is known
