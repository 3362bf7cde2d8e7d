"""The main window: sections on the left, the live preview, problems below.

Every piece of engine work (loading, composing and drawing the preview, exporting)
goes through the job runner; the window only reacts to results on the GUI thread.
Results of superseded jobs (an older load or preview) are recognised by a
generation number and dropped, so a slow old result never replaces a newer one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from infodeck.content.load import PACK_FILE, LoadResult
from infodeck.content.model import Pack
from infodeck.gui.errorbox import show_error
from infodeck.gui.jobs import Job, Runner, ThreadRunner
from infodeck.gui.model import (
    ProblemRow,
    SectionInfo,
    merge_choice,
    pack_key,
    problem_rows,
    section_infos,
    section_keys,
)
from infodeck.gui.pipeline import (
    THUMB_WIDTH,
    PreviewPage,
    PreviewPipeline,
    PreviewResult,
    PreviewSpec,
)
from infodeck.gui.preview import PreviewPanel
from infodeck.gui.problems_panel import ProblemsPanel, open_in_system
from infodeck.gui.sections_panel import SectionsPanel
from infodeck.gui.settings import SectionChoice, Settings
from infodeck.gui.style import STYLE_SHEET
from infodeck.gui.watcher import PackWatcher

if TYPE_CHECKING:
    from infodeck.export.plan import ExportRequest
    from infodeck.gui.about import AboutDialog
    from infodeck.gui.export_dialog import ExportDialog
    from infodeck.gui.guide import GuideDialog

_LOG = logging.getLogger("infodeck.gui")
PREVIEW_DPI = 96.0
BUSY_DELAY_MS = 150
MIN_CONTRAST = 4.5  # WCAG AA for normal text
MODES = {"deck": "Slides", "infographic": "Infographic"}
DEFAULT_LAYOUTS = {"deck": "deck-16x9", "infographic": "a4-portrait"}
DEFAULT_SIZE = (1280, 820)
FRAME_ALLOWANCE = QSize(16, 40)  # title bar and borders around the window's own size


@dataclass
class LoadOutcome:
    """What a load job hands back: the engine's result plus what the widgets need."""

    root: Path
    result: LoadResult
    rows: list[ProblemRow]
    infos: list[SectionInfo] = field(default_factory=list)
    pack_key: str = ""
    section_keys: dict[str, str] = field(default_factory=dict)

    @property
    def pack(self) -> Pack | None:
        """The loaded pack, or None when it has errors."""
        return self.result.pack


def load_outcome(root: Path) -> LoadOutcome:
    """Load a pack and prepare its panel data (runs in a worker)."""
    from infodeck.content.load import load_pack

    result = load_pack(root)
    out = LoadOutcome(root, result, problem_rows(result.problems))
    if result.pack is not None:
        out.infos = section_infos(result.pack)
        out.pack_key = pack_key(result.pack)
        out.section_keys = section_keys(result.pack)
    return out


# A theme's colour roles as teachers see them on the page (the theme files' keys are ids).
INK_NAMES = {
    "text": "Body text",
    "muted": "Sources and captions",
    "accent": "Headings",
    "warning": "Warning labels",
    "on_accent": "Text on the accent colour",
    "on_band": "Text on title bands",
    "on_card": "Text on cards",
    "on_highlight": "Text on highlighted steps",
    "on_step": "Text on steps",
}
SURFACE_NAMES = {
    "background": "the page",
    "accent": "",
    "band": "",
    "card": "cards",
    "highlight": "",
    "step": "steps",
}


def colour_pair(ink: str, surface: str) -> str:
    """'Headings on cards' for the theme roles ('accent', 'card')."""
    name = INK_NAMES.get(ink, ink.replace("_", " ").capitalize())
    where = SURFACE_NAMES.get(surface, surface.replace("_", " "))
    return f"{name} on {where}" if where else name


def _picker(name: str, tip: str) -> QComboBox:
    """A toolbar drop-down as wide as its longest entry, so every name shows whole."""
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.setToolTip(tip)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


def _labelled(text: str, field: QWidget) -> QWidget:
    """A label and its field as one toolbar item, so that they fold away together."""
    box = QWidget()
    lay = QHBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(6)
    label = QLabel(text)
    label.setBuddy(field)
    lay.addWidget(label)
    lay.addWidget(field)
    return box


