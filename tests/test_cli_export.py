"""``retro export`` to Markdown and PDF for both audiences, end to end on a temporary library."""

from __future__ import annotations

import base64
import dataclasses
import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.domain.model import ActionItem, Communication, Postmortem, SecuritySignOff
from app.domain.redaction import ALLOWED_HOSTS_KEY, INTERNAL_DOMAINS_KEY
from app.domain.tracker import TRACKER_PATTERN_KEY
from app.store import Library
from tests.export.export_samples import PATTERN, at, full_postmortem
from tests.export.markdown_reading import headings, render, table_after, text_of

AWS_KEY = "AKIAIOSFODNN7EXAMPLE"
INTERNAL_HEADINGS = [
    "Summary",
    "Scope & audience",
    "Timeline",
    "Impact",
    "Root cause analysis",
    "What worked / didn't",
    "Action items",
    "Communication & follow-up",
    "Meeting",  # the sample has parked points and a meeting record
    "Final review",
    "Appendix",
]
CUSTOMER_HEADINGS = [
    "What happened",
    "Timeline (UTC)",
    "Who was affected",
    "Data integrity",
    "What caused it",
    "What we did to resolve it",
    "What we are doing to prevent a recurrence",
]


def store(path: Path, *postmortems: Postmortem, **settings: str) -> None:
    with Library.open(path) as library:
        for pm in postmortems:
            library.create(dataclasses.replace(pm, id=None))
        for key, value in settings.items():
            library.set_setting(key, value)


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    path = tmp_path / "library" / "retro.sqlite"
    path.parent.mkdir()
    store(path, full_postmortem(), **{TRACKER_PATTERN_KEY: PATTERN})
    return path


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(argument) for argument in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def h2(path: Path) -> list[str]:
    return [text for tag, text in headings(render(path.read_text(encoding="utf-8"))) if tag == "h2"]


def test_internal_markdown_with_its_diagrams(
    capsys: pytest.CaptureFixture[str], library_path: Path, out: Path
) -> None:
    target = out / "inc.md"
    code, stdout, stderr = run(
        capsys, "export", "1", "--format", "md", "--audience", "internal", "-o", target,
        "--today", "2026-03-20", "--library", library_path,
    )  # fmt: skip
    assert (code, stdout, stderr) == (0, "", "")
    assert sorted(p.name for p in out.iterdir()) == [
        "inc-fishbone.svg",
        "inc-five-whys.svg",
        "inc-incident-strip.svg",
        "inc.md",
    ]
    assert h2(target) == INTERNAL_HEADINGS
    root = render(target.read_text(encoding="utf-8"))
    assert "Exported: 2026-03-20" in [text_of(li) for li in root.iter("li")]
    tracker = [a.get("href") for a in table_after(root, "Action items").rows[0][6].iter("a")]
    assert tracker == ["https://tracker.example.com/browse/OPS-231"]
    assert sorted(img.get("src") for img in root.iter("img")) == [
        "inc-fishbone.svg",
        "inc-five-whys.svg",
        "inc-incident-strip.svg",
    ]


def test_format_from_the_extension_and_a_single_file(
    capsys: pytest.CaptureFixture[str], library_path: Path, out: Path
) -> None:
    target = out / "inc.md"
    code, _, _ = run(
        capsys, "export", "1", "-o", target, "--single-file", "--library", library_path
    )
    assert code == 0
    assert [p.name for p in out.iterdir()] == ["inc.md"]
    sources = [img.get("src") or "" for img in render(target.read_text("utf-8")).iter("img")]
    assert len(sources) == 3
    for source in sources:
        assert base64.b64decode(source.split(",", 1)[1]).lstrip().startswith(b"<")


