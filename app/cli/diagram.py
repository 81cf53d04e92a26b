"""``retro diagram``: a postmortem's fishbone or five whys as an SVG or PNG file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.support import STDIO, CommandError, add_show_arguments, open_existing, write_atomically
from app.render.diagrams import DiagramKind, render_diagram
from app.render.graphviz import DiagramError


def add_diagram_arguments(parser: argparse.ArgumentParser) -> None:
    add_show_arguments(parser)
    parser.add_argument(
        "--kind",
        choices=[kind.value for kind in DiagramKind],
        required=True,
        help="which diagram: the fishbone or the five-whys tree",
    )
    parser.add_argument(
        "--format",
        choices=["svg", "png"],
        help="the file format (default: from the output file's extension, else svg)",
    )
    parser.add_argument(
        "--direction",
        choices=["TB", "LR"],
        default="TB",
        help="the five whys top to bottom (TB, default) or left to right (LR)",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", default=STDIO, help="where to write it (default: stdout)"
    )


def _format(arguments: argparse.Namespace) -> str:
    if arguments.format:
        return str(arguments.format)
    suffix = Path(arguments.output).suffix.lower().lstrip(".")
    if arguments.output != STDIO and suffix and suffix not in ("svg", "png"):
        raise CommandError(
            f"cannot tell the format from {arguments.output!r}; name a .svg or .png file "
            "or give --format"
        )
    return suffix if suffix in ("svg", "png") else "svg"


def run_diagram(arguments: argparse.Namespace, library_path: Path) -> int:
    output_format = _format(arguments)
    with open_existing(library_path) as library:
        postmortem = library.load(arguments.id)
    try:
        drawn = render_diagram(
            postmortem,
            DiagramKind(arguments.kind),
            direction=arguments.direction,
            output_format="png" if output_format == "png" else "svg",
        )
    except DiagramError as error:
        raise CommandError(str(error).replace("\n", " ")) from None
    if arguments.output == STDIO:
        if output_format == "png" and sys.stdout.isatty():
            raise CommandError("a PNG would garble the terminal; write it to a file with -o")
        sys.stdout.flush()
        sys.stdout.buffer.write(drawn.content)
        sys.stdout.buffer.flush()
    else:
        write_atomically(Path(arguments.output), drawn.content)
    return 0
