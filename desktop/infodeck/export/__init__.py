"""The export stage: formats → files, written all-or-nothing.

``formats`` is the one table of what can be exported; ``plan`` composes and lists the
files; ``write.run_export`` writes them to temporary siblings and moves them into place
together; ``files`` holds the picklable file jobs the writer processes receive
(``processes``); ``tempfiles`` names those temporary files and cleans up after a kill.

This package's ``__init__`` imports nothing: the writer processes unpickle jobs from
``files`` and must not pay for the composer on the way.
"""
