from __future__ import annotations

import dataclasses

import pytest

from app.domain.contrast import (
    COMPONENT_MINIMUM,
    ColourPair,
    ContrastProblem,
    Theme,
    check_theme,
    contrast_ratio,
    load_themes,
    parse_colour,
    relative_luminance,
    themes_from_data,
)

# Colours the issue names and the UI draws; every shipped theme must define each.
REQUIRED_COLOURS = {
    "window",
    "base",
    "text",
    "muted_text",
    "accent",
    "accent_text",
    "selection",
    "selection_text",
    "border",
    "focus",
    "warning_text",
    "warning_background",
    "error_text",
    "link",
    "stage_outline",
    "stage_fill",
    "stage_check",
    "root_cause",
    "contributing_factor",
    "ruled_out",
    "undecided",
    "alternate_base",
    "button",
    "shadow",
    "success_text",
    "warning_border",
    "error_background",
}


def theme(colours: dict[str, str], *, high_contrast: bool = False) -> Theme:
    return Theme(
        name="test",
        high_contrast=high_contrast,
        colours=colours,
        text_pairs=(ColourPair("text", "window"),),
        component_pairs=(ColourPair("border", "window"),),
    )


def test_known_wcag_values() -> None:
    assert relative_luminance("#000000") == 0.0
    assert relative_luminance("#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.005)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.005)
    assert contrast_ratio("#0b57d0", "#0b57d0") == 1.0
    # Pure red on white is the textbook 4.0:1.
    assert contrast_ratio("#ff0000", "#ffffff") == pytest.approx(4.0, abs=0.005)


def test_short_and_long_hex_forms_agree() -> None:
    assert parse_colour("#abc") == parse_colour("#AABBCC") == (0xAA, 0xBB, 0xCC)
    assert relative_luminance("#777") == relative_luminance("#777777")


@pytest.mark.parametrize("bad", ["777777", "#77", "#7777777", "#ggg", "red", "#12345"])
def test_malformed_colours_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="#rrggbb"):
        parse_colour(bad)


def test_the_three_themes_ship_with_every_colour() -> None:
    themes = load_themes()
    assert set(themes) == {"light", "dark", "high_contrast"}
    assert [t.high_contrast for t in themes.values()] == [False, False, True]
    for shipped in themes.values():
        assert set(shipped.colours) >= REQUIRED_COLOURS
        assert shipped.text_pairs
        assert shipped.component_pairs


@pytest.mark.parametrize("name", ["light", "dark", "high_contrast"])
def test_every_shipped_theme_passes_its_rules(name: str) -> None:
    problems = check_theme(load_themes()[name])
    assert problems == (), "\n".join(str(problem) for problem in problems)


def test_the_pairs_cover_text_components_icons_and_classifications() -> None:
    shipped = load_themes()["light"]
    text = {pair.name for pair in shipped.text_pairs}
    components = {pair.name for pair in shipped.component_pairs}
    assert {"muted_text on base", "muted_text on window", "selection_text on selection"} <= text
    assert {"border on base", "focus on window", "stage_check on stage_fill"} <= components
    # A selected row must stand out from the list and the sidebar, not only be tinted.
    assert {"selection on base", "selection on window", "focus on selection"} <= components
    assert {"success_text on base", "error_text on error_background"} <= text
    for mark in ("root_cause", "contributing_factor", "ruled_out", "undecided"):
        assert f"{mark} on base" in components


def test_a_bad_theme_is_reported_with_pair_and_ratio() -> None:
    bad = theme({"text": "#777777", "window": "#ffffff", "border": "#eeeeee"})
    problems = check_theme(bad)
    assert [problem.pair for problem in problems] == ["text on window", "border on window"]
    text_problem, border_problem = problems
    assert text_problem.foreground == "#777777"
    assert text_problem.background == "#ffffff"
    assert text_problem.ratio == pytest.approx(4.48, abs=0.005)
    assert text_problem.required == 4.5
    assert border_problem.required == COMPONENT_MINIMUM
    assert str(text_problem) == "text on window: #777777 on #ffffff is 4.48:1, needs 4.5:1"


def test_ratios_are_not_rounded_up_to_pass() -> None:
    # 4.478:1 would round to 4.5:1; WCAG compares the exact ratio.
    assert check_theme(theme({"text": "#777", "window": "#fff", "border": "#000"}))
    assert not check_theme(theme({"text": "#767676", "window": "#fff", "border": "#000"}))


def test_high_contrast_requires_seven_to_one_for_text() -> None:
    dark_grey = {"text": "#595959", "window": "#ffffff", "border": "#000000"}  # 7.0:1
    assert check_theme(theme(dark_grey, high_contrast=True)) == ()
    grey = {"text": "#666666", "window": "#ffffff", "border": "#000000"}  # 5.74:1
    assert check_theme(theme(grey)) == ()
    (problem,) = check_theme(theme(grey, high_contrast=True))
    assert problem == ContrastProblem(
        "text on window", "#666666", "#ffffff", contrast_ratio("#666666", "#ffffff"), 7.0
    )
    # Components still need only 3:1 in high contrast.
    components = {"text": "#000000", "window": "#ffffff", "border": "#949494"}  # 3.03:1
    assert check_theme(theme(components, high_contrast=True)) == ()


def test_the_muted_text_failure_is_caught() -> None:
    shipped = load_themes()["light"]
    washed_out = dataclasses.replace(shipped, colours={**shipped.colours, "muted_text": "#8a8f98"})
    assert {problem.pair for problem in check_theme(washed_out)} == {
        "muted_text on window",
        "muted_text on base",
    }


def test_a_pair_naming_no_colour_fails_at_load() -> None:
    with pytest.raises(ValueError, match="names no colour 'border'"):
        theme({"text": "#000", "window": "#fff"})
    with pytest.raises(ValueError, match="not #rrggbb"):
        theme({"text": "black", "window": "#fff", "border": "#000"})


def test_a_theme_missing_a_colour_others_have_fails_at_load() -> None:
    data = {
        "text_pairs": [["text", "window"]],
        "component_pairs": [],
        "themes": {
            "light": {"colours": {"text": "#000", "window": "#fff", "link": "#00f"}},
            "dark": {"colours": {"text": "#fff", "window": "#000"}},
        },
    }
    with pytest.raises(ValueError, match="Theme dark lacks colours: link"):
        themes_from_data(data)
