"""The size Graphviz gives a label, measured by Graphviz itself and remembered.

The fishbone is drawn with positions we compute (Graphviz has no layout for slanting bones), so we
must know how big every label box will be before placing it. Estimating text width in Python
would drift from the fonts Graphviz actually uses (it measures with Pango), and an estimate that
is too small makes labels overlap. So the labels are measured by laying them out once with
``dot -Tplain``, which reports every node's width and height; sizes are cached by label and style,
so after the first picture only the label being typed is measured again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

from app.render.graphviz import LAYOUT_TIMEOUT_SECONDS, run_graphviz

POINTS_PER_INCH = 72.0
_CACHE_LIMIT = 20_000

Size = tuple[float, float]


class LabelMeasurer:
    """Measures ``(label, attributes)`` pairs in points: one Graphviz run for all unknown ones."""

    def __init__(self, timeout: float = LAYOUT_TIMEOUT_SECONDS) -> None:
        self._sizes: OrderedDict[tuple[str, str], Size] = OrderedDict()
        self._lock = threading.Lock()
        self._timeout = timeout
        self.runs = 0

    def measure(self, labels: Sequence[tuple[str, str]]) -> list[Size]:
        """The sizes of ``labels``, each a quoted DOT label and the attributes it is drawn with."""
        with self._lock:
            missing = list(dict.fromkeys(key for key in labels if key not in self._sizes))
        if missing:
            measured = self._run(missing)
            with self._lock:
                for key, size in zip(missing, measured, strict=True):
                    self._sizes[key] = size
                while len(self._sizes) > _CACHE_LIMIT:
                    self._sizes.popitem(last=False)
        with self._lock:
            return [self._sizes[key] for key in labels]

    def _run(self, labels: Sequence[tuple[str, str]]) -> list[Size]:
        nodes = "\n".join(
            f"n{index} [label={label} {attributes}]"
            for index, (label, attributes) in enumerate(labels)
        )
        source = f"graph measure {{\nnode [width=0 height=0]\n{nodes}\n}}\n"
        plain = run_graphviz(source, output_format="plain", timeout=self._timeout)
        text = plain.decode("utf-8", "replace")
        self.runs += 1
        sizes: dict[int, Size] = {}
        for line in text.splitlines():
            fields = line.split(" ", 6)
            if len(fields) >= 6 and fields[0] == "node" and fields[1].startswith("n"):
                width, height = float(fields[4]), float(fields[5])
                sizes[int(fields[1][1:])] = (width * POINTS_PER_INCH, height * POINTS_PER_INCH)
        return [sizes[index] for index in range(len(labels))]


# One measurer for the process: the window and the CLI share what it has learnt.
shared_measurer = LabelMeasurer()
