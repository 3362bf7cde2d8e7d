"""The export stage: formats → files, written all-or-nothing.

``formats`` is the one table of what can be exported; ``plan`` composes and lists the
files (``files``: picklable jobs); ``pool`` writes them, here or in a warmed process
pool; ``write.run_export`` gives each a temporary sibling and moves all into place
together; ``tempfiles`` names the temporary files and cleans up after a kill.

This package's ``__init__`` imports nothing: the writer processes unpickle jobs from
``files`` and must not pay for the composer on the way.
"""
