"""Start a pack from a teacher's notes: Markdown or Word documents become packs.

A reader (``markdown.py``, ``word.py``) turns the document into a flat list of
:class:`~infodeck.content.importers.outline.Element` values; ``build.py`` turns
those into the document model's edit commands and saves them as any edit is saved.
"""
