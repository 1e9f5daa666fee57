"""The complexity validation annex: every complexity measure on every data source, checked against the published complexity."""

from helpers.chapters.validation.complexity import METHODS, PASS_RHO, validation_table
from helpers.chapters.validation.page import ValidationPage, read_validation_page

__all__ = ["METHODS", "PASS_RHO", "ValidationPage", "read_validation_page", "validation_table"]