def test_json_is_unchanged_and_takes_no_customer_audience(
    capsys: pytest.CaptureFixture[str], library_path: Path
) -> None:
    code, stdout, _ = run(capsys, "export", "1", "--library", library_path)
    assert code == 0
    assert json.loads(stdout)["postmortem"]["title"] == full_postmortem().title
    code, stdout, _ = run(
        capsys, "export", "1", "--audience", "internal", "--library", library_path
    )
    assert code == 0
    assert json.loads(stdout)["format"] == "retro-postmortem"
    code, stdout, stderr = run(
        capsys, "export", "1", "--format", "json", "--audience", "customer", "--library",
        library_path,
    )  # fmt: skip
    assert (code, stdout) == (2, "")
    assert stderr.startswith("retro: export: json is the whole postmortem")
    assert stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--format", "md"], "--format md needs a file"),
        (["--format", "pdf", "-o", "x.pdf", "--single-file"], "--single-file is for --format md"),
        (["--format", "md", "-o", "x.md", "--page-size", "A4"], "--page-size is for --format pdf"),
        (["-o", "x.md", "--accept-redactions"], "--accept-redactions is for --audience customer"),
    ],
)
def test_options_that_do_not_go_together(
    capsys: pytest.CaptureFixture[str],
    library_path: Path,
    out: Path,
    options: list[str],
    message: str,
) -> None:
    argv = [str(out / option) if option.startswith("x.") else option for option in options]
    code, stdout, stderr = run(capsys, "export", "1", *argv, "--library", library_path)
    assert (code, stdout) == (2, "")
    assert stderr.startswith(f"retro: export: {message}")
    assert list(out.iterdir()) == []


def test_customer_markdown_leaves_out_what_stays_inside(
    capsys: pytest.CaptureFixture[str], library_path: Path, out: Path
) -> None:
    target = out / "customer.md"
    code, stdout, stderr = run(
        capsys, "export", "1", "--format", "md", "--audience", "customer", "-o", target,
        "--library", library_path,
    )  # fmt: skip
    assert (code, stdout) == (0, "")
    assert stderr == "No redactions made.\n"
    assert [p.name for p in out.iterdir()] == ["customer.md"]  # no diagrams
    assert h2(target) == CUSTOMER_HEADINGS
    text = target.read_text(encoding="utf-8")
    for inside in (
        "Dana Reyes",
        "Sam Okoye",
        "Ana Lima",  # the document owner
        "db-7.corp.example",  # an internal-only event
        "grafana.example.com",  # evidence
        "OPS-231",  # tracker
        "Revisit the pool sizing",  # stage notes
        "No failover drill",  # a contributing factor
        "Page on checkout error rate",  # an action item that is not public
    ):
        assert inside not in text
    assert "Card payments failed for 50 minutes on 1 March." in text
    assert "Validate pooled connections on borrow" in text


def test_secrets_stop_the_export_until_accepted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, out: Path
) -> None:
    library = tmp_path / "retro.sqlite"
    summary = f"Card payments failed. Dana rotated {AWS_KEY} and mailed ops@example.com."
    store(library, full_postmortem(communication=Communication(external_summary=summary)))
    target = out / "customer.md"
    argv = ("export", "1", "--audience", "customer", "-o", target, "--library", library)
    code, stdout, stderr = run(capsys, *argv)
    assert (code, stdout) == (1, "")
    assert AWS_KEY not in stderr
    lines = stderr.splitlines()
    assert lines[0] == "3 redactions made: 1 participant, 1 aws_key, 1 email."
    assert lines[1] == "Customer-facing summary: aws_key -> [redacted secret]"
    assert lines[2].startswith("retro: 1 secret found")
    assert len(lines) == 3
    assert list(out.iterdir()) == []

    code, _, stderr = run(capsys, *argv, "--accept-redactions")
    assert code == 0
    assert stderr == "3 redactions made: 1 participant, 1 aws_key, 1 email.\n"
    text = target.read_text(encoding="utf-8")
    assert AWS_KEY not in text
    assert "ops@example.com" not in text
    paragraph = next(p for p in render(text).iter("p") if "Card payments" in text_of(p))
    assert text_of(paragraph) == (
        "Card payments failed. [redacted name] rotated [redacted secret] and mailed "
        "[redacted email]."
    )


def test_library_settings_allow_hosts_and_name_internal_domains(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, out: Path
) -> None:
    library = tmp_path / "retro.sqlite"
    summary = "Status at https://status.example.com/x; caused by cache01.int.example.net."
    pm = full_postmortem(communication=Communication(external_summary=summary))
    store(library, pm)
    target = out / "customer.md"
    argv = ("export", "1", "--audience", "customer", "-o", target, "--library", library)

    assert run(capsys, *argv)[0] == 0
    assert "status.example.com" not in target.read_text("utf-8")

    with Library.open(library) as opened:
        opened.set_setting(ALLOWED_HOSTS_KEY, "status.example.com")
        opened.set_setting(INTERNAL_DOMAINS_KEY, "int.example.net")
    code, _, stderr = run(capsys, *argv)
    assert code == 0
    assert stderr == "1 redaction made: 1 hostname.\n"
    text = target.read_text("utf-8")
    assert "https://status.example.com/x" in text
    assert "cache01.int.example.net" not in text


