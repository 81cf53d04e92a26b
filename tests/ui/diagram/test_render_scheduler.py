"""DiagramRenderScheduler: debounce, one render in flight, newest wins, stale results dropped."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QThreadPool

from app.render.graphviz import DiagramError
from app.ui.background import BackgroundOperations
from app.ui.diagram.render_scheduler import DiagramRenderScheduler, describe_render_failure


class FakeRenderer:
    """A render function whose calls can be held in flight, per source, with events."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.started: dict[str, threading.Event] = {}
        self.gates: dict[str, threading.Event] = {}
        self.failures: dict[str, BaseException] = {}
        self._lock = threading.Lock()

    def hold(self, source: str) -> None:
        """Renders of ``source`` wait until ``release(source)``."""
        self.gates[source] = threading.Event()

    def release(self, source: str) -> None:
        self.gates[source].set()

    def release_all(self) -> None:
        for gate in self.gates.values():
            gate.set()

    def wait_started(self, source: str) -> None:
        assert self.started.setdefault(source, threading.Event()).wait(10)

    def __call__(self, source: str) -> str:
        with self._lock:
            self.calls.append(source)
            started = self.started.setdefault(source, threading.Event())
        started.set()
        gate = self.gates.get(source)
        if gate is not None:
            assert gate.wait(10), f"render of {source!r} was never released"
        if source in self.failures:
            raise self.failures[source]
        return f"<svg {source}>"


@pytest.fixture
def renderer() -> Iterator[FakeRenderer]:
    fake = FakeRenderer()
    yield fake
    fake.release_all()


@pytest.fixture
def operations(qtbot, renderer) -> Iterator[BackgroundOperations]:
    ops = BackgroundOperations()
    yield ops
    renderer.release_all()
    assert ops.wait_for_idle(10_000)


@pytest.fixture
def scheduler(qtbot, renderer, operations):
    return DiagramRenderScheduler(renderer, operations, debounce_ms=20)


class Recorder:
    def __init__(self, scheduler: DiagramRenderScheduler) -> None:
        self.rendered: list[object] = []
        self.failed: list[str] = []
        scheduler.rendered.connect(self.rendered.append)
        scheduler.failed.connect(self.failed.append)


def test_a_request_is_rendered_after_the_debounce(qtbot, scheduler, renderer):
    seen = Recorder(scheduler)
    scheduler.request("one")
    # Nothing starts synchronously: the debounce has to run out first.
    assert scheduler.renders_started == 0
    assert scheduler.busy
    with qtbot.waitSignal(scheduler.rendered, timeout=5000) as blocker:
        pass
    assert blocker.args == ["<svg one>"]
    assert seen.rendered == ["<svg one>"]
    assert renderer.calls == ["one"]
    assert scheduler.renders_started == 1
    assert not scheduler.busy


def test_requests_within_the_debounce_are_coalesced(qtbot, scheduler, renderer):
    seen = Recorder(scheduler)
    # Issued in one turn of the event loop, so all of them land inside one debounce.
    for source in ("a", "ab", "abc"):
        scheduler.request(source)
    qtbot.waitUntil(lambda: seen.rendered == ["<svg abc>"])
    assert renderer.calls == ["abc"]
    assert scheduler.renders_started == 1
    assert scheduler.renders_discarded == 0


def test_request_now_starts_without_the_debounce(qtbot, scheduler, renderer):
    scheduler.request_now("first")
    assert scheduler.renders_started == 1
    renderer.wait_started("first")
    with qtbot.waitSignal(scheduler.rendered, timeout=5000) as blocker:
        pass
    assert blocker.args == ["<svg first>"]


def test_requests_during_a_render_wait_and_only_the_newest_runs(qtbot, scheduler, renderer):
    seen = Recorder(scheduler)
    renderer.hold("1")
    scheduler.request_now("1")
    renderer.wait_started("1")
    scheduler.request_now("2")
    scheduler.request_now("3")
    scheduler.request("4")
    scheduler.request_now("5")
    # Still just the first render: at most one in flight.
    assert scheduler.renders_started == 1
    assert scheduler.busy
    renderer.release("1")
    qtbot.waitUntil(lambda: seen.rendered == ["<svg 5>"])
    assert renderer.calls == ["1", "5"]
    assert scheduler.renders_started == 2
    # The first render finished after newer requests: its picture is never shown.
    assert scheduler.renders_discarded == 1
    assert seen.failed == []
    assert not scheduler.busy


