"""Decides when a diagram is re-rendered: debounced, one at a time, only the newest shown.

A diagram page asks for a render on every edit. Running Graphviz per keystroke would queue up
work whose pictures are out of date before they arrive, so the scheduler

- waits ``debounce_ms`` after the last request (edits in a burst become one render),
- keeps at most one render in flight; a request arriving meanwhile waits for it to finish,
  and only the newest waiting request is kept,
- numbers every request and drops a result (or failure) whose request is no longer the newest,
  so the page never flashes back to an older picture.

The render function runs through ``BackgroundOperations``; the signals arrive on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from app.render.graphviz import DiagramError
from app.ui.background import BackgroundOperations

S = TypeVar("S")
R = TypeVar("R")

DEFAULT_DEBOUNCE_MS = 40


def describe_render_failure(error: BaseException) -> str:
    """A message a facilitator can read for an exception raised while rendering.

    ``DiagramError`` already carries a message written for people, so it is shown as it is.
    Anything else is a bug or an environment problem; it is prefixed so it does not read like a
    sentence about the user's postmortem.
    """
    if isinstance(error, DiagramError) and str(error).strip():
        return str(error).strip()
    detail = str(error).strip() or type(error).__name__
    return f"Rendering failed: {detail}"


class DiagramRenderScheduler(QObject, Generic[S, R]):
    """Turns a stream of render requests into a few background renders of the newest source."""

    rendered = Signal(object)  # the render function's result for the newest request
    failed = Signal(str)  # a readable message for the newest request's failure

    def __init__(
        self,
        render: Callable[[S], R],
        operations: BackgroundOperations,
        *,
        debounce_ms: int = DEFAULT_DEBOUNCE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._render = render
        self._operations = operations
        # Each request, and each cancel, takes the next number; a finished render is shown only
        # if its number is still the newest.
        self._newest = 0
        self._waiting: tuple[int, S] | None = None
        self._in_flight: int | None = None
        self._started = 0
        self._discarded = 0
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self._start_waiting)

    @property
    def busy(self) -> bool:
        """True while the newest request has not been answered (waiting or rendering).

        A cancelled render that is still running in the background does not count: its result
        will be ignored, so nothing the user asked for is outstanding.
        """
        return self._waiting is not None or self._in_flight == self._newest

    @property
    def renders_started(self) -> int:
        """How many times the render function has been started."""
        return self._started

    @property
    def renders_discarded(self) -> int:
        """How many finished renders were dropped because a newer request had arrived."""
        return self._discarded

    def request(self, source: S) -> None:
        """Render ``source`` after a pause; a later request before then replaces it."""
        self._remember(source)
        self._debounce.start()  # restarts a running debounce

    def request_now(self, source: S) -> None:
        """Render ``source`` without the debounce (a page shown for the first time).

        It still waits for a render already in flight: at most one runs at a time.
        """
        self._remember(source)
        self._debounce.stop()
        self._start_waiting()

    def cancel(self) -> None:
        """Forget the waiting request and ignore the result of the one in flight.

        For when the source no longer belongs on screen, e.g. another postmortem was opened. A
        render already running cannot be stopped (it may be a Graphviz subprocess); its result is
        discarded when it arrives, and the next request starts after it.
        """
        self._newest += 1
        self._waiting = None
        self._debounce.stop()

    def _remember(self, source: S) -> None:
        self._newest += 1
        self._waiting = (self._newest, source)

    def _start_waiting(self) -> None:
        if self._in_flight is not None or self._waiting is None:
            return  # started again when the render in flight finishes
        number, source = self._waiting
        self._waiting = None
        self._in_flight = number
        self._started += 1
        render = self._render
        self._operations.run(
            lambda: render(source),
            lambda result: self._finished(number, result, None),
            lambda error: self._finished(number, None, error),
            context=self,
        )

    def _finished(self, number: int, result: Any, error: BaseException | None) -> None:
        self._in_flight = None
        if number != self._newest:
            self._discarded += 1
        elif error is not None:
            self.failed.emit(describe_render_failure(error))
        else:
            self.rendered.emit(result)
        # A request that arrived during the render starts now, unless its debounce is still
        # running (then the timer starts it).
        if not self._debounce.isActive():
            self._start_waiting()
