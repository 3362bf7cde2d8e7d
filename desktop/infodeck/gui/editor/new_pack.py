"""New pack: a folder, a title and who it is for, and Infodeck writes a valid pack.

The dialog checks what it can before anything is written (a title, an audience,
a language tag, a folder that is new or empty) and shows each problem beside its
field. The pack itself is made by the engine (``PackDocument.new``), the
same call ``infodeck new`` makes, so the window and the command line agree.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from infodeck.gui.editor.forms import PROBLEM_STYLE
from infodeck.gui.settings import Settings

# The author typed for the last pack made: offered again, never guessed from the OS.
AUTHOR_KEY = "pack/author"

LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
# Languages offered by name; any other BCP 47 tag can be typed.
LANGUAGES = (
    ("en", "English"), ("en-GB", "English (UK)"), ("en-US", "English (US)"),
    ("de", "Deutsch"), ("fr", "Français"), ("es", "Español"), ("it", "Italiano"),
    ("nl", "Nederlands"), ("pt", "Português"), ("pl", "Polski"), ("sv", "Svenska"),
    ("tr", "Türkçe"), ("ar", "العربية"), ("he", "עברית"), ("zh", "中文"),
    ("ja", "日本語"), ("ko", "한국어"),
)


@dataclass(frozen=True)
class NewPackRequest:
    """What the teacher asked for: where the pack goes and what it says on its cover."""

    folder: Path
    title: str
    subtitle: str
    audience: str
    language: str
    author: str


def slug(text: str) -> str:
    """A file or id name from a title: "Light & Life!" → "light-life"."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return out[:48].strip("-") or "pack"


def folder_problem(folder: Path) -> str:
    """Why a pack cannot be made in ``folder``, or ''."""
    if folder.exists() and not folder.is_dir():
        return "a file of this name exists; choose another name"
    if folder.is_dir() and any(folder.iterdir()):
        return "this folder is not empty; choose a new folder name"
    if not folder.parent.is_dir():
        return f"the folder {folder.parent} does not exist"
    return ""


