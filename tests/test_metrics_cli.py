"""``helpers metrics MATRIX.csv --out DIR``: outputs, options, determinism and one-line errors."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from helpers.cli import main as cli
from helpers.methods.complexity import complexity_eigenvector
from helpers.methods.density import relatedness_density
from helpers.methods.specialisation import binary_specialisation, rca
from helpers.methods.cli import read_matrix
from helpers.methods.relatedness import colocation, relatedness

OUTPUTS = ["complexity.csv", "cooccurrence.csv", "density.csv", "rca.csv", "rca_binary.csv", "relatedness.csv"]

# the hand-worked matrix of tests/test_metrics.py, rows and columns deliberately out of order
SMALL = """region,c,a,b
R3,2,2,0
R1,0,3,1
R2,2,1,1
"""


def write(tmp_path: Path, text: str, name: str = "matrix.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def read(out: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(out / name, index_col=0)


def test_writes_every_output_with_sorted_labels_and_hand_worked_values(tmp_path, capsys):
    out = tmp_path / "out"
    assert cli(["metrics", str(write(tmp_path, SMALL)), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == OUTPUTS
    assert "wrote 6 files" in capsys.readouterr().out
    r = read(out, "rca.csv")
    assert list(r.index) == ["R1", "R2", "R3"] and list(r.columns) == ["a", "b", "c"]
    assert r.index.name == "region"
    # RCA worked out in test_rca_hand_worked
    np.testing.assert_allclose(r.to_numpy(), [[1.5, 1.5, 0], [0.5, 1.5, 1.5], [1.0, 0, 1.5]], rtol=1e-15)
    assert read(out, "rca_binary.csv").to_numpy().tolist() == [[1, 1, 0], [0, 1, 1], [1, 0, 1]]
    # co-location: each pair shares one region; cosine = 1 / sqrt(2 * 2) = 0.5
    assert read(out, "cooccurrence.csv").to_numpy().tolist() == [[0, 1, 1], [1, 0, 1], [1, 1, 0]]
    np.testing.assert_allclose(read(out, "relatedness.csv").to_numpy(), [[0, 0.5, 0.5], [0.5, 0, 0.5], [0.5, 0.5, 0]])
    # density: column sums of R = 1; R1 (a, b): a <- b 0.5 -> 50; b <- a 0.5 -> 50; c <- a + b = 1 -> 100
    np.testing.assert_allclose(read(out, "density.csv").to_numpy(), [[50, 50, 100], [100, 50, 50], [50, 100, 50]])
    complexity = pd.read_csv(out / "complexity.csv")
    assert list(complexity.columns) == ["technology", "value"] and complexity["technology"].tolist() == ["a", "b", "c"]


def test_outputs_are_byte_identical_across_runs_and_full_precision(tmp_path):
    src = write(tmp_path, SMALL.replace("R2,2,1,1", "R2,2,1,7"))
    for run in ("one", "two"):
        assert cli(["metrics", str(src), "--out", str(tmp_path / run)]) == 0
    for name in OUTPUTS:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    text = (tmp_path / "one" / "rca.csv").read_text()
    # full precision: 17 significant digits, values read back exactly
    matrix = read_matrix(src)
    assert_frame_equal(read(tmp_path / "one", "rca.csv").rename_axis("region"), rca(matrix), check_dtype=False, rtol=0, atol=0)
    assert any(len(cell) > 15 for line in text.splitlines()[1:] for cell in line.split(","))


def test_options_threshold_normalisation_complexity(tmp_path):
    src = write(tmp_path, SMALL)
    out = tmp_path / "o"
    args = ["metrics", str(src), "--out", str(out), "--threshold", "1.5", "--normalisation", "association", "--complexity", "reflections", "--iterations", "3", "--scale", "minmax"]
    assert cli(args) == 0
    # threshold 1.5: R1 a, b; R2 b, c; R3 c (the RCA of 1.0 no longer counts)
    assert read(out, "rca_binary.csv").to_numpy().tolist() == [[1, 1, 0], [0, 1, 1], [0, 0, 1]]
    # co-location a-b 1 (R1), b-c 1 (R2); s = (1, 2, 1), T = 4; association a-b = 1*4/(1*2) = 2
    rel = read(out, "relatedness.csv")
    assert rel.loc["a", "b"] == 2 and rel.loc["b", "c"] == 2 and rel.loc["a", "c"] == 0
    values = pd.read_csv(out / "complexity.csv")["value"]
    assert values.min() == 0 and values.max() == 100


def test_matches_the_library_functions(tmp_path):
    rng = np.random.default_rng(4)
    x = pd.DataFrame(rng.poisson(4, (12, 7)) + 1, index=[f"reg{i}" for i in range(12)], columns=[f"tech{j}" for j in range(7)])
    src = tmp_path / "m.csv"
    x.rename_axis("nuts").to_csv(src)
    out = tmp_path / "o"
    assert cli(["metrics", str(src), "--out", str(out), "--normalisation", "probabilistic"]) == 0
    b = binary_specialisation(rca(x.astype(float)))
    rel = relatedness(colocation(b), "probabilistic")
    # the CLI sorts labels as text (reg0, reg1, reg10, ...): compare by label
    np.testing.assert_allclose(read(out, "relatedness.csv").loc[rel.index, rel.columns].to_numpy(), rel.to_numpy(), rtol=1e-15)
    density = relatedness_density(b, rel)
    np.testing.assert_allclose(read(out, "density.csv").loc[density.index, density.columns].to_numpy(), density.to_numpy(), rtol=1e-15)
    assert list(read(out, "density.csv").index[:3]) == ["reg0", "reg1", "reg10"]
    tci = complexity_eigenvector(b).technology
    np.testing.assert_allclose(pd.read_csv(out / "complexity.csv", index_col=0)["value"], tci, rtol=1e-12, atol=1e-14)
    assert read(out, "rca.csv").index.name == "nuts"


def test_documents_give_within_document_cooccurrence(tmp_path):
    docs = write(tmp_path, "document,technology\nd1,a\nd1,b\nd2,a\nd2,b\nd2,c\nd3,c\nd4,b\nd4,c\n", "docs.csv")
    out = tmp_path / "o"
    assert cli(["metrics", str(write(tmp_path, SMALL)), "--out", str(out), "--documents", str(docs)]) == 0
    # a-b: d1, d2 -> 2; a-c: d2 -> 1; b-c: d2, d4 -> 2
    assert read(out, "cooccurrence.csv").to_numpy().tolist() == [[0, 2, 1], [2, 0, 2], [1, 2, 0]]
    # cosine with s = (3, 4, 3): a-b = 2/sqrt(12)
    assert read(out, "relatedness.csv").loc["a", "b"] == pytest.approx(2 / math.sqrt(12))
    assert cli(["metrics", str(write(tmp_path, SMALL)), "--out", str(out), "--documents", str(docs), "--normalisation", "column-cosine"]) == 0
    # column cosine: occurrences a 2, b 3, c 3 -> a-b = 2 / sqrt(6)
    assert read(out, "relatedness.csv").loc["a", "b"] == pytest.approx(2 / math.sqrt(6))


def test_scaling_complexity_with_population(tmp_path):
    matrix = write(tmp_path, "city,t1,t2\nc1,1,1\nc2,10,100\nc3,100,10000\n")
    population = write(tmp_path, "city,population\nc1,10\nc2,100\nc3,1000\n", "pop.csv")
    out = tmp_path / "o"
    assert cli(["metrics", str(matrix), "--out", str(out), "--complexity", "scaling", "--population", str(population)]) == 0
    # ln X = beta ln N + alpha: t1 grows 10x per 10x people -> 1; t2 100x -> 2
    np.testing.assert_allclose(pd.read_csv(out / "complexity.csv")["value"], [1.0, 2.0], atol=1e-12)


def test_inactive_rows_are_dropped_with_a_warning_on_stderr(tmp_path, capsys):
    out = tmp_path / "o"
    assert cli(["metrics", str(write(tmp_path, SMALL + "R9,0,0,0\n")), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "warning:" in err and "'R9'" in err
    assert "R9" not in read(out, "rca.csv").index


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SMALL.replace("R1,0,3,1", "R1,0,-3,1"), r"line 3, column 'a': negative count -3"),
        (SMALL.replace("R1,0,3,1", "R1,0,,1"), r"line 3, column 'a': an empty cell"),
        (SMALL.replace("R1,0,3,1", "R1,0,NaN,1"), r"line 3, column 'a': an empty cell|line 3, column 'a': 'NaN'"),
        (SMALL.replace("R1,0,3,1", "R1,0,three,1"), r"line 3, column 'a': 'three' is not a number"),
        (SMALL.replace("R1,0,3,1", "R3,0,3,1"), r"line 3: duplicate region id 'R3'"),
        ("region,a,a\nR1,1,2\nR2,3,4\n", r"duplicate column 'a'"),
        ("region,a,b\nR1,1,2\n", r"1 region with activity"),
        ("region,a,b\n", r"no data lines"),
        ("", r"the file is empty"),
        ("region,a\nR1,1\nR2,2\n", r"at least two technology columns"),
        ("region,a,b\nR1,1,2,3\nR2,1,1\n", r"not a valid CSV"),
    ],
)
def test_bad_input_is_one_line_naming_file_line_and_column(tmp_path, capsys, text, expected):
    import re

    src = write(tmp_path, text)
    out = tmp_path / "o"
    assert cli(["metrics", str(src), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and str(src) in err[0]
    assert re.search(expected, err[0]), err[0]
    assert not out.exists()  # nothing half-written


def test_missing_file_population_and_bad_iterations(tmp_path, capsys):
    assert cli(["metrics", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "o")]) == 2
    assert "file not found" in capsys.readouterr().err
    src = write(tmp_path, SMALL)
    assert cli(["metrics", str(src), "--out", str(tmp_path / "o"), "--complexity", "scaling"]) == 2
    assert "--population" in capsys.readouterr().err
    assert cli(["metrics", str(src), "--out", str(tmp_path / "o"), "--iterations", "0"]) == 2
    assert "--iterations" in capsys.readouterr().err
    assert cli(["metrics", str(src), "--out", str(tmp_path / "o"), "--threshold", "-1"]) == 2
    assert "threshold" in capsys.readouterr().err


def test_help_names_the_outputs(capsys):
    with pytest.raises(SystemExit) as info:
        cli(["metrics", "--help"])
    assert info.value.code == 0
    assert "relatedness.csv" in capsys.readouterr().out