def test_a_debounced_request_during_a_render_starts_after_it(qtbot, scheduler, renderer):
    seen = Recorder(scheduler)
    renderer.hold("old")
    scheduler.request_now("old")
    renderer.wait_started("old")
    scheduler.request("new")
    renderer.release("old")
    qtbot.waitUntil(lambda: seen.rendered == ["<svg new>"])
    assert renderer.calls == ["old", "new"]
    assert scheduler.renders_discarded == 1


def test_a_diagram_error_message_is_shown_as_it_is(qtbot, scheduler, renderer):
    renderer.failures["bad"] = DiagramError("Graphviz is not installed: sudo apt install graphviz")
    with qtbot.waitSignal(scheduler.failed, timeout=5000) as blocker:
        scheduler.request_now("bad")
    assert blocker.args == ["Graphviz is not installed: sudo apt install graphviz"]


def test_any_other_exception_becomes_a_readable_failure(qtbot, scheduler, renderer):
    seen = Recorder(scheduler)
    renderer.failures["bad"] = OSError("No such file or directory: 'dot'")
    with qtbot.waitSignal(scheduler.failed, timeout=5000) as blocker:
        scheduler.request_now("bad")
    assert blocker.args == ["Rendering failed: No such file or directory: 'dot'"]
    assert seen.rendered == []
    # The scheduler keeps working after a failure.
    with qtbot.waitSignal(scheduler.rendered, timeout=5000) as blocker:
        scheduler.request_now("good")
    assert blocker.args == ["<svg good>"]


def test_describe_render_failure():
    class SubclassedError(DiagramError):
        pass

    assert describe_render_failure(SubclassedError("Layout timed out")) == "Layout timed out"
    assert describe_render_failure(RuntimeError("boom")) == "Rendering failed: boom"
    # An exception without a message still says what happened.
    assert describe_render_failure(MemoryError()) == "Rendering failed: MemoryError"
    assert describe_render_failure(DiagramError("")) == "Rendering failed: DiagramError"


def test_a_stale_failure_is_discarded(qtbot, scheduler, renderer):
    seen = Recorder(scheduler)
    renderer.hold("broken")
    renderer.failures["broken"] = DiagramError("syntax error in line 1")
    scheduler.request_now("broken")
    renderer.wait_started("broken")
    scheduler.request_now("fixed")
    renderer.release("broken")
    qtbot.waitUntil(lambda: seen.rendered == ["<svg fixed>"])
    assert seen.failed == []
    assert scheduler.renders_discarded == 1


def test_cancel_ignores_the_render_in_flight(qtbot, scheduler, renderer, operations):
    seen = Recorder(scheduler)
    renderer.hold("closed")
    scheduler.request_now("closed")
    renderer.wait_started("closed")
    scheduler.cancel()
    assert not scheduler.busy
    renderer.release("closed")
    qtbot.waitUntil(lambda: scheduler.renders_discarded == 1)
    assert seen.rendered == []
    # A request after the cancel is rendered as usual.
    with qtbot.waitSignal(scheduler.rendered, timeout=5000) as blocker:
        scheduler.request_now("opened")
    assert blocker.args == ["<svg opened>"]


def test_cancel_drops_a_waiting_request(qtbot, scheduler, renderer):
    seen = Recorder(scheduler)
    renderer.hold("current")
    scheduler.request_now("current")
    renderer.wait_started("current")
    scheduler.request("pending")  # waits for the render in flight
    scheduler.cancel()
    renderer.release("current")
    qtbot.waitUntil(lambda: scheduler.renders_discarded == 1)
    # Let the debounce of the dropped request run out several times over: nothing starts.
    qtbot.wait(200)
    assert renderer.calls == ["current"]
    assert scheduler.renders_started == 1
    assert seen.rendered == []
    assert not scheduler.busy


def test_a_deleted_scheduler_ignores_its_last_render(qtbot, renderer, operations):
    scheduler = DiagramRenderScheduler(renderer, operations, debounce_ms=20)
    seen = Recorder(scheduler)
    renderer.hold("last")
    scheduler.request_now("last")
    renderer.wait_started("last")
    shiboken6.delete(scheduler)
    renderer.release("last")
    assert operations.wait_for_idle(10_000)
    assert QThreadPool.globalInstance().waitForDone(10_000)
    QCoreApplication.sendPostedEvents()
    QCoreApplication.processEvents()
    assert seen.rendered == []
