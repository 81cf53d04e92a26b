"""Stage 5, action items: the table, live coaching and tracker links."""
