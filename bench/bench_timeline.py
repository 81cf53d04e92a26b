"""The timeline at scale: open a 5,000-event postmortem, autosave one keystroke, import a chat log.

Each figure is a median of several runs, printed beside a baseline measured in the same run on
the same file: (a) Library.load beside a bare ``SELECT`` of the timeline rows; (b) Library.update
of one event's description beside a bare parameterised ``UPDATE`` of one row with commit, once
as while typing (the library starts from the postmortem it remembers from the previous edit) and
once (b') with that memory dropped, as after another connection's commit; (c) parse + merge +
Library.update of a 10,000-line chat log beside a bare ``executemany`` insert of as many rows with
commit. (c) needs ``app.domain.timeline_import``; while it is missing the bench waits for it a
while (``--wait SECONDS``, default 0) and otherwise says (c) was skipped.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.domain.model import Milestone, Postmortem, Severity, TimelineEvent
from app.store import Library

EVENTS = 5_000
LOG_LINES = 10_000
START = datetime(2026, 3, 14, 2, 0, tzinfo=UTC)


def timeline(count: int) -> tuple[TimelineEvent, ...]:
    """``count`` events a minute apart, with milestones, links and flags like a real one."""
    milestones = {0: Milestone.ONSET, 40: Milestone.DETECTION, 900: Milestone.MITIGATION}
    return tuple(
        TimelineEvent(
            id=f"ev{number:06d}",
            at=START + timedelta(minutes=number),
            description=f"Event {number}: replica lag {number % 97} s on db-{number % 7}, paged",
            milestone=milestones.get(number),
            evidence=f"https://grafana.example/d/lag?t={number}" if number % 5 == 0 else "",
            internal_only=number % 11 == 0,
            key_event=number % 13 == 0,
        )
        for number in range(count)
    )


def timed(action: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def report(label: str, samples: list[float], baseline_label: str, baseline: list[float]) -> None:
    median = statistics.median(samples) * 1000
    base = statistics.median(baseline) * 1000
    print(
        f"  {label:<44} median {median:8.2f} ms  (max {max(samples) * 1000:.2f}, n={len(samples)})"
    )
    print(f"    baseline: {baseline_label:<34} median {base:8.2f} ms")


def bench_load(library: Library, postmortem_id: int, runs: int) -> None:
    connection = library._database.conn  # the bench's bare baseline needs the raw connection
    sql = "SELECT * FROM timeline_events WHERE postmortem_id = ?"
    bare = timed(lambda: connection.execute(sql, [postmortem_id]).fetchall(), runs)
    loads = timed(lambda: library.load(postmortem_id), runs)
    report(f"(a) Library.load, {EVENTS:,} events", loads, "bare SELECT ... fetchall", bare)


def bench_keystroke(library: Library, postmortem_id: int, runs: int) -> None:
    current = library.load(postmortem_id).timeline
    middle = EVENTS // 2
    connection = library._database.conn

    def bare_update() -> None:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(
            "UPDATE timeline_events SET description = ? WHERE postmortem_id = ? AND id = ?",
            [f"typed {time.perf_counter_ns()}", postmortem_id, current[middle].id],
        )
        connection.execute("COMMIT")

    def one_keystroke() -> None:
        edited = dataclasses.replace(current[middle], description=f"typed {time.perf_counter_ns()}")
        library.update(
            postmortem_id, {"timeline": (*current[:middle], edited, *current[middle + 1 :])}
        )

    def cold_keystroke() -> None:
        # As after another connection's commit: the library must read the postmortem back.
        recent = getattr(library, "_recent", None)
        if recent is not None:
            recent.forget()
        one_keystroke()

    bare = timed(bare_update, runs)
    edits = timed(one_keystroke, runs)
    cold = timed(cold_keystroke, runs)
    label = f"(b) Library.update of 1 of {EVENTS:,} events"
    report(label, edits, "bare UPDATE of 1 row + commit", bare)
    report("(b') same edit, postmortem read back first", cold, "(same baseline)", bare)


def chat_log(lines: int) -> str:
    """``[HH:MM] user: message`` over a few days; each day's first line carries its date, and
    every seventh message wraps onto a continuation line."""
    users = ("alice", "bob", "carol", "dmitri", "eun-ji")
    out: list[str] = []
    moment = START
    day: date | None = None
    while len(out) < lines:
        stamp = moment.strftime("%H:%M")
        if moment.date() != day:
            day = moment.date()
            stamp = moment.strftime("%Y-%m-%d %H:%M")
        number = len(out)
        out.append(f"[{stamp}] {users[number % 5]}: checking replica {number % 7}, lag {number} s")
        if number % 7 == 3 and len(out) < lines:
            out.append("    (continued) the graph still shows the spike on the primary")
        moment += timedelta(minutes=1)
    return "\n".join(out)


def wait_for_import_module(seconds: float) -> ModuleType | None:
    """app.domain.timeline_import once it is importable, polling up to ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            module = importlib.import_module("app.domain.timeline_import")
        except ImportError:
            module = None
        if module is not None and hasattr(module, "parse_import"):
            return module
        if time.monotonic() >= deadline:
            return None
        time.sleep(5)


