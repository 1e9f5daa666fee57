"""The book's subcommands: ``helpers build`` (build and publish the book) and ``helpers validate`` (check an edition)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import yaml

from helpers.book.edition import BUILD_DIR, DEFAULT_EDITION, load_edition
from helpers.errors import BuildError, InputError


def build_book(*args, **kwargs):
    """:func:`helpers.book.build.build_book`, imported once the edition is read and checked: the build's modules
    import pandas and altair (a second), so a bad edition file or override fails in under a second."""
    from helpers.book.build import build_book as build

    return build(*args, **kwargs)


def add_edition_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--edition", default=str(DEFAULT_EDITION), help="edition file (default: editions/2026.yml)")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                        help="override an edition key, e.g. --set focus_region=NLD --set windows.patents=[2010,2014]")


def validate(argv: list[str]) -> int:
    """``helpers validate``: check an edition file and print the resolved parameters."""
    parser = argparse.ArgumentParser(prog="helpers validate", description="Validate an edition file and its overrides.")
    add_edition_arguments(parser)
    args = parser.parse_args(argv)
    edition = load_edition(args.edition, args.overrides)
    print(yaml.safe_dump(edition.model_dump(mode="json"), sort_keys=False, allow_unicode=True), end="")
    print(f"ok: {args.edition} is valid", flush=True)
    return 0


def build(argv: list[str]) -> int:
    """``helpers build``: validate the edition, build the data, run the notebooks, build and publish the book."""
    parser = argparse.ArgumentParser(prog="helpers build", description="Build and publish the report book for one edition.")
    add_edition_arguments(parser)
    parser.add_argument("--out", default=None, help="where the published HTML goes (default: <build-dir>/html, i.e. _build/html)")
    parser.add_argument("--build-dir", default=str(BUILD_DIR), help="work folder for canonical data, stage and logs (default: _build)")
    parser.add_argument("--strict", action="store_true", help="treat Sphinx warnings as errors")
    parser.add_argument("--no-cache", action="store_true",
                        help="rerun every notebook even when nothing they depend on changed since the last build")
    parser.add_argument("--no-pdf", action="store_true",
                        help="leave the PDF edition out: a faster build to check pages while writing (the site then has no PDF and no link to it)")
    # one more than the cores: between cells a kernel waits for papermill's round trip, and another fills the gap
    # (2 cores: 60 s for a cold build of both books with 3, 63-65 s with 2)
    parser.add_argument("--jobs", type=int, default=min(4, (os.cpu_count() or 1) + 1),
                        help="notebooks executed at the same time (default: one more than the number of cores, at most 4)")
    args = parser.parse_args(argv)
    build_dir = Path(args.build_dir).resolve()
    out = Path(args.out) if args.out else build_dir / "html"
    edition_file = Path(args.edition)
    edition = load_edition(edition_file, args.overrides)
    print(f"[edition] {edition_file}: {edition.edition}, focus {edition.focus_region}, language {edition.language}", flush=True)
    # what a failure leaves: the earlier book untouched, or, when there was none, nothing at all
    kept = f"the previously published book in {out} is unchanged" if out.exists() else f"nothing was published to {out}"
    try:
        build_book(edition, edition_file, args.overrides, out, strict=args.strict, build_dir=build_dir, jobs=args.jobs, use_cache=not args.no_cache,
                   with_pdf=not args.no_pdf)
    except (InputError, BuildError) as exc:
        raise type(exc)(f"{exc} -- {kept}") from None
    except KeyboardInterrupt:
        raise KeyboardInterrupt(f"the build was stopped -- {kept}") from None
    return 0
