"""The redaction preview: every replacement a customer-facing export makes, before it is written.

The facilitator sees each finding (the field, the text found, the placeholder) and can let a
harmless one back or add a term that must go too. A secret (a key, a token, a password) can
never be let back: it has to be confirmed as redacted, one by one, before anything is exported.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.redaction import Redaction, RedactionReport
from app.ui.labels import plain_label

COLUMNS = ("Where", "Found", "Replaced by", "Confirmed")
SECRET_NOTE = "secret: confirm it stays redacted"


def _key(redaction: Redaction) -> tuple[str, str]:
    return redaction.field, redaction.original


class RedactionPreview(QWidget):
    """A table of redactions with Allow back, confirmation of secrets, and Add term."""

    allowed_back_changed = Signal(object)  # tuple[str, ...]: originals to let through
    term_added = Signal(str)
    resolved_changed = Signal(bool)  # every secret confirmed (or none found)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._redactions: tuple[Redaction, ...] = ()
        self._allowed: tuple[str, ...] = ()
        self._confirmed: set[tuple[str, str]] = set()
        self.summary = plain_label("", self, wrap=True)
        self.summary.setAccessibleName("Redaction summary")
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("redactionTable")
        self.table.setAccessibleName("Redactions")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._on_item_changed)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.allow_button = QPushButton("Allow back", self)
        self.allow_button.setAccessibleName("Let the selected text through unredacted")
        self.allow_button.setToolTip("Keep this text in the export (not possible for secrets)")
        self.allow_button.clicked.connect(self.allow_selected)
        self.term = QLineEdit(self)
        self.term.setAccessibleName("Term to redact")
        self.term.setPlaceholderText("A name or word that must not leave, e.g. a customer")
        self.term.returnPressed.connect(self.add_term)
        self.add_button = QPushButton("Add term", self)
        self.add_button.setAccessibleName("Add the term to this postmortem's redaction terms")
        self.add_button.clicked.connect(self.add_term)
        row = QHBoxLayout()
        row.addWidget(self.allow_button)
        row.addStretch(1)
        row.addWidget(self.term, 2)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self._update_buttons()

    # -- showing -------------------------------------------------------------------------
    def show_report(self, report: RedactionReport, allowed: tuple[str, ...]) -> None:
        """Show ``report``; confirmations of secrets still found are kept."""
        self._redactions = report.redactions
        self._allowed = allowed
        found = {_key(redaction) for redaction in report.redactions if redaction.kind.is_secret}
        self._confirmed &= found
        self.table.blockSignals(True)
        self.table.setRowCount(len(report.redactions))
        for row, redaction in enumerate(report.redactions):
            cells = (redaction.field, redaction.original, redaction.placeholder)
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(" ".join(text.split())))
            confirm = QTableWidgetItem(SECRET_NOTE if redaction.kind.is_secret else "")
            if redaction.kind.is_secret:
                confirm.setFlags(confirm.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                checked = _key(redaction) in self._confirmed
                confirm.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.table.setItem(row, 3, confirm)
        self.table.blockSignals(False)
        self._update_summary()
        self._update_buttons()
        self.resolved_changed.emit(self.resolved)

    @property
    def resolved(self) -> bool:
        """No secret waits for confirmation."""
        return all(
            _key(redaction) in self._confirmed
            for redaction in self._redactions
            if redaction.kind.is_secret
        )

    def _update_summary(self) -> None:
        secrets = [redaction for redaction in self._redactions if redaction.kind.is_secret]
        waiting = sum(_key(redaction) not in self._confirmed for redaction in secrets)
        text = (
            f"{len(self._redactions)} replacement{'s' if len(self._redactions) != 1 else ''} "
            "will be made in the customer-facing export."
            if self._redactions
            else "Nothing sensitive was found in the customer-facing text."
        )
        if waiting:
            text += (
                f" {waiting} secret{'s' if waiting != 1 else ''} must be confirmed before "
                "exporting: remove it from the postmortem, or tick Confirmed to keep it redacted."
            )
        if self._allowed:
            text += f" Let back: {', '.join(self._allowed)}."
        self.summary.setText(text)

    def selected(self) -> Redaction | None:
        rows = self.table.selectionModel().selectedRows()
        return self._redactions[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.allow_button.setEnabled(chosen is not None and not chosen.kind.is_secret)

    # -- actions -------------------------------------------------------------------------
    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 3 or not 0 <= item.row() < len(self._redactions):
            return
        key = _key(self._redactions[item.row()])
        if item.checkState() == Qt.CheckState.Checked:
            self._confirmed.add(key)
        else:
            self._confirmed.discard(key)
        self._update_summary()
        self.resolved_changed.emit(self.resolved)

    def confirm_all_secrets(self) -> None:
        """Tick every secret (what the CLI's --accept-redactions does)."""
        for row, redaction in enumerate(self._redactions):
            if redaction.kind.is_secret:
                item = self.table.item(row, 3)
                if item is not None:
                    item.setCheckState(Qt.CheckState.Checked)

    def allow_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.kind.is_secret or chosen.original in self._allowed:
            return
        self.allowed_back_changed.emit((*self._allowed, chosen.original))

    def add_term(self) -> None:
        term = self.term.text().strip()
        if term:
            self.term.clear()
            self.term_added.emit(term)
