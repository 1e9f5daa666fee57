"""``helpers data``: build canonical data tables from raw source files.

Subcommands::

    helpers data build --raw ../shared/data --out data/canonical [--sources patents,publications]
    helpers data check DIR
    helpers data dictionary [--out FILE]
    helpers data patents FILE --out DIR             (patents_country_wipo35.csv layout)
    helpers data articles FILE --out DIR            (NCSES articles layout)
    helpers data eurostat-regional FILE --out DIR   (regional_rd_eurostat.csv layout)
    helpers data natacc FILE --out DIR              (sectors_natacc_eu28.csv layout)
    helpers data crunchbase2013 COMPANIES ROUNDS --out DIR
    helpers data regpat INV_REG IPC_OR_CPC --out DIR [--level nuts2] [--year prio_year]
    helpers data openalex --filter KEY=VALUE ... --cache DIR --out DIR [--offline]
    helpers data crunchbase ORGS.csv ROUNDS.csv --out DIR
    helpers data eurostat-sdmx FILE.xml ... --out DIR   (or --dataset CODE --key KEY to fetch)

Every command validates before it writes and writes atomically: on an error nothing is written.
Errors are one line (``error: ...``) with exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from helpers.errors import InputError


def _progress(quiet: bool):
    if quiet:
        return lambda msg: None
    return lambda msg: print(msg, file=sys.stderr, flush=True)


def _write_single(result, out: Path, progress, extra=None) -> int:
    from helpers.data.canonical import write_results

    man = write_results([result], out, progress=progress, extra=extra)
    print(f"wrote {out}: " + ", ".join(f"{k} {v['rows']}" for k, v in man["tables"].items()))
    return 0


def _cmd_build(a) -> int:
    from helpers.data.canonical import build

    build(Path(a.raw), Path(a.out), sources=a.sources, progress=_progress(a.quiet))
    return 0


def _cmd_check(a) -> int:
    from helpers.data.canonical import check

    counts = check(Path(a.dir), progress=_progress(a.quiet))
    print(f"{a.dir}: ok (" + ", ".join(f"{k} {v}" for k, v in counts.items()) + ")")
    return 0


def _cmd_dictionary(a) -> int:
    from helpers.data.schema import data_dictionary_markdown

    text = data_dictionary_markdown()
    if a.out:
        Path(a.out).write_text(text, encoding="utf-8", newline="\n")
    else:
        sys.stdout.write(text)
    return 0


def _simple(module: str):
    def run(a) -> int:
        import importlib

        mod = importlib.import_module(f"helpers.data.adapters.{module}")
        res = mod.load(Path(a.file), progress=_progress(a.quiet))
        return _write_single(res, Path(a.out), _progress(a.quiet))

    return run


def _cmd_crunchbase2013(a) -> int:
    from helpers.data.adapters import crunchbase2013

    res = crunchbase2013.load(Path(a.companies), Path(a.rounds), progress=_progress(a.quiet))
    return _write_single(res, Path(a.out), _progress(a.quiet))


def _cmd_regpat(a) -> int:
    from helpers.data.adapters import regpat

    res = regpat.load(
        Path(a.inventors),
        Path(a.classes),
        levels=tuple(a.levels.split(",")),
        doc_level=a.doc_level,
        year_column=a.year,
        digits=a.digits,
        progress=_progress(a.quiet),
    )
    return _write_single(res, Path(a.out), _progress(a.quiet))


def _parse_filters(items: list[str]) -> dict[str, str]:
    out = {}
    for it in items or []:
        if "=" not in it:
            raise InputError(f"--filter {it!r}: write KEY=VALUE, e.g. --filter publication_year=2020 --filter institutions.country_code=BE")
        k, v = it.split("=", 1)
        out[k.strip()] = v.strip()
    return out


def _cmd_openalex(a) -> int:
    from helpers.data.adapters import openalex

    res = openalex.load(
        filters=_parse_filters(a.filter),
        cache_dir=Path(a.cache),
        offline=a.offline,
        per_page=a.per_page,
        max_works=a.max_works,
        email=a.email,
        progress=_progress(a.quiet),
    )
    return _write_single(res, Path(a.out), _progress(a.quiet))


def _cmd_crunchbase(a) -> int:
    from helpers.data.adapters import crunchbase

    res = crunchbase.load(Path(a.organizations), Path(a.rounds), progress=_progress(a.quiet))
    return _write_single(res, Path(a.out), _progress(a.quiet))


def _cmd_sdmx(a) -> int:
    from helpers.data.adapters import eurostat_sdmx

    if a.dataset:
        files = [eurostat_sdmx.fetch(a.dataset, key=a.key, params=_parse_filters(a.param), cache_dir=Path(a.cache), progress=_progress(a.quiet))]
    else:
        files = [Path(f) for f in a.files]
    if not files:
        raise InputError("helpers data eurostat-sdmx: give SDMX-ML files or --dataset CODE to fetch one")
    res = eurostat_sdmx.load(files, progress=_progress(a.quiet))
    return _write_single(res, Path(a.out), _progress(a.quiet))


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="helpers data", description="Build canonical data tables from raw source files.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    sub = p.add_subparsers(dest="cmd", metavar="COMMAND")
    _add = sub.add_parser

    def add_parser(name, **kw):
        return _add(name, parents=[common], **kw)

    sub.add_parser = add_parser  # type: ignore[method-assign]

    b = sub.add_parser("build", help="run the adapters for the raw files present in --raw and write a complete canonical folder")
    b.add_argument("--raw", required=True, help="raw data folder (e.g. ../shared/data)")
    b.add_argument("--out", required=True, help="canonical data folder to write (replaced atomically)")
    b.add_argument("--sources", nargs="*", default=None, help="limit to these sources: patents, publications, investments, rd, sectors or adapter names")
    b.set_defaults(func=_cmd_build)

    c = sub.add_parser("check", help="validate a canonical data folder")
    c.add_argument("dir")
    c.set_defaults(func=_cmd_check)

    d = sub.add_parser("dictionary", help="print (or write) the data dictionary page (MyST markdown)")
    d.add_argument("--out", default=None)
    d.set_defaults(func=_cmd_dictionary)

    for name, module, help_ in (
        ("patents", "patents_wipo35", "patents by country x WIPO field (patents_country_wipo35.csv layout)"),
        ("articles", "articles_ncses", "NCSES S&E articles by country x field"),
        ("eurostat-regional", "eurostat_regional", "Eurostat regional R&D (regional_rd_eurostat.csv layout)"),
        ("natacc", "natacc", "national accounts by NACE group (sectors_natacc_eu28.csv layout)"),
    ):
        s = sub.add_parser(name, help=help_)
        s.add_argument("file")
        s.add_argument("--out", required=True)
        s.set_defaults(func=_simple(module))

    s = sub.add_parser("crunchbase2013", help="the October 2013 Crunchbase export (companies + rounds CSV)")
    s.add_argument("companies")
    s.add_argument("rounds")
    s.add_argument("--out", required=True)
    s.set_defaults(func=_cmd_crunchbase2013)

    s = sub.add_parser("regpat", help="OECD REGPAT inventor-region file + IPC (or CPC) file, pipe-separated")
    s.add_argument("inventors", help="e.g. 202307_EPO_Inv_reg.txt")
    s.add_argument("classes", help="e.g. 202307_EPO_IPC.txt (or a CPC file)")
    s.add_argument("--out", required=True)
    s.add_argument("--levels", default="country,nuts1,nuts2", help="region levels for activity (comma-separated: country,nuts0..nuts3)")
    s.add_argument("--doc-level", default="nuts2", help="region level of documents.csv")
    s.add_argument("--year", default="prio_year", choices=["prio_year", "app_year"], help="which year of the class file")
    s.add_argument("--digits", type=int, default=4, help="class code length: 4 = subclass (A61K)")
    s.set_defaults(func=_cmd_regpat)

    s = sub.add_parser("openalex", help="OpenAlex works (topics x institution countries) through pyalex, paged and cached")
    s.add_argument("--filter", action="append", default=[], help="OpenAlex works filter KEY=VALUE (repeatable)")
    s.add_argument("--cache", required=True, help="folder for cached API pages (reused on the next run)")
    s.add_argument("--out", required=True)
    s.add_argument("--offline", action="store_true", help="use only cached pages; a missing page is an error")
    s.add_argument("--per-page", type=int, default=200)
    s.add_argument("--max-works", type=int, default=None)
    s.add_argument("--email", default=None, help="your e-mail for OpenAlex's polite pool")
    s.set_defaults(func=_cmd_openalex)

    s = sub.add_parser("crunchbase", help="a current Crunchbase CSV export (organizations.csv + funding_rounds.csv)")
    s.add_argument("organizations")
    s.add_argument("rounds")
    s.add_argument("--out", required=True)
    s.set_defaults(func=_cmd_crunchbase)

    s = sub.add_parser("eurostat-sdmx", help="Eurostat tables as SDMX-ML files (sdmx1), or fetched with --dataset")
    s.add_argument("files", nargs="*")
    s.add_argument("--out", required=True)
    s.add_argument("--dataset", default=None, help="fetch this Eurostat dataset (e.g. nama_10_a64) instead of reading files")
    s.add_argument("--key", default=None, help="SDMX key for --dataset, e.g. A.CP_MEUR.C21.B1G.BE")
    s.add_argument("--param", action="append", default=[], help="query parameter KEY=VALUE, e.g. startPeriod=2010")
    s.add_argument("--cache", default="eurostat_cache", help="where a fetched file is stored")
    s.set_defaults(func=_cmd_sdmx)
    return p


def main(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv))
    if not getattr(args, "cmd", None):
        parser.print_help()
        return 2
    return int(args.func(args) or 0)


if __name__ == "__main__":  # pragma: no cover
    try:
        sys.exit(main(sys.argv[1:]))
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)
