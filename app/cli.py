"""The ``retro`` command: starts the window, or runs a headless command on the library.

Headless commands (list, new, show, export, import, timeline) never import Qt, so they work
over SSH and in scripts; the window is imported only when it is about to start, and only after
checking there is a display to show it on. Every expected failure ends as one ``retro: ...`` line on
stderr and a non-zero exit code (2 for a mistake in the command line, 1 for anything else),
never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import json
import os
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import NoReturn

import app
from app.domain.errors import ValidationError
from app.domain.model import (
    ActionStatus,
    Postmortem,
    Severity,
    Stage,
    new_postmortem,
)
from app.domain.plain import to_plain
from app.domain.timeline_import import (
    IMPORT_FORMATS,
    ImportFileError,
    ImportPreview,
    guess_format,
    merge_into_timeline,
    parse_import,
    read_import_file,
)
from app.domain.timeparse import NEEDS_A_DATE, zone_named
from app.export.interchange import InterchangeError, dump_postmortem, load_postmortem
from app.export.timeline_csv import timeline_to_csv
from app.paths import LIBRARY_ENVIRONMENT_VARIABLE, resolve_library_path
from app.store import Library, LibraryError, PostmortemSummary

USAGE_ERROR = 2
FAILURE = 1
STDIO = "-"
MAX_POSTMORTEM_NUMBER = 2**63 - 1


class CommandError(Exception):
    """A failure the user can act on; its message becomes the ``retro: ...`` line."""


class _Parser(argparse.ArgumentParser):
    """argparse with one-line usage errors that start with ``retro:`` like every other error."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix("retro").strip()
        where = f"{command}: " if command else ""
        help_command = " ".join(["retro", command, "--help"] if command else ["retro", "--help"])
        self.exit(USAGE_ERROR, f"retro: {where}{message} (see '{help_command}')\n")


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


# --- the parser ---------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The ``retro`` parser; ``--library`` is accepted before or after the command."""
    parser = _Parser(
        prog="retro",
        description="Blameless incident postmortems. Without a command, opens the window.",
        epilog=f"The library is --library, else ${LIBRARY_ENVIRONMENT_VARIABLE}, else the "
        "default in your user data folder.",
    )
    parser.add_argument("--library", metavar="PATH", help="the library file to use")
    parser.add_argument("--version", action="version", version=f"retro {app.__version__}")
    parser.set_defaults(command=None)
    common = _library_option()
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name, summary, handler, add_arguments in _COMMANDS:
        command = commands.add_parser(name, parents=[common], help=summary, description=summary)
        add_arguments(command)
        command.set_defaults(command=name, handler=handler)
    return parser


def _library_option() -> _Parser:
    """A parent parser giving a subcommand its own ``--library``."""
    # SUPPRESS keeps a subcommand from overwriting a --library given before it with None.
    common = _Parser(add_help=False)
    common.add_argument(
        "--library", metavar="PATH", default=argparse.SUPPRESS, help="the library file to use"
    )
    return common


def _add_list_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print a JSON array of summaries")


def _add_new_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--title", required=True, help="what happened, in a few words")
    parser.add_argument(
        "--severity", required=True, type=_severity, help="SEV1 (worst) to SEV4; any letter case"
    )


def _add_show_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", type=_postmortem_number, help="the postmortem's number (retro list)")


def _add_export_arguments(parser: argparse.ArgumentParser) -> None:
    _add_show_arguments(parser)
    parser.add_argument("--format", choices=["json"], default="json", help="the file format")
    parser.add_argument(
        "--output", metavar="FILE", default=STDIO, help="where to write it (default: stdout)"
    )


def _add_import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a Retro JSON export ('-' for stdin)")


def _add_timeline_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(
        title="actions", metavar="ACTION", dest="timeline_action", required=True
    )
    common = _library_option()
    summary = "add events to a timeline from CSV, pasted chat or notes, or a Slack export"
    importing = actions.add_parser("import", parents=[common], help=summary, description=summary)
    _add_show_arguments(importing)
    importing.add_argument("file", metavar="FILE", help="the file to read events from")
    importing.add_argument(
        "--format",
        choices=IMPORT_FORMATS,
        help="the file's format (default: guessed from its name and content)",
    )
    importing.add_argument(
        "--tz",
        metavar="ZONE",
        default="UTC",
        help="the IANA time zone of times without an offset, e.g. Europe/Berlin (default: UTC)",
    )
    importing.add_argument(
        "--date",
        type=_calendar_date,
        help="the date for times given without one (default: the incident date)",
    )
    importing.set_defaults(timeline_handler=_timeline_import)
    summary = "write a timeline as CSV (UTC times, ISO 8601)"
    exporting = actions.add_parser("export", parents=[common], help=summary, description=summary)
    _add_show_arguments(exporting)
    exporting.add_argument(
        "-o", "--output", metavar="FILE", default=STDIO, help="where to write it (default: stdout)"
    )
    exporting.set_defaults(timeline_handler=_timeline_export)


def _calendar_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2017-01-31") from None


