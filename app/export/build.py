"""Building an export document for an audience: the one entry point for the CLI and the window.

``internal_document`` has everything the room wrote down; ``customer_document`` only what
customers need, redacted, with the report of what was redacted (and refuses a security incident
without its legal/infosec sign-off). Both return the format-free ``ExportDocument`` the Markdown
and PDF writers render.
"""

from __future__ import annotations

from app.export.customer_document import CustomerExportRefused, customer_document
from app.export.internal_document import internal_document

__all__ = ["CustomerExportRefused", "customer_document", "internal_document"]
