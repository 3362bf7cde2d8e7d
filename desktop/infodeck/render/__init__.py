"""Backends that draw a composed scene: PowerPoint (python-pptx) and matplotlib."""


class Cancelled(Exception):
    """The caller's cancel callback asked a backend to stop between pages."""
