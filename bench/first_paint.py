"""Child process for bench_startup.py: start a window, print "painted" at its first paint, exit.

Run as `first_paint.py retro LIBRARY` (Retro's main window on LIBRARY) or `first_paint.py bare`
(a bare PySide6 main window shown the same way, the baseline). Imports happen here, inside the
measured process, so the figure includes interpreter start, imports and library opening.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget


class FirstPaint(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            print("painted", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def main() -> int:
    application = QApplication(sys.argv[:1])
    if sys.argv[1] == "retro":
        from app.store import Library
        from app.ui.application import create_main_window

        library = Library.open(Path(sys.argv[2]))
        settings = QSettings(str(Path(sys.argv[2]).with_suffix(".ini")), QSettings.Format.IniFormat)
        window: QWidget = create_main_window(library, settings)
    else:
        window = QMainWindow()
        window.setWindowTitle("bare")
    window.resize(1280, 800)
    window.installEventFilter(FirstPaint(window))
    window.show()
    code = application.exec()
    window.close()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
