"""How long stage 3's diagrams take: DOT generation plus Graphviz layout, and keystroke to picture.

Part 1 renders fishbones of 10, 60 and 300 causes (and a five-whys tree) the way the window
does, beside the baseline of the bare Graphviz binary run on the very same DOT file. The
difference is Retro's own cost: generating DOT and measuring the labels. "First picture" measures
every label (one extra ``dot -Tplain`` run); "labels known" is a re-render where only the
classifications changed, so every label size comes from the cache. Typing changes one label, so
a keystroke costs about the second figure plus one small measuring run.

Part 2 opens a 60-cause fishbone in the window (offscreen), types into the selected cause's text,
and measures from each keystroke until the canvas shows the picture with that character in it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.domain.model import CauseClassification
from app.render.diagrams import DiagramKind, diagram_source, render_diagram
from app.render.graphviz import graphviz_executable
from app.render.label_size import LabelMeasurer
from tests.render.diagram_samples import branching_whys, fishbone_of_size

RUNS = 15


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def bare_graphviz(program: str, arguments: tuple[str, ...], dot_file: Path) -> list[float]:
    command = [graphviz_executable(program), "-Tsvg", *arguments, str(dot_file)]
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        samples.append(time.perf_counter() - started)
    return samples


def retro_render(pm_factory, kind: DiagramKind, *, cached: bool) -> list[float]:
    samples = []
    for run in range(RUNS):
        pm = pm_factory(run)
        measurer = LabelMeasurer() if not cached else SHARED
        started = time.perf_counter()
        render_diagram(pm, kind, measurer=measurer)
        samples.append(time.perf_counter() - started)
    return samples


SHARED = LabelMeasurer()


def generation_and_layout() -> None:
    print("Diagram generation + layout (medians of", RUNS, "runs)")
    header = ("diagram", "bare Graphviz", "Retro, first picture", "Retro, labels known")
    print(f"{header[0]:<28}{header[1]:>15}{header[2]:>23}{header[3]:>21}")
    workdir = Path(tempfile.mkdtemp(prefix="retro-bench-diagram-"))
    cases = [(f"fishbone, {n} causes", DiagramKind.FISHBONE, n) for n in (10, 60, 300)]
    cases.append(("five whys, 8 answers", DiagramKind.WHYS, 0))
    for name, kind, size in cases:
        base = fishbone_of_size(size) if kind is DiagramKind.FISHBONE else branching_whys()

        def fresh(run: int, base=base):
            # A different title each run, so the problem label is new and must be measured.
            return replace(base, title=f"{base.title} #{run}")

        def reclassified(run: int, base=base):
            cycle = list(CauseClassification)
            causes = tuple(
                replace(cause, classification=cycle[(index + run) % 4])
                for index, cause in enumerate(base.causes)
            )
            return replace(base, causes=causes)

        source = diagram_source(base, kind, measurer=SHARED)
        dot_file = workdir / f"{kind.value}-{size}.dot"
        dot_file.write_text(source.dot, encoding="utf-8")
        bare = bare_graphviz(source.program, source.arguments, dot_file)
        new_labels = retro_render(fresh, kind, cached=False)
        cached = retro_render(reclassified, kind, cached=True)
        print(
            f"{name:<28}{median_ms(bare):>12.1f} ms{median_ms(new_labels):>20.1f} ms"
            f"{median_ms(cached):>18.1f} ms"
        )


def keystroke_to_picture() -> None:
    from bench_window_latency import measure_latency

    samples = measure_latency(causes=60, keystrokes=25)
    print()
    print("Keystroke to picture in the window, 60-cause fishbone (offscreen)")
    print(
        f"  median {median_ms(samples):.0f} ms, 90th percentile "
        f"{statistics.quantiles(samples, n=10)[-1] * 1000:.0f} ms, max {max(samples) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    generation_and_layout()
    keystroke_to_picture()