def _fit_picker(combo: QComboBox) -> None:
    """Never narrower than its longest entry: a narrow window folds it away whole instead."""
    combo.setMinimumWidth(combo.sizeHint().width())
    view = combo.view()
    fm = view.fontMetrics()
    texts = [combo.itemText(i) for i in range(combo.count())]
    longest = max((fm.horizontalAdvance(t) for t in texts), default=0)
    view.setMinimumWidth(longest + 2 * view.frameWidth() + 32)  # item padding and a scroll bar


def is_pack_path(path: Path) -> bool:
    """A folder with a pack.yaml, or a pack.yaml itself."""
    return (path.is_dir() and (path / PACK_FILE).is_file()) or (
        path.name == PACK_FILE and path.is_file()
    )


class MainWindow(QMainWindow):
    """The Infodeck window.

    Signals:
        pack_loaded(object): a load finished (a :class:`LoadOutcome`), good or broken.
        preview_ready(object): a new preview is on screen (a ``PreviewResult``, or None
            when there is nothing to show).
        preview_failed(object): drawing the preview raised this exception.
    """

    pack_loaded = Signal(object)
    preview_ready = Signal(object)
    preview_failed = Signal(object)

    def __init__(
        self,
        settings: Settings | QSettings | None = None,
        runner: Runner | None = None,
        *,
        error_reporter: Callable[[BaseException], None] | None = None,
        opener: Callable[[Path], object] = open_in_system,
    ) -> None:
        super().__init__()
        if isinstance(settings, Settings):
            self.settings = settings
        else:
            self.settings = Settings(settings)
        self.runner: Runner = runner if runner is not None else ThreadRunner()
        self.error_reporter = error_reporter
        self.opener = opener
        self.ask_pack_folder: Callable[[], str | None] = self._ask_pack_folder
        self.pipeline = PreviewPipeline()

        self.pack: Pack | None = None  # the last pack that loaded without errors
        self.pack_root: Path | None = None  # the folder being shown (maybe broken)
        self.outcome: LoadOutcome | None = None  # the latest load, good or broken
        self.preview_result: PreviewResult | None = None
        self.export_dialog: ExportDialog | None = None
        self.guide: GuideDialog | None = None
        self._pack_key = ""
        self._section_keys: dict[str, str] = {}
        self._infos: list[SectionInfo] = []
        self._load_gen = 0
        self._preview_gen = 0
        self._preview_job: Job | None = None
        self._closed = False
        self._problems_fitted = False

        self.setObjectName("mainWindow")
        self.setWindowTitle("Infodeck")
        self.setAccessibleName("Infodeck")
        self.setAcceptDrops(True)
        self.setStyleSheet(STYLE_SHEET)
        self.mode = self.settings.mode
        self.layout_names = {k: self.settings.layout(k, d) for k, d in DEFAULT_LAYOUTS.items()}
        self.theme_name = self.settings.theme

        self.sections = SectionsPanel()
        self.preview = PreviewPanel()
        self.problems = ProblemsPanel()
        self.problems.opener = lambda p: self.opener(p)
        self.stale_banner = QLabel(
            "This pack has errors after the last change. The preview shows the last version "
            "that worked; the problems are listed below."
        )
        self.stale_banner.setObjectName("staleBanner")
        self.stale_banner.setWordWrap(True)
        self.stale_banner.setAccessibleName("Pack has errors")
        self.stale_banner.setVisible(False)
        self.notice_banner = QLabel("")
        self.notice_banner.setObjectName("noticeBanner")
        self.notice_banner.setWordWrap(True)
        self.notice_banner.setAccessibleName("Notice")
        self.notice_banner.setVisible(False)
        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self._build_body()
        self.status_counts = QLabel("")
        self.status_counts.setAccessibleName("Counts")
        self.statusBar().addPermanentWidget(self.status_counts)
        self.statusBar().setSizeGripEnabled(False)

        self.watcher = PackWatcher(self)
        self.watcher.changed.connect(self.reload)
        self.sections.changed.connect(self._sections_changed)
        self.sections.defaults_requested.connect(self.restore_defaults)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(0)
        self._preview_timer.timeout.connect(self._start_preview)
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_DELAY_MS)
        self._busy_timer.timeout.connect(lambda: self.preview.set_busy(True))

        self._fill_pickers()
        self._update_actions()
        self.preview.set_message("Opening…")
        self._restore_geometry()

    # ================================================================ building
    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcuts: list[str] | None = None,
        tip: str = "",
    ) -> QAction:
        a = QAction(text, self)
        if shortcuts:
            a.setShortcuts([QKeySequence(s) for s in shortcuts])
        a.setToolTip(tip or text.replace("…", "").replace("&", ""))
        a.triggered.connect(lambda _checked=False: slot())
        self.addAction(a)
        return a

    def _build_actions(self) -> None:
        self.open_action = self._action(
            "&Open pack…",
            self.open_dialog,
            ["Ctrl+O"],
            "Open a content pack folder (Ctrl+O)",
        )
        self.builtin_action = self._action("Open the &built-in pack", self.open_builtin)
        self.reload_action = self._action(
            "&Reload", self.reload, ["F5", "Ctrl+R"], "Read the pack's files again (F5)"
        )
        self.export_action = self._action(
            "&Export…",
            self.show_export,
            ["Ctrl+E"],
            "Export the deck, infographic and diagrams (Ctrl+E)",
        )
        self.quit_action = self._action("&Quit", self.close, ["Ctrl+Q"])
        self.about_action = self._action("&About Infodeck", self.show_about)
        self.guide_action = self._action("Infodeck &guide", self.show_guide, ["F1"])
        self.log_action = self._action("Open the &log folder", self.open_log_folder)
        self.zoom_in_action = self._action(
            "Zoom &in", lambda: self.preview.step_zoom(1), ["Ctrl++", "Ctrl+="]
        )
        self.zoom_out_action = self._action(
            "Zoom &out", lambda: self.preview.step_zoom(-1), ["Ctrl+-"]
        )
        self.zoom_fit_action = self._action(
            "&Fit page", lambda: self.preview.set_zoom(None), ["Ctrl+0"]
        )
        self.mode_group = QActionGroup(self)
        self.mode_actions: dict[str, QAction] = {}
        for i, (mode, label) in enumerate(MODES.items(), start=1):
            a = QAction(label, self)
            a.setCheckable(True)
            a.setShortcut(QKeySequence(f"Ctrl+{i}"))
            a.setToolTip(f"Preview the {label.lower()} (Ctrl+{i})")
            a.setChecked(mode == self.mode)
            a.triggered.connect(lambda _c=False, m=mode: self.set_mode(m))
            self.mode_group.addAction(a)
            self.addAction(a)
            self.mode_actions[mode] = a

    def _build_toolbar(self) -> None:
        # Export has a toolbar of its own at the right end: when the window is too
        # narrow for everything, Qt folds the main toolbar's tail into its » menu
        # while Export stays on screen.
        tb = QToolBar("Main")
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        tb.setFloatable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        tb.setAccessibleName("Main toolbar")
        self.toolbar = tb
        tb.addAction(self.open_action)
        tb.addAction(self.reload_action)
        tb.addSeparator()
        tb.addWidget(QLabel("Show"))
        for a in self.mode_actions.values():
            tb.addAction(a)
        tb.addSeparator()
        self.layout_combo = _picker("Layout", "The page size and type scale of the slides or page")
        self.layout_combo.currentIndexChanged.connect(self._layout_picked)
        tb.addWidget(_labelled("Layout", self.layout_combo))
        self.theme_combo = _picker("Theme", "The colours and fonts")
        self.theme_combo.currentIndexChanged.connect(self._theme_picked)
        tb.addWidget(_labelled("Theme", self.theme_combo))
        self.contrast_chip = QLabel("")
        self.contrast_chip.setObjectName("contrastChip")
        self.contrast_chip.setAccessibleName("Theme contrast")
        tb.addWidget(self.contrast_chip)
        self.export_toolbar = QToolBar("Export")
        self.export_toolbar.setObjectName("exportToolbar")
        self.export_toolbar.setMovable(False)
        self.export_toolbar.setFloatable(False)
        self.export_toolbar.setAccessibleName("Export toolbar")
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.export_toolbar.addWidget(spacer)
        self.export_toolbar.addAction(self.export_action)
        for bar in (tb, self.export_toolbar):
            for a in bar.actions():
                w = bar.widgetForAction(a)
                if isinstance(w, QToolButton):
                    w.setAccessibleName(a.text().replace("&", "").replace("…", ""))
                    if a is self.export_action:
                        w.setObjectName("exportButton")
            self.addToolBar(bar)
        self.export_toolbar.ensurePolished()
        self.export_toolbar.setMinimumWidth(self.export_toolbar.sizeHint().width())

    def _build_menus(self) -> None:
        mb = self.menuBar()
        file_menu = mb.addMenu("&File")
        file_menu.addAction(self.open_action)
        self.recent_menu = QMenu("Open &recent", self)
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(self.builtin_action)
        file_menu.addSeparator()
        file_menu.addAction(self.reload_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = mb.addMenu("&View")
        for a in self.mode_actions.values():
            view_menu.addAction(a)
        view_menu.addSeparator()
        view_menu.addAction(self.zoom_in_action)
        view_menu.addAction(self.zoom_out_action)
        view_menu.addAction(self.zoom_fit_action)
        help_menu = mb.addMenu("&Help")
        help_menu.addAction(self.guide_action)
        help_menu.addSeparator()
        help_menu.addAction(self.log_action)
        help_menu.addAction(self.about_action)
        self._fill_recent_menu()

    def _build_body(self) -> None:
        right = QWidget()
        right_lay = QVBoxLayout(right)
        right_lay.setContentsMargins(0, 0, 0, 0)
        right_lay.setSpacing(0)
        banner_box = QWidget()
        banner_lay = QVBoxLayout(banner_box)
        banner_lay.setContentsMargins(8, 8, 12, 0)
        banner_lay.addWidget(self.stale_banner)
        banner_lay.addWidget(self.notice_banner)
        right_lay.addWidget(banner_box)
        self.vsplit = QSplitter(Qt.Orientation.Vertical)
        self.vsplit.setObjectName("previewSplitter")
        self.vsplit.setChildrenCollapsible(False)
        self.vsplit.setHandleWidth(1)
        self.vsplit.addWidget(self.preview)
        self.vsplit.addWidget(self.problems)
        self.vsplit.setStretchFactor(0, 5)
        self.vsplit.setStretchFactor(1, 1)
        self.vsplit.setSizes([700, 120])
        right_lay.addWidget(self.vsplit, 1)
        self.hsplit = QSplitter(Qt.Orientation.Horizontal)
        self.hsplit.setObjectName("mainSplitter")
        self.hsplit.setChildrenCollapsible(False)
        self.hsplit.setHandleWidth(1)
        self.hsplit.addWidget(self.sections)
        self.hsplit.addWidget(right)
        self.hsplit.setStretchFactor(0, 0)
        self.hsplit.setStretchFactor(1, 1)
        self.hsplit.setSizes([340, 1100])
        self.setCentralWidget(self.hsplit)
        self.resize(self._default_size())

    def _default_size(self) -> QSize:
        """1280×820, or less: never more than the screen's free area (a 1366×768 laptop)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return QSize(*DEFAULT_SIZE)
        avail = screen.availableGeometry()
        frame = FRAME_ALLOWANCE  # the title bar and borders the window manager adds
        return QSize(
            min(DEFAULT_SIZE[0], avail.width() - frame.width()),
            min(DEFAULT_SIZE[1], avail.height() - frame.height()),
        )

    # ============================================================== pickers
    def _fill_pickers(self) -> None:
        from infodeck.compose.layouts import themes

        self.theme_combo.blockSignals(True)
        self.theme_combo.clear()
        for name, theme in themes().items():
            self.theme_combo.addItem(theme.title, name)
        idx = self.theme_combo.findData(self.theme_name)
        if idx < 0:
            idx = max(0, self.theme_combo.findData("default"))
            self.theme_name = self.theme_combo.itemData(idx)
        self.theme_combo.setCurrentIndex(idx)
        self.theme_combo.blockSignals(False)
        _fit_picker(self.theme_combo)
        self._fill_layouts()
        self._update_contrast()

    def _fill_layouts(self) -> None:
        from infodeck.compose.layouts import layouts

        self.layout_combo.blockSignals(True)
        self.layout_combo.clear()
        for name, lay in layouts().items():
            if lay.kind == self.mode:
                self.layout_combo.addItem(lay.title, name)
        idx = self.layout_combo.findData(self.layout_names[self.mode])
        if idx < 0:
            idx = max(0, self.layout_combo.findData(DEFAULT_LAYOUTS[self.mode]))
        self.layout_combo.setCurrentIndex(idx)
        self.layout_names[self.mode] = self.layout_combo.itemData(idx)
        self.layout_combo.blockSignals(False)
        _fit_picker(self.layout_combo)

    def _update_contrast(self) -> None:
        from infodeck.compose.layouts import contrast_report, get_theme

        report = contrast_report(get_theme(self.theme_name))
        worst = min(report, key=lambda r: r[2])
        ok = worst[2] >= MIN_CONTRAST
        self.contrast_chip.setText(
            f"✓ Readable contrast {worst[2]:.1f}:1" if ok else f"⚠ Low contrast {worst[2]:.1f}:1"
        )
        self.contrast_chip.setProperty("ok", "true" if ok else "false")
        self.contrast_chip.style().unpolish(self.contrast_chip)
        self.contrast_chip.style().polish(self.contrast_chip)
        rows = "".join(
            f"<tr><td>{colour_pair(fg, bg)}</td><td align='right'>&nbsp;{ratio:.1f}:1"
            f"{'' if ratio >= MIN_CONTRAST else ' ⚠'}</td></tr>"
            for fg, bg, ratio in report
        )
        theme_title = self.theme_combo.currentText() or self.theme_name
        self.contrast_chip.setToolTip(
            f"Lowest text contrast in the {theme_title} theme: "
            f"{colour_pair(worst[0], worst[1]).lower()}, {worst[2]:.1f}:1 "
            f"(4.5:1 or more reads well for everyone).<table>{rows}</table>"
        )
        self.contrast_chip.setAccessibleDescription(
            f"{'Readable' if ok else 'Low'} contrast, lowest {worst[2]:.1f} to 1"
        )
        self.contrast_ok = ok
        self.contrast_min = worst[2]

    def set_mode(self, mode: str) -> None:
        """Preview the slides (``"deck"``) or the infographic."""
        if mode not in MODES:
            raise ValueError(mode)
        self.mode_actions[mode].setChecked(True)
        if mode == self.mode:
            return
        self.mode = mode
        self.settings.mode = mode
        self._fill_layouts()
        self.request_preview()

    def set_layout(self, name: str) -> None:
        """Choose a layout of the current mode by name."""
        idx = self.layout_combo.findData(name)
        if idx < 0:
            raise ValueError(f"no {self.mode} layout '{name}'")
        self.layout_combo.setCurrentIndex(idx)

    def set_theme(self, name: str) -> None:
        """Choose a theme by name."""
        idx = self.theme_combo.findData(name)
        if idx < 0:
            raise ValueError(f"no theme '{name}'")
        self.theme_combo.setCurrentIndex(idx)

    def _layout_picked(self, idx: int) -> None:
        name = self.layout_combo.itemData(idx)
        if name:
            self.layout_names[self.mode] = name
            self.settings.set_layout(self.mode, name)
            self.request_preview()

    def _theme_picked(self, idx: int) -> None:
        name = self.theme_combo.itemData(idx)
        if name:
            self.theme_name = name
            self.settings.theme = name
            self._update_contrast()
            self.request_preview()

    # ================================================================ packs
    def open_initial(self, path: str | Path | None = None) -> None:
        """Open ``path``, else the last pack, else the built-in pack."""
        if path:
            self.open_pack(path)
            return
        last = self.settings.last_pack
        if last and is_pack_path(Path(last)):
            self.open_pack(last)
        else:
            self.open_builtin()

    def open_builtin(self) -> None:
        """Open the pack that ships with Infodeck."""
        from infodeck.resources import ResourceError, builtin_pack_dir

        try:
            root = builtin_pack_dir()
        except ResourceError as e:
            self.preview.set_message(str(e))
            return
        self.open_pack(root)

    def open_dialog(self) -> None:
        """Ask for a pack folder and open it."""
        folder = self.ask_pack_folder()
        if folder:
            self.open_pack(folder)

    def _ask_pack_folder(self) -> str | None:
        start = str(self.pack_root.parent) if self.pack_root else ""
        return QFileDialog.getExistingDirectory(self, "Open a content pack folder", start) or None

    def show_notice(self, text: str) -> None:
        """Say something above the preview until the next pack opens (and in the status bar)."""
        self.notice_banner.setText(text)
        self.notice_banner.setVisible(True)
        self.statusBar().showMessage(text.split(":")[0] + ".", 8000)

    def _shown_name(self) -> str:
        """The open pack as the title bar names it."""
        if self.pack is not None:
            return f"“{self.pack.meta.title}”"
        return f"“{self.pack_root.name}”" if self.pack_root is not None else "The open pack"

    def reload(self) -> None:
        """Read the current pack's files again."""
        if self.pack_root is not None:
            self.open_pack(self.pack_root, reload=True)

    def open_pack(self, path: str | Path, *, reload: bool = False) -> None:
        """Load a pack folder (or its pack.yaml) in the background."""
        from infodeck.content.load import pack_root

        root = pack_root(path)
        if not reload and self.pack_root is not None and not (root / PACK_FILE).is_file():
            # Keep the open pack: a wrong folder picked by mistake costs nothing.
            why = "there is no such folder" if not root.is_dir() else "it has no pack.yaml"
            self.show_notice(
                f"“{root}” is not a content pack: {why}. A pack is a folder with a pack.yaml. "
                f"{self._shown_name()} stays open."
            )
            return
        self.notice_banner.setVisible(False)
        if not reload and root != self.pack_root:
            self.pack_root = root
        self._load_gen += 1
        gen = self._load_gen
        self.statusBar().showMessage("Reloading…" if reload else f"Opening {root}…")
        self.runner.submit(
            lambda _ctx: load_outcome(root),
            name="load",
            on_done=partial(self._loaded, gen, reload),
            on_error=partial(self._load_failed, gen),
        )

    def _load_failed(self, gen: int, exc: BaseException) -> None:
        if gen == self._load_gen:
            self.statusBar().showMessage("The pack could not be read.", 8000)
            self.report_error(exc)

    def _loaded(self, gen: int, reload: bool, out: LoadOutcome) -> None:
        if gen != self._load_gen or self._closed:
            return
        same = self.pack is not None and Path(self.pack.root) == out.root
        self.outcome = out
        self.pack_root = out.root
        self.problems.set_problems(out.rows, root=out.root)
        self._fit_problems()
        self.watcher.watch(out.root, out.result.files or [out.root / PACK_FILE])
        if out.pack is None:
            if same and reload:
                self.stale_banner.setVisible(True)
                self.statusBar().showMessage(
                    "The pack has errors; showing the last version that worked.", 8000
                )
            else:
                self.pack = None
                self._infos = []
                self.sections.clear()
                self.preview_result = None
                self.preview.set_message(
                    "This pack cannot be shown yet.\nFix the problems listed below; "
                    "Infodeck reloads as soon as you save."
                )
                self.setWindowTitle(f"Infodeck — {out.root.name}")
                self.statusBar().showMessage("The pack has errors.", 8000)
                self.status_counts.setText("")
            self._update_actions()
            self.pack_loaded.emit(out)
            return
        pack = out.pack
        self.stale_banner.setVisible(False)
        if same and reload:
            order, chosen = merge_choice(
                out.infos, self.sections.order(), self.sections.chosen_ids()
            )
        else:
            saved = self.settings.section_choice(pack.meta.id)
            order, chosen = merge_choice(
                out.infos, saved.order if saved else None, saved.chosen if saved else None
            )
        if not same:
            self.preview_result = None
            self.preview.set_message("Drawing the preview…")
        self.pack = pack
        self._infos = out.infos
        self._pack_key = out.pack_key
        self._section_keys = out.section_keys
        self.sections.set_sections(out.infos, order, chosen)
        self.setWindowTitle(f"Infodeck — {pack.meta.title}")
        self.settings.last_pack = str(out.root)
        self.settings.add_recent(str(out.root))
        self._fill_recent_menu()
        self.statusBar().showMessage("Reloaded." if reload else f"Opened {pack.meta.title}.", 4000)
        self._update_actions()
        self.pack_loaded.emit(out)
        self.request_preview()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_packs()
        for path in recent:
            a = self.recent_menu.addAction(path)
            a.setEnabled(Path(path).is_dir())
            a.triggered.connect(lambda _c=False, p=path: self.open_pack(p))
        if recent:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction("Clear the list")
            clear.triggered.connect(self._clear_recent)
        self.recent_menu.setEnabled(bool(recent))

    def _clear_recent(self) -> None:
        self.settings.clear_recent()
        self._fill_recent_menu()

    # ============================================================= sections
    def _sections_changed(self) -> None:
        if self.pack is not None:
            self.settings.set_section_choice(
                self.pack.meta.id,
                SectionChoice(tuple(self.sections.order()), tuple(self.sections.chosen_ids())),
            )
        self._update_actions()
        self.request_preview()

    def restore_defaults(self) -> None:
        """The pack's own order and default sections."""
        if self.pack is None:
            return
        self.settings.clear_section_choice(self.pack.meta.id)
        order, chosen = merge_choice(self._infos, None, None)
        self.sections.set_sections(self._infos, order, chosen)
        self._update_actions()
        self.request_preview()

    # ============================================================== preview
    def request_preview(self) -> None:
        """Redraw the preview soon (several changes in one turn make one redraw)."""
        self._preview_timer.start()

    def preview_spec(self) -> PreviewSpec | None:
        """What the preview should show now (None: nothing to show)."""
        if self.pack is None:
            return None
        ids = self.sections.chosen_ids()
        if not ids:
            return None
        dpr = min(2.0, max(1.0, self.devicePixelRatioF()))
        return PreviewSpec(
            pack=self.pack,
            pack_key=self._pack_key,
            section_keys=tuple((sid, self._section_keys.get(sid, "")) for sid in ids),
            mode=self.mode,
            layout=self.layout_names[self.mode],
            theme=self.theme_name,
            dpi=PREVIEW_DPI * dpr,
            thumb_width=round(THUMB_WIDTH * dpr),
        )

    def _start_preview(self) -> None:
        if self._closed:
            return
        spec = self.preview_spec()
        self._preview_gen += 1
        gen = self._preview_gen
        if self._preview_job is not None:
            self._preview_job.cancel()
            self._preview_job = None
        if spec is None:
            if self.pack is not None:
                self.preview_result = None
                self.preview.set_message("Tick at least one section to see a preview.")
                self.status_counts.setText("")
                self.preview_ready.emit(None)
            return
        self._busy_timer.start()
        pipeline = self.pipeline
        job = self.runner.submit(
            lambda ctx: pipeline.build(spec, ctx),
            name="preview",
            on_done=partial(self._preview_done, gen),
            on_error=partial(self._preview_error, gen),
            on_progress=partial(self._preview_progress, gen),
            on_partial=partial(self._preview_partial, gen),
        )
        if gen == self._preview_gen and not job.done:
            self._preview_job = job

    def _preview_progress(self, gen: int, done: int, total: int, _msg: str) -> None:
        if gen == self._preview_gen and self.preview.busy.isVisible():
            self.preview.set_busy(True, done, total)

    def _preview_partial(self, gen: int, pages: list[PreviewPage]) -> None:
        # Only when nothing is on screen yet: otherwise the last good preview stays
        # until the new one is complete.
        first = gen == self._preview_gen and self.preview_result is None and not self._closed
        if first and len(pages) > len(self.preview.pages):
            self.preview.set_pages(pages, "Drawing…")

    def _preview_done(self, gen: int, result: PreviewResult) -> None:
        if gen != self._preview_gen or self._closed:
            return
        self._preview_job = None
        self._busy_timer.stop()
        self.preview.set_busy(False)
        self.preview_result = result
        n = len(result.pages)
        what = "slide" if result.spec.mode == "deck" else "page"
        info = f"{n} {what}{'s' if n != 1 else ''}"
        self.preview.set_pages(result.pages, info)
        total = len(self._infos)
        self.status_counts.setText(f"{info} · {len(result.spec.section_keys)} of {total} sections")
        if self.outcome is not None:
            self.problems.set_problems(
                self.outcome.rows, result.notices, root=self.outcome.root
            )
            self._fit_problems()
        self.preview_ready.emit(result)

    def _preview_error(self, gen: int, exc: BaseException) -> None:
        if gen != self._preview_gen or self._closed:
            return
        self._preview_job = None
        self._busy_timer.stop()
        self.preview.set_busy(False)
        self.statusBar().showMessage(f"The preview could not be drawn: {exc}", 10000)
        self.preview_failed.emit(exc)
        self.report_error(exc)

    # =============================================================== export
    def export_request(
        self, out_dir: Path, formats: tuple[str, ...], force: bool
    ) -> ExportRequest:
        """The engine's ExportRequest for what the window shows now."""
        from infodeck.export.plan import ExportRequest

        if self.pack is None:
            raise ValueError("no pack is open")
        return ExportRequest(
            pack=self.pack,
            out_dir=out_dir,
            section_ids=tuple(self.sections.chosen_ids()),
            formats=formats,
            deck_layout=self.layout_names["deck"],
            infographic_layout=self.layout_names["infographic"],
            theme=self.theme_name,
            force=force,
        )

    def show_export(self) -> ExportDialog | None:
        """Open the export dialog (window-modal; the window keeps repainting)."""
        if self.pack is None or not self.sections.chosen_ids():
            return None
        from infodeck.gui.export_dialog import ExportDialog

        if self.export_dialog is not None and self.export_dialog.running():
            self.export_dialog.show()
            self.export_dialog.raise_()
            return self.export_dialog
        from infodeck.compose.layouts import layouts

        n = len(self.sections.chosen_ids())
        titles = {k: layouts()[v].title for k, v in self.layout_names.items()}
        summary = (
            f"{self.pack.meta.title}: {n} section{'s' if n != 1 else ''} · "
            f"{titles['deck']} · {titles['infographic']} · "
            f"{self.theme_combo.currentText()} theme"
        )
        dlg = ExportDialog(
            self, self.runner, self.settings, self.export_request, self.opener, summary
        )
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        self.export_dialog = dlg
        dlg.show()
        return dlg

    # ================================================================= misc
    def _fit_problems(self) -> None:
        """A quiet one-line panel when all is well; room for the list when not."""
        has = self.problems.count() > 0
        if has == (not self.problems.tree.isHidden()) and self._problems_fitted:
            return
        self._problems_fitted = True
        self.problems.tree.setVisible(has)
        total = sum(self.vsplit.sizes()) or self.height()
        low = self.problems.minimumSizeHint().height() if not has else min(220, total // 3)
        self.vsplit.setSizes([total - low, low])

    def _update_actions(self) -> None:
        has_pack = self.pack is not None
        self.export_action.setEnabled(has_pack and bool(self.sections.chosen_ids()))
        self.reload_action.setEnabled(self.pack_root is not None)

    def show_about(self) -> AboutDialog:
        """Help ▸ About (non-modal, so it never blocks)."""
        from infodeck.gui.about import AboutDialog

        dlg = AboutDialog(self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()
        return dlg

    def show_guide(self) -> GuideDialog:
        """Help ▸ Guide (non-modal; one at a time)."""
        from infodeck.gui.guide import GuideDialog, guide_html, shortcut_rows

        if self.guide is not None and self.guide.isVisible():
            self.guide.raise_()
            return self.guide
        rows = shortcut_rows(self.actions())
        self.guide = GuideDialog(self, guide_html(rows, editing=False))
        self.guide.show()
        return self.guide

    def open_log_folder(self) -> None:
        """Show the log folder, creating it if needed."""
        from infodeck.logs import log_dir

        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        self.opener(folder)

    def report_error(self, exc: BaseException) -> None:
        """Tell the teacher about an unexpected error (and log it)."""
        if self.error_reporter is not None:
            self.error_reporter(exc)
            return
        show_error(exc, self)

    def _restore_geometry(self) -> None:
        geo = self.settings.get_bytes("window/geometry")
        if geo is not None:
            self.restoreGeometry(geo)
            # Saved on a larger screen: shrink to this one's free area.
            screen = self.screen()
            if screen is not None:
                avail = screen.availableGeometry().size() - FRAME_ALLOWANCE
                if self.width() > avail.width() or self.height() > avail.height():
                    self.resize(self.size().boundedTo(avail))
        split = self.settings.get_bytes("window/splitter")
        if split is not None:
            self.hsplit.restoreState(split)
        vsplit = self.settings.get_bytes("window/vsplitter")
        if vsplit is not None:
            self.vsplit.restoreState(vsplit)

    def save_settings(self) -> None:
        """Write the window's state to the settings."""
        self.settings.set_bytes("window/geometry", self.saveGeometry())
        self.settings.set_bytes("window/splitter", self.hsplit.saveState())
        self.settings.set_bytes("window/vsplitter", self.vsplit.saveState())
        if self.pack is not None:
            self.settings.set_section_choice(
                self.pack.meta.id,
                SectionChoice(tuple(self.sections.order()), tuple(self.sections.chosen_ids())),
            )
        self.settings.sync()

    # ============================================================ drag/drop
    @staticmethod
    def _dropped_pack(event: QDragEnterEvent | QDropEvent) -> Path | None:
        md = event.mimeData()
        if not md.hasUrls():
            return None
        for url in md.urls():
            if url.isLocalFile():
                p = Path(url.toLocalFile())
                if is_pack_path(p):
                    return p
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        """Accept a pack folder (or pack.yaml) dragged from the file manager."""
        if self._dropped_pack(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        """Open the dropped pack."""
        p = self._dropped_pack(event)
        if p is not None:
            event.acceptProposedAction()
            self.open_pack(p)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Save settings, stop the jobs, and make sure nothing arrives afterwards."""
        if self.export_dialog is not None and self.export_dialog.running():
            self.export_dialog.cancel()
        if not self._closed:
            self.save_settings()
        self._closed = True
        self.watcher.clear()
        self._preview_timer.stop()
        self._busy_timer.stop()
        self.runner.shutdown()
        super().closeEvent(event)
