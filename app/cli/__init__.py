"""The ``retro`` command: starts the window, or runs a headless command on the library.

Headless commands (list, new, show, export, import, timeline, diagram, followups, calendar,
check) never import Qt, so they work over SSH and in scripts; the window is imported only when it
is about to start, and only after checking there is a display to show it on. Every expected
failure ends as one ``retro: ...`` line on stderr and a non-zero exit code (2 for a mistake in the
command line, 1 for anything else), never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import app
from app.cli.check import add_check_arguments, run_check
from app.cli.describe import describe_postmortem, one_line, summary_table
from app.cli.diagram import add_diagram_arguments, run_diagram
from app.cli.export import add_export_arguments, run_export
from app.cli.followups import (
    add_calendar_arguments,
    add_followups_arguments,
    run_calendar,
    run_followups,
)
from app.cli.support import (
    FAILURE,
    USAGE_ERROR,
    CommandError,
    Parser,
    add_show_arguments,
    library_option,
    open_existing,
    read_text,
    write_stdout_utf8,
)
from app.cli.timeline import add_timeline_arguments, run_timeline
from app.domain.errors import ValidationError
from app.domain.model import Severity, new_postmortem
from app.domain.plain import to_plain
from app.domain.timeline_import import ImportFileError
from app.export.interchange import InterchangeError, load_postmortem
from app.paths import LIBRARY_ENVIRONMENT_VARIABLE, resolve_library_path
from app.store import Library, LibraryError

__all__ = ["main", "missing_display", "one_line", "start_window"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``retro`` command line with ``argv`` (default: the process arguments)."""
    try:
        arguments = build_parser().parse_args(argv)
    except SystemExit as exit_request:  # --help, --version and usage errors
        return _exit_code(exit_request.code)
    library_path = resolve_library_path(arguments.library)
    if isinstance(sys.stdout, io.TextIOWrapper):
        # A console or pipe that cannot show a character gets "?" rather than a traceback.
        sys.stdout.reconfigure(errors="replace")
    if arguments.command is None:
        return start_window(library_path, os.environ, sys.platform)
    try:
        result: int = arguments.handler(arguments, library_path)
    except (
        CommandError,
        LibraryError,
        InterchangeError,
        ValidationError,
        ImportFileError,
    ) as error:
        return _fail(str(error))
    except BrokenPipeError:
        _silence_stdout()  # the reader went away (retro list | head): nothing left to say
        return FAILURE
    except KeyboardInterrupt:
        return 130
    return result


def _exit_code(code: str | int | None) -> int:
    if code is None or isinstance(code, int):
        return code or 0
    print(code, file=sys.stderr)
    return FAILURE


def _fail(message: str, code: int = FAILURE) -> int:
    print(f"retro: {message}", file=sys.stderr)
    return code


def _silence_stdout() -> None:
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def build_parser() -> argparse.ArgumentParser:
    """The ``retro`` parser; ``--library`` is accepted before or after the command."""
    parser = Parser(
        prog="retro",
        description="Blameless incident postmortems. Without a command, opens the window.",
        epilog=f"The library is --library, else ${LIBRARY_ENVIRONMENT_VARIABLE}, else the "
        "default in your user data folder.",
    )
    parser.add_argument("--library", metavar="PATH", help="the library file to use")
    parser.add_argument("--version", action="version", version=f"retro {app.__version__}")
    parser.set_defaults(command=None)
    common = library_option()
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name, summary, handler, add_arguments in _COMMANDS:
        command = commands.add_parser(name, parents=[common], help=summary, description=summary)
        add_arguments(command)
        command.set_defaults(command=name, handler=handler)
    return parser


def _add_list_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print a JSON array of summaries")


def _add_new_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--title", required=True, help="what happened, in a few words")
    parser.add_argument(
        "--severity", required=True, type=_severity, help="SEV1 (worst) to SEV4; any letter case"
    )


def _add_import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a Retro JSON export ('-' for stdin)")


