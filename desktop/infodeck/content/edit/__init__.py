"""Editing packs without Qt: a document model, edit commands, undo, round-trip saving.

``PackDocument`` (``document.py``) is the API the window and the command line use;
``starters`` gives blocks, sections and packs that already look right.
"""
