"""Write the sample exports of the demo postmortem into docs/examples/.

    .venv/bin/python docs/examples/make_examples.py

An internal postmortem and a customer-facing summary of ``docs/demo-postmortem.json``, each as
Markdown (with the diagrams as SVG files beside the internal one) and as PDF (A4). Needs
Graphviz for the diagrams; without it the internal export says where they would be. The export
date is fixed so that regenerating changes nothing but what the code changed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.domain.redaction import rules_for
from app.export.build import customer_document, internal_document
from app.export.interchange import load_postmortem
from app.export.markdown_export import write_markdown
from app.export.pdf import write_pdf

EXAMPLES = Path(__file__).resolve().parent
DEMO = EXAMPLES.parent / "demo-postmortem.json"
EXPORTED_ON = date(2026, 11, 27)
TRACKER_PATTERN = "https://tracker.example.com/browse/{key}"


def main() -> None:
    pm = load_postmortem(DEMO.read_text(encoding="utf-8"), source=str(DEMO))
    internal = internal_document(pm, today=EXPORTED_ON, tracker_pattern=TRACKER_PATTERN)
    customer, report = customer_document(pm, rules_for(pm))
    written = [
        *write_markdown(internal, EXAMPLES / "internal-postmortem.md"),
        *write_markdown(customer, EXAMPLES / "customer-summary.md"),
    ]
    write_pdf(internal, EXAMPLES / "internal-postmortem.pdf", page_size="A4")
    write_pdf(customer, EXAMPLES / "customer-summary.pdf", page_size="A4")
    written += [EXAMPLES / "internal-postmortem.pdf", EXAMPLES / "customer-summary.pdf"]
    for path in written:
        print(path.relative_to(EXAMPLES.parent.parent))
    print(f"The customer summary has {len(report.redactions)} redactions.")


if __name__ == "__main__":
    main()
