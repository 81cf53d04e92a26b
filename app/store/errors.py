"""Why a library file could not be opened, read or written: one sentence that names the file.

The UI shows ``str(error)`` to the user as it is, so every message says which file and what went
wrong; the class says what kind of trouble it is, so callers can offer the right way out (choose
another file, restore a backup, update Retro, retry).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar


class LibraryError(Exception):
    """Something about the library file at ``path`` stopped the operation."""

    template: ClassVar[str] = "The library {path} could not be used: {detail}."

    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(self.template.format(path=path, detail=detail))


class NotALibraryError(LibraryError):
    """The file is not SQLite, or is SQLite written by another application; it was not touched."""

    template = "{path} is not a Retro library ({detail}), so it was left unchanged."


class CorruptLibraryError(LibraryError):
    """The file claims to be a Retro library but fails its consistency check or cannot be read."""

    template = "The library {path} is damaged or unreadable ({detail}), so it was left unchanged."


class NewerLibraryError(LibraryError):
    """The file was written by a newer Retro whose schema this version does not know."""

    template = (
        "The library {path} was written by a newer version of Retro ({detail}); "
        "update Retro to open it."
    )


class LibraryWriteError(LibraryError):
    """A write failed and was rolled back: the library holds exactly what it held before."""

    template = "Could not save to the library {path}: {detail}; nothing was changed."


class PostmortemNotFoundError(LibraryError):
    """No postmortem with the requested number is in the library."""

    template = "The library {path} has no postmortem {detail}."

    def __init__(self, path: Path, postmortem_id: int) -> None:
        self.postmortem_id = postmortem_id
        super().__init__(path, f"number {postmortem_id}")