def _severity(text: str) -> Severity:
    try:
        return Severity(text.strip().upper())
    except ValueError:
        allowed = ", ".join(severity.value for severity in Severity)
        raise argparse.ArgumentTypeError(
            f"unknown severity {text!r} (choose from {allowed})"
        ) from None


def _list(arguments: argparse.Namespace, library_path: Path) -> int:
    with open_existing(library_path) as library:
        summaries = library.summaries()
    if arguments.json:
        listing = [to_plain(summary) for summary in summaries]
        write_stdout_utf8(json.dumps(listing, indent=2, ensure_ascii=False) + "\n")
    elif summaries:
        print(summary_table(summaries))
    else:
        print(f"No postmortems in {library_path} yet.")
    return 0


def _new(arguments: argparse.Namespace, library_path: Path) -> int:
    severity: Severity = arguments.severity
    draft = new_postmortem(arguments.title, severity)
    with Library.open(library_path, create=True) as library:
        created = library.create(draft)
    print(created.id)
    return 0


def _show(arguments: argparse.Namespace, library_path: Path) -> int:
    with open_existing(library_path) as library:
        postmortem = library.load(arguments.id)
    print(describe_postmortem(postmortem), end="")
    return 0


def _import(arguments: argparse.Namespace, library_path: Path) -> int:
    source: str = arguments.file
    # Read and check everything before the library is opened, so a bad file changes nothing.
    postmortem = load_postmortem(read_text(source), source=source)
    with Library.open(library_path, create=True) as library:
        created = library.create(postmortem)
    print(created.id)
    return 0


_COMMANDS: tuple[
    tuple[
        str,
        str,
        Callable[[argparse.Namespace, Path], int],
        Callable[[argparse.ArgumentParser], None],
    ],
    ...,
] = (
    ("list", "list the postmortems in the library", _list, _add_list_arguments),
    ("new", "start a new postmortem and print its number", _new, _add_new_arguments),
    ("show", "print a postmortem as plain text", _show, add_show_arguments),
    (
        "export",
        "write a postmortem as Retro JSON, or as a Markdown or PDF document for its readers",
        run_export,
        add_export_arguments,
    ),
    ("import", "add a postmortem from a Retro JSON document", _import, _add_import_arguments),
    (
        "diagram",
        "draw a postmortem's fishbone or five whys as SVG or PNG (needs Graphviz)",
        run_diagram,
        add_diagram_arguments,
    ),
    (
        "check",
        "run the final review checklist on a postmortem (exit status 1 when an item fails)",
        run_check,
        add_check_arguments,
    ),
    (
        "timeline",
        "import events into a postmortem's timeline, or export it as CSV",
        run_timeline,
        add_timeline_arguments,
    ),
    (
        "followups",
        "list open action items (overdue first) and follow-up reviews across the library",
        run_followups,
        add_followups_arguments,
    ),
    (
        "calendar",
        "write a postmortem's follow-up reviews as an iCalendar (.ics) file",
        run_calendar,
        add_calendar_arguments,
    ),
)


def missing_display(environ: Mapping[str, str], platform: str) -> str | None:
    """Why no window could be shown here (a phrase), or None if a display looks available.

    Only X11/Wayland systems need the check; ``QT_QPA_PLATFORM`` (offscreen, vnc, ...) means the
    user already chose where Qt should draw.
    """
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    if any(environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        return None
    return "neither DISPLAY nor WAYLAND_DISPLAY is set"


def start_window(library_path: Path, environ: Mapping[str, str], platform: str) -> int:
    """Open the window on ``library_path``; fail with a way out when there is no screen."""
    reason = missing_display(environ, platform)
    if reason is not None:
        return _fail(
            f"no display found ({reason}); to run without a screen: xvfb-run -a retro",
            USAGE_ERROR,
        )
    try:
        # Qt is imported only now, by name: headless commands and the check above must work
        # without it, and the window's module graph stays out of the CLI's (strict) typing.
        window = importlib.import_module("app.ui.application")
    except ImportError as error:
        return _fail(f"the window cannot start: {error}")
    run_app: Callable[[Path], int] = window.run_app
    return run_app(library_path)
