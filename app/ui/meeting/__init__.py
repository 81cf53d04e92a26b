"""The postmortem meeting: its timebox strip and the agenda dialog."""
