"""The editing widgets: every change a teacher makes goes through the document model.

Each entry point works on its own, given a
:class:`~infodeck.content.edit.document.PackDocument`:

- :class:`EditorPanel` — the selected section's fields, its blocks and their forms;
- :class:`NewPackDialog` — File → New pack;
- :class:`NewSectionDialog` — a section from a starter;
- :class:`ReferencesDialog` — the references manager;
- :class:`AddPictureDialog` — a picture with its alt text, copied into the pack.
"""

from infodeck.gui.editor.icons import IconPickerDialog
from infodeck.gui.editor.new_pack import NewPackDialog, NewPackRequest
from infodeck.gui.editor.new_section import NewSectionDialog
from infodeck.gui.editor.panel import EditorPanel
from infodeck.gui.editor.picture import AddPictureDialog
from infodeck.gui.editor.references import ReferencesDialog

__all__ = [
    "AddPictureDialog",
    "EditorPanel",
    "IconPickerDialog",
    "NewPackDialog",
    "NewPackRequest",
    "NewSectionDialog",
    "ReferencesDialog",
]
