"""Flemish strengths in figures: data, methods, charts and the build of the report book."""

__version__ = "0.1.0"
