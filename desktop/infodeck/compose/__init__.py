"""Composition: content + layout + theme → a Document of positioned elements (pure, no I/O)."""
