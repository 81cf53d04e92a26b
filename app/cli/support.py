"""What every ``retro`` command shares: errors, argument types, opening the library, files."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import NoReturn

from app.export.files import replace_file
from app.paths import LIBRARY_ENVIRONMENT_VARIABLE
from app.store import Library

USAGE_ERROR = 2


FAILURE = 1


STDIO = "-"


MAX_POSTMORTEM_NUMBER = 2**63 - 1


class CommandError(Exception):
    """A failure the user can act on; its message becomes the ``retro: ...`` line."""


class Parser(argparse.ArgumentParser):
    """argparse with one-line usage errors that start with ``retro:`` like every other error."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix("retro").strip()
        where = f"{command}: " if command else ""
        help_command = " ".join(["retro", command, "--help"] if command else ["retro", "--help"])
        self.exit(USAGE_ERROR, f"retro: {where}{message} (see '{help_command}')\n")


def library_option() -> Parser:
    """A parent parser giving a subcommand its own ``--library``."""
    # SUPPRESS keeps a subcommand from overwriting a --library given before it with None.
    common = Parser(add_help=False)
    common.add_argument(
        "--library", metavar="PATH", default=argparse.SUPPRESS, help="the library file to use"
    )
    return common


def add_show_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", type=postmortem_number, help="the postmortem's number (retro list)")


def calendar_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2017-01-31") from None


def postmortem_number(text: str) -> int:
    # SQLite numbers rows with 64-bit integers; anything larger cannot name a postmortem.
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= MAX_POSTMORTEM_NUMBER:
        raise argparse.ArgumentTypeError(f"{text!r} is not a postmortem number")
    return int(text)


def open_existing(path: Path) -> Library:
    """Open a library that must already exist: reading commands never create one."""
    if not path.exists():
        raise CommandError(
            f"no library at {path}; create one with 'retro new' or 'retro import', or name "
            f"another with --library or {LIBRARY_ENVIRONMENT_VARIABLE}"
        )
    return Library.open(path, create=False)


def read_text(source: str) -> str:
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


def write_stdout_utf8(text: str) -> None:
    # JSON is UTF-8 whatever the console's encoding, so write bytes when stdout has them.
    binary = getattr(sys.stdout, "buffer", None)
    if binary is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    binary.write(text.encode("utf-8"))
    binary.flush()


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write ``path`` through a temporary file beside it, so it is never left half written."""
    try:
        replace_file(path, content)
    except OSError as error:
        raise CommandError(f"cannot write {path}: {error.strerror or error}") from None
