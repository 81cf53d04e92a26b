"""Diagram test helpers: real Graphviz output for the canvas tests."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable

import pytest

DOT = "/usr/bin/dot"

# Two nodes with ids as our DOT generators write them; the first is filled so its pixels can be
# found, the second is tall enough below it that scrolling to one hides the other at high zoom.
SMALL_DOT = """
digraph {
  a [id="cause-a" label="Alpha" shape=box style=filled fillcolor="#ff0000"];
  b [id="why-b" label="Beta"];
  a -> b;
}
"""


@pytest.fixture(scope="session")
def render_dot() -> Callable[[str], bytes]:
    """Run the real ``dot -Tsvg`` on a DOT text and return the SVG."""
    dot = DOT if shutil.which(DOT) else shutil.which("dot")
    assert dot, "Graphviz is not installed: run `make setup`"

    def render(source: str) -> bytes:
        return subprocess.run(
            [dot, "-Tsvg"], input=source.encode(), capture_output=True, check=True, timeout=30
        ).stdout

    return render