def test_a_security_incident_without_sign_off_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, out: Path
) -> None:
    library = tmp_path / "retro.sqlite"
    store(library, full_postmortem(security_incident=True))
    target = out / "customer.pdf"
    code, stdout, stderr = run(
        capsys, "export", "1", "--audience", "customer", "-o", target, "--library", library
    )
    assert (code, stdout) == (1, "")
    assert stderr.startswith("retro: This is a security incident")
    assert "sign-off" in stderr
    assert stderr.count("\n") == 1
    assert list(out.iterdir()) == []
    # The internal postmortem is never refused.
    code, _, _ = run(capsys, "export", "1", "-o", out / "internal.md", "--library", library)
    assert code == 0


def test_a_signed_off_security_incident_is_exported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, out: Path
) -> None:
    library = tmp_path / "retro.sqlite"
    signoff = SecuritySignOff("Legal", at(20, 0))
    store(library, full_postmortem(security_incident=True, security_signoff=signoff))
    target = out / "customer.md"
    argv = ("export", "1", "--audience", "customer", "-o", target, "--library", library)
    assert run(capsys, *argv)[0] == 0
    assert h2(target) == CUSTOMER_HEADINGS


def pdf_text(path: Path) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return reader, " ".join(text.split())


def test_internal_pdf_on_letter_paper(
    capsys: pytest.CaptureFixture[str], library_path: Path, out: Path
) -> None:
    target = out / "inc.pdf"
    code, stdout, stderr = run(
        capsys, "export", "1", "-o", target, "--page-size", "Letter", "--library", library_path
    )
    assert (code, stdout, stderr) == (0, "", "")
    assert [p.name for p in out.iterdir()] == ["inc.pdf"]
    reader, text = pdf_text(target)
    assert (reader.pages[0].mediabox.width, reader.pages[0].mediabox.height) == (612, 792)
    for heading in INTERNAL_HEADINGS:
        assert heading in text
    assert "Dana Reyes" in text


def test_customer_pdf_on_a4_without_what_stays_inside(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, out: Path
) -> None:
    library = tmp_path / "retro.sqlite"
    pm = full_postmortem(
        action_items=(ActionItem("a1", f"Rotate {AWS_KEY} and tell Dana Reyes", public=True),)
    )
    store(library, pm)
    target = out / "customer.pdf"
    code, _, stderr = run(
        capsys, "export", "1", "--format", "pdf", "--audience", "customer", "-o", target,
        "--accept-redactions", "--library", library,
    )  # fmt: skip
    assert code == 0
    assert stderr == "2 redactions made: 1 aws_key, 1 participant.\n"
    reader, text = pdf_text(target)
    assert round(float(reader.pages[0].mediabox.height)) == 842  # A4
    for heading in CUSTOMER_HEADINGS:
        assert heading in text
    for inside in (AWS_KEY, "Dana", "Reyes", "Sam Okoye", "Ana Lima", "db-7.corp.example"):
        assert inside not in text
    metadata = reader.metadata or {}
    assert metadata.get("/Author", "") == ""
    assert "Dana" not in str(dict(metadata))


def test_an_unwritable_place_fails_cleanly(
    capsys: pytest.CaptureFixture[str], library_path: Path, tmp_path: Path
) -> None:
    target = tmp_path / "nowhere" / "inc.md"
    code, _, stderr = run(capsys, "export", "1", "-o", target, "--library", library_path)
    assert code == 1
    assert stderr.startswith(f"retro: cannot write {target.parent}")
    assert stderr.count("\n") == 1


def test_an_unknown_postmortem_fails_cleanly(
    capsys: pytest.CaptureFixture[str], library_path: Path, out: Path
) -> None:
    code, _, stderr = run(capsys, "export", "9", "-o", out / "x.md", "--library", library_path)
    assert code == 1
    assert stderr.startswith("retro: ")
    assert list(out.iterdir()) == []
