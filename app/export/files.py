"""Writing export files so that a reader never sees half of one.

Every file is written to a temporary file beside its destination and then moved over it in one
step: an export interrupted by a full disk or a crash leaves the previous file (or none), never a
truncated one. It is the one such writer: the CLI wraps it to turn ``OSError`` into its own
error message, and the window's file dialogs use it as it is.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def replace_file(path: Path, content: str | bytes) -> None:
    """Write ``content`` (text as UTF-8) to ``path`` through a temporary file beside it, flushed
    to disk before it replaces the old file; OSError on failure."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private (0600); an export should get the usual permissions.
        Path(temporary).chmod(0o666 & ~_UMASK)
        Path(temporary).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise


def _read_umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return mask


# Read once, at import: setting the umask to read it is not safe while an export runs on a
# background thread beside other threads creating files.
_UMASK = _read_umask()