def bench_import(library: Library, importer: ModuleType, runs: int) -> None:
    text = chat_log(LOG_LINES)
    connection = library._database.conn
    parse_times, merge_times, store_times, totals = [], [], [], []
    events = 0
    for _ in range(runs):
        target = library.create(Postmortem(title="Imported chat", severity=Severity.SEV2))
        assert target.id is not None
        started = time.perf_counter()
        preview = importer.parse_import(
            text, "text", source="chat.log", zone=UTC, default_date=START.date()
        )
        parsed = time.perf_counter()
        merged = importer.merge_into_timeline(target.timeline, preview.events)
        combined = time.perf_counter()
        library.update(target.id, {"timeline": merged})
        stored = time.perf_counter()
        parse_times.append(parsed - started)
        merge_times.append(combined - parsed)
        store_times.append(stored - combined)
        totals.append(stored - started)
        events = len(merged)
    rows = [(number, f"event {number}", START.isoformat()) for number in range(events)]

    def bare_insert() -> None:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("CREATE TEMP TABLE IF NOT EXISTS bench_rows (n, d, at)")
        connection.execute("DELETE FROM bench_rows")
        connection.executemany("INSERT INTO bench_rows VALUES (?, ?, ?)", rows)
        connection.execute("COMMIT")

    bare = timed(bare_insert, runs)
    label = f"(c) import {LOG_LINES:,} lines -> {events:,} events"
    report(label, totals, f"bare executemany of {events:,} rows", bare)
    for part, samples in (("parse", parse_times), ("merge", merge_times), ("update", store_times)):
        print(f"      of which {part:<8} median {statistics.median(samples) * 1000:8.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per figure (default 15)")
    parser.add_argument("--wait", type=float, default=0.0, help="seconds to wait for (c)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="retro-bench-timeline-") as folder:
        run(Path(folder) / "timeline.sqlite", arguments.runs, arguments.wait)


def run(path: Path, runs: int, wait: float) -> None:
    """Every figure, on one library at ``path`` holding one 5,000-event postmortem."""
    with Library.open(path) as library:
        big = library.create(
            Postmortem(title="Big", severity=Severity.SEV1, timeline=timeline(EVENTS))
        )
        assert big.id is not None
        print(f"Timeline at scale (medians of {runs} runs; figures beside a bare baseline)")
        bench_load(library, big.id, runs)
        bench_keystroke(library, big.id, runs)
        importer = wait_for_import_module(wait)
        if importer is None:
            print("  (c) skipped: app.domain.timeline_import is not there yet")
        else:
            bench_import(library, importer, max(3, runs // 3))


if __name__ == "__main__":
    main()
