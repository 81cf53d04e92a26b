"""The postmortem model and its rules. Pure Python: no Qt, no SQL."""
