"""The window. The only code that imports PySide6."""
