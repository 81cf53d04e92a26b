"""Stage 4, what worked / didn't: three keyboard-first lists."""
