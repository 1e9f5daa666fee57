"""The ``helpers`` command: ``build``, ``validate``, ``data`` and ``metrics``.

Each subcommand lives in the module of its concern; this file only dispatches and turns
:class:`~helpers.errors.InputError` / :class:`~helpers.errors.BuildError` into one line on stderr
and a non-zero exit status.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from helpers.errors import BuildError, InputError

# subcommand -> (module, one-line help); the module exposes ``main(argv) -> int``
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "build": ("helpers.book.build", "validate the edition, build the data, run the notebooks, build and publish the book"),
    "validate": ("helpers.book.edition", "validate an edition file (and overrides) without building"),
    "data": ("helpers.data.cli", "build canonical data tables from raw source files"),
    "metrics": ("helpers.methods.cli", "RCA, relatedness, density and complexity of a region x technology matrix"),
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="helpers", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=sorted(SUBCOMMANDS), help="; ".join(f"{k}: {v[1]}" for k, v in SUBCOMMANDS.items()))
    if not argv or argv[0] in ("-h", "--help"):
        parser.print_help()
        return 0 if argv else 2
    args = parser.parse_args(argv[:1])
    module = importlib.import_module(SUBCOMMANDS[args.command][0])
    try:
        return int(module.main(argv[1:]) or 0)
    except (InputError, BuildError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
