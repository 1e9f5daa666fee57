"""Raw sources to canonical tables: adapters, schemas, region codes, the taxonomy and the cited project data.

Nothing here imports another layer of :mod:`helpers` (only :mod:`helpers.errors`).
"""

from pathlib import Path

#: The project's root (the folder with ``_config.yml``) and its cited project data (``data/``).
PROJECT_ROOT: Path = Path(__file__).resolve().parents[3]
PROJECT_DATA: Path = PROJECT_ROOT / "data"