def _severity(text: str) -> Severity:
    try:
        return Severity(text.strip().upper())
    except ValueError:
        allowed = ", ".join(severity.value for severity in Severity)
        raise argparse.ArgumentTypeError(
            f"unknown severity {text!r} (choose from {allowed})"
        ) from None


def _postmortem_number(text: str) -> int:
    # SQLite numbers rows with 64-bit integers; anything larger cannot name a postmortem.
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= MAX_POSTMORTEM_NUMBER:
        raise argparse.ArgumentTypeError(f"{text!r} is not a postmortem number")
    return int(text)


# --- the commands -------------------------------------------------------------------------------


def _open_existing(path: Path) -> Library:
    """Open a library that must already exist: reading commands never create one."""
    if not path.exists():
        raise CommandError(
            f"no library at {path}; create one with 'retro new' or 'retro import', or name "
            f"another with --library or {LIBRARY_ENVIRONMENT_VARIABLE}"
        )
    return Library.open(path, create=False)


def _list(arguments: argparse.Namespace, library_path: Path) -> int:
    with _open_existing(library_path) as library:
        summaries = library.summaries()
    if arguments.json:
        listing = [to_plain(summary) for summary in summaries]
        _write_stdout_utf8(json.dumps(listing, indent=2, ensure_ascii=False) + "\n")
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
    with _open_existing(library_path) as library:
        postmortem = library.load(arguments.id)
    print(describe_postmortem(postmortem), end="")
    return 0


def _export(arguments: argparse.Namespace, library_path: Path) -> int:
    with _open_existing(library_path) as library:
        postmortem = library.load(arguments.id)
    document = dump_postmortem(postmortem)
    if arguments.output == STDIO:
        _write_stdout_utf8(document)
    else:
        _write_atomically(Path(arguments.output), document)
    return 0


def _import(arguments: argparse.Namespace, library_path: Path) -> int:
    source: str = arguments.file
    # Read and check everything before the library is opened, so a bad file changes nothing.
    postmortem = load_postmortem(_read_text(source), source=source)
    with Library.open(library_path, create=True) as library:
        created = library.create(postmortem)
    print(created.id)
    return 0


def _timeline(arguments: argparse.Namespace, library_path: Path) -> int:
    handler: Callable[[argparse.Namespace, Path], int] = arguments.timeline_handler
    return handler(arguments, library_path)


def _timeline_import(arguments: argparse.Namespace, library_path: Path) -> int:
    path = Path(arguments.file)
    zone = _time_zone(arguments.tz)
    # Read and check the file before the library is opened, so a bad file changes nothing.
    text = read_import_file(path)
    fmt = arguments.format or guess_format(path, text)
    with _open_existing(library_path) as library:
        postmortem = library.load(arguments.id)
        preview = parse_import(
            text,
            fmt,
            source=path.name,
            zone=zone,
            default_date=arguments.date or postmortem.incident_date,
            existing=postmortem.timeline,
        )
        if not preview.events:
            print(_preview_report(preview), end="")
            hint = (
                "; give the date of times without one with --date"
                if any(line.reason == NEEDS_A_DATE for line in preview.skipped)
                else ""
            )
            raise CommandError(
                f"no events could be read from {path.name}; nothing was changed{hint}"
            )
        merged = merge_into_timeline(postmortem.timeline, preview.events)
        library.update(arguments.id, {"timeline": merged})
    print(f"Added {_count(len(preview.events), 'event')} to postmortem {arguments.id}.")
    print(_preview_report(preview), end="")
    return 0


def _time_zone(name: str) -> tzinfo:
    try:
        return zone_named(name)
    except ValueError as error:
        raise CommandError(f"{error}; use an IANA name such as Europe/Berlin or UTC") from None


def _preview_report(preview: ImportPreview) -> str:
    """The lines an import skipped or changed, one per line, safe for a terminal."""
    text = ""
    for heading, entries in (
        ("Skipped", preview.skipped),
        ("Imported with a change", preview.adjusted),
    ):
        if entries:
            text += f"{heading}:\n" + "".join(
                f"  line {entry.line}: {one_line(entry.reason)}\n" for entry in entries
            )
    return text


def _timeline_export(arguments: argparse.Namespace, library_path: Path) -> int:
    with _open_existing(library_path) as library:
        postmortem = library.load(arguments.id)
    document = timeline_to_csv(postmortem.timeline)
    if arguments.output == STDIO:
        _write_stdout_utf8(document)
    else:
        _write_atomically(Path(arguments.output), document)
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
    ("show", "print a postmortem as plain text", _show, _add_show_arguments),
    ("export", "write a postmortem as a Retro JSON document", _export, _add_export_arguments),
    ("import", "add a postmortem from a Retro JSON document", _import, _add_import_arguments),
    (
        "timeline",
        "import events into a postmortem's timeline, or export it as CSV",
        _timeline,
        _add_timeline_arguments,
    ),
)


# --- files --------------------------------------------------------------------------------------


