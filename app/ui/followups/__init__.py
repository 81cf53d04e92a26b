"""The library-wide follow-ups view: open action items and upcoming reviews."""
