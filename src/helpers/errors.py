"""One exception type for every user-facing input problem.

The command line prints ``error: <message>`` on one line and exits with status 2, so a bad file,
column, row or parameter never surfaces as a traceback. Messages name the file, the column or row,
what is wrong and what to do.
"""

from __future__ import annotations


class InputError(ValueError):
    """Bad user input (edition file, data file, command-line value). The message is one line."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(str(message).split()))


class BuildError(RuntimeError):
    """A build step failed (a notebook cell, the Sphinx build). The message is one line."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(str(message).split()))
