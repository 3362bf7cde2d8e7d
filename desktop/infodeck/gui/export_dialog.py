"""The export dialog: formats, folder, overwrite; progress with cancel; the outcome.

The export runs as a job (the window stays responsive) through the engine's
``run_export``, which writes every file to a temporary name first and moves them
into place only when all are written — a failure or a cancel leaves nothing
half-written, which the dialog says in plain words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from infodeck.gui.jobs import Job, JobContext, Runner
from infodeck.gui.settings import Settings
from infodeck.gui.template_picker import TemplatePicker
from infodeck.logs import log_exception

if TYPE_CHECKING:
    from infodeck.content.model import Pack
    from infodeck.export.plan import ExportRequest
    from infodeck.export.write import ExportResult

MakeRequest = Callable[[Path, tuple[str, ...], bool], "ExportRequest"]


def default_out_dir() -> Path:
    """Documents/Infodeck: where a first export goes."""
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs or Path.home()) / "Infodeck"


def plain_error(exc: BaseException) -> str:
    """The message a teacher reads for an export failure."""
    from infodeck.errors import PartlyWritten, TargetsExist, UnknownName, UserError

    if isinstance(exc, UnknownName):
        return f"The export could not start: {exc}"
    if isinstance(exc, UserError):
        msg = str(exc)
        if isinstance(exc, TargetsExist):
            msg += "; tick “Replace existing files” to replace them, or choose another folder"
        if fmt := getattr(exc, "format_name", ""):  # content.problems.FormatRefused
            msg = f"{fmt} cannot take the pack as it is; untick it, or change this:\n{msg}"
        if isinstance(exc, PartlyWritten):  # it names what was replaced: no "nothing"
            return msg[0].upper() + msg[1:]
        return msg[0].upper() + msg[1:] + "\n\nNothing was written."
    if isinstance(exc, KeyError):
        return f"The export could not start: {exc}"
    if isinstance(exc, OSError):
        return f"The files could not be written: {exc.strerror or exc}.\n\nNothing was written."
    path = log_exception(exc)
    return (
        "Something went wrong while exporting, and nothing was written.\n\n"
        f"{type(exc).__name__}: {exc}\n\nDetails are in the log file: {path}"
    )


class ExportDialog(QDialog):
    """Choose what to export and watch it happen.

    Signals:
        export_finished(object): the ``ExportResult``, or the exception, or None when
            the export was cancelled.
    """

    export_finished = Signal(object)

    def __init__(
        self,
        parent: QWidget | None,
        runner: Runner,
        settings: Settings,
        make_request: MakeRequest,
        opener: Callable[[Path], object],
        summary: str = "",
        pack: Pack | None = None,
        check_template: Callable[[QWidget, Path], object] | None = None,
    ) -> None:
        super().__init__(parent)
        from infodeck.export import formats as fmts

        self.setWindowTitle("Export")
        self.setObjectName("exportDialog")
        self.setAccessibleName("Export")
        self.setMinimumWidth(560)
        self._runner = runner
        self._settings = settings
        self._make_request = make_request
        self._opener = opener
        self.job: Job | None = None
        self.export_result: ExportResult | None = None
        self.error_text = ""

        title = QLabel("Export")
        title.setObjectName("dialogTitle")
        self.summary_label = QLabel(summary)
        self.summary_label.setObjectName("panelHint")
        self.summary_label.setWordWrap(True)
        self.summary_label.setAccessibleName("What will be exported")

        box = QGroupBox("What to make")
        box_lay = QVBoxLayout(box)
        chosen = set(settings.export_formats(fmts.DEFAULTS))
        self.format_boxes: dict[str, QCheckBox] = {}
        for f in fmts.FORMATS:
            cb = QCheckBox(f.description)
            cb.setAccessibleName(f.description)
            cb.setChecked(f.name in chosen)
            cb.toggled.connect(self._validate)
            self.format_boxes[f.name] = cb
            box_lay.addWidget(cb)

        folder_box = QGroupBox("Where")
        folder_lay = QVBoxLayout(folder_box)
        row = QHBoxLayout()
        self.out_dir_edit = QLineEdit(settings.out_dir or str(default_out_dir()))
        self.out_dir_edit.setAccessibleName("Output folder")
        self.out_dir_edit.textChanged.connect(self._validate)
        self.browse_button = QPushButton("Choose…")
        self.browse_button.setAccessibleName("Choose output folder")
        self.browse_button.clicked.connect(self._browse)
        row.addWidget(self.out_dir_edit, 1)
        row.addWidget(self.browse_button)
        folder_lay.addLayout(row)
        self.overwrite_box = QCheckBox("Replace existing files")
        self.overwrite_box.setAccessibleName("Replace existing files")
        # Never remembered: replacing files is a choice made for each export.
        self.overwrite_box.setChecked(False)
        folder_lay.addWidget(self.overwrite_box)

        # The school template the deck is built on (remembered per pack).
        self.template_picker: TemplatePicker | None = None
        if pack is not None:
            from infodeck.gui.template_report import open_template_report

            self.template_picker = TemplatePicker(
                settings, pack.meta.id, Path(pack.root), pack.meta.template,
                check_template or open_template_report,
            )

        self.progress = QProgressBar()
        self.progress.setAccessibleName("Export progress")
        self.progress.setVisible(False)
        self.status_label = QLabel("")
        self.status_label.setObjectName("exportStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName("Export status")
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.open_folder_button = QPushButton("Open folder")
        self.open_folder_button.setAccessibleName("Open the output folder")
        self.open_folder_button.clicked.connect(self.open_folder)
        self.open_deck_button = QPushButton("Open deck")
        self.open_deck_button.setAccessibleName("Open the exported deck")
        self.open_deck_button.clicked.connect(self.open_deck)
        for b in (self.open_folder_button, self.open_deck_button):
            b.setVisible(False)
        self.export_button = QPushButton("Export")
        self.export_button.setObjectName("primaryButton")
        self.export_button.setAccessibleName("Start export")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.cancel_button = QPushButton("Close")
        self.cancel_button.setAccessibleName("Close")
        self.cancel_button.clicked.connect(self._cancel_or_close)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_folder_button)
        buttons.addWidget(self.open_deck_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.export_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.setSpacing(12)
        lay.addWidget(title)
        lay.addWidget(self.summary_label)
        lay.addWidget(box)
        lay.addWidget(folder_box)
        if self.template_picker is not None:
            lay.addWidget(self.template_picker)
        lay.addWidget(self.progress)
        lay.addWidget(self.status_label)
        lay.addWidget(line)
        lay.addLayout(buttons)
        self._validate()

    # ------------------------------------------------------------- choices
    def formats(self) -> tuple[str, ...]:
        """The ticked format names, in the table's order (``export.formats``)."""
        return tuple(n for n, cb in self.format_boxes.items() if cb.isChecked())

    def out_dir(self) -> Path:
        """The chosen output folder."""
        return Path(self.out_dir_edit.text().strip()).expanduser()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Export to folder", self.out_dir_edit.text()
        )
        if folder:
            self.out_dir_edit.setText(folder)

    def _validate(self) -> bool:
        running = self.running()
        ok = bool(self.formats()) and bool(self.out_dir_edit.text().strip())
        self.export_button.setEnabled(ok and not running)
        if not running and not self.formats():
            self.status_label.setText("Tick at least one thing to make.")
        elif not running and self.status_label.text() == "Tick at least one thing to make.":
            self.status_label.setText("")
        return ok

    def running(self) -> bool:
        """True while an export job runs."""
        return self.job is not None and not self.job.done

    # -------------------------------------------------------------- export
    def start(self) -> None:
        """Remember the choices and start the export job."""
        if self.running() or not self._validate():
            return
        out, formats, force = self.out_dir(), self.formats(), self.overwrite_box.isChecked()
        self._settings.out_dir = str(out)
        self._settings.set_export_formats(list(formats))
        self.export_result = None
        self.error_text = ""
        try:
            req = self._make_request(out, formats, force)
            if self.template_picker is not None:
                req = replace(req, template=self.template_picker.request_value())
        except Exception as e:
            self._failed(e)
            return
        self._set_running(True)
        self.status_label.setText("Composing…")

        def work(ctx: JobContext) -> ExportResult:
            from infodeck.export.pool import strategy
            from infodeck.export.write import run_export
            from infodeck.render.mpl import configure

            # The same path as the command line: writer processes where that is safe,
            # each set up by the window's configure step.
            how = strategy()
            return run_export(
                req, progress=ctx.progress, cancel=ctx.is_cancelled, how=how, setup=configure
            )

        self.job = self._runner.submit(
            work,
            name="export",
            on_done=self._succeeded,
            on_error=self._failed,
            on_progress=self._progressed,
            on_cancelled=self._cancelled,
        )

    def cancel(self) -> None:
        """Ask the running export to stop."""
        if self.running() and self.job is not None:
            self.job.cancel()
            self.status_label.setText("Cancelling…")
            self.cancel_button.setEnabled(False)

    def _cancel_or_close(self) -> None:
        if self.running():
            self.cancel()
        else:
            self.reject()

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        if running:
            self.progress.setRange(0, 0)
        for w in (
            *self.format_boxes.values(),
            self.out_dir_edit,
            self.browse_button,
            self.overwrite_box,
        ):
            w.setEnabled(not running)
        self.cancel_button.setText("Cancel" if running else "Close")
        self.cancel_button.setAccessibleName("Cancel export" if running else "Close")
        self.cancel_button.setEnabled(True)
        self.export_button.setEnabled(not running)
        if running:
            self.open_folder_button.setVisible(False)
            self.open_deck_button.setVisible(False)

    def _progressed(self, done: int, total: int, message: str) -> None:
        if not self.running():
            return
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self.status_label.setText(message + "…" if message != "Done" else message)

    def _succeeded(self, result: ExportResult) -> None:
        self.export_result = result
        self._set_running(False)
        n = len(result.written)
        lines = [f"✓ {n} file{'s' if n != 1 else ''} written to {self.out_dir()}"]
        lines += result.notices
        self.status_label.setText("\n".join(lines))
        self.open_folder_button.setVisible(True)
        self.open_deck_button.setVisible(self.deck_path() is not None)
        self._validate()
        self.export_finished.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.error_text = plain_error(exc)
        self._set_running(False)
        self.status_label.setText(self.error_text)
        self._validate()
        self.export_finished.emit(exc)

    def _cancelled(self) -> None:
        self._set_running(False)
        self.status_label.setText("Export cancelled. Nothing was written.")
        self._validate()
        self.export_finished.emit(None)

    # ------------------------------------------------------------- results
    def deck_path(self) -> Path | None:
        """The written .pptx, if the export made one."""
        if self.export_result is None:
            return None
        return next((p for p in self.export_result.written if p.suffix == ".pptx"), None)

    def open_folder(self) -> None:
        """Show the output folder in the file manager."""
        self._opener(self.out_dir())

    def open_deck(self) -> None:
        """Open the exported deck in PowerPoint (or what the system uses)."""
        deck = self.deck_path()
        if deck is not None:
            self._opener(deck)

    def reject(self) -> None:
        """Closing the dialog cancels a running export first."""
        if self.running():
            self.cancel()
            return
        super().reject()
