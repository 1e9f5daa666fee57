"""Patents and publications per domain: the fields mapped to each domain and the focus region's specialisation in them.

Patents are counted by WIPO field (35 fields), publications by NCSES field (14 fields). A domain's
fields come from a documented mapping (``data/concordance_wipo35_nace.csv``: WIPO field -> NACE group,
after Schmoch et al. 2003; ``data/mapping_ncses_domain.csv``: NCSES field -> domain; both read by
:mod:`helpers.data.domains`). With ``F_d`` the mapped fields and sums over the years of the window::

    SI[d] = (sum_{f in F_d} X[focus, f] / X[focus, total]) / (sum_{f in F_d} X[R, f] / X[R, total])

The total is the sum over all 35 WIPO fields for patents and NCSES's "All S&E fields" row for
publications. The reference is the sum of its member countries in the data (never an aggregate row
of the source: NCSES's aggregates are not the sum of their countries, see quality_flags.csv). A
domain without a mapped field is ``NaN`` with the mapping file's reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from helpers.chapters.sectors.regions import reference_members
from helpers.chapters.sectors.values import VALUE_COLUMNS, check_domains, split_codes, window_years
from helpers.data.domains import CONCORDANCE_LINKS
from helpers.errors import InputError
from helpers.methods.ratings import require_columns


def patent_field_map(concordance: pd.DataFrame, domains: pd.DataFrame, *, links: Iterable[str] = ("core", "partial")) -> tuple[pd.DataFrame, dict[str, str]]:
    """Domain -> WIPO fields through the concordance's NACE groups; and the reason for domains without one.

    A field belongs to a domain when its ``nace_group`` is one of the domain's NACE codes and its
    ``link`` is in ``links`` (default core and partial). Returns (domain_id, technology, link) and
    {domain_id: reason} for the domains that get no field.
    """
    links = set(links)
    unknown = links - set(CONCORDANCE_LINKS[:2])
    if unknown or not links:
        raise InputError(f"concordance links {sorted(links)}: use core and/or partial")
    rows, reasons = [], {}
    for _, dom in domains.iterrows():
        codes = set(split_codes(dom["nace"]))
        hit = concordance[concordance["nace_group"].isin(codes) & concordance["link"].isin(links)]
        for _, f in hit.iterrows():
            rows.append({"domain_id": dom["domain_id"], "technology": f["wipo_field"], "link": f["link"]})
        if hit.empty:
            reasons[dom["domain_id"]] = (
                f"no WIPO field is linked to NACE {dom['nace']} in the concordance (Schmoch et al. 2003 links technology fields "
                "to manufacturing sectors only)" if not any(c.startswith("C") for c in codes) else
                f"no WIPO field with a documented {'/'.join(sorted(links))} link to NACE {dom['nace']}"
            )
    return pd.DataFrame(rows, columns=["domain_id", "technology", "link"]), reasons


def publication_field_map(mapping: pd.DataFrame, domains: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """Domain -> NCSES fields from the mapping file; {domain_id: reason} for domains without a field."""
    rows, reasons = [], {}
    for d in domains["domain_id"]:
        sel = mapping[mapping["domain_id"] == d]
        fields = sel[sel["ncses_field"].str.strip() != ""]
        for _, f in fields.iterrows():
            rows.append({"domain_id": d, "technology": f["ncses_field"], "link": f["basis"]})
        if fields.empty:
            reasons[d] = ("no NCSES field measures this domain: " + "; ".join(sel["rationale"])) if len(sel) else "domain not in the NCSES mapping file"
    return pd.DataFrame(rows, columns=["domain_id", "technology", "link"]), reasons


def activity_specialisation(activity: pd.DataFrame, field_map: pd.DataFrame, domains: pd.DataFrame, focus: str, reference: str,
                            window: Sequence[int], indicator_id: str, *, total_technology: str | None = None,
                            unmapped: Mapping[str, str] | None = None, what: str = "activity",
                            basis_label: str = "fields") -> pd.DataFrame:
    """Specialisation of the focus region in the fields mapped to each domain, against the reference.

    ``activity``: canonical ``activity`` rows of one source and classification (region, technology,
    year, value), countries only. ``field_map``: (domain_id, technology). ``total_technology``: the
    technology that holds the total (NCSES ``all``); ``None`` = the sum of all technologies. The
    reference is the sum of its member countries present in ``activity`` (all of them for a group).
    Sums run over the window's years. ``basis_label`` names the mapped codes in the ``basis`` text
    (``fields: ...``; ``NACE: ...`` for the NACE-coded patents). Columns :data:`VALUE_COLUMNS`.
    """
    require_columns(activity, ("region", "technology", "year", "value"), what)
    require_columns(field_map, ("domain_id", "technology"), f"{what} field map")
    check_domains(domains)
    years = window_years(activity, window, what)
    act = activity[activity["year"].isin(years)]
    if total_technology is not None:
        totals = act[act["technology"] == total_technology]
        fields = act[act["technology"] != total_technology]
        if totals.empty:
            raise InputError(f"{what}: no rows for the total {total_technology!r}; the table must hold the total per region and year")
    else:
        totals, fields = act, act
    known_tech = set(fields["technology"].unique())
    bad = ~field_map["technology"].isin(known_tech)
    if bad.any():
        i = bad.idxmax()
        raise InputError(f"{what} field map, row {i}: unknown technology {field_map.at[i, 'technology']!r}; the data have {', '.join(sorted(known_tech))}")
    members = list(reference_members(reference))
    present = set(act["region"].unique())
    used_members = [m for m in members if m in present]
    absent = [m for m in members if m not in present]
    unmapped = dict(unmapped or {})
    span = f"{years[0]}-{years[-1]}"
    rows = []
    f_total = float(totals.loc[totals["region"] == focus, "value"].sum())
    r_total = float(totals.loc[totals["region"].isin(used_members), "value"].sum())
    for d in domains["domain_id"]:
        base = {"domain_id": d, "indicator_id": indicator_id, "source": what, "years": span, "n_years": len(years),
                "reference_coverage": f"{len(used_members)} of {len(members)}"}
        techs = field_map.loc[field_map["domain_id"] == d, "technology"].tolist()
        flags = f"{reference} members absent from the {what} data: {', '.join(absent)}" if absent else ""
        reason = ""
        if not techs:
            reason = unmapped.get(d, f"no {what} field is mapped to this domain")
        elif f_total <= 0:
            reason = f"{focus} has no {what} in {span}"
        elif r_total <= 0:
            reason = f"reference {reference} has no {what} in {span}"
        f_val = float(fields.loc[(fields["region"] == focus) & fields["technology"].isin(techs), "value"].sum())
        r_val = float(fields.loc[fields["region"].isin(used_members) & fields["technology"].isin(techs), "value"].sum())
        if not reason and r_val <= 0:
            reason = f"reference {reference} has no {what} in the mapped fields in {span}"
        if reason:
            rows.append({**base, "value": float("nan"), "reason": reason, "flags": flags, "focus_share": float("nan"),
                         "reference_share": float("nan"), "basis": ""})
            continue
        fs, rs = f_val / f_total, r_val / r_total
        rows.append({**base, "value": fs / rs, "reason": "", "flags": flags, "focus_share": fs, "reference_share": rs,
                     "basis": f"{basis_label}: {'; '.join(techs)}; {focus} {f_val:,.1f} of {f_total:,.1f}, {reference} {r_val:,.1f} of {r_total:,.1f}"})
    return pd.DataFrame(rows, columns=list(VALUE_COLUMNS))
