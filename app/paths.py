"""Where the library file lives: a command-line choice beats the environment beats the default.

The default follows the platform's convention for user data (``~/.local/share/retro`` on Linux,
honouring ``XDG_DATA_HOME``), so the test suite can isolate itself by pointing XDG at a temporary
folder. The folder is created by the store when it creates the library, not here, so merely
asking where the library is never writes anything.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

LIBRARY_ENVIRONMENT_VARIABLE = "RETRO_LIBRARY"
LIBRARY_FILE_NAME = "retro.sqlite"


def default_library_path() -> Path:
    """The library used when neither ``--library`` nor ``RETRO_LIBRARY`` names one."""
    return platformdirs.user_data_path("retro", appauthor=False) / LIBRARY_FILE_NAME


def resolve_library_path(
    option: str | os.PathLike[str] | None, environ: Mapping[str, str] | None = None
) -> Path:
    """The library to use: ``option`` if given, else ``RETRO_LIBRARY`` if set, else the default.

    An empty option or variable counts as not given, so ``RETRO_LIBRARY= retro`` falls back to
    the default rather than to the current folder. ``~`` is expanded in both.
    """
    environment = os.environ if environ is None else environ
    if option is not None and os.fspath(option):
        return Path(option).expanduser()
    from_environment = environment.get(LIBRARY_ENVIRONMENT_VARIABLE, "")
    if from_environment:
        return Path(from_environment).expanduser()
    return default_library_path()
