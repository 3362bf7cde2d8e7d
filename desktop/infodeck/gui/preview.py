"""The preview: a strip of page thumbnails and one large page with zoom.

It only shows images handed to it (drawn by the pipeline in a worker); while a new
preview is being drawn the old pages stay on screen with a quiet "Updating…" note,
so the teacher never looks at a blank area.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPixmap, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from infodeck.gui.pipeline import THUMB_WIDTH, PreviewPage

ZOOMS = (0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
CANVAS_BG = "#E4E8EC"


class PageCanvas(QWidget):
    """Paints one page centred with a soft shadow, fitted or at a zoom factor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page: PreviewPage | None = None
        self.message = ""
        self.zoom: float | None = None  # None: fit to the view
        self.margin = 28
        self.setAccessibleName("Page preview")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def page_size(self) -> QSize:
        """The page's size on screen at the current zoom (logical pixels)."""
        if self.page is None or self.zoom is None:
            return QSize(0, 0)
        # the page's natural size is its size in points at 96 dpi (a "100 %" view)
        w = self.page.width_pt / 72 * 96 * self.zoom
        h = self.page.height_pt / 72 * 96 * self.zoom
        return QSize(round(w), round(h))

    def sizeHint(self) -> QSize:  # noqa: N802
        """The zoomed page plus margins (fit mode follows the view instead)."""
        s = self.page_size()
        return QSize(s.width() + 2 * self.margin, s.height() + 2 * self.margin)

    def target_rect(self) -> QRectF:
        """Where the page is drawn inside this widget."""
        if self.page is None:
            return QRectF()
        avail = QRectF(self.rect()).adjusted(self.margin, self.margin, -self.margin, -self.margin)
        if self.zoom is None:
            pw, ph = self.page.width_pt, self.page.height_pt
            scale = min(avail.width() / pw, avail.height() / ph)
            w, h = pw * scale, ph * scale
        else:
            s = self.page_size()
            w, h = s.width(), s.height()
        x = avail.left() + max(0.0, (avail.width() - w) / 2)
        y = avail.top() + max(0.0, (avail.height() - h) / 2)
        return QRectF(x, y, w, h)

    def paintEvent(self, _event: object) -> None:  # noqa: N802
        """Background, shadow, page (or the message when there is no page)."""
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(CANVAS_BG))
        if self.page is None:
            if self.message:
                p.setPen(QColor("#52606D"))
                f = p.font()
                f.setPointSizeF(f.pointSizeF() * 1.15)
                p.setFont(f)
                p.drawText(
                    self.rect().adjusted(40, 40, -40, -40),
                    Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                    self.message,
                )
            return
        r = self.target_rect()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for i, alpha in enumerate((28, 18, 10)):
            path = QPainterPath()
            d = i + 1
            path.addRoundedRect(r.adjusted(-d, -d + 2, d, d + 3), 3 + d, 3 + d)
            p.fillPath(path, QColor(15, 30, 45, alpha))
        p.drawImage(r, self.page.image)


