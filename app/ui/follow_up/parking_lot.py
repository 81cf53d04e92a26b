"""The parking lot on stage 6: the points parked during the meeting, to deal with at its end.

Filled by keyboard in the meeting's rhythm: type a point in the entry, Enter, type the next.
In the list, Space marks the current point done (or open again), F2 or Enter edits its text,
Delete removes it. Open points come first and done ones are struck through and muted, so what
is still to do is on top; the stored order (the order they were raised) never changes.

The editor never stores: every change is the whole new tuple for ``Postmortem.parking_lot``
with its undo label, as ``points_requested(points, label)``, and the stored result comes back
through ``show_points``. Where a new point was raised comes from ``stage_source`` (the stage the
meeting timer is on, None outside a meeting).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.domain import parking_lot
from app.domain.model import ParkingLotItem, Stage
from app.ui.follow_up.parking_lot_model import POINT, RAISED, ParkingLotModel
from app.ui.keys import leave_on_ctrl_tab
from app.ui.labels import plain_label
from app.ui.text_sizing import fit_to_lines
from app.ui.theme import Tone, set_tone

Index = QModelIndex | QPersistentModelIndex
EMPTY_TEXT = (
    "Nothing parked yet. Points raised off-topic in the meeting wait here to be dealt with"
    " at its end."
)
KEYS_TEXT = "In the list: Space marks a point done, F2 edits it, Delete removes it."


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class WrappingDelegate(QStyledItemDelegate):
    """Row heights for the wrapped point: a tree view asks for a size without the column width."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        lines = option.fontMetrics.lineSpacing()
        if index.column() == POINT:
            sized = QStyleOptionViewItem(option)
            # The style wraps only within a valid rectangle; its height does not limit the lines.
            sized.rect = QRect(
                0, 0, self._view.columnWidth(POINT), max(option.rect.height(), lines)
            )
            sized.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
            size = super().sizeHint(sized, index)
        else:
            size = super().sizeHint(option, index)  # the other columns fit their contents
        # A little air between points: easier to read and to click off a projector.
        return QSize(size.width(), max(size.height() + lines // 3, round(lines * 1.5)))


class ParkingLotView(QTreeView):
    """The points as rows; Space, Delete and Enter go to ``on_key`` as "toggle", "remove",
    "edit"; Ctrl+Tab leaves."""

    def __init__(self, on_key: Callable[[str], None], parent: QWidget) -> None:
        super().__init__(parent)
        self._on_key = on_key
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        # Parked points can be long sentences: wrap rather than cut them off on a shared screen.
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setItemDelegate(WrappingDelegate(self))
        # Rows take their height from the wrapped text, which depends on the column's width.
        self.header().sectionResized.connect(lambda *_: self.scheduleDelayedItemsLayout())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if leave_on_ctrl_tab(self, event):
            return
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        action = {
            Qt.Key.Key_Space: "toggle",
            Qt.Key.Key_Delete: "remove",
            Qt.Key.Key_Return: "edit",
            Qt.Key.Key_Enter: "edit",
        }.get(Qt.Key(event.key()))
        if action is None or self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        self._on_key(action)
        event.accept()


class ParkingLotEditor(QGroupBox):
    """The entry, the list of parked points, and Mark done / Remove buttons, in a group box
    whose title counts the open points.

    ``points_requested(points, label)`` asks for a new ``parking_lot`` tuple; ``show_points``
    shows the stored one. ``stage_source`` says which stage a new point was raised during;
    ``clock`` gives its time (UTC), so tests can fix both.
    """

    points_requested = Signal(object, str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        stage_source: Callable[[], Stage | None] = lambda: None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        super().__init__(parent)
        self.stage_source = stage_source
        self._clock = clock
        self._stored: tuple[ParkingLotItem, ...] = ()
        self._keep_row: int | None = None  # the row to stay on once a ticked point moves down
        self.entry = QLineEdit(self)
        self.entry.setObjectName("parkingLotEntry")
        self.entry.setAccessibleName("New parked point")
        self.entry.setPlaceholderText("Park a point: type it, then Enter")
        self.entry.setClearButtonEnabled(True)
        self.entry.returnPressed.connect(self.park)
        self.model = ParkingLotModel(self)
        self.model.text_committed.connect(self._on_text)
        self.model.done_toggled.connect(self._set_done)
        self.view = self._build_view()
        self.done_button = self._button("parkingLotDoneButton", "Mark done", self.toggle_current)
        self.remove_button = self._button("parkingLotRemoveButton", "Remove", self.remove_current)
        self.remove_button.setAccessibleName("Remove parked point")
        self.empty_label = plain_label(EMPTY_TEXT, self, wrap=True)
        self.empty_label.setObjectName("parkingLotEmpty")
        self.keys_label = plain_label(KEYS_TEXT, self, wrap=True)
        for hint in (self.empty_label, self.keys_label):
            set_tone(hint, Tone.MUTED)
        self.status_label = plain_label("", self, wrap=True)
        self.status_label.setObjectName("parkingLotStatus")
        set_tone(self.status_label, Tone.ERROR)
        self.status_label.hide()
        self._lay_out()
        self.view.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.show_points(())

    def _build_view(self) -> ParkingLotView:
        view = ParkingLotView(self._on_key, self)
        view.setObjectName("parkingLotList")
        view.setAccessibleName("Parking lot")
        view.setAccessibleDescription(
            "Space marks the point done or open, F2 edits it, Delete removes it"
        )
        view.setModel(self.model)
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(POINT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(RAISED, QHeaderView.ResizeMode.ResizeToContents)
        fit_to_lines(view, 4, max_lines=10)
        return view

    def _button(self, name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.entry)
        layout.addWidget(self.keys_label)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)

    def focus_widgets(self) -> tuple[QWidget, ...]:
        """The focusable controls in Tab order, for the page's chain."""
        return (self.entry, self.view, self.done_button, self.remove_button)

    # -- showing -------------------------------------------------------------------------
    def show_points(self, points: tuple[ParkingLotItem, ...]) -> None:
        """Show the stored points without emitting; the current point stays current."""
        self._stored = points
        self.model.set_points(points)
        if self._keep_row is not None and points:
            self._make_current(min(self._keep_row, len(points) - 1))
        self._keep_row = None
        waiting = parking_lot.open_count(points)
        if points:
            self.setTitle(f"Parking lot ({waiting} open of {len(points)})")
        else:
            self.setTitle("Parking lot")
        self.empty_label.setVisible(not points)
        self.keys_label.setVisible(bool(points))
        self.view.setVisible(bool(points))
        self._update_buttons()

    def current_point(self) -> ParkingLotItem | None:
        return self.model.point(self.view.currentIndex())

    def select(self, item_id: str) -> bool:
        """Make point ``item_id`` current and give the list the focus; False if not listed."""
        row = self.model.row_of(item_id)
        if row is None:
            return False
        self._make_current(row)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _make_current(self, row: int) -> None:
        index = self.model.index(row, POINT)
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)

    def _update_buttons(self) -> None:
        point = self.current_point()
        self.done_button.setEnabled(point is not None)
        self.remove_button.setEnabled(point is not None)
        text = "Mark open" if point is not None and point.done else "Mark done"
        self.done_button.setText(text)
        self.done_button.setAccessibleName(text)
        self.done_button.setToolTip(f"{text} (Space in the list)")
        self.remove_button.setToolTip("Remove the selected point (Delete in the list)")

    def _say(self, problem: str) -> None:
        self.status_label.setText(problem)
        self.status_label.setVisible(bool(problem))

    # -- editing -------------------------------------------------------------------------
    def park(self) -> None:
        """Park the entry's text as a new point; the entry is cleared for the next one."""
        text = self.entry.text()
        if not parking_lot.clean_point(text):
            return
        points, _point = parking_lot.park(
            self._stored, text, raised_during=self.stage_source(), raised_at=self._clock()
        )
        self._say("")
        self.entry.clear()
        self.points_requested.emit(points, "Park a Point")

    def toggle_current(self) -> None:
        point = self.current_point()
        if point is not None:
            self._set_done(point.id, not point.done)

    def remove_current(self) -> None:
        point = self.current_point()
        if point is None:
            return
        self._keep_row = self.view.currentIndex().row()
        self._say("")
        self.points_requested.emit(
            parking_lot.remove(self._stored, point.id), "Remove Parked Point"
        )

    def _on_key(self, action: str) -> None:
        if action == "toggle":
            self.toggle_current()
        elif action == "remove":
            self.remove_current()
        elif self.current_point() is not None:
            self.view.edit(self.view.currentIndex().siblingAtColumn(POINT))

    def _set_done(self, item_id: str, done: bool) -> None:
        point = parking_lot.find(self._stored, item_id)
        if point is None or point.done == done:
            return
        # The ticked point moves to the other end; the cursor stays on the row for the next.
        self._keep_row = self.model.row_of(item_id)
        self._say("")
        label = "Mark Parked Point Done" if done else "Mark Parked Point Open"
        self.points_requested.emit(parking_lot.set_done(self._stored, item_id, done), label)

    def _on_text(self, item_id: str, text: str) -> None:
        point = parking_lot.find(self._stored, item_id)
        if point is None or parking_lot.clean_point(text) == point.text:
            return
        if not parking_lot.clean_point(text):
            self._say("The text was kept: an empty point says nothing. Delete removes it.")
            return
        self._say("")
        self.points_requested.emit(
            parking_lot.edit_text(self._stored, item_id, text), "Edit Parked Point"
        )
