"""Text parsing shared by every editor, and the PySide6 reference-leak guard."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.domain.model import ActionItem, Impact, TimelineEvent
from app.ui.forms.values import (
    FieldKind,
    ParseError,
    field_spec,
    format_datetime,
    humanise,
    parse_count,
    parse_date,
    parse_datetime,
    parse_value,
)


@pytest.mark.parametrize(
    "text", ["2024-03-05 14:02", " 2024-03-05T14:02Z ", "2024-3-5 14:02 UTC", "2024-03-05 14:02:00"]
)
def test_datetimes_read_as_utc_minutes(text):
    assert parse_datetime(text) == datetime(2024, 3, 5, 14, 2, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("14:02", "YYYY-MM-DD HH:MM"),
        ("2024-02-30 10:00", "not a real time"),
        ("2024-03-05 14:02:30", "to the minute"),
        ("2024-03-05 14:02+01:00", "YYYY-MM-DD HH:MM"),
    ],
)
def test_bad_datetimes_say_why(text, reason):
    with pytest.raises(ParseError, match=reason):
        parse_datetime(text)


def test_dates_counts_and_labels():
    assert parse_date("2024-04-01") == date(2024, 4, 1)
    with pytest.raises(ParseError, match="YYYY-MM-DD"):
        parse_date("1 April")
    assert parse_count(" 12,500 ") == 12500
    with pytest.raises(ParseError, match="whole number"):
        parse_count("-1")
    assert humanise("users_affected") == "Users affected"
    assert format_datetime(datetime(2024, 3, 5, 15, 2, 59, tzinfo=UTC)) == "2024-03-05 15:02"


def test_kinds_come_from_type_hints():
    assert field_spec(Impact, "users_affected").kind is FieldKind.INT
    assert field_spec(Impact, "users_affected").optional
    assert field_spec(Impact, "customer_visible").kind is FieldKind.TRI_STATE
    assert field_spec(Impact, "aligned_with_customer_communication").kind is FieldKind.BOOL
    assert field_spec(TimelineEvent, "milestone").kind is FieldKind.ENUM
    assert field_spec(ActionItem, "due").kind is FieldKind.DATE
    assert field_spec(ActionItem, "cause_ids").kind is FieldKind.TEXT_LIST
    assert parse_value(field_spec(ActionItem, "due"), "  ") is None
    with pytest.raises(ParseError):
        parse_value(field_spec(TimelineEvent, "at"), "")  # required: empty is not "not set"