class PreviewPanel(QWidget):
    """Thumbnails plus a large view with zoom.

    Signals:
        current_changed(int): the page shown in the large view changed.
    """

    current_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages: list[PreviewPage] = []

        self.heading = QLabel("Preview")
        self.heading.setObjectName("panelHeading")
        self.info_label = QLabel("")
        self.info_label.setObjectName("panelHint")
        self.info_label.setAccessibleName("Preview information")
        self.busy = QProgressBar()
        self.busy.setObjectName("busyBar")
        self.busy.setAccessibleName("Preview progress")
        self.busy.setTextVisible(False)
        self.busy.setFixedWidth(90)
        self.busy.setFixedHeight(6)
        self.busy.setVisible(False)
        self.busy_label = QLabel("Updating…")
        self.busy_label.setObjectName("panelHint")
        self.busy_label.setVisible(False)

        self.zoom_out = self._tool("−", "Zoom out", "Zoom out (Ctrl+-)")
        self.zoom_in = self._tool("+", "Zoom in", "Zoom in (Ctrl++)")
        self.zoom_box = QComboBox()
        self.zoom_box.setAccessibleName("Zoom")
        self.zoom_box.setToolTip("Zoom")
        self.zoom_box.addItem("Fit", None)
        for z in ZOOMS:
            self.zoom_box.addItem(f"{round(z * 100)} %", z)
        self.zoom_box.currentIndexChanged.connect(self._zoom_picked)
        self.zoom_out.clicked.connect(lambda: self.step_zoom(-1))
        self.zoom_in.clicked.connect(lambda: self.step_zoom(1))

        self.thumbs = QListWidget()
        self.thumbs.setObjectName("thumbs")
        self.thumbs.setAccessibleName("Pages")
        self.thumbs.setViewMode(QListView.ViewMode.IconMode)
        self.thumbs.setFlow(QListView.Flow.TopToBottom)
        self.thumbs.setWrapping(False)
        self.thumbs.setMovement(QListView.Movement.Static)
        self.thumbs.setResizeMode(QListView.ResizeMode.Adjust)
        self.thumbs.setIconSize(QSize(THUMB_WIDTH, round(THUMB_WIDTH * 0.75)))
        self.thumbs.setSpacing(6)
        self.thumbs.setUniformItemSizes(False)
        self.thumbs.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.thumbs.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.thumbs.setFixedWidth(THUMB_WIDTH + 44)
        self.thumbs.currentRowChanged.connect(self._row_changed)

        self.canvas = PageCanvas()
        self.page_scroll = QScrollArea()
        self.page_scroll.setObjectName("pageScroll")
        self.page_scroll.setAccessibleName("Page view")
        self.page_scroll.setWidget(self.canvas)
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_scroll.viewport().installEventFilter(self)

        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(self.heading)
        head.addWidget(self.info_label)
        head.addStretch(1)
        head.addWidget(self.busy_label)
        head.addWidget(self.busy)
        head.addSpacing(12)
        head.addWidget(self.zoom_out)
        head.addWidget(self.zoom_box)
        head.addWidget(self.zoom_in)
        body = QHBoxLayout()
        body.setSpacing(0)
        body.addWidget(self.thumbs)
        body.addWidget(self.page_scroll, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 10, 12, 6)
        lay.setSpacing(8)
        lay.addLayout(head)
        lay.addLayout(body, 1)

    def _tool(self, text: str, name: str, tip: str) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setAccessibleName(name)
        b.setToolTip(tip)
        b.setAutoRaise(True)
        return b

    # ------------------------------------------------------------------ pages
    def set_pages(self, pages: list[PreviewPage], info: str = "") -> None:
        """Show new pages, keeping the current page number when it still exists."""
        keep = max(0, self.thumbs.currentRow())
        self.pages = list(pages)
        self.thumbs.blockSignals(True)
        self.thumbs.clear()
        tw = THUMB_WIDTH
        max_h = 0
        for i, page in enumerate(pages):
            pix = QPixmap.fromImage(page.thumb)
            ratio = max(1.0, page.thumb.width() / tw)
            pix.setDevicePixelRatio(ratio)
            item = QListWidgetItem(QIcon(pix), f"{i + 1}")
            name = page.title or f"Page {i + 1}"
            item.setToolTip(name)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"Page {i + 1}: {name}")
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.thumbs.addItem(item)
            max_h = max(max_h, round(page.thumb.height() / ratio))
        if max_h:
            self.thumbs.setIconSize(QSize(tw, max_h))
        self.thumbs.blockSignals(False)
        self.info_label.setText(info)
        if pages:
            row = min(keep, len(pages) - 1)
            self.thumbs.setCurrentRow(row)
            self._show(row)
        else:
            self._show(-1)

    def set_message(self, message: str) -> None:
        """Show a message instead of pages (no pack, no sections chosen)."""
        self.pages = []
        self.thumbs.clear()
        self.canvas.message = message
        self.info_label.setText("")
        self._show(-1)

    def set_busy(self, busy: bool, done: int = 0, total: int = 0) -> None:
        """Show or hide the quiet progress note while a preview is drawn."""
        self.busy.setVisible(busy)
        self.busy_label.setVisible(busy)
        if busy and total:
            self.busy.setRange(0, total)
            self.busy.setValue(done)
        elif busy:
            self.busy.setRange(0, 0)

    def current_index(self) -> int:
        """The page shown in the large view (-1 for none)."""
        return self.thumbs.currentRow() if self.pages else -1

    def show_section(self, section_id: str | None) -> bool:
        """Show the section's first page unless one of its pages is shown already.

        False when no page of it is drawn yet (a new section: the next preview has it).
        """
        mine = [i for i, p in enumerate(self.pages) if p.section_id == section_id]
        if not mine:
            return False
        i = self.current_index()
        if not (0 <= i < len(self.pages) and self.pages[i].section_id == section_id):
            self.show_page(mine[0])
        return True

    def show_page(self, index: int) -> None:
        """Show page ``index`` in the large view."""
        self.thumbs.setCurrentRow(index)

    def _row_changed(self, row: int) -> None:
        self._show(row)
        self.current_changed.emit(row)

    def _show(self, row: int) -> None:
        self.canvas.page = self.pages[row] if 0 <= row < len(self.pages) else None
        self._apply_zoom()

    # ------------------------------------------------------------------- zoom
    @property
    def zoom(self) -> float | None:
        """The zoom factor, or None when the page is fitted to the view."""
        return self.canvas.zoom

    def set_zoom(self, zoom: float | None) -> None:
        """Fit (None) or a factor (1.0 is the page at 96 dpi)."""
        idx = 0 if zoom is None else self.zoom_box.findData(zoom)
        if idx < 0:
            self.canvas.zoom = zoom
            self._apply_zoom()
        else:
            self.zoom_box.setCurrentIndex(idx)
            self._zoom_picked(idx)

    def step_zoom(self, direction: int) -> None:
        """One zoom step in or out from the current view."""
        cur = self.canvas.zoom
        if cur is None:
            r = self.canvas.target_rect()
            cur = (r.width() / (self.canvas.page.width_pt / 72 * 96)) if self.canvas.page else 1.0
        if direction > 0:
            nxt = next((z for z in ZOOMS if z > cur + 1e-6), ZOOMS[-1])
        else:
            nxt = next((z for z in reversed(ZOOMS) if z < cur - 1e-6), ZOOMS[0])
        self.set_zoom(nxt)

    def _zoom_picked(self, idx: int) -> None:
        self.canvas.zoom = self.zoom_box.itemData(idx)
        self._apply_zoom()

    def _apply_zoom(self) -> None:
        fit = self.canvas.zoom is None or self.canvas.page is None
        self.page_scroll.setWidgetResizable(fit)
        if not fit:
            self.canvas.resize(self.canvas.sizeHint())
        self.canvas.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Ctrl+wheel over the page zooms."""
        if (
            isinstance(event, QWheelEvent)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.step_zoom(1 if event.angleDelta().y() > 0 else -1)
            return True
        return super().eventFilter(watched, event)