class NewPackDialog(QDialog):
    """File → New pack: folder, title, subtitle, audience, language (and author).

    ``create`` makes the pack from a :class:`NewPackRequest` and returns its folder;
    after ``exec()`` the folder is in :attr:`created` (None when cancelled).
    """

    def __init__(
        self,
        create: Callable[[NewPackRequest], Path] | None = None,
        parent: QWidget | None = None,
        *,
        start_dir: Path | None = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings if settings is not None else Settings()
        self.setWindowTitle("New pack")
        self.make_pack = create or _engine_new_pack
        self.created: Path | None = None
        self.ask_dir: Callable[[str], str | None] = self._ask_dir
        self._folder_edited = False
        heading = QLabel("A new content pack")
        heading.setObjectName("dialogTitle")
        intro = QLabel(
            "Infodeck makes a folder with a title slide you can edit at once. "
            "Add sections, pictures and references afterwards."
        )
        intro.setWordWrap(True)
        intro.setObjectName("panelHint")
        self.title = QLineEdit()
        self.title.setPlaceholderText("e.g. Photosynthesis")
        self.title.setMaxLength(300)
        self.subtitle = QLineEdit()
        self.subtitle.setPlaceholderText("optional, e.g. How plants feed the world")
        self.subtitle.setMaxLength(300)
        self.audience = QLineEdit()
        self.audience.setPlaceholderText("e.g. Year 9 biology")
        self.audience.setMaxLength(300)
        # Never the OS login name (a title slide once printed "root"): only what the
        # teacher typed, now or for their last pack.
        self.author = QLineEdit(self.settings.get_str(AUTHOR_KEY))
        self.author.setPlaceholderText("e.g. Ms Rivera, or your school's name")
        self.author.setMaxLength(300)
        self.language = QComboBox()
        self.language.setEditable(True)
        for tag, name in LANGUAGES:
            self.language.addItem(f"{name} ({tag})", tag)
        self.parent_dir = QLineEdit(str(start_dir or Path.home()))
        self.folder_name = QLineEdit()
        self.folder_name.setPlaceholderText("made from the title")
        browse = QPushButton("Choose…")
        browse.setToolTip("Choose the folder the new pack goes into")
        browse.clicked.connect(self.browse)
        self.where = QLabel("")
        self.where.setObjectName("panelHint")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

        def row(label: str, key: str, widget: QWidget) -> None:
            holder = QWidget()
            lay = QVBoxLayout(holder)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.setSpacing(2)
            lay.addWidget(widget)
            msg = QLabel("")
            msg.setStyleSheet(PROBLEM_STYLE)
            msg.setWordWrap(True)
            msg.setVisible(False)
            lay.addWidget(msg)
            self.problems[key] = msg
            lab = QLabel(label)
            lab.setBuddy(widget)
            widget.setAccessibleName(label.replace("&", "").rstrip(" *"))
            form.addRow(lab, holder)

        row("&Title *", "title", self.title)
        row("&Subtitle", "subtitle", self.subtitle)
        row("&Audience *", "audience", self.audience)
        row("&Language *", "language", self.language)
        row("A&uthor *", "author", self.author)
        place = QWidget()
        pl = QHBoxLayout(place)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.addWidget(self.parent_dir, 1)
        pl.addWidget(browse)
        row("&In folder *", "parent", place)
        self.parent_dir.setAccessibleName("In folder")
        row("&Folder name *", "folder", self.folder_name)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Create pack")
        ok.setObjectName("primaryButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.error = QLabel("")
        self.error.setStyleSheet(PROBLEM_STYLE)
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        lay = QVBoxLayout(self)
        lay.addWidget(heading)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(self.where)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self.title.textChanged.connect(self._title_changed)
        self.folder_name.textEdited.connect(self._folder_typed)
        self.folder_name.textChanged.connect(self._update_where)
        self.parent_dir.textChanged.connect(self._update_where)
        self.setMinimumWidth(520)
        self._update_where()

    # ------------------------------------------------------------------ values
    def language_tag(self) -> str:
        """The language tag chosen or typed ("en", "pt-BR")."""
        idx = self.language.currentIndex()
        text = self.language.currentText().strip()
        if idx >= 0 and self.language.itemText(idx) == text:
            return str(self.language.itemData(idx))
        m = re.search(r"\(([^()]+)\)\s*$", text)
        return m.group(1) if m else text

    def folder(self) -> Path:
        """The new pack's folder."""
        name = self.folder_name.text().strip() or slug(self.title.text())
        return Path(self.parent_dir.text().strip()).expanduser() / name

    def request(self) -> NewPackRequest:
        """What the form says."""
        return NewPackRequest(
            folder=self.folder(),
            title=self.title.text().strip(),
            subtitle=self.subtitle.text().strip(),
            audience=self.audience.text().strip(),
            language=self.language_tag(),
            author=self.author.text().strip(),
        )

    def check(self) -> dict[str, str]:
        """Problems with the form, by field."""
        r = self.request()
        out: dict[str, str] = {}
        if not r.title:
            out["title"] = "required: the pack's title, shown on its title slide"
        if not r.audience:
            out["audience"] = "required: who the pack is for, e.g. 'Year 9 biology'"
        if not r.author:
            out["author"] = "required: your name or your school's"
        if not LANGUAGE.match(r.language):
            out["language"] = "a language tag such as en, fr or pt-BR"
        parent_dir = Path(self.parent_dir.text().strip()).expanduser()
        if not self.parent_dir.text().strip() or not parent_dir.is_dir():
            out["parent"] = "choose a folder that exists"
        else:
            name = self.folder_name.text().strip()
            if name and (name in (".", "..") or "/" in name or "\\" in name):
                out["folder"] = "a folder name, without '/'"
            else:
                why = folder_problem(r.folder)
                if why:
                    out["folder"] = why
        return out

    def show_problems(self, problems: dict[str, str]) -> None:
        """Show each problem under its field."""
        for key, label in self.problems.items():
            msg = problems.get(key, "")
            label.setText(msg)
            label.setVisible(bool(msg))

    # ------------------------------------------------------------------ actions
    def _title_changed(self, _text: str) -> None:
        if not self._folder_edited:
            self.folder_name.setPlaceholderText(slug(self.title.text()) if self.title.text()
                                                else "made from the title")
        self._update_where()

    def _folder_typed(self, text: str) -> None:
        self._folder_edited = bool(text.strip())

    def _update_where(self) -> None:
        self.where.setText(f"The pack will be made in {self.folder()}")

    def browse(self) -> None:
        """Choose the folder the pack goes into."""
        got = self.ask_dir(self.parent_dir.text())
        if got:
            self.parent_dir.setText(got)

    def _ask_dir(self, start: str) -> str | None:
        return QFileDialog.getExistingDirectory(self, "Where should the new pack go?", start) \
            or None

    def accept(self) -> None:
        """Check the form, make the pack, and close; or show what to fix."""
        problems = self.check()
        self.show_problems(problems)
        if problems:
            first = next(k for k in self.problems if k in problems)
            focus = {"title": self.title, "audience": self.audience, "author": self.author,
                     "language": self.language, "parent": self.parent_dir,
                     "folder": self.folder_name}[first]
            focus.setFocus()
            return
        try:
            self.created = self.make_pack(self.request())
        except (OSError, ValueError) as e:
            self.error.setText(f"The pack could not be made: {e}")
            self.error.setVisible(True)
            return
        self.settings.set(AUTHOR_KEY, self.request().author)
        super().accept()


def _engine_new_pack(req: NewPackRequest) -> Path:
    """Make and save the pack with the engine's own call (the one ``infodeck new`` uses)."""
    from infodeck.content.edit.document import EditError, PackDocument

    try:
        doc = PackDocument.new(
            req.folder,
            title=req.title,
            subtitle=req.subtitle or None,
            audience=req.audience,
            language=req.language,
            author=req.author,
        )
        doc.save()
    except EditError as e:
        raise ValueError(str(e)) from None
    return doc.root
