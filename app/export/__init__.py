"""Documents that leave Retro: the JSON interchange, timeline CSV, follow-up calendars, and the
internal and customer-facing postmortem as Markdown and PDF (built once as a format-free
document, then written)."""
