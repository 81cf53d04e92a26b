"""Themes: the palette and style come from themes.json, View > Theme switches and remembers,
"system" follows the desktop, and presentation mode can override without changing the choice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from app.domain.contrast import load_themes
from app.store import Library
from app.ui import theme as theme_module
from app.ui.application import create_main_window
from app.ui.labels import plain_label
from app.ui.theme import (
    THEME_KEY,
    ThemeChoice,
    Tone,
    apply_theme,
    current_colour,
    current_colours,
    set_tone,
    theme_for,
)
from app.ui.theme_style import ThemedStyle

THEMES = ("light", "dark", "high_contrast")
Role = QPalette.ColorRole
Group = QPalette.ColorGroup
# The palette as the issue describes it: each role and the theme colour it must show.
EXPECTED_ROLES = {
    Role.Window: "window",
    Role.WindowText: "text",
    Role.Base: "base",
    Role.AlternateBase: "alternate_base",
    Role.Text: "text",
    Role.Button: "button",
    Role.ButtonText: "text",
    Role.Highlight: "selection",
    Role.HighlightedText: "selection_text",
    Role.ToolTipBase: "base",
    Role.ToolTipText: "text",
    Role.PlaceholderText: "muted_text",
    Role.Link: "link",
    Role.LinkVisited: "link",
    Role.Mid: "border",
    Role.Dark: "border",
}
BEVEL_ROLES = (Role.Light, Role.Midlight, Role.Shadow, Role.BrightText)


@pytest.fixture(autouse=True)
def restore_look(qapp: QApplication) -> Iterator[None]:
    """Put back the palette, style sheet and theme name other tests were running with."""
    palette = QPalette(qapp.palette())
    sheet = qapp.styleSheet()
    name = qapp.property(theme_module._APPLIED_PROPERTY)
    yield
    if isinstance(name, str):
        apply_theme(qapp, name)
    qapp.setProperty(theme_module._APPLIED_PROPERTY, name)
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)


def _window_colour() -> str:
    return QApplication.palette().color(Role.Window).name()


def _shown(name: str) -> str:
    return load_themes()[name].colours["window"]


@pytest.mark.parametrize("name", THEMES)
def test_applying_a_theme_sets_every_role_from_themes_json(qapp, name: str) -> None:
    apply_theme(qapp, name)
    colours = load_themes()[name].colours
    palette = qapp.palette()
    for group in (Group.Active, Group.Inactive):
        for role, colour_name in EXPECTED_ROLES.items():
            assert palette.color(group, role).name() == colours[colour_name], (group, role)
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        assert palette.color(Group.Disabled, role).name() == colours["muted_text"], role
    every_colour = set(colours.values())
    for role in (*EXPECTED_ROLES, *BEVEL_ROLES):
        for group in (Group.Active, Group.Inactive, Group.Disabled):
            assert palette.color(group, role).name() in every_colour, (group, role)
    assert {key: value.name() for key, value in current_colours().items()} == colours


@pytest.mark.parametrize("name", THEMES)
def test_the_style_is_fusion_with_the_theme_focus_colour(qapp, name: str) -> None:
    apply_theme(qapp, name)
    colours = load_themes()[name].colours
    style = qapp.property(theme_module._STYLE_PROPERTY)
    assert isinstance(style, ThemedStyle)
    assert style.baseStyle().name().lower() == "fusion"
    assert style.focus.name() == colours["focus"]
    sheet = qapp.styleSheet()
    assert "QLineEdit:focus, QPlainTextEdit:focus" in sheet
    assert colours["focus"] in sheet
    assert colours["border"] in sheet
    assert colours["warning_background"] in sheet


def test_theme_menu_switches_and_persists(main_window, qapp, tmp_path: Path) -> None:
    window = main_window()
    actions = window.menu_actions.themes
    assert list(actions) == list(ThemeChoice)
    assert actions[ThemeChoice.SYSTEM].isChecked()  # nothing stored yet: follow the desktop

    actions[ThemeChoice.DARK].trigger()
    assert _window_colour() == _shown("dark")
    assert [choice for choice, action in actions.items() if action.isChecked()] == [
        ThemeChoice.DARK
    ]
    assert window.settings.value(THEME_KEY) == "dark"

    actions[ThemeChoice.HIGH_CONTRAST].trigger()
    assert _window_colour() == _shown("high_contrast")
    assert not actions[ThemeChoice.DARK].isChecked()
    window.settings.sync()

    apply_theme(qapp, "light")
    # A window started later on the same settings shows the stored theme.
    settings_path = Path(window.settings.fileName())
    library = Library.open(tmp_path / "second.sqlite")
    second = create_main_window(library, QSettings(str(settings_path), QSettings.Format.IniFormat))
    try:
        assert _window_colour() == _shown("high_contrast")
        assert second.theme.choice is ThemeChoice.HIGH_CONTRAST
        assert second.menu_actions.themes[ThemeChoice.HIGH_CONTRAST].isChecked()
    finally:
        second.close()
        second.deleteLater()
        library.close()


def test_an_unknown_stored_theme_falls_back_to_the_system(main_window) -> None:
    window = main_window()
    window.settings.setValue(THEME_KEY, "sepia")
    window.theme.restore()
    assert window.theme.choice is ThemeChoice.SYSTEM
    assert window.menu_actions.themes[ThemeChoice.SYSTEM].isChecked()


def test_system_follows_the_desktop_colour_scheme(main_window) -> None:
    window = main_window()
    window.menu_actions.themes[ThemeChoice.SYSTEM].trigger()
    hints = QGuiApplication.styleHints()
    # The offscreen platform cannot switch the desktop, so the signal is sent as a desktop would.
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert _window_colour() == _shown("dark")
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert _window_colour() == _shown("light")

    window.menu_actions.themes[ThemeChoice.HIGH_CONTRAST].trigger()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert _window_colour() == _shown("high_contrast"), "a chosen theme ignores the desktop"
    window.menu_actions.themes[ThemeChoice.SYSTEM].trigger()
    assert _window_colour() == _shown("dark"), "back to system: the desktop's current scheme"


def test_system_resolves_dark_only_for_a_dark_desktop() -> None:
    assert theme_for(ThemeChoice.SYSTEM, Qt.ColorScheme.Dark) == "dark"
    assert theme_for(ThemeChoice.SYSTEM, Qt.ColorScheme.Light) == "light"
    assert theme_for(ThemeChoice.SYSTEM, Qt.ColorScheme.Unknown) == "light"
    assert theme_for(ThemeChoice.HIGH_CONTRAST, Qt.ColorScheme.Light) == "high_contrast"


def test_override_shows_a_theme_without_changing_the_choice(main_window) -> None:
    window = main_window()
    controller = window.theme
    window.menu_actions.themes[ThemeChoice.LIGHT].trigger()

    controller.set_override("high_contrast")
    assert _window_colour() == _shown("high_contrast")
    assert controller.choice is ThemeChoice.LIGHT
    assert window.settings.value(THEME_KEY) == "light"
    assert window.menu_actions.themes[ThemeChoice.LIGHT].isChecked()

    # Choosing during the override is remembered and shown once the override ends.
    window.menu_actions.themes[ThemeChoice.DARK].trigger()
    assert _window_colour() == _shown("high_contrast")
    assert window.settings.value(THEME_KEY) == "dark"
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert _window_colour() == _shown("high_contrast")

    controller.set_override(None)
    assert _window_colour() == _shown("dark")
    assert controller.shown == "dark"


def test_override_names_a_shipped_theme(main_window) -> None:
    window = main_window()
    with pytest.raises(ValueError, match="sepia"):
        window.theme.set_override("sepia")


@pytest.mark.parametrize("name", THEMES)
def test_tones_are_drawn_in_the_theme_colours(qtbot, qapp, name: str) -> None:
    apply_theme(qapp, name)
    colours = load_themes()[name].colours
    parent = QWidget()
    qtbot.addWidget(parent)
    warning = plain_label("Names a person", parent, tone=Tone.WARNING)
    error = plain_label("Not a time", parent, tone=Tone.ERROR)
    layout = QVBoxLayout(parent)
    layout.addWidget(warning)
    layout.addWidget(error)
    parent.show()
    qtbot.waitExposed(parent)
    image = warning.grab().toImage()
    inside_padding = image.pixelColor(image.width() - 5, image.height() // 2)
    assert inside_padding.name() == colours["warning_background"]
    assert warning.palette().color(Role.WindowText).name() == colours["warning_text"]
    assert error.palette().color(Role.WindowText).name() == colours["error_text"]

    set_tone(error, None)
    assert error.palette().color(Role.WindowText).name() == colours["text"]


def test_painted_colours_follow_a_theme_change(main_window, make_postmortems) -> None:
    window = main_window(make_postmortems(1))
    window.open_postmortem(window.library.postmortem_ids()[0])
    sidebar = window.stage_area.sidebar
    icons = {}
    for choice in (ThemeChoice.LIGHT, ThemeChoice.HIGH_CONTRAST):
        window.menu_actions.themes[choice].trigger()
        colours = load_themes()[choice.value].colours
        # The stage list sits on the window colour, copied again for each theme.
        assert sidebar.palette().color(Role.Base).name() == colours["window"]
        assert current_colour("error_text").name() == colours["error_text"]
        icons[choice] = sidebar.item(0).icon().pixmap(QSize(32, 32)).toImage()
    assert icons[ThemeChoice.LIGHT] != icons[ThemeChoice.HIGH_CONTRAST]
