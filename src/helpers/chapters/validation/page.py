"""The complexity validation annex page (:func:`read_validation_page`): the table of
:mod:`~helpers.chapters.validation.complexity` in words, a summary table and the rankings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from IPython.display import Markdown

from helpers.chapters.page import Table
from helpers.chapters.validation.complexity import PASS_RHO, validation_table
from helpers.i18n import column_labels, join_names, localise_number, t


@dataclass
class ValidationPage:
    language: str
    table: pd.DataFrame

    def _method(self, m: str) -> str:
        return t(f"reg_measure_{m}", self.language)

    def glue(self) -> dict[str, Any]:
        lang, tb = self.language, self.table
        num = lambda v: localise_number(f"{v:.2f}", lang) if np.isfinite(v) else t("pub_no_value", lang)  # noqa: E731
        parts = []
        for source, g in tb.groupby("source", sort=False):
            best = g.sort_values("rho", ascending=False, na_position="last").iloc[0]
            ok = g[g["passes"]]
            name = t(f"val_source_{source}", lang)
            if len(ok):
                parts.append(t("val_source_some", lang, source=name, methods=join_names([self._method(m) for m in ok["method"]], lang),
                               verb=t("val_verb_one" if len(ok) == 1 else "val_verb_many", lang), best=self._method(best["method"]), rho=num(best["rho"])))
            else:
                parts.append(t("val_source_none", lang, source=name, best=self._method(best["method"]), rho=num(best["rho"])))
        text = t("val_text", lang, cut=localise_number(f"{PASS_RHO:.1f}", lang), n=len(tb), n_pass=int(tb["passes"].sum()), per_source=" ".join(parts))
        return {"val_text": Markdown(text), "val_n_pass": int(tb["passes"].sum()), "val_n": len(tb)}

    def tables(self) -> dict[str, Table]:
        lang, tb = self.language, self.table
        labels = column_labels(lang, "validation")
        common = pd.DataFrame({"source": [t(f"val_source_{s}", lang) for s in tb["source"]], "method": [self._method(m) for m in tb["method"]]})
        summary = common.assign(n_regions=tb["n_regions"].to_numpy(), n_technologies=tb["n_technologies"].to_numpy(), rho=tb["rho"].to_numpy(),
                                n_compared=tb["n_compared"].to_numpy(), passes=[t("reg_yes" if p else "reg_no", lang) for p in tb["passes"]])
        rankings = common.assign(**{c: [", ".join(v) for v in tb[c]] for c in ("top_regions", "bottom_regions", "top_technologies", "bottom_technologies")})
        return {"summary": Table(summary, "complexity_validation", formats={"rho": ".2f"}, labels=labels, caption=t("val_summary_caption", lang)),
                "rankings": Table(rankings, "complexity_validation_rankings", labels=labels, wide=True, folded=t("val_rankings_caption", lang))}


def read_validation_page(data_dir: Path | str, *, focus: str, language: str, patents_window: Sequence[int], publications_window: Sequence[int],
                         patents_ipc_window: Sequence[int], reference_group: str | list[str] = "oecd", patents_min_activity: float = 1000,
                         publications_min_activity: float = 1000) -> ValidationPage:
    """The annex page from the canonical tables in ``data_dir`` and the notebook's parameters."""
    table = validation_table(data_dir, focus=focus, language=language, patents_window=patents_window, publications_window=publications_window,
                             patents_ipc_window=patents_ipc_window, reference_group=reference_group, patents_min_activity=patents_min_activity,
                             publications_min_activity=publications_min_activity)
    return ValidationPage(language, table)
