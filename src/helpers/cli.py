"""The ``helpers`` command: ``build``, ``validate``, ``data`` and ``metrics``.

Each subcommand lives in the module of its concern; this file only dispatches and turns
:class:`~helpers.errors.InputError` / :class:`~helpers.errors.BuildError` into one line on stderr
and a non-zero exit status (2); a Ctrl-C is one line too, with status 130.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from helpers.errors import BuildError, InputError

# subcommand -> (module, function, one-line help); the function takes ``argv`` and returns the exit status
SUBCOMMANDS: dict[str, tuple[str, str, str]] = {
    "build": ("helpers.book.cli", "build", "validate the edition, build the data, run the notebooks, build and publish the book"),
    "validate": ("helpers.book.cli", "validate", "validate an edition file (and overrides) without building"),
    "data": ("helpers.data.cli", "main", "build canonical data tables from raw source files"),
    "metrics": ("helpers.methods.cli", "main", "RCA, relatedness, density and complexity of a region x technology matrix"),
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="helpers", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=sorted(SUBCOMMANDS), help="; ".join(f"{k}: {v[2]}" for k, v in SUBCOMMANDS.items()))
    if not argv or argv[0] in ("-h", "--help"):
        parser.print_help()
        return 0 if argv else 2
    args = parser.parse_args(argv[:1])
    module_name, function, _ = SUBCOMMANDS[args.command]
    try:
        command = getattr(importlib.import_module(module_name), function)
        return int(command(argv[1:]) or 0)
    except (InputError, BuildError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as exc:  # Ctrl-C: one line, the shell's status for SIGINT
        print(f"interrupted: {exc}" if str(exc) else "interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
