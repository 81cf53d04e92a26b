"""Light, dark and high-contrast themes: the Qt palette and style sheet from ``themes.json``.

Every colour the window shows comes from ``resources/themes.json``, whose pairs the contrast
tests check (``app.domain.contrast``); nothing here invents a colour. The theme is applied to
the whole application with the Fusion style, so a palette looks the same on every platform
(native styles ignore parts of it). Widgets that draw their own colours ask
``current_colours()`` and redraw on ``QEvent.PaletteChange``; labels and boxes that
only need a tone (warning, error, ...) say so with ``set_tone`` and the application style
sheet colours them.

The chosen theme is "system" by default: it follows the desktop's light or dark preference and
changes with it. ``ThemeController`` keeps the choice in the window's settings and offers a
temporary override (presentation mode shows high contrast without changing the choice).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from app.domain.contrast import Theme, load_themes
from app.ui.text_sizing import refresh_relative_fonts
from app.ui.theme_style import ThemedStyle, theme_style_sheet

THEME_KEY = "view/theme"
# The application property that records which theme is applied, so any widget can ask
# (``current_colours``) without a reference to a window or controller.
_APPLIED_PROPERTY = "retroTheme"
_STYLE_PROPERTY = "retroThemedStyle"
_DEFAULT_THEME = "light"


class ThemeChoice(enum.StrEnum):
    """What the user picked in View > Theme; "system" follows the desktop."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"
    HIGH_CONTRAST = "high_contrast"

    @property
    def label(self) -> str:
        return {
            ThemeChoice.SYSTEM: "&System",
            ThemeChoice.LIGHT: "&Light",
            ThemeChoice.DARK: "&Dark",
            ThemeChoice.HIGH_CONTRAST: "&High Contrast",
        }[self]


class Tone(enum.StrEnum):
    """What a label or box says, which the style sheet colours from the theme."""

    WARNING = "warning"
    ERROR = "error"
    SUCCESS = "success"
    MUTED = "muted"
    INVALID = "invalid"
    ALERT = "alert"


def theme_for(choice: ThemeChoice, scheme: Qt.ColorScheme) -> str:
    """The theme ``choice`` shows while the desktop prefers ``scheme``."""
    if choice is not ThemeChoice.SYSTEM:
        return choice.value
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def _colour(theme: Theme, name: str) -> QColor:
    return QColor(theme.colours[name])


def theme_palette(theme: Theme) -> QPalette:
    """A palette with every role the app draws set from ``theme``'s colours."""
    role = QPalette.ColorRole
    roles = {
        role.Window: "window",
        role.WindowText: "text",
        role.Base: "base",
        role.AlternateBase: "alternate_base",
        role.Text: "text",
        role.Button: "button",
        role.ButtonText: "text",
        role.Highlight: "selection",
        role.HighlightedText: "selection_text",
        role.ToolTipBase: "base",
        role.ToolTipText: "text",
        role.PlaceholderText: "muted_text",
        role.Link: "link",
        role.LinkVisited: "link",
        # BrightText is for text on a strongly coloured (pressed, accent) surface.
        role.BrightText: "accent_text",
        role.Accent: "accent",
        # Fusion's bevels and separators: the border colour keeps frames at 3:1.
        role.Light: "base",
        role.Midlight: "window",
        role.Mid: "border",
        role.Dark: "border",
        role.Shadow: "shadow",
    }
    palette = QPalette()
    for colour_role, name in roles.items():
        palette.setColor(colour_role, _colour(theme, name))
    # Disabled controls read as inactive: muted text on the window colour. A disabled list keeps
    # its selection colours, so what was chosen stays readable.
    disabled = QPalette.ColorGroup.Disabled
    for colour_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, colour_role, _colour(theme, "muted_text"))
    for colour_role in (role.Base, role.Button):
        palette.setColor(disabled, colour_role, _colour(theme, "window"))
    return palette


