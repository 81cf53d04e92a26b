"""The one way slow work leaves the GUI thread: Graphviz layout, PDF export, large imports.

``BackgroundOperations.run(work, on_success, on_failure)`` runs ``work`` on a thread pool and
calls exactly one of the callbacks with its result or exception, always on the GUI thread, so
callers never need locks and the GUI thread never waits on a subprocess.

Results travel back through one queued signal on a relay object that lives for the whole process
in the GUI thread. The relay, not the ``BackgroundOperations`` that started the work, is what the
worker thread touches: the owner may be deleted (a page closed, a postmortem switched) while work
is still running, and emitting on a deleted ``QObject`` from another thread would crash. When the
result arrives the relay checks the owner (and the optional ``context``) is still alive and
otherwise drops the callbacks.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, Signal, Slot

T = TypeVar("T")


@dataclass(frozen=True)
class _Outcome(Generic[T]):
    """What a finished operation hands back to the GUI thread: one callback and its argument."""

    owner: weakref.ref[BackgroundOperations]
    context: QObject | None
    callback: Callable[[Any], None]
    value: Any

    def deliver(self) -> None:
        owner = self.owner()
        if owner is None or not shiboken6.isValid(owner):
            return  # whoever asked is gone; its callbacks would touch deleted widgets
        if self.context is not None and not shiboken6.isValid(self.context):
            return
        self.callback(self.value)


class _Relay(QObject):
    """Lives in the GUI thread; worker threads emit ``arrived`` and Qt queues the delivery."""

    arrived = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        # Explicitly queued: even an operation that somehow finished on the GUI thread is
        # delivered from the event loop, so callbacks never run inside ``run``.
        self.arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _deliver(self, outcome: _Outcome[Any]) -> None:
        outcome.deliver()


_relay: _Relay | None = None


def _shared_relay() -> _Relay:
    """The process-wide relay, created on first use and never freed.

    It outlives every operation, so a worker thread never emits on a deleted object and never
    drops the last reference to a GUI-thread object from the wrong thread.
    """
    global _relay  # noqa: PLW0603 - one relay for the whole process is the point
    if _relay is None:
        _relay = _Relay()
        application = QCoreApplication.instance()
        if application is not None and _relay.thread() is not application.thread():
            _relay.moveToThread(application.thread())
    return _relay


class _RunningCount:
    """How many operations are still working; shared with worker threads instead of ``self``.

    Worker jobs hold this plain object rather than the ``BackgroundOperations``, so they never
    keep the Qt object alive from, or release its last reference on, a worker thread.
    """

    def __init__(self) -> None:
        self._count = 0
        self._changed = threading.Condition()

    @property
    def value(self) -> int:
        with self._changed:
            return self._count

    def add(self, amount: int) -> None:
        with self._changed:
            self._count += amount
            self._changed.notify_all()

    def wait_for_zero(self, timeout_s: float) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: self._count == 0, timeout_s)


class BackgroundOperations(QObject):
    """Runs slow work on a thread pool and reports back on the GUI thread.

    One instance per window (or per page) is typical; its lifetime bounds the callbacks: once it
    is deleted, operations still running finish quietly and their callbacks are dropped.
    """

    def __init__(self, parent: QObject | None = None, *, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._relay = _shared_relay()
        # The global pool by default: its threads exist once per process, and deleting this object
        # never blocks the GUI thread waiting for a private pool to drain.
        self._pool = pool if pool is not None else QThreadPool.globalInstance()
        self._running = _RunningCount()

    @property
    def running(self) -> int:
        """How many operations started by this object have not finished their work yet."""
        return self._running.value

    def run(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None],
        *,
        context: QObject | None = None,
    ) -> None:
        """Start ``work`` on a worker thread; later call ``on_success`` or ``on_failure``.

        The callback runs on the GUI thread from the event loop, never inside this call. If this
        object or ``context`` (typically the widget the callbacks belong to) has been deleted by
        then, the callback is dropped instead.
        """
        owner = weakref.ref(self)
        # Captured so the worker never reaches through ``self`` (see _RunningCount).
        relay = self._relay
        running = self._running

        def job() -> None:
            try:
                outcome: _Outcome[Any] = _Outcome(owner, context, on_success, work())
            except BaseException as error:  # every failure, even SystemExit, goes to on_failure
                outcome = _Outcome(owner, context, on_failure, error)
            try:
                relay.arrived.emit(outcome)
            finally:
                # Counted down only after the emit, so once wait_for_idle returns every outcome
                # is already queued for the GUI thread.
                running.add(-1)

        running.add(1)
        self._pool.start(job)

    def wait_for_idle(self, timeout_ms: int = 30_000) -> bool:
        """Block until the work of every operation started here has finished; True if it did.

        For shutdown and tests only: it blocks the calling thread. Callbacks are not run here;
        they are queued and run when the event loop next turns.
        """
        return self._running.wait_for_zero(timeout_ms / 1000)
