"""File > Export…: choose the audience and the format, check the redactions, write the file.

Building the document and writing the PDF or Markdown run on a worker thread (the window stays
responsive, a busy bar shows the work); the dialog only decides and reports. A customer-facing
export is refused outright for a security incident without the legal/infosec sign-off, and
waits while a secret found in the text is not yet confirmed.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.model import Postmortem
from app.domain.redaction import (
    ALLOWED_HOSTS_KEY,
    INTERNAL_DOMAINS_KEY,
    RedactionRules,
    parse_host_list,
    rules_for,
)
from app.export.build import CustomerExportRefused, customer_document, internal_document
from app.export.document import ExportAudience, ExportDocument
from app.export.markdown_export import write_markdown
from app.export.pdf import write_pdf
from app.ui import files
from app.ui.background import BackgroundOperations
from app.ui.export_dialog.preview import RedactionPreview
from app.ui.labels import plain_label
from app.ui.theme import Tone

Format = Literal["pdf", "md"]
_NOT_A_NAME = re.compile(r"[^a-z0-9]+")


def open_file(path: Path) -> bool:
    """Open ``path`` in the system's viewer (tests replace this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def suggested_name(pm: Postmortem, audience: ExportAudience, fmt: Format) -> str:
    stem = _NOT_A_NAME.sub("-", pm.title.casefold()).strip("-")[:60].rstrip("-") or "postmortem"
    suffix = "internal" if audience is ExportAudience.INTERNAL else "customer-summary"
    return f"{stem}-{suffix}.{fmt}"


def write_document(
    document: ExportDocument,
    path: Path,
    fmt: Format,
    *,
    page_size: Literal["A4", "Letter"],
    single_file: bool,
) -> list[Path]:
    """Runs on a worker thread: the files written."""
    if fmt == "pdf":
        write_pdf(document, path, page_size=page_size)
        return [path]
    return write_markdown(document, path, single_file=single_file)


