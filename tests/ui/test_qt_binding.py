"""Guards against Qt binding releases that would crash a long meeting.

PySide6 6.12.0 loses a reference to ``None`` on every Qt call that returns nothing; on Python
3.11, where ``None`` is an ordinary counted object, the interpreter aborts after a few thousand
such calls. The pin in pyproject.toml keeps that release out; this test fails if it comes back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLineEdit


def test_qt_calls_do_not_leak_references_to_none(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = QLineEdit()
    qtbot.addWidget(editor)
    before = sys.getrefcount(None)
    for _ in range(500):
        editor.setText("x")
    # Other code may take or drop a few references meanwhile; a leak loses about 500.
    assert sys.getrefcount(None) > before - 100


class _Emitter(QObject):
    fired = Signal(object)


def test_many_signal_round_trips_keep_none_and_true_alive(qtbot) -> None:  # type: ignore[no-untyped-def]
    """PySide6 6.12.0 loses a reference per emit and per slot call; this loop would abort."""
    emitter = _Emitter()
    received: list[object] = []
    emitter.fired.connect(received.append)
    before_none, before_true = sys.getrefcount(None), sys.getrefcount(True)
    rounds = 20_000  # far more than the references None and True hold in a test run
    for _ in range(rounds):
        emitter.fired.emit(None)
    assert len(received) == rounds
    received.clear()
    assert sys.getrefcount(None) > before_none - 100
    assert sys.getrefcount(True) > before_true - 100