def apply_theme(app: QApplication, name: str) -> None:
    """Show theme ``name`` ("light", "dark", "high_contrast") in every window of ``app``."""
    theme = load_themes()[name]
    style = app.property(_STYLE_PROPERTY)
    if not isinstance(style, ThemedStyle):
        # Set once: changing the style re-creates every widget's look, a palette only repaints.
        style = ThemedStyle()
        app.setStyle(style)
        app.setProperty(_STYLE_PROPERTY, style)
    style.focus = QColor(theme.colours["focus"])
    # Recorded first: widgets ask current_colours() while handling the palette change.
    app.setProperty(_APPLIED_PROPERTY, name)
    app.setPalette(theme_palette(theme))
    app.setStyleSheet(theme_style_sheet(theme))
    refresh_relative_fonts()


def applied_theme() -> Theme:
    """The theme last applied to the application (light until one is)."""
    app = QApplication.instance()
    name = app.property(_APPLIED_PROPERTY) if app is not None else None
    themes = load_themes()
    return themes[name] if isinstance(name, str) and name in themes else themes[_DEFAULT_THEME]


def current_colours() -> dict[str, QColor]:
    """The applied theme's colours by name, for widgets that paint their own."""
    return {name: QColor(value) for name, value in applied_theme().colours.items()}


def current_colour(name: str) -> QColor:
    """One colour of the applied theme, e.g. ``"error_text"`` (a KeyError names a typo)."""
    return QColor(applied_theme().colours[name])


def set_tone(widget: QWidget, tone: Tone | None) -> None:
    """Colour ``widget`` as ``tone`` (None: plainly) and repolish it so the change shows."""
    widget.setProperty("tone", tone.value if tone is not None else None)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


class ThemeController(QObject):
    """The View > Theme actions of one window, its stored choice, and a temporary override."""

    def __init__(
        self,
        settings: QSettings,
        actions: Mapping[ThemeChoice, QAction],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._actions = dict(actions)
        self._choice = ThemeChoice.SYSTEM
        self._override: str | None = None
        hints = QGuiApplication.styleHints()
        self._scheme = hints.colorScheme()
        group = QActionGroup(self)
        group.setExclusive(True)
        for choice, action in self._actions.items():
            action.setCheckable(True)
            group.addAction(action)
            action.triggered.connect(lambda _=False, choice=choice: self.choose(choice))
        hints.colorSchemeChanged.connect(self.on_color_scheme_changed)

    @property
    def choice(self) -> ThemeChoice:
        return self._choice

    @property
    def shown(self) -> str:
        """The theme on screen now: the override if set, else the choice resolved."""
        if self._override is not None:
            return self._override
        return theme_for(self._choice, self._scheme)

    def restore(self) -> None:
        """Show the choice stored in the settings (the system's theme if none or unknown)."""
        stored = self._settings.value(THEME_KEY, ThemeChoice.SYSTEM.value)
        try:
            choice = ThemeChoice(str(stored))
        except ValueError:
            choice = ThemeChoice.SYSTEM
        self._set_choice(choice)

    def choose(self, choice: ThemeChoice) -> None:
        """Remember ``choice`` in the settings and show it (unless an override is on)."""
        self._settings.setValue(THEME_KEY, choice.value)
        self._set_choice(choice)

    def set_override(self, name: str | None) -> None:
        """Show theme ``name`` for now without changing the choice; None returns to it."""
        if name is not None and name not in load_themes():
            raise ValueError(f"No theme called {name!r}.")
        self._override = name
        self._apply()

    def on_color_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        """The desktop switched between light and dark: follow it if the choice is "system"."""
        self._scheme = scheme
        # The theme is the whole application's: a closed window (not deleted yet) stays quiet,
        # so its old choice cannot replace the one of the window still open.
        window = self.parent()
        if isinstance(window, QWidget) and not window.isVisible():
            return
        if self._choice is ThemeChoice.SYSTEM and self._override is None:
            self._apply()

    def _set_choice(self, choice: ThemeChoice) -> None:
        self._choice = choice
        self._actions[choice].setChecked(True)
        self._apply()

    def _apply(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, self.shown)
