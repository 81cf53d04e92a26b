"""SIGKILL a writer at random moments: the file stays sound and keeps every acknowledged edit.

One library file suffers every kill in turn, so damage left by one crash would surface in the
next round. Set RETRO_CRASH_SEED to replay a failing run.
"""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from app.store import Library

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals"),
]

WRITER = Path(__file__).with_name("crash_writer.py")
REPOSITORY = Path(__file__).resolve().parents[2]
ROUNDS = 60
LINE_TIMEOUT_SECONDS = 20.0


@dataclass
class Writer:
    """A crash_writer.py process and the lines it has printed so far."""

    process: subprocess.Popen[bytes]
    buffer: bytes = b""
    lines: list[str] = field(default_factory=list)

    @classmethod
    def start(cls, library: Path, first: int) -> Writer:
        environment = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
        process = subprocess.Popen(
            [sys.executable, str(WRITER), str(library), str(first)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=REPOSITORY,
            env=environment,
            bufsize=0,
        )
        return cls(process)

    def read_line(self) -> str:
        """The next line; fails the test if the writer dies or stalls instead."""
        assert self.process.stdout is not None
        descriptor = self.process.stdout.fileno()
        deadline = time.monotonic() + LINE_TIMEOUT_SECONDS
        while b"\n" not in self.buffer:
            ready, _, _ = select.select([descriptor], [], [], max(0.0, deadline - time.monotonic()))
            chunk = os.read(descriptor, 4096) if ready else b""
            if not chunk:
                self.process.kill()
                _, errors = self.process.communicate()
                pytest.fail(f"writer stopped before the kill: {errors.decode(errors='replace')}")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        self.lines.append(line.decode())
        return self.lines[-1]

    def kill(self) -> None:
        """SIGKILL, then collect whatever it printed before dying (those acks count too)."""
        self.process.send_signal(signal.SIGKILL)
        rest, _ = self.process.communicate()
        self.buffer += rest
        self.lines.extend(line.decode() for line in self.buffer.split(b"\n") if line)
        self.buffer = b""

    def acks(self) -> list[tuple[int, str]]:
        return [
            (int(number), kind)
            for _, number, kind in (line.split() for line in self.lines if line.startswith("ack "))
        ]


def _run_round(library: Path, first: int, chooser: random.Random) -> list[tuple[int, str]]:
    writer = Writer.start(library, first)
    if chooser.random() < 0.1:
        time.sleep(chooser.uniform(0.0, 0.3))  # somewhere in start-up, opening or first edits
    else:
        assert writer.read_line() == "ready"
        for _ in range(chooser.randint(0, 6)):
            writer.read_line()
        time.sleep(chooser.choice([0.0, chooser.uniform(0.0, 0.004)]))  # often mid-edit
    writer.kill()
    return writer.acks()


def _check_integrity(library: Path) -> None:
    connection = sqlite3.connect(library)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()


def _surviving_edits(library: Path) -> tuple[set[int], set[int]]:
    """Numbers of the tags and of the timeline events found in the library."""
    with Library.open(library, create=False) as opened:
        tags = {int(tag[1:]) for tag in opened.tags()}
        events = {
            int(event.id[2:])
            for postmortem_id in opened.postmortem_ids()
            for event in opened.load(postmortem_id).timeline
        }
        indexed = {s.id for s in opened.summaries(search="edit")}
        assert indexed == set(opened.postmortem_ids())  # the index kept up with every commit
    return tags, events


def test_killed_writer_never_loses_an_acknowledged_edit(tmp_path: Path) -> None:
    seed = int(os.environ.get("RETRO_CRASH_SEED", time.time_ns() % 1_000_000))
    chooser = random.Random(seed)
    library = tmp_path / "crash.sqlite"
    acknowledged: dict[int, str] = {}
    next_number = 0
    for round_number in range(ROUNDS):
        acks = _run_round(library, next_number, chooser)
        acknowledged.update(acks)
        # Numbers move on past the edit that may have been in flight, acknowledged or not.
        next_number = max([next_number, *(number for number, _ in acks)]) + 2
        context = f"seed {seed}, round {round_number}"
        if not library.exists():
            assert not acks, context
            continue
        _check_integrity(library)
        tags, events = _surviving_edits(library)
        missing = sorted(number for number in acknowledged if number not in tags)
        assert missing == [], f"{context}: acknowledged edits lost"
        updates = {number for number, kind in acknowledged.items() if kind == "update"}
        assert updates <= events, context
        assert max(tags, default=0) < next_number, f"{context}: an edit nobody made"
    assert len(acknowledged) >= ROUNDS, f"seed {seed}: too few edits were acknowledged"
