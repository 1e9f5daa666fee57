"""Label tables in Dutch and English, one data-only module per chapter.

``common``, ``sectors``, ``technology`` and ``landscape`` each hold ``LABELS``
(key -> {"nl": ..., "en": ...}) and any chapter-specific name tables. :mod:`helpers.i18n` merges
the ``LABELS`` into one mapping (a key defined twice with different text stops the import) and is
the one place for :func:`helpers.i18n.t`, :func:`helpers.i18n.region_name`,
:func:`helpers.i18n.column_labels` and the other helpers: notebooks and modules import from
:mod:`helpers.i18n`.
"""
