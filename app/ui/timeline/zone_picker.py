"""Choosing a time zone by its IANA name: an editable combo box that refuses what it cannot read.

The timeline stores UTC only; a zone is either how the room types times ("Times typed in") or an
extra clock to read them on ("Also show"). A mistyped zone must never be silently replaced by
another, so the picker keeps the last good zone, says why the text was refused and leaves the
text on screen, marked, for the user to correct.
"""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from app.domain.timeparse import zone_label, zone_named, zone_names

OFF_TEXT = "Off"
# Room for most names ("America/New_York"); longer ones scroll inside the box.
VISIBLE_CHARACTERS = 18


class ZonePicker(QComboBox):
    """Pick an IANA zone; with ``allow_off`` the first entry, "Off", means no zone.

    ``zone_chosen(zone or None)`` fires once per user choice of a different zone;
    ``refused(message)`` fires for a name that is not a zone (the choice stays as it was).
    ``set_zone`` shows a zone without emitting.
    """

    zone_chosen = Signal(object)
    refused = Signal(str)

    def __init__(
        self, accessible_name: str, *, allow_off: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(16)
        self.setAccessibleName(accessible_name)
        self._allow_off = allow_off
        names = ([OFF_TEXT] if allow_off else []) + zone_names()
        self.addItems(names)
        completer = QCompleter(QStringListModel(names, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # "berlin" finds Europe/Berlin
        self.setCompleter(completer)
        self.setMinimumContentsLength(VISIBLE_CHARACTERS)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._zone: tzinfo | None = None
        self._refusal = ""
        self.set_zone(None if allow_off else zone_named("UTC"))
        line_edit = self.lineEdit()
        assert line_edit is not None
        line_edit.editingFinished.connect(self._commit_text)
        self.activated.connect(lambda _index: self._commit_text())
        completer.activated.connect(lambda _text: self._commit_text())

    @property
    def zone(self) -> tzinfo | None:
        """The zone in force: the last one shown or chosen (None is "Off")."""
        return self._zone

    @property
    def refusal(self) -> str:
        """Why the text on screen is not the zone in force, or empty."""
        return self._refusal

    def set_zone(self, zone: tzinfo | None) -> None:
        """Show ``zone`` (None: "Off", only with ``allow_off``) without emitting."""
        if zone is None and not self._allow_off:
            raise ValueError("this picker needs a zone")
        self._zone = zone
        self._set_refusal("")
        text = OFF_TEXT if zone is None else zone_label(zone)
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        self.blockSignals(True)
        try:
            if index >= 0:
                self.setCurrentIndex(index)
            self.setEditText(text)
        finally:
            self.blockSignals(False)

    def choose(self, text: str) -> bool:
        """Choose the zone named ``text`` as if typed; False (and ``refused``) if unknown."""
        self.setEditText(text)
        return self._commit_text()

    def _commit_text(self) -> bool:
        text = self.currentText().strip()
        current = OFF_TEXT if self._zone is None else zone_label(self._zone)
        if text.casefold() == current.casefold():
            self._set_refusal("")
            self.setEditText(current)
            return True
        if self._allow_off and (not text or text.casefold() == OFF_TEXT.casefold()):
            zone: tzinfo | None = None
        else:
            try:
                zone = zone_named(text)
            except ValueError:
                message = (
                    f"\u201c{text}\u201d is not a time zone; still using {current}. "
                    "Type a name such as Europe/Berlin or America/New_York."
                )
                self._set_refusal(message)
                self.refused.emit(message)
                return False
        self.set_zone(zone)
        self.zone_chosen.emit(zone)
        return True

    def _set_refusal(self, message: str) -> None:
        self._refusal = message
        self.setProperty("invalid", bool(message))  # for themes: QComboBox[invalid="true"]
        self.setToolTip(message or self.accessibleName())
        self.style().polish(self)
