"""``retro timeline import`` and ``retro timeline export``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import tzinfo
from pathlib import Path

from app.cli.describe import count, one_line
from app.cli.support import (
    STDIO,
    CommandError,
    add_show_arguments,
    calendar_date,
    library_option,
    open_existing,
    write_atomically,
    write_stdout_utf8,
)
from app.domain.timeline_import import (
    IMPORT_FORMATS,
    ImportPreview,
    guess_format,
    merge_into_timeline,
    parse_import,
    read_import_file,
)
from app.domain.timeparse import NEEDS_A_DATE, zone_named
from app.export.timeline_csv import timeline_to_csv


def add_timeline_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(
        title="actions", metavar="ACTION", dest="timeline_action", required=True
    )
    common = library_option()
    summary = "add events to a timeline from CSV, pasted chat or notes, or a Slack export"
    importing = actions.add_parser("import", parents=[common], help=summary, description=summary)
    add_show_arguments(importing)
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
        type=calendar_date,
        help="the date for times given without one (default: the incident date)",
    )
    importing.set_defaults(timeline_handler=_timeline_import)
    summary = "write a timeline as CSV (UTC times, ISO 8601)"
    exporting = actions.add_parser("export", parents=[common], help=summary, description=summary)
    add_show_arguments(exporting)
    exporting.add_argument(
        "-o", "--output", metavar="FILE", default=STDIO, help="where to write it (default: stdout)"
    )
    exporting.set_defaults(timeline_handler=_timeline_export)


def run_timeline(arguments: argparse.Namespace, library_path: Path) -> int:
    handler: Callable[[argparse.Namespace, Path], int] = arguments.timeline_handler
    return handler(arguments, library_path)


def _timeline_import(arguments: argparse.Namespace, library_path: Path) -> int:
    path = Path(arguments.file)
    zone = _time_zone(arguments.tz)
    # Read and check the file before the library is opened, so a bad file changes nothing.
    text = read_import_file(path)
    fmt = arguments.format or guess_format(path, text)
    with open_existing(library_path) as library:
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
    print(f"Added {count(len(preview.events), 'event')} to postmortem {arguments.id}.")
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
    with open_existing(library_path) as library:
        postmortem = library.load(arguments.id)
    document = timeline_to_csv(postmortem.timeline)
    if arguments.output == STDIO:
        write_stdout_utf8(document)
    else:
        write_atomically(Path(arguments.output), document)
    return 0
