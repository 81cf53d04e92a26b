"""Errors that name the field at fault, so every message can say what and where."""

from __future__ import annotations


class ValidationError(ValueError):
    """A value breaks a rule of the model. ``path`` names the field, like ``timeline[3].at``."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message
