"""The picture of the incident above the table: the strip drawn by ``app.render``, at page width.

The strip itself is a Qt-free SVG (the exports reuse it); this widget only renders that SVG with
QSvgRenderer, in colours taken from the widget's palette so a dark theme gets a dark strip, and
re-renders it when the timeline, the size or the palette changes. For screen readers it says the
same in words: which milestones are marked, when, and what is still missing.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontInfo, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.domain.metrics import incident_metrics
from app.domain.model import Milestone, TimelineEvent
from app.domain.timeparse import format_utc
from app.render.incident_strip import (
    DEFAULT_PALETTE,
    MIN_WIDTH,
    StripPalette,
    incident_strip_svg,
)

STRIP_HEIGHT = 132
# The SVG's lettering is sized for a 12-pixel interface font; larger fonts scale the picture up.
BASE_FONT_PIXELS = 12
# Below this many SVG pixels the renderer's legend and labels start to crowd each other.
ROOMY_WIDTH = 560
MILESTONE_ORDER = (Milestone.ONSET, Milestone.DETECTION, Milestone.MITIGATION, Milestone.RESOLUTION)


def describe_milestones(timeline: tuple[TimelineEvent, ...]) -> str:
    """The strip in words: each marked milestone with its UTC time, then what is missing."""
    if not timeline:
        return "No events on the timeline yet."
    marked = {event.milestone: event for event in timeline if event.milestone is not None}
    parts = [
        f"{milestone.label} at {format_utc(marked[milestone].at)} UTC"
        for milestone in MILESTONE_ORDER
        if milestone in marked
    ]
    missing = [milestone.label.lower() for milestone in MILESTONE_ORDER if milestone not in marked]
    count = len(timeline)
    sentences = [f"{count} event{'s' if count != 1 else ''}."]
    if parts:
        sentences.append("; ".join(parts) + ".")
    if missing:
        sentences.append(f"Not marked yet: {', '.join(missing)}.")
    duration = incident_metrics(timeline).describe("resolve")
    if any(character.isdigit() for character in duration):
        sentences.append(f"Duration {duration}.")
    return " ".join(sentences)


def _blend(colour: QColor, background: QColor, amount: float) -> str:
    """``amount`` of ``colour`` over ``background``: a phase tint that suits the theme."""
    mixed = QColor.fromRgbF(
        colour.redF() * amount + background.redF() * (1 - amount),
        colour.greenF() * amount + background.greenF() * (1 - amount),
        colour.blueF() * amount + background.blueF() * (1 - amount),
    )
    return mixed.name()


def palette_for_strip(palette: QPalette) -> StripPalette:
    """The strip's colours from a Qt palette: background, text and axis follow the theme.

    On a light theme the renderer's own pastel phase tints are kept; on a dark one they would
    glare, so each phase is the colour of the milestone that starts it, faintly over the base.
    """
    role = QPalette.ColorRole
    base = palette.color(role.Base)
    text = palette.color(role.Text)
    colours = {
        "background": base.name(),
        "text": text.name(),
        "axis": _blend(text, base, 0.55),  # a quieter grey between text and background
    }
    if base.lightnessF() < 0.5:
        defaults = DEFAULT_PALETTE
        colours |= {
            "undetected": _blend(QColor(defaults.onset), base, 0.35),
            "impact": _blend(QColor(defaults.detection), base, 0.35),
            "recovering": _blend(QColor(defaults.mitigation), base, 0.35),
        }
    return StripPalette(**colours)


class IncidentStrip(QWidget):
    """Renders ``incident_strip_svg`` for the shown timeline across the widget's whole width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incidentStrip")
        self.setAccessibleName("Incident timeline picture")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(round(STRIP_HEIGHT * self._scale()))
        self._timeline: tuple[TimelineEvent, ...] = ()
        self._renderer = QSvgRenderer(self)
        self._svg = ""
        self._rendered_for: tuple[tuple[TimelineEvent, ...], int, str] | None = None
        self.show_timeline(())

    @property
    def svg(self) -> str:
        """The SVG text last rendered (for tests and a later "copy picture")."""
        return self._svg

    def show_timeline(self, timeline: tuple[TimelineEvent, ...]) -> None:
        """Draw ``timeline`` (the picture is always in UTC, like the stored times)."""
        self._timeline = timeline
        self.setAccessibleDescription(describe_milestones(timeline))
        self.setToolTip(describe_milestones(timeline))
        self._render()

    def _scale(self, width: int | None = None) -> float:
        """How much larger than the SVG's own pixels to draw: with the font size, but never so
        much that the picture gets fewer than ``ROOMY_WIDTH`` of its own pixels across."""
        by_font = max(1.0, QFontInfo(self.font()).pixelSize() / BASE_FONT_PIXELS)
        available = self.width() if width is None else width
        return max(1.0, min(by_font, available / ROOMY_WIDTH))

    def _render(self) -> None:
        scale = self._scale()
        width = max(MIN_WIDTH, int(self.width() / scale))
        palette = palette_for_strip(self.palette())
        key = (self._timeline, width, repr(palette))
        if key == self._rendered_for:
            return
        self._rendered_for = key
        self._svg = incident_strip_svg(
            self._timeline, width=width, height=STRIP_HEIGHT, palette=palette
        )
        self._renderer.load(QByteArray(self._svg.encode("utf-8")))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(960, self.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(int(MIN_WIDTH * self._scale()), self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        height = round(STRIP_HEIGHT * self._scale(event.size().width()))
        if height != self.height():
            self.setFixedHeight(height)  # keeps the picture's proportions at any width
        self._render()
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self.setFixedHeight(round(STRIP_HEIGHT * self._scale()))
            self.updateGeometry()
            self._render()
        elif event.type() == QEvent.Type.PaletteChange:
            self._render()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._renderer.isValid():
            self._renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
            self._renderer.render(painter, QRectF(self.rect()))
        painter.end()
