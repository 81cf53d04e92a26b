"""Tracker keys and links: what counts as a key, which patterns are usable, the links made."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.tracker import (
    TRACKER_PATTERN_KEY,
    check_tracker_pattern,
    looks_like_key,
    tracker_url,
)

PATTERN = "https://tracker.example.com/browse/{key}"


def test_the_setting_key_is_the_one_the_ui_uses() -> None:
    assert TRACKER_PATTERN_KEY == "tracker_url_pattern"


@pytest.mark.parametrize(
    "key", ["OPS-123", "ops-7", "ABC2_X-99", "#123", "ops/456", "group/sub.proj#78", " OPS-1 "]
)
def test_keys(key: str) -> None:
    assert looks_like_key(key)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "TBD",
        "123",
        "OPS-",
        "-123",
        "1OPS-2",
        "OPS 123",
        "OPS-12a",
        "#",
        "#12a",
        "ops/",
        "ops/x",
        "https://tracker.example.com/browse/OPS-1",
        "see OPS-123",
        "OPS-1\nOPS-2",
    ],
)
def test_not_keys(text: str) -> None:
    assert not looks_like_key(text)


@pytest.mark.parametrize(
    "pattern",
    [
        "",
        "   ",
        PATTERN,
        "http://jira.local:8080/browse/{key}",
        "https://github.com/acme/ops/issues/{key}",
        "https://t.example/search?q={key}&x={{literal}}",
        "  https://t.example/{key}  ",
    ],
)
def test_usable_patterns(pattern: str) -> None:
    assert check_tracker_pattern(pattern) is None


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("ftp://t.example/{key}", "http:// or https://"),
        ("tracker.example.com/browse/{key}", "http:// or https://"),
        ("https:///{key}", "http:// or https://"),
        ("https://t.example/browse/ {key}", "http:// or https://"),
        ("https://t.example/browse/", "must contain {key}"),
        ("https://t.example/{{key}}", "must contain {key}"),
        ("https://t.example/{key}/{key}", "only once"),
        ("https://t.example/{id}", "not {id}"),
        ("https://t.example/{}", "not {}"),
        ("https://t.example/{project}/{key}", "not {project}"),
        ("https://t.example/{key!r}", "not {key!r}"),
        ("https://t.example/{key:>9}", "not {key:>9}"),
        ("https://t.example/{key[0]}", "not {key[0]}"),
        ("https://t.example/{key", "without its pair"),
        ("https://t.example/key}", "without its pair"),
    ],
)
def test_unusable_patterns_say_why(pattern: str, problem: str) -> None:
    message = check_tracker_pattern(pattern)
    assert message is not None
    assert problem in message


@pytest.mark.parametrize(
    ("tracker", "expected"),
    [
        ("OPS-123", "https://tracker.example.com/browse/OPS-123"),
        ("  OPS-123 ", "https://tracker.example.com/browse/OPS-123"),
        ("#42", "https://tracker.example.com/browse/42"),
        ("ops/456", "https://tracker.example.com/browse/ops%2F456"),
        ("g/p#7", "https://tracker.example.com/browse/g%2Fp%237"),
        ("https://other.example/issue/9", "https://other.example/issue/9"),
        ("HTTP://other.example/x", "HTTP://other.example/x"),
        ("TBD", None),
        ("", None),
        ("javascript:alert(1)", None),
        ("file:///etc/passwd", None),
        ("https://", None),
    ],
)
def test_tracker_url(tracker: str, expected: str | None) -> None:
    assert tracker_url(tracker, PATTERN) == expected


def test_without_a_usable_pattern_only_urls_link() -> None:
    assert tracker_url("OPS-1", "") is None
    assert tracker_url("OPS-1", "https://t.example/{id}") is None
    assert tracker_url("https://t.example/OPS-1", "") == "https://t.example/OPS-1"


@given(st.text())
def test_any_field_gives_none_or_a_link_under_the_pattern(tracker: str) -> None:
    url = tracker_url(tracker, PATTERN)
    if url is not None and not url.lower().startswith(("http://", "https://")):
        pytest.fail(f"not a web link: {url!r}")
    if url is not None and looks_like_key(tracker):
        assert url.startswith("https://tracker.example.com/browse/")
        tail = url.removeprefix("https://tracker.example.com/browse/")
        assert all(c.isalnum() or c in "%_.-~" for c in tail), tail


@given(st.text())
def test_any_pattern_is_judged_without_raising(pattern: str) -> None:
    problem = check_tracker_pattern(pattern)
    assert problem is None or problem.endswith(".")
    if problem is None and pattern.strip():
        assert tracker_url("OPS-1", pattern) is not None
