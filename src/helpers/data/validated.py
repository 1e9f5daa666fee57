"""Validated canonical tables kept on disk, so that each notebook's process does not validate them again.

Every chapter reads canonical tables through :func:`helpers.data.canonical.read`, which validates a
table once per process (types, codes, keys: O(rows), seconds for the largest tables). The book runs
each notebook in its own process, once per language, so the same validation was repeated some thirty
times per build. The first process to validate a table version now stores the result as Parquet in
``<canonical folder>/.validated/``; the others read it back (exactly the same frame: values and
dtypes, tested) in a fraction of the time.

The key covers the table file (name, size, modification time), the table name, the regions table it
was checked against, and the code that validates (``validation.py``, ``schema.py``) with the pandas
and pyarrow versions, so a changed file, rule or library validates again. A stored file that cannot be
read is ignored (and validation runs); a folder that cannot be written is simply not used.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pandas as pd

FOLDER = ".validated"


@lru_cache(maxsize=1)
def _code_version() -> str:
    import pyarrow

    here = Path(__file__).parent
    digest = hashlib.sha256(f"pandas={pd.__version__};pyarrow={pyarrow.__version__}".encode())
    for name in ("validation.py", "schema.py", "validated.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


def cache_file(path: Path, table: str, regions_key: tuple | None) -> Path:
    """Where the validated ``table`` read from ``path`` is kept (beside it, in ``.validated/``)."""
    stat = path.stat()
    regions = None if regions_key is None else regions_key[1:]  # (size, mtime) of the regions file, not its absolute path
    key = repr((path.name, stat.st_size, stat.st_mtime_ns, table, regions, _code_version()))
    return path.parent / FOLDER / f"{table}-{hashlib.sha256(key.encode()).hexdigest()[:20]}.parquet"


def load_or_validate(path: Path, table: str, regions_key: tuple | None, validate: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """The validated table: read from the disk cache when it holds this version, else ``validate()`` and store it."""
    target = cache_file(path, table, regions_key)
    if target.is_file():
        try:
            return pd.read_parquet(target)
        except Exception:  # a damaged or foreign file: validate again (and replace it below)
            pass
    df = validate()
    try:
        target.parent.mkdir(exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".parquet", dir=target.parent)
        os.close(handle)
        try:
            df.to_parquet(tmp)
            os.replace(tmp, target)  # atomic: a concurrent reader sees the whole file or none
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        pass  # a read-only canonical folder: validate in every process, as before
    return df
