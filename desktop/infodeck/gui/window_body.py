"""The window's body: sections on the left, preview and problems on the right.

Above the preview are the banners; instead of it, when there is no pack to show,
the page that says why.

Only layout lives here: which widget goes where, how the splitters share the
space, and where the window's size and splitters are remembered.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from infodeck.gui.editor import EditorPanel
from infodeck.gui.pack_page import PackPage
from infodeck.gui.preview import PreviewPanel
from infodeck.gui.problems_panel import ProblemsPanel
from infodeck.gui.sections_panel import SectionsPanel
from infodeck.gui.settings import Settings

EDIT_WIDTH = 380  # the Edit panel's first width: room for its forms, and the preview
FRAME_ALLOWANCE = 56  # title bar and borders the window manager adds (height)


def _banner(name: str, accessible: str, text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setAccessibleName(accessible)
    label.setVisible(False)
    return label


class WindowBody(QSplitter):
    """The sections panel beside the preview area (itself a splitter over Problems)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("mainSplitter")
        self.sections = SectionsPanel()
        self.preview = PreviewPanel()
        self.problems = ProblemsPanel()
        self.page = PackPage()
        self.stale_banner = _banner(
            "staleBanner",
            "Pack has errors",
            "This pack has errors after the last change. The preview shows the last version "
            "that worked; the problems are listed below.",
        )
        self.notice_banner = _banner("noticeBanner", "Notice")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.preview)
        self.stack.addWidget(self.page)
        self._problems_fitted = False

        right = QWidget()
        right_lay = QVBoxLayout(right)
        right_lay.setContentsMargins(0, 0, 0, 0)
        right_lay.setSpacing(0)
        banners = QWidget()
        banner_lay = QVBoxLayout(banners)
        banner_lay.setContentsMargins(8, 8, 12, 0)
        banner_lay.addWidget(self.stale_banner)
        banner_lay.addWidget(self.notice_banner)
        right_lay.addWidget(banners)
        self.vsplit = QSplitter(Qt.Orientation.Vertical)
        self.vsplit.setObjectName("previewSplitter")
        self.vsplit.setChildrenCollapsible(False)
        self.vsplit.setHandleWidth(1)
        self.vsplit.addWidget(self.stack)
        self.vsplit.addWidget(self.problems)
        self.vsplit.setStretchFactor(0, 5)
        self.vsplit.setStretchFactor(1, 1)
        self.vsplit.setSizes([700, 120])
        right_lay.addWidget(self.vsplit, 1)
        self.setChildrenCollapsible(False)
        self.setHandleWidth(1)
        self.addWidget(self.sections)
        self.addWidget(right)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        self.setSizes([340, 1100])

    def show_page(self, heading: str, text: str) -> None:
        """The page that says why there is no preview, with ways on."""
        self.page.show_reason(heading, text)
        self.stack.setCurrentWidget(self.page)

    def show_preview(self) -> None:
        """The preview (the usual view)."""
        self.stack.setCurrentWidget(self.preview)

    def fit_problems(self) -> None:
        """A quiet one-line panel when all is well; room for the list when not."""
        has = self.problems.count() > 0
        if has == (not self.problems.tree.isHidden()) and self._problems_fitted:
            return
        self._problems_fitted = True
        self.problems.tree.setVisible(has)
        total = sum(self.vsplit.sizes()) or self.height()
        low = self.problems.minimumSizeHint().height() if not has else min(220, total // 3)
        self.vsplit.setSizes([total - low, low])

    def restore(self, settings: Settings, window: QMainWindow) -> None:
        """The window's size and splitters as last left (fitted to this screen)."""
        geo = settings.get_bytes("window/geometry")
        if geo is not None:
            window.restoreGeometry(geo)
            screen = window.screen()
            if screen is not None:  # saved on a larger screen: shrink to this one
                avail = screen.availableGeometry().size()
                avail.setHeight(avail.height() - FRAME_ALLOWANCE)
                if window.width() > avail.width() or window.height() > avail.height():
                    window.resize(window.size().boundedTo(avail))
        state = settings.get_bytes("window/state")  # the Edit panel's place and width
        if state is None or not window.restoreState(state):
            docks = window.findChildren(QDockWidget)
            window.resizeDocks(docks, [EDIT_WIDTH] * len(docks), Qt.Orientation.Horizontal)
        for key, splitter in (("window/splitter", self), ("window/vsplitter", self.vsplit)):
            state = settings.get_bytes(key)
            if state is not None:
                splitter.restoreState(state)

    def save(self, settings: Settings, window: QMainWindow) -> None:
        """Remember the window's size and splitters."""
        settings.set_bytes("window/geometry", window.saveGeometry())
        settings.set_bytes("window/state", window.saveState())
        settings.set_bytes("window/splitter", self.saveState())
        settings.set_bytes("window/vsplitter", self.vsplit.saveState())


def edit_dock(window: QMainWindow) -> tuple[EditorPanel, QDockWidget]:
    """The Edit panel in a dock at the window's right (or left: the teacher can move it)."""
    editor = EditorPanel()
    dock = QDockWidget("Edit", window)
    dock.setObjectName("editDock")
    dock.setAccessibleName("Edit panel")
    dock.setWidget(editor)
    dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetClosable
        | QDockWidget.DockWidgetFeature.DockWidgetMovable
    )
    dock.setAllowedAreas(
        Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
    )
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    return editor, dock


def editor_actions(editor: EditorPanel) -> list[QAction]:
    """The Edit panel's commands that the window's Edit menu offers too."""
    return [
        editor.new_section_action,
        editor.duplicate_section_action,
        editor.delete_section_action,
        editor.picture_action,
        editor.references_action,
        editor.pack_details_action,
    ]


def section_context_menu(sections: SectionsPanel, editor: EditorPanel) -> None:
    """Right-click a section in the list: the Edit panel's Section menu, for that section."""
    sections.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    sections.list.customContextMenuRequested.connect(
        lambda pos: editor.section_menu.popup(sections.list.mapToGlobal(pos))
    )


def status_counts(window: QMainWindow) -> QLabel:
    """The status bar's permanent "3 slides · 2 of 5 sections" label."""
    label = QLabel("")
    label.setAccessibleName("Counts")
    window.statusBar().addPermanentWidget(label)
    window.statusBar().setSizeGripEnabled(False)
    return label


DEFAULT_SIZE = QSize(1280, 820)
FRAME_SIZE = QSize(16, 40)  # title bar and borders around the window's own size


def default_size(window: QMainWindow) -> QSize:
    """1280×820, or less: never more than the screen's free area (a 1366×768 laptop)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return DEFAULT_SIZE
    return DEFAULT_SIZE.boundedTo(screen.availableGeometry().size() - FRAME_SIZE)
