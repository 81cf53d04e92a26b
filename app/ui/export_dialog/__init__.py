"""File > Export…: audience, format, the redaction preview, and a responsive export."""
