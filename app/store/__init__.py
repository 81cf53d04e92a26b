"""The library file: the only code that speaks SQL."""

from app.store.errors import (
    CorruptLibraryError,
    LibraryError,
    LibraryWriteError,
    NewerLibraryError,
    NotALibraryError,
    PostmortemNotFoundError,
)
from app.store.library import Library
from app.store.migrations import APPLICATION_ID, LATEST_VERSION
from app.store.summaries import PostmortemSummary

__all__ = [
    "APPLICATION_ID",
    "LATEST_VERSION",
    "CorruptLibraryError",
    "Library",
    "LibraryError",
    "LibraryWriteError",
    "NewerLibraryError",
    "NotALibraryError",
    "PostmortemNotFoundError",
    "PostmortemSummary",
]
