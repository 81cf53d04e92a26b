"""BackgroundOperations: work off the GUI thread, exactly one callback, on the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThread, QThreadPool

from app.ui.background import BackgroundOperations


@pytest.fixture
def gate() -> Iterator[threading.Event]:
    """Holds work in flight; opened at teardown so no worker thread is left hanging."""
    event = threading.Event()
    yield event
    event.set()


@pytest.fixture
def operations(qtbot) -> Iterator[BackgroundOperations]:
    ops = BackgroundOperations()
    yield ops
    if shiboken6.isValid(ops):
        assert ops.wait_for_idle(10_000)


def test_success_result_reaches_the_gui_thread(qtbot, operations):
    gui_thread = QThread.currentThread()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["work_on_gui_thread"] = QThread.currentThread() is gui_thread
        return 42

    def on_success(value: int) -> None:
        seen["value"] = value
        seen["callback_on_gui_thread"] = QThread.currentThread() is gui_thread

    operations.run(work, on_success, lambda error: seen.setdefault("error", error))
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen == {"work_on_gui_thread": False, "value": 42, "callback_on_gui_thread": True}


def test_failure_hands_over_the_exception_on_the_gui_thread(qtbot, operations):
    gui_thread = QThread.currentThread()
    failures: list[tuple[BaseException, bool]] = []
    successes: list[object] = []

    def work() -> None:
        raise ValueError("dot exited with status 1")

    operations.run(
        work,
        successes.append,
        lambda error: failures.append((error, QThread.currentThread() is gui_thread)),
    )
    qtbot.waitUntil(lambda: bool(failures))
    ((error, on_gui_thread),) = failures
    assert isinstance(error, ValueError)
    assert str(error) == "dot exited with status 1"
    assert on_gui_thread
    assert successes == []


def test_callbacks_never_run_inside_run(qtbot, operations):
    results: list[int] = []
    operations.run(lambda: 1, results.append, lambda error: None)
    # Even work that finishes at once is delivered from the event loop, not synchronously.
    assert operations.wait_for_idle(10_000)
    assert results == []
    qtbot.waitUntil(lambda: results == [1])


def test_wait_for_idle_times_out_while_work_runs(qtbot, operations, gate):
    operations.run(lambda: gate.wait(10), lambda value: None, lambda error: None)
    assert operations.running == 1
    assert operations.wait_for_idle(50) is False
    gate.set()
    assert operations.wait_for_idle(10_000) is True
    assert operations.running == 0


def test_callbacks_are_dropped_when_the_owner_was_deleted(qtbot, gate):
    parent = QObject()
    operations = BackgroundOperations(parent)
    calls: list[object] = []
    operations.run(lambda: gate.wait(10), calls.append, calls.append)
    del operations
    shiboken6.delete(parent)  # the owner goes with its parent while the work still runs
    gate.set()
    # The deleted owner cannot be waited on; the pool it used can. Once its work is done the
    # outcome is queued, and sending posted events delivers (here: drops) it.
    assert QThreadPool.globalInstance().waitForDone(10_000)
    QCoreApplication.sendPostedEvents()
    QCoreApplication.processEvents()
    assert calls == []


def test_callbacks_are_dropped_when_the_context_was_deleted(qtbot, operations, gate):
    context = QObject()
    calls: list[object] = []
    kept: list[object] = []
    operations.run(lambda: gate.wait(10), calls.append, calls.append, context=context)
    operations.run(lambda: gate.wait(10), kept.append, kept.append)
    shiboken6.delete(context)
    gate.set()
    assert operations.wait_for_idle(10_000)
    qtbot.waitUntil(lambda: kept == [True])
    QCoreApplication.processEvents()
    assert calls == []
