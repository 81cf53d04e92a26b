"""Documents that leave Retro: the JSON interchange format (Markdown and PDF come later)."""
