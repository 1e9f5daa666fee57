"""Strategic technologies: the CEPS/Balland investment framework for one region (seed 3.1).

For every technology of a classification, one row with the focus region's activity, its
specialisation (RCA), the feasibility of the technology for the region (relatedness density,
x axis), its economic value (complexity, y axis), its quadrant and its category. The formulas are
those of :mod:`helpers.methods`, :mod:`helpers.methods.relatedness` and :mod:`helpers.methods.complexity`
(``book/annex_methods.en.md``); this package chooses the inputs and puts the pieces together:

1. ``X`` = region x technology activity, summed over the years of the window
   (``canonical activity`` rows of one classification; the caller gives the comparable set of
   regions, e.g. all countries). Totals that are not technologies (NCSES ``all``) are left out.
2. ``RCA = (X_rt / X_r.) / (X_.t / X_..)`` against **all** regions of ``X``; ``B = RCA >= threshold``.
3. Relatedness over **all** technologies of the classification (not only the selected ones):

   * within-document co-occurrence ``C = M^T M`` (zero diagonal) when the canonical ``documents``
     table has rows for the source and classification (REGPAT, OpenAlex, a current Crunchbase
     export);
   * otherwise co-location ``C = B_s^T B_s`` (zero diagonal): the number of regions specialised
     in both technologies. The real files in ``../shared/data`` have no document-level data, so
     the book's charts use co-location;

   normalised by ``relatedness_method`` (cosine, association, probabilistic).
4. Density ``D_rt = 100 * sum_k B_rk R_kt / sum_k R_kt`` (``R_tt = 0``), from the focus region's
   row of ``B``.
5. Complexity from ``B_s`` by the eigenvector method or the method of reflections (z-scores,
   oriented so that the matching region index correlates positively with diversity). The urban
   scaling measure (``scaling``) needs a city x technology matrix with city populations, which
   the data do not have: it raises :class:`InputError` saying so.
6. Quadrants of ``(density, complexity)`` split at the median, the mean or fixed values
   (:func:`helpers.methods.quadrant_rules.quadrants`).

``B_s`` is ``B`` restricted to the regions whose total activity in the window is at least
``min_activity``: very small economies (a handful of patents) otherwise dominate the eigenvector
complexity (methods annex, caveat). RCA itself is always computed against all regions.

Two kinds of technology:

* the classification of the data at hand (``wipo35``, ``ncses_fields``,
  ``crunchbase_2013_category``, ``ipc4`` ...): each technology is coloured by the category of the
  taxonomy technologies that ``data/technology_coarse_map.csv`` maps onto it;
* ``classification="taxonomy"``: the technologies of ``data/technologies.csv`` (the seed's 38),
  defined by the code lists of ``data/technology_codes.csv`` and matched on the codes of the
  ``documents`` table (:func:`helpers.data.taxonomy.match_codes`). A document counts once in every
  technology it carries (whole counting, weighted by the region's share of the document). Used
  as soon as REGPAT / OpenAlex / Crunchbase document data are present.

The modules, by concern:

* :mod:`~helpers.chapters.technologies.taxonomy_mapping`: how the data's classifications map onto
  the taxonomy (categories, selections, labels);
* :mod:`~helpers.chapters.technologies.space`: the technology space (steps 1-5);
* :mod:`~helpers.chapters.technologies.profiles`: a region's profile on it (step 6), coverage and
  summaries;
* :mod:`~helpers.chapters.technologies.sources`: reading one source for a focus region
  (:func:`load_source`);
* :mod:`~helpers.chapters.technologies.source_pages` and
  :mod:`~helpers.chapters.technologies.summary_pages`: the chapter's pages, built from the
  notebooks' parameters by :func:`read_source_page` and :func:`read_summary_page`;
  :mod:`~helpers.chapters.technologies.page_text` holds their words and table headers;
* :mod:`~helpers.chapters.technologies.checks`: the input checks they share.

All functions except the ``read_*`` page builders, :func:`load_source` and
:func:`seed_coverage_percent` (and :func:`source_page` / :func:`summary_page` without
``seed_coverage``) are pure (no files read or written besides the project's taxonomy files).
Bad input raises :class:`InputError` with one line; warnings of the underlying measures are
collected in ``DataFrame.attrs["notes"]`` instead of being printed.
"""

from __future__ import annotations

from helpers.chapters.technologies.checks import ACTIVITY_COLUMNS, Split
from helpers.chapters.technologies.page_text import (COVERAGE_TABLE_COLUMNS, PROFILE_TABLE_COLUMNS, notes_html, stand_in_text, table_labels,
                                                     tooltip_labels)
from helpers.chapters.technologies.profiles import (PROFILE_COLUMNS, QUADRANT_ORDER, coverage, profile_from_space, profiles_for_regions,
                                                    quadrant_summary, summary_table, technology_profile)
from helpers.chapters.technologies.source_pages import InvestmentsPage, SourcePage, read_source_page, source_page
from helpers.chapters.technologies.sources import (PREFERRED_CLASSIFICATIONS, SOURCES, SourceData, load_source, seed_coverage_percent,
                                                   source_profile)
from helpers.chapters.technologies.space import COMPLEXITY_METHODS, TechnologySpace, technology_space
from helpers.chapters.technologies.summary_pages import SummaryPage, read_summary_page, summary_page
from helpers.chapters.technologies.report_figures import ReportFigures, report_figures
from helpers.chapters.technologies.ipc_page import IpcPage, ipc_page, read_ipc_page
from helpers.chapters.technologies.citations import CitationPage, citation_page, read_citation_page
from helpers.chapters.technologies.report_summary import ReportSummary, report_summary
from helpers.chapters.technologies.taxonomy_mapping import (DOCUMENT_SCHEMES, EXCLUDED_TECHNOLOGIES, OTHER_CATEGORY, TAXONOMY, category_map,
                                                            category_order, has_selection, taxonomy_selection, technology_labels)

__all__ = [
    "ACTIVITY_COLUMNS",
    "COMPLEXITY_METHODS",
    "DOCUMENT_SCHEMES",
    "EXCLUDED_TECHNOLOGIES",
    "OTHER_CATEGORY",
    "PREFERRED_CLASSIFICATIONS",
    "COVERAGE_TABLE_COLUMNS",
    "PROFILE_COLUMNS",
    "PROFILE_TABLE_COLUMNS",
    "QUADRANT_ORDER",
    "SOURCES",
    "TAXONOMY",
    "InvestmentsPage",
    "IpcPage",
    "CitationPage",
    "citation_page",
    "read_citation_page",
    "ipc_page",
    "read_ipc_page",
    "ReportFigures",
    "ReportSummary",
    "SourceData",
    "SourcePage",
    "Split",
    "SummaryPage",
    "TechnologySpace",
    "category_map",
    "category_order",
    "coverage",
    "load_source",
    "notes_html",
    "read_source_page",
    "report_figures",
    "report_summary",
    "read_summary_page",
    "seed_coverage_percent",
    "source_profile",
    "source_page",
    "stand_in_text",
    "summary_page",
    "table_labels",
    "tooltip_labels",
    "profile_from_space",
    "profiles_for_regions",
    "quadrant_summary",
    "has_selection",
    "summary_table",
    "taxonomy_selection",
    "technology_labels",
    "technology_profile",
    "technology_space",
]
