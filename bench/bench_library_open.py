"""Opening a large library: what the window waits for at start, beside a bare SQLite baseline.

Builds (once per run, in a temporary folder) a library of 1,000 realistic postmortems, each with
about 20 timeline events, causes, whys, observations and action items, then prints medians of:
Library.open + summaries() (the start of the window), summaries(search=...) on an open library,
the follow-ups query across the whole library (the Follow-ups view and ``retro followups``), and a
bare ``sqlite3.connect`` + ``SELECT count(*)`` on the same file as the floor.

Run: .venv/bin/python bench/bench_library_open.py
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.domain.model import (
    ActionCategory,
    ActionItem,
    AppendixKind,
    AppendixLink,
    Cause,
    CauseClassification,
    FishboneCategory,
    FollowUpReview,
    Impact,
    Milestone,
    Observation,
    ObservationKind,
    Participant,
    Postmortem,
    Severity,
    Status,
    TimelineEvent,
    WhyAnswer,
    new_id,
)
from app.store import Library

POSTMORTEMS = 1000
OPEN_RUNS = 9
SEARCH_RUNS = 21
WORDS = (
    "database",
    "failover",
    "replica",
    "primary",
    "disk",
    "latency",
    "timeout",
    "queue",
    "backlog",
    "cache",
    "eviction",
    "deploy",
    "rollback",
    "config",
    "flag",
    "certificate",
    "expiry",
    "dns",
    "resolver",
    "load",
    "balancer",
    "health",
    "check",
    "pager",
    "alert",
    "threshold",
    "runbook",
    "customer",
    "checkout",
    "payment",
    "ledger",
    "retry",
    "storm",
    "throttle",
    "quota",
    "region",
    "network",
    "partition",
    "kubernetes",
    "node",
    "memory",
    "leak",
    "garbage",
    "collector",
    "thread",
    "pool",
    "connection",
    "migration",
)
SERVICES = ("checkout", "payments-api", "ledger", "auth", "search", "mailer", "cdn", "billing")


def _sentence(chooser: random.Random, length: int) -> str:
    return " ".join(chooser.choice(WORDS) for _ in range(length)).capitalize()


def _timeline(chooser: random.Random, start: datetime) -> tuple[TimelineEvent, ...]:
    milestones = [Milestone.ONSET, Milestone.DETECTION, Milestone.MITIGATION, Milestone.RESOLUTION]
    return tuple(
        TimelineEvent(
            new_id(),
            start + timedelta(minutes=7 * n),
            _sentence(chooser, 12),
            milestone=milestones[n // 5] if n % 5 == 0 else None,
            evidence=f"https://logs.example/{n}" if n % 3 == 0 else "",
        )
        for n in range(20)
    )


def _root_cause(chooser: random.Random) -> dict[str, object]:
    categories = tuple(FishboneCategory(new_id(), name) for name in ("People", "Process", "Tech"))
    causes: list[Cause] = []
    for n in range(8):
        parent = causes[n - 1].id if n % 2 else None
        causes.append(
            Cause(
                new_id(),
                categories[n % 3].id,
                _sentence(chooser, 8),
                parent_id=parent,
                classification=CauseClassification.CONTRIBUTING_FACTOR,
            )
        )
    whys: list[WhyAnswer] = []
    for _ in range(5):
        whys.append(WhyAnswer(new_id(), _sentence(chooser, 9), whys[-1].id if whys else None))
    return {"fishbone_categories": categories, "causes": tuple(causes), "whys": tuple(whys)}


def realistic_postmortem(chooser: random.Random, number: int) -> Postmortem:
    start = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(hours=17 * number)
    timeline = _timeline(chooser, start)
    analysis = _root_cause(chooser)
    causes = analysis["causes"]
    assert isinstance(causes, tuple)
    return Postmortem(
        title=f"{_sentence(chooser, 5)} ({number})",
        severity=chooser.choice(list(Severity)),
        status=chooser.choice(list(Status)),
        incident_ref=f"INC-{number:05d}",
        affected_services=tuple(chooser.sample(SERVICES, 2)),
        tags=tuple(chooser.sample(WORDS, 3)),
        created_at=start,
        updated_at=start,
        document_owner="Aiko Tanaka",
        problem_statement=_sentence(chooser, 20),
        participants=tuple(Participant(f"Person {n}", "engineer") for n in range(5)),
        timeline=timeline,
        impact=Impact(users_affected=number * 3, summary=_sentence(chooser, 15)),
        observations=tuple(
            Observation(new_id(), kind, _sentence(chooser, 10), (timeline[n].id,))
            for n, kind in enumerate(ObservationKind)
        ),
        action_items=tuple(
            ActionItem(
                new_id(),
                _sentence(chooser, 7),
                owner="SRE",
                due=date(2025, 1, 1),
                category=ActionCategory.PREVENT,
                cause_ids=(causes[n].id,),
            )
            for n in range(6)
        ),
        appendix=(
            AppendixLink(new_id(), AppendixKind.DASHBOARD, "Dashboard", "https://d.example"),
        ),
        follow_up_reviews=(FollowUpReview(new_id(), date(2025, 2, 1)),),
        **analysis,  # type: ignore[arg-type]
    )


def build(path: Path) -> float:
    chooser = random.Random(7)
    started = time.perf_counter()
    with Library.open(path) as library:
        for number in range(POSTMORTEMS):
            library.create(realistic_postmortem(chooser, number))
    return time.perf_counter() - started


def median_ms(action: Callable[[], object], runs: int) -> tuple[float, float, float]:
    action()  # warm the OS file cache and Python's import caches, not counted
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), min(samples), max(samples)


def report(label: str, figures: tuple[float, float, float], runs: int) -> None:
    median, low, high = figures
    print(f"{label:<48} median {median:8.2f} ms   (min {low:.2f}, max {high:.2f}, {runs} runs)")


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="retro-bench-library-"))
    path = folder / "retro.sqlite"
    try:
        seconds = build(path)
        size = path.stat().st_size / 1_000_000
        print(f"built {POSTMORTEMS} postmortems in {seconds:.1f} s ({size:.1f} MB)\n")

        def bare() -> None:
            connection = sqlite3.connect(path)
            connection.execute("SELECT count(*) FROM postmortems").fetchone()
            connection.close()

        def open_and_list() -> None:
            library = Library.open(path)
            assert len(library.summaries()) == POSTMORTEMS
            library.close()

        report("baseline: sqlite3.connect + count(*)", median_ms(bare, OPEN_RUNS), OPEN_RUNS)
        report("Library.open + summaries()", median_ms(open_and_list, OPEN_RUNS), OPEN_RUNS)
        with Library.open(path) as library:
            for query in ("data fail", "INC-0042", "garbage coll leak", "zzz-no-match"):
                figures = median_ms(lambda q=query: library.summaries(search=q), SEARCH_RUNS)
                hits = len(library.summaries(search=query))
                report(f"summaries(search={query!r}) -> {hits} hits", figures, SEARCH_RUNS)
            load = median_ms(lambda: library.load(POSTMORTEMS // 2), SEARCH_RUNS)
            report("load() one postmortem", load, SEARCH_RUNS)
            today = date(2025, 1, 15)  # after the items' due date, before the reviews'
            owed = library.follow_ups(today)
            figures = median_ms(lambda: library.follow_ups(today), SEARCH_RUNS)
            label = f"follow_ups() -> {len(owed.action_items)} items, {len(owed.reviews)} reviews"
            report(label, figures, SEARCH_RUNS)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
