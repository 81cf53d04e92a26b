"""Postmortems with stage 3 filled in, for the diagram tests and benchmarks."""

from __future__ import annotations

import itertools

from app.domain.model import (
    Cause,
    CauseClassification,
    FishboneCategory,
    Postmortem,
    Severity,
    WhyAnswer,
)

C = CauseClassification
CATEGORY_NAMES = (
    "People",
    "Process",
    "Technology",
    "Environment",
    "Tooling",
    "Monitoring",
    "Vendors and third-party services",
    "Data",
)
PHRASES = (
    "Connection pool capped at 10",
    "Retry storm amplified load on the primary database during failover",
    "Deploy tool lacks a rollback button",
    "Dashboards lag five minutes behind production traffic",
    "No alert on p99 latency",
    "Handoff at 02:00 between regions with no written summary of the open incident",
    "No canary stage",
    "Black Friday traffic 3x",
)


def fishbone_postmortem(categories: int = 6, causes_per_category: int = 3) -> Postmortem:
    """Categories with causes of mixed length and classification; every third has sub-causes."""
    classes = itertools.cycle(list(C))
    phrases = itertools.cycle(PHRASES)
    made_categories = tuple(
        FishboneCategory(id=f"g{index}", name=CATEGORY_NAMES[index % len(CATEGORY_NAMES)])
        for index in range(categories)
    )
    causes: list[Cause] = []
    for category in made_categories:
        for number in range(causes_per_category):
            cause_id = f"{category.id}c{number}"
            causes.append(Cause(cause_id, category.id, next(phrases), None, next(classes)))
            if number % 3 == 1:
                causes.append(Cause(f"{cause_id}s", category.id, next(phrases), cause_id))
    return Postmortem(
        title="Checkout API returned 5xx for 47 minutes",
        severity=Severity.SEV2,
        fishbone_categories=made_categories,
        causes=tuple(causes),
    )


def fishbone_of_size(total_causes: int) -> Postmortem:
    """About ``total_causes`` causes spread over eight categories (for the benchmark)."""
    per_category = max(1, round(total_causes / 8))
    pm = fishbone_postmortem(8, per_category)
    return Postmortem(
        title=pm.title,
        severity=pm.severity,
        fishbone_categories=pm.fishbone_categories,
        causes=pm.causes[:total_causes],
    )


def branching_whys() -> Postmortem:
    """Two top-level answers, a branch two levels down, chains of different depth."""
    whys = (
        WhyAnswer("a", "Checkout requests timed out waiting for a database connection"),
        WhyAnswer("b", "The pool was exhausted by retries", "a", C.CONTRIBUTING_FACTOR),
        WhyAnswer("c", "Clients retried immediately with no backoff", "b", C.CONTRIBUTING_FACTOR),
        WhyAnswer("d", "The retry default has no jitter", "c", C.ROOT_CAUSE, ("https://t/1",)),
        WhyAnswer("e", "Failover took six minutes", "a"),
        WhyAnswer("f", "Health checks run every 60 s", "e", C.RULED_OUT),
        WhyAnswer("g", "The replica lagged behind the primary", "e"),
        WhyAnswer("h", "Alerts fired late"),
    )
    return Postmortem(title="Checkout API 5xx", severity=Severity.SEV2, whys=whys)