class ExportDialog(QDialog):
    """The export of one postmortem: audience, format, redaction preview, progress."""

    exported = Signal(object)  # list[Path]: the files written
    terms_requested = Signal(object)  # tuple[str, ...]: the postmortem's new redaction terms
    setting_changed = Signal(str, str)  # a library setting: key, value

    def __init__(
        self,
        postmortem: Postmortem,
        *,
        tracker_pattern: str = "",
        allowed_hosts: str = "",
        internal_domains: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.setObjectName("exportDialog")
        self._postmortem = postmortem
        self._tracker_pattern = tracker_pattern
        self._allowed_back: tuple[str, ...] = ()
        self._refusal = ""
        self.operations = BackgroundOperations(self)
        self._build(allowed_hosts, internal_domains)
        self._refresh()

    # -- construction ------------------------------------------------------------------------
    def _build(self, allowed_hosts: str, internal_domains: str) -> None:
        choices = self._build_choices()
        self.hosts_box = self._build_redaction(allowed_hosts, internal_domains)
        self.refusal = plain_label("", self, wrap=True, bold=True, tone=Tone.ERROR)
        self.refusal.setObjectName("exportRefusal")
        self.refusal.setAccessibleName("Why this export is not possible")
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName("Export progress")
        self.progress.setRange(0, 0)  # busy: writing has no meaningful percentage
        self.progress.hide()
        self.status = plain_label("", self, wrap=True)
        self.status.setAccessibleName("Export status")
        self.open_after = QCheckBox("&Open the file when it is written", self)
        self.open_after.setAccessibleName("Open the exported file when done")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close the export dialog")
        self.export_button = QPushButton("&Export…", self)
        self.export_button.setAccessibleName("Choose where to save and export")
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(self.choose_and_export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addWidget(self.hosts_box, 1)
        for widget in (self.refusal, self.progress, self.status, self.open_after, self.buttons):
            layout.addWidget(widget)
        width = self.fontMetrics().horizontalAdvance("M") * 58
        self.resize(width, round(width * 0.8))

    def _build_choices(self) -> QVBoxLayout:
        """Audience, format, page size, single file."""
        self.internal = QRadioButton("&Internal postmortem: everything", self)
        self.customer = QRadioButton("&Customer-facing summary: redacted", self)
        self.internal.setChecked(True)
        audience = QButtonGroup(self)
        row = QHBoxLayout()
        for button in (self.internal, self.customer):
            button.setAccessibleName(button.text().replace("&", ""))
            audience.addButton(button)
            button.toggled.connect(lambda _on: self._refresh())
            row.addWidget(button)
        self.format = QComboBox(self)
        self.format.setAccessibleName("Format")
        self.format.addItem("PDF", "pdf")
        self.format.addItem("Markdown", "md")
        self.format.currentIndexChanged.connect(lambda _i: self._refresh())
        self.page_size = QComboBox(self)
        self.page_size.setAccessibleName("Page size")
        self.page_size.addItem("A4", "A4")
        self.page_size.addItem("US Letter", "Letter")
        self.single_file = QCheckBox("One &file (pictures embedded)", self)
        self.single_file.setAccessibleName("Write one Markdown file with the pictures embedded")
        form = QFormLayout()
        form.addRow(plain_label("Format", self), self.format)
        form.addRow(plain_label("Page size", self), self.page_size)
        form.addRow(plain_label("", self), self.single_file)
        column = QVBoxLayout()
        column.addLayout(row)
        column.addLayout(form)
        return column

    def _build_redaction(self, allowed_hosts: str, internal_domains: str) -> QGroupBox:
        """The customer-facing export's host lists and the redaction preview."""
        box = QGroupBox("Redaction", self)
        self.allowed_hosts = QLineEdit(allowed_hosts, box)
        self.allowed_hosts.setAccessibleName("Link hosts customers may see")
        self.allowed_hosts.setPlaceholderText("status.example.com, docs.example.com")
        self.internal_domains = QLineEdit(internal_domains, box)
        self.internal_domains.setAccessibleName("Internal domains")
        self.internal_domains.setPlaceholderText("corp.example.com, internal")
        for field, key in (
            (self.allowed_hosts, ALLOWED_HOSTS_KEY),
            (self.internal_domains, INTERNAL_DOMAINS_KEY),
        ):
            field.editingFinished.connect(lambda f=field, k=key: self._setting_edited(f, k))
        self.preview = RedactionPreview(box)
        self.preview.allowed_back_changed.connect(self._allow_back)
        self.preview.term_added.connect(self._add_term)
        self.preview.resolved_changed.connect(lambda _ok: self._update_export_button())
        form = QFormLayout(box)
        form.addRow(plain_label("Links allowed to", box), self.allowed_hosts)
        form.addRow(plain_label("Internal domains", box), self.internal_domains)
        form.addRow(self.preview)
        return box

    # -- state -------------------------------------------------------------------------------
    @property
    def audience(self) -> ExportAudience:
        return ExportAudience.CUSTOMER if self.customer.isChecked() else ExportAudience.INTERNAL

    @property
    def chosen_format(self) -> Format:
        return "md" if self.format.currentData() == "md" else "pdf"

    def rules(self) -> RedactionRules:
        base = rules_for(
            self._postmortem,
            allowed_hosts=parse_host_list(self.allowed_hosts.text()),
            internal_domains=parse_host_list(self.internal_domains.text()),
        )
        return RedactionRules(
            allowed_hosts=base.allowed_hosts,
            internal_domains=base.internal_domains,
            internal_names=base.internal_names,
            participants=base.participants,
            terms=base.terms,
            allowed_back=self._allowed_back,
        )

    def set_postmortem(self, postmortem: Postmortem) -> None:
        """The stored postmortem changed (a term was added): preview it again."""
        self._postmortem = postmortem
        self._refresh()

    def _refresh(self) -> None:
        customer = self.audience is ExportAudience.CUSTOMER
        self.hosts_box.setVisible(customer)
        self.page_size.setEnabled(self.chosen_format == "pdf")
        self.single_file.setEnabled(self.chosen_format == "md")
        self._refusal = ""
        if customer:
            try:
                _document, report = customer_document(self._postmortem, self.rules())
            except CustomerExportRefused as refused:
                self._refusal = str(refused)
            else:
                self.preview.show_report(report, self._allowed_back)
        self.refusal.setText(self._refusal)
        self.refusal.setVisible(bool(self._refusal))
        self.preview.setEnabled(not self._refusal)
        self._update_export_button()

    def _update_export_button(self) -> None:
        busy = self.progress.isVisible()
        customer = self.audience is ExportAudience.CUSTOMER
        ready = not self._refusal and (not customer or self.preview.resolved)
        self.export_button.setEnabled(ready and not busy)

    def _allow_back(self, allowed: object) -> None:
        if isinstance(allowed, tuple):
            self._allowed_back = tuple(str(item) for item in allowed)
            self._refresh()

    def _add_term(self, term: str) -> None:
        terms = self._postmortem.redaction_terms
        if term not in terms:
            self.terms_requested.emit((*terms, term))

    def _setting_edited(self, field: QLineEdit, key: str) -> None:
        self.setting_changed.emit(key, ", ".join(parse_host_list(field.text())))
        self._refresh()

    # -- exporting ---------------------------------------------------------------------------
    def choose_and_export(self) -> None:
        fmt = self.chosen_format
        name_filter = "PDF documents (*.pdf)" if fmt == "pdf" else "Markdown (*.md)"
        suggested = suggested_name(self._postmortem, self.audience, fmt)
        path = files.ask_save_path(self, "Export the postmortem", suggested, name_filter)
        if path is None:
            return
        self.export_to(path if path.suffix else path.with_suffix(f".{fmt}"))

    def export_to(self, path: Path) -> None:
        """Build and write the export on a worker thread; report when done."""
        audience, fmt = self.audience, self.chosen_format
        pm, rules = self._postmortem, self.rules()
        page_size: Literal["A4", "Letter"] = (
            "Letter" if self.page_size.currentData() == "Letter" else "A4"
        )
        single_file = self.single_file.isChecked()
        today = datetime.now(UTC).date()
        pattern = self._tracker_pattern

        def work() -> list[Path]:
            if audience is ExportAudience.CUSTOMER:
                document, _report = customer_document(pm, rules)
            else:
                document = internal_document(pm, today=today, tracker_pattern=pattern)
            return write_document(document, path, fmt, page_size=page_size, single_file=single_file)

        self.progress.show()
        self.status.setText(f"Exporting to {path.name}…")
        self._update_export_button()
        self.operations.run(work, self._done, self._failed, context=self)

    def _done(self, written: list[Path]) -> None:
        self.progress.hide()
        self._update_export_button()
        extra = f" and {len(written) - 1} picture files" if len(written) > 1 else ""
        self.status.setText(f"Exported {written[0].name}{extra}.")
        self.exported.emit(written)
        if self.open_after.isChecked():
            open_file(written[0])

    def _failed(self, error: BaseException) -> None:
        self.progress.hide()
        self._update_export_button()
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        self.status.setText(f"The export failed: {reason}")
        files.show_error(self, "Export failed", f"The export was not written: {reason}")
