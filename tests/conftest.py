"""Suite-wide isolation: no test touches the user's real library, settings or display."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Qt reads the platform when the first QGuiApplication starts, so this must precede any Qt import.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
# The library location and Qt settings follow XDG; point them at a throwaway home for the run.
_ISOLATED_HOME = Path(tempfile.mkdtemp(prefix="retro-tests-home-"))
for _variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"):
    os.environ[_variable] = str(_ISOLATED_HOME / _variable.lower())
    Path(os.environ[_variable]).mkdir(mode=0o700, exist_ok=True)
os.environ.pop("RETRO_LIBRARY", None)
