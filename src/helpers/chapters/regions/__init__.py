"""Flanders among Europe's regions: its provinces and 282 NUTS-2 regions in 42 green and digital technologies.

:mod:`~helpers.chapters.regions.space` computes the regional technology space from the CEPS study's
published patents and RCA (aggregates such as Flanders from their NUTS-2 regions, co-location
relatedness, density, published and computed complexity); :mod:`~helpers.chapters.regions.page`
builds the chapter's page (:func:`read_regions_page`).
"""

from helpers.chapters.regions.page import RegionsPage, profiles, read_regions_page, regions_page
from helpers.chapters.regions.space import COMPLEXITY_MEASURES, DEFAULT_GROUPS, RegionalSpace, ranks, regional_space

__all__ = ["COMPLEXITY_MEASURES", "DEFAULT_GROUPS", "RegionalSpace", "RegionsPage", "profiles", "ranks", "read_regions_page",
           "regional_space", "regions_page"]
