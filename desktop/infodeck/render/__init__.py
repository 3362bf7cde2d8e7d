"""Backends that draw a composed scene: PowerPoint (python-pptx) and matplotlib."""


from infodeck.errors import Cancelled

# Backends raise the one cancellation (errors.py) when the caller's cancel callback
# asks them to stop between pages.
__all__ = ["Cancelled"]
