"""The build, publishing of tables, provenance, offline rendering of charts and the Sphinx extension."""
