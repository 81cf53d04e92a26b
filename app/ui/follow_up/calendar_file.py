"""Saving the follow-up reviews as an .ics file, so the 30 and 60 day meetings reach calendars.

The file itself is built by ``app.export.ics``; this module asks where to save it (through
``ask_save_path``, which tests replace on this module) and writes it atomically, so a failed save
never leaves half a calendar where a good one was.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.domain.model import Postmortem, utc_now
from app.export.ics import follow_up_calendar
from app.ui.files import ask_save_path, show_error, write_atomically

DIALOG_TITLE = "Add follow-up reviews to a calendar"
NAME_FILTER = "Calendar files (*.ics);;All files (*)"
_NOT_A_NAME = re.compile(r"[^a-z0-9]+")
_NAME_LENGTH = 60


def suggested_file_name(pm: Postmortem) -> str:
    """``checkout-latency-after-cache-follow-ups.ics``: the title, shortened, made file-safe."""
    stem = _NOT_A_NAME.sub("-", pm.title.casefold()).strip("-")[:_NAME_LENGTH].rstrip("-")
    return f"{stem or 'postmortem'}-follow-ups.ics"


def save_follow_up_calendar(
    parent: QWidget, pm: Postmortem, tracker_pattern: str = ""
) -> Path | None:
    """Ask where to save ``pm``'s follow-up reviews as .ics and write them; the path, or None
    when the user cancelled or the file could not be written (the user has been told why).
    ``tracker_pattern`` links the tracker keys of the open action items in each event's agenda."""
    path = ask_save_path(parent, DIALOG_TITLE, suggested_file_name(pm), NAME_FILTER)
    if path is None:
        return None
    if not path.suffix:
        path = path.with_name(f"{path.name}.ics")
    try:
        calendar = follow_up_calendar(pm, generated_at=utc_now(), tracker_pattern=tracker_pattern)
        write_atomically(path, calendar)
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        show_error(parent, "Calendar file not saved", f"Could not save {path}: {reason}.")
        return None
    return path
