"""Infodeck: editable decks, print infographics and diagrams from YAML content packs."""

__version__ = "0.1.0"
