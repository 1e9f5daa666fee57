"""Chart building blocks and the house style: pure functions from tidy tables to Altair charts.

Nothing here reads files or knows about a chapter; chapters (:mod:`helpers.chapters`) pass the
tables, titles and orders in. Modules: :mod:`~helpers.charts.style` (fonts, colours, theme),
:mod:`~helpers.charts.quadrants` (the quadrant chart and its variants),
:mod:`~helpers.charts.heatmaps`, :mod:`~helpers.charts.bars` (bars, lines, dots),
:mod:`~helpers.charts.budgets`. The offline renderer of the built book is :mod:`helpers.book.render`.
"""
