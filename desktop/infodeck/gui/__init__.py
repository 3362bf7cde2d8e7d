"""The PySide6 desktop app: the only part of Infodeck that knows about Qt.

The engine never imports this package; this package uses the engine's public
functions through a job runner (see :mod:`infodeck.gui.jobs`).
"""