def _read_text(source: str) -> str:
    """A document's text; a UTF-8 byte order mark (as some Windows editors write) is allowed."""
    try:
        if source == STDIO:
            return sys.stdin.buffer.read().decode("utf-8-sig")
        return Path(source).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise CommandError(
            f"{source}: not UTF-8 text (invalid byte at offset {error.start})"
        ) from None
    except OSError as error:
        raise CommandError(f"cannot read {source}: {error.strerror or error}") from None


def _write_stdout_utf8(text: str) -> None:
    # JSON is UTF-8 whatever the console's encoding, so write bytes when stdout has them.
    binary = getattr(sys.stdout, "buffer", None)
    if binary is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    binary.write(text.encode("utf-8"))
    binary.flush()


def _write_atomically(path: Path, text: str) -> None:
    """Write ``path`` through a temporary file beside it, so it is never left half written."""
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
    except OSError as error:
        raise CommandError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        # mkstemp makes the file private (0600); an export should get the usual permissions.
        Path(temporary).chmod(0o666 & ~_umask())
        Path(temporary).replace(path)
    except OSError as error:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise CommandError(f"cannot write {path}: {error.strerror or error}") from None


def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return mask


# --- the window ---------------------------------------------------------------------------------


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


# --- plain-text rendering -----------------------------------------------------------------------


def one_line(text: str) -> str:
    """``text`` safe for one terminal line: control and line-break characters become spaces.

    User text could otherwise move the cursor or recolour the terminal (escape sequences).
    """
    return "".join(
        " " if unicodedata.category(character) in ("Cc", "Zl", "Zp") else character
        for character in text
    )


def _paragraphs(text: str, indent: str = "  ") -> str:
    """Multi-line user text, indented, with every control character but newline and tab removed."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cleaned = [one_line(line.replace("\t", "    ")).rstrip() for line in lines]
    return "".join(f"{indent}{line}\n" if line else "\n" for line in cleaned)


def _time(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "minutes") + " UTC"


def _day(day: date | None) -> str:
    return day.isoformat() if day is not None else "-"


def summary_table(summaries: Sequence[PostmortemSummary]) -> str:
    """The library list as aligned columns; the title, the longest, comes last."""
    header = ("ID", "SEVERITY", "STATUS", "INCIDENT", "LAST EDITED", "TITLE")
    rows = [header] + [
        (
            str(summary.id),
            summary.severity.label,
            summary.status.label,
            _day(summary.incident_date),
            _time(summary.updated_at),
            one_line(summary.title),
        )
        for summary in summaries
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


def describe_postmortem(postmortem: Postmortem) -> str:
    """A readable plain-text overview: the scope fields, counts of each stage's items, the notes."""
    lines = [f"{label + ':':<20}{one_line(value)}" for label, value in _overview(postmortem)]
    text = "\n".join(lines) + "\n"
    if postmortem.problem_statement.strip():
        text += "\nProblem statement:\n" + _paragraphs(postmortem.problem_statement)
    for stage in Stage:
        note = postmortem.note(stage)
        if note.strip():
            text += f"\nNotes, {stage.label}:\n" + _paragraphs(note)
    return text


def _overview(pm: Postmortem) -> list[tuple[str, str]]:
    template = pm.template.label if pm.template is not None else "not chosen"
    open_items = sum(
        item.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS) for item in pm.action_items
    )
    reviews_done = sum(review.done for review in pm.follow_up_reviews)
    return [
        ("Title", pm.title),
        ("Number", "-" if pm.id is None else str(pm.id)),
        ("Reference", pm.incident_ref or "-"),
        ("Severity", pm.severity.label),
        ("Status", pm.status.label),
        ("Template", template),
        ("Incident date", _day(pm.incident_date)),
        ("Created", _time(pm.created_at)),
        ("Last edited", _time(pm.updated_at)),
        ("Published", _day(pm.published_on)),
        ("Owner", pm.document_owner or "-"),
        ("Audiences", ", ".join(audience.label for audience in pm.audiences) or "-"),
        ("Services", ", ".join(pm.affected_services) or "-"),
        ("Tags", ", ".join(pm.tags) or "-"),
        ("Participants", _participants(pm) or "-"),
        ("Security incident", _security(pm)),
        ("Timeline", _count(len(pm.timeline), "event")),
        ("Causes", _count(len(pm.causes), "cause") + ", " + _count(len(pm.whys), "why answer")),
        ("Observations", _count(len(pm.observations), "observation")),
        ("Action items", f"{_count(len(pm.action_items), 'item')} ({open_items} open)"),
        ("Appendix", _count(len(pm.appendix), "link")),
        (
            "Follow-up reviews",
            f"{_count(len(pm.follow_up_reviews), 'review')} ({reviews_done} done)",
        ),
    ]


def _participants(pm: Postmortem) -> str:
    return ", ".join(
        f"{person.name} ({person.role})" if person.role else person.name
        for person in pm.participants
    )


def _security(pm: Postmortem) -> str:
    if not pm.security_incident:
        return "no"
    signoff = pm.security_signoff
    if signoff is None:
        return "yes, not signed off"
    return f"yes, signed off by {signoff.signed_by} at {_time(signoff.signed_at)}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
