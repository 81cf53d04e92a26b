"""Colour contrast by WCAG 2.2, and the check that every shipped theme meets it.

The room reads Retro off a projector or a video-call thumbnail, where contrast is the first thing
lost, so the themes are data (``resources/themes.json``) and each lists the colour pairs the UI
draws over each other. Text pairs need 4.5:1 (success criterion 1.4.3), 7:1 in the high-contrast
theme (1.4.6, the enhanced level); UI component pairs such as borders, focus rings and icons
need 3:1 against what they sit on (1.4.11). Ratios are compared unrounded, as WCAG asks:
4.49:1 fails 4.5:1.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

TEXT_MINIMUM = 4.5
TEXT_MINIMUM_HIGH_CONTRAST = 7.0
COMPONENT_MINIMUM = 3.0

RESOURCE = "themes.json"
_HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


@dataclass(frozen=True)
class ColourPair:
    """Two named theme colours drawn one over the other, e.g. ``muted_text`` over ``base``."""

    foreground: str
    background: str

    @property
    def name(self) -> str:
        return f"{self.foreground} on {self.background}"


@dataclass(frozen=True)
class Theme:
    """Named ``#rrggbb`` colours and the pairs of them the UI draws over each other."""

    name: str
    high_contrast: bool
    colours: dict[str, str]
    text_pairs: tuple[ColourPair, ...]
    component_pairs: tuple[ColourPair, ...]

    def __post_init__(self) -> None:
        for colour_name, value in self.colours.items():
            if not _HEX_COLOUR.fullmatch(value):
                raise ValueError(f"{self.name}.{colour_name}: {value!r} is not #rrggbb or #rgb.")
        for pair in self.text_pairs + self.component_pairs:
            for colour_name in (pair.foreground, pair.background):
                if colour_name not in self.colours:
                    raise ValueError(f"{self.name}: {pair.name} names no colour {colour_name!r}.")

    @property
    def text_minimum(self) -> float:
        """The ratio text needs in this theme: the enhanced 7:1 when it is high-contrast."""
        return TEXT_MINIMUM_HIGH_CONTRAST if self.high_contrast else TEXT_MINIMUM


@dataclass(frozen=True)
class ContrastProblem:
    """A pair of a theme that falls short of its required contrast ratio."""

    pair: str
    foreground: str
    background: str
    ratio: float
    required: float

    def __str__(self) -> str:
        return (
            f"{self.pair}: {self.foreground} on {self.background} is {self.ratio:.2f}:1, "
            f"needs {self.required:g}:1"
        )


def parse_colour(colour: str) -> tuple[int, int, int]:
    """The 0-255 red, green and blue of ``#rrggbb`` or ``#rgb`` (``#abc`` is ``#aabbcc``)."""
    if not _HEX_COLOUR.fullmatch(colour):
        raise ValueError(f"{colour!r} is not a colour written #rrggbb or #rgb.")
    digits = colour[1:]
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return red, green, blue


def _linear(channel: int) -> float:
    # WCAG 2.2's sRGB linearisation; its 0.04045 threshold is the sRGB standard's (WCAG 2.0
    # printed 0.03928, which gives the same result for every 8-bit value).
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of an sRGB colour: 0 for black, 1 for white."""
    red, green, blue = (_linear(channel) for channel in parse_colour(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours in either order: 1 (identical) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def check_theme(theme: Theme) -> tuple[ContrastProblem, ...]:
    """Every text and component pair of ``theme`` below its required ratio; empty when it passes."""
    rules = [(pair, theme.text_minimum) for pair in theme.text_pairs]
    rules += [(pair, COMPONENT_MINIMUM) for pair in theme.component_pairs]
    problems = []
    for pair, required in rules:
        foreground = theme.colours[pair.foreground]
        background = theme.colours[pair.background]
        ratio = contrast_ratio(foreground, background)
        if ratio < required:
            problems.append(ContrastProblem(pair.name, foreground, background, ratio, required))
    return tuple(problems)


@functools.cache
def load_themes() -> dict[str, Theme]:
    """The shipped themes by name ("light", "dark", "high_contrast"), from ``themes.json``.

    The pairs are listed once for all themes, since the same widgets draw the same roles whatever
    the colours; every theme must name the same colours, so the UI can rely on any of them.
    """
    data = json.loads(resources.files("app.resources").joinpath(RESOURCE).read_text("utf-8"))
    return themes_from_data(data)


def themes_from_data(data: dict[str, Any]) -> dict[str, Theme]:
    """Build themes from the ``themes.json`` structure; a missing colour fails loudly."""
    text_pairs = _pairs(data["text_pairs"])
    component_pairs = _pairs(data["component_pairs"])
    themes = {
        name: Theme(
            name=name,
            high_contrast=bool(entry.get("high_contrast", False)),
            colours=dict(entry["colours"]),
            text_pairs=text_pairs,
            component_pairs=component_pairs,
        )
        for name, entry in data["themes"].items()
    }
    names = {name: set(theme.colours) for name, theme in themes.items()}
    expected = set().union(*names.values())
    for name, colour_names in names.items():
        missing = expected - colour_names
        if missing:
            raise ValueError(f"Theme {name} lacks colours: {', '.join(sorted(missing))}.")
    return themes


def _pairs(entries: list[list[str]]) -> tuple[ColourPair, ...]:
    return tuple(ColourPair(foreground, background) for foreground, background in entries)
