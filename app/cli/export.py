"""``retro export``: a postmortem as JSON (to move it), or as Markdown or PDF for its readers.

JSON is the whole postmortem in the interchange format, for another library or tool; it has no
audience. Markdown and PDF are documents for an audience: ``internal`` (everything) or
``customer`` (the redacted customer-facing summary). A customer export follows the library's
redaction settings (the hosts links may point at, the internal domains) and says how many values
it redacted; when it found keys, tokens or passwords it lists them, by field, kind and
placeholder, never the secret itself, and writes nothing unless ``--accept-redactions`` says to
export with them redacted. A security incident without its legal/infosec sign-off is refused.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal

from app.cli.support import (
    STDIO,
    USAGE_ERROR,
    CommandError,
    add_show_arguments,
    calendar_date,
    open_existing,
    write_atomically,
    write_stdout_utf8,
)
from app.domain.model import Postmortem
from app.domain.redaction import (
    ALLOWED_HOSTS_KEY,
    INTERNAL_DOMAINS_KEY,
    RedactionReport,
    parse_host_list,
    rules_for,
)
from app.domain.tracker import TRACKER_PATTERN_KEY
from app.export.build import CustomerExportRefused, customer_document, internal_document
from app.export.document import ExportAudience, ExportDocument
from app.export.interchange import dump_postmortem
from app.export.markdown_export import write_markdown

FORMATS = ("json", "md", "pdf")
SUFFIXES = {".json": "json", ".md": "md", ".markdown": "md", ".pdf": "pdf"}
PAGE_SIZES = ("A4", "Letter")


class _UsageError(Exception):
    """A combination of options that makes no sense; reported like argparse's own errors."""


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    add_show_arguments(parser)
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="json (the whole postmortem, to move it), md or pdf (a document for an audience); "
        "default: from the output file's extension, else json",
    )
    parser.add_argument(
        "--audience",
        choices=[audience.value for audience in ExportAudience],
        help="for md and pdf: internal (everything, the default) or customer (the redacted "
        "customer-facing summary)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        default=STDIO,
        help="where to write it (default: stdout, for json only)",
    )
    parser.add_argument(
        "--accept-redactions",
        action="store_true",
        help="customer exports: write even when keys, tokens or passwords were found "
        "(they are redacted)",
    )
    parser.add_argument(
        "--single-file",
        action="store_true",
        help="md: embed the diagrams in the file instead of writing SVG files beside it",
    )
    parser.add_argument("--page-size", choices=PAGE_SIZES, help="pdf: A4 (default) or Letter")
    # Tests fix the date the export is made (the title block, what the review counts overdue).
    parser.add_argument("--today", type=calendar_date, help=argparse.SUPPRESS)


def run_export(arguments: argparse.Namespace, library_path: Path) -> int:
    try:
        output_format = _check_options(arguments)
    except _UsageError as error:
        print(f"retro: export: {error} (see 'retro export --help')", file=sys.stderr)
        return USAGE_ERROR
    with open_existing(library_path) as library:
        postmortem = library.load(arguments.id)
        pattern = library.setting(TRACKER_PATTERN_KEY)
        allowed_hosts = parse_host_list(library.setting(ALLOWED_HOSTS_KEY))
        internal_domains = parse_host_list(library.setting(INTERNAL_DOMAINS_KEY))
    if output_format == "json":
        text = dump_postmortem(postmortem)
        if arguments.output == STDIO:
            write_stdout_utf8(text)
        else:
            write_atomically(Path(arguments.output), text)
        return 0
    if arguments.audience == ExportAudience.CUSTOMER.value:
        document = _customer(
            postmortem, allowed_hosts, internal_domains, accept=arguments.accept_redactions
        )
    else:
        today: date = arguments.today or datetime.now(UTC).date()
        document = internal_document(postmortem, today=today, tracker_pattern=pattern)
    _write(document, output_format, Path(arguments.output), arguments)
    return 0


def _check_options(arguments: argparse.Namespace) -> str:
    """The format to write, after refusing options that do not go together."""
    output_format: str = arguments.format or SUFFIXES.get(
        Path(arguments.output).suffix.lower() if arguments.output != STDIO else "", "json"
    )
    customer = arguments.audience == ExportAudience.CUSTOMER.value
    if output_format == "json" and customer:
        raise _UsageError(
            "json is the whole postmortem, for moving it between libraries, never a customer "
            "summary; use --format md or pdf with --audience customer"
        )
    if output_format != "json" and arguments.output == STDIO:
        raise _UsageError(f"--format {output_format} needs a file: give -o PATH")
    if arguments.single_file and output_format != "md":
        raise _UsageError("--single-file is for --format md")
    if arguments.page_size and output_format != "pdf":
        raise _UsageError("--page-size is for --format pdf")
    if arguments.accept_redactions and not customer:
        raise _UsageError("--accept-redactions is for --audience customer")
    return output_format


def _customer(
    pm: Postmortem,
    allowed_hosts: tuple[str, ...],
    internal_domains: tuple[str, ...],
    *,
    accept: bool,
) -> ExportDocument:
    rules = rules_for(pm, allowed_hosts=allowed_hosts, internal_domains=internal_domains)
    try:
        document, report = customer_document(pm, rules)
    except CustomerExportRefused as refused:
        raise CommandError(refused.reason) from None
    print(redaction_summary(report), file=sys.stderr)
    secrets = report.unresolved_secrets
    if secrets and not accept:
        for found in secrets:
            print(f"{found.field}: {found.kind.value} -> {found.placeholder}", file=sys.stderr)
        things = "secret" if len(secrets) == 1 else "secrets"
        raise CommandError(
            f"{len(secrets)} {things} found (listed above); nothing was written. Remove them "
            "from the postmortem, or pass --accept-redactions to export with them redacted"
        )
    return document


def redaction_summary(report: RedactionReport) -> str:
    """One line: how many values were redacted, by kind ("3 redactions: 2 email, 1 phone")."""
    total = len(report.redactions)
    if not total:
        return "No redactions made."
    kinds = Counter(redaction.kind.value for redaction in report.redactions)
    by_kind = ", ".join(f"{count} {kind}" for kind, count in kinds.most_common())
    return f"{total} redaction{'s' if total != 1 else ''} made: {by_kind}."


def _write(
    document: ExportDocument, output_format: str, path: Path, arguments: argparse.Namespace
) -> None:
    try:
        if output_format == "md":
            write_markdown(document, path, single_file=arguments.single_file)
        else:
            page_size: Literal["A4", "Letter"] = (
                "Letter" if arguments.page_size == "Letter" else "A4"
            )
            _write_pdf(document, path, page_size)
    except OSError as error:
        raise CommandError(f"cannot write {path}: {error.strerror or error}") from None


def _write_pdf(document: ExportDocument, path: Path, page_size: Literal["A4", "Letter"]) -> None:
    # reportlab (about 80 ms) is loaded only when a PDF is asked for, not by every command.
    from app.export.pdf import write_pdf  # noqa: PLC0415

    write_pdf(document, path, page_size=page_size)
