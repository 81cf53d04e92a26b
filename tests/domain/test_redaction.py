"""The redaction API: kinds, overlaps, what is let through, the report, rules from a postmortem."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime

import pytest

from app.domain.model import Participant, Postmortem, Severity, TimelineEvent
from app.domain.redaction import (
    ALLOWED_HOSTS_KEY,
    INTERNAL_DOMAINS_KEY,
    Redaction,
    RedactionKind,
    RedactionReport,
    RedactionRules,
    parse_host_list,
    redact,
    rules_for,
)

K = RedactionKind
AT = datetime(2026, 11, 3, 14, 2, tzinfo=UTC)
RULES = RedactionRules(
    allowed_hosts=("status.example.com",),
    internal_domains=("corp.example.com",),
    participants=("Dana Reyes",),
    terms=("Falcon",),
)


def kinds(text: str, rules: RedactionRules = RULES) -> list[tuple[RedactionKind, str]]:
    return [(r.kind, r.original) for r in redact(text, rules, field="Summary").redactions]


def test_placeholders_and_secrecy_of_each_kind():
    assert {kind: kind.placeholder for kind in RedactionKind} == {
        K.EMAIL: "[redacted email]",
        K.IPV4: "[redacted IP address]",
        K.IPV6: "[redacted IP address]",
        K.PHONE: "[redacted phone number]",
        K.URL: "[redacted link]",
        K.HOSTNAME: "[redacted hostname]",
        K.AWS_KEY: "[redacted secret]",
        K.GITHUB_TOKEN: "[redacted secret]",
        K.BEARER_TOKEN: "[redacted secret]",
        K.PRIVATE_KEY: "[redacted secret]",
        K.PASSWORD: "[redacted secret]",
        K.SECRET: "[redacted secret]",
        K.PARTICIPANT: "[redacted name]",
        K.TERM: "[redacted]",
    }
    secret = {K.AWS_KEY, K.GITHUB_TOKEN, K.BEARER_TOKEN, K.PRIVATE_KEY, K.PASSWORD, K.SECRET}
    assert {kind for kind in RedactionKind if kind.is_secret} == secret


def test_settings_keys():
    assert ALLOWED_HOSTS_KEY == "export_allowed_hosts"
    assert INTERNAL_DOMAINS_KEY == "export_internal_domains"


def test_a_redaction_records_what_where_and_its_span():
    text = "Dana mailed ops@example.org."
    result = redact(text, RULES, field="Timeline 14:02")
    assert result.text == "[redacted name] mailed [redacted email]."
    assert result.redactions == (
        Redaction(K.PARTICIPANT, "Dana", "[redacted name]", "Timeline 14:02", 0, 4),
        Redaction(K.EMAIL, "ops@example.org", "[redacted email]", "Timeline 14:02", 12, 27),
    )


def test_text_without_findings_comes_back_as_it_is():
    assert redact("", RULES, field="x") == redact("", RULES, field="x")
    result = redact("Checkout failed for 47 minutes.", RULES, field="x")
    assert result.text == "Checkout failed for 47 minutes."
    assert result.redactions == ()


# -- overlaps --------------------------------------------------------------------------------------


def test_a_link_holding_an_address_is_one_link():
    assert kinds("see https://example.org/u/ops@example.org/x") == [
        (K.URL, "https://example.org/u/ops@example.org/x")
    ]


def test_an_address_on_an_internal_domain_is_an_address_not_also_a_hostname():
    assert kinds("mail dana.r@db.corp.example.com") == [(K.EMAIL, "dana.r@db.corp.example.com")]


def test_a_link_on_an_internal_host_is_a_link():
    assert kinds("at https://wiki.corp.example.com/x") == [
        (K.URL, "https://wiki.corp.example.com/x")
    ]


def test_a_link_carrying_a_secret_is_reported_as_a_secret():
    assert kinds("hook https://hooks.example.org/x?token=abc123") == [
        (K.SECRET, "https://hooks.example.org/x?token=abc123")
    ]


def test_a_secret_in_a_link_on_an_allowed_host_goes_and_the_link_stays():
    result = redact("https://status.example.com/x?api_key=abc123&y=1", RULES, field="x")
    assert result.text == "https://status.example.com/x?api_key=[redacted secret]&y=1"


def test_a_name_inside_an_address_goes_with_the_address():
    assert kinds("dana@example.org and Dana") == [
        (K.EMAIL, "dana@example.org"),
        (K.PARTICIPANT, "Dana"),
    ]


def test_equal_spans_take_the_more_specific_kind():
    rules = RedactionRules(terms=("10.0.3.17", "ghp_" + "a1" * 18))
    assert kinds("at 10.0.3.17 with token=ghp_" + "a1" * 18, rules) == [
        (K.IPV4, "10.0.3.17"),
        (K.GITHUB_TOKEN, "ghp_" + "a1" * 18),
    ]


def test_partly_overlapping_findings_merge_so_no_part_is_left():
    rules = RedactionRules(
        terms=("Falcon db", "db.corp.example.com"), internal_domains=("corp.example.com",)
    )
    result = redact("Falcon db.corp.example.com down", rules, field="x")
    assert result.text == "[redacted hostname] down"
    assert result.redactions[0].original == "Falcon db.corp.example.com"


def test_what_redacting_again_would_find_is_found_at_once():
    # "token" is too far from the hex token in the input, but not once the long link between
    # them is a placeholder; the first redaction already takes it, so a second changes nothing.
    link = "https://example.org/" + "path/" * 10
    text = f"token {link} 3f9a8c7e6d5b4a3f2e1d0c9b8a7f6e5d"
    result = redact(text, RULES, field="f")
    assert result.text == "token [redacted link] [redacted secret]"
    assert [r.kind for r in result.redactions] == [K.URL, K.SECRET]
    assert result.redactions[1].original == text[result.redactions[1].start :]


def test_a_value_found_once_goes_wherever_else_it_stands_alone():
    result = redact("password=hunter2, later hunter2 and hunter22 and xhunter2", RULES, field="f")
    assert result.text == (
        "password=[redacted secret], later [redacted secret] and hunter22 and xhunter2"
    )
    assert [r.kind for r in result.redactions] == [K.PASSWORD, K.PASSWORD]


def test_short_values_are_not_repeated():
    assert redact("pwd=abc and abc", RULES, field="f").text == "pwd=[redacted secret] and abc"


@pytest.mark.parametrize(
    "text",
    [
        "a" * 100_000,
        "1." * 50_000,
        "a:" * 50_000,
        "-" * 100_000,
        "a@" * 50_000,
        "token " * 16_000,
        "-----BEGIN RSA PRIVATE KEY-----\nABCDEFGHIJKLMNOPQRSTUV " * 1_800,
        "Dana [redacted name] " * 4_000,
        "\x00\x1b\u202e" * 30_000,
    ],
    ids=lambda text: repr(text[:12]),
)
def test_hostile_long_fields_are_redacted_whole(text):
    result = redact(text, RULES, field="f")
    assert redact(result.text, RULES, field="f").text == result.text


def test_every_known_token_in_the_data_file_is_found_as_its_kind():
    from app.domain.redaction_data import redaction_data

    for token in redaction_data().known_tokens:
        alphabet = [c for c in "aB3xY9_-" if re.fullmatch(f"[{token.alphabet}]", c)]
        for prefix in token.prefixes:
            body = "".join(alphabet[i % len(alphabet)] for i in range(token.min_length))
            value = prefix + body
            assert kinds(f"leaked {value} here") == [(token.kind, value)], token.name


# -- placeholders and what is let back -------------------------------------------------------------


@pytest.mark.parametrize("kind", list(RedactionKind))
def test_placeholders_never_match_even_named_like_them(kind):
    rules = RedactionRules(
        participants=("Redacted Name", "Link", "Secret"),
        terms=("redacted", "IP address", "phone number", "hostname", "email", "]"),
        internal_names=("redacted.secret",),
    )
    text = f"{kind.placeholder} and {kind.placeholder}"
    assert redact(text, rules, field="x").text == text


def test_an_allowed_back_original_stays_everywhere_exactly_as_written():
    rules = dataclasses.replace(RULES, allowed_back=("Dana", "ops@example.org"))
    result = redact("Dana and DANA; ops@example.org and Ops@example.org", rules, field="x")
    assert result.text == "Dana and [redacted name]; ops@example.org and [redacted email]"


def test_letting_a_whole_finding_back_lets_back_what_is_inside_it():
    rules = dataclasses.replace(RULES, allowed_back=("dana@example.org",))
    assert redact("dana@example.org", rules, field="x").text == "dana@example.org"


def test_letting_a_link_back_does_not_let_back_a_secret_inside_it():
    link = "https://hooks.example.org/x?token=abc123"
    rules = dataclasses.replace(RULES, allowed_back=(link,))
    assert redact(link, rules, field="x").text == (
        "https://hooks.example.org/x?token=[redacted secret]"
    )
    both = dataclasses.replace(RULES, allowed_back=(link, "abc123"))
    assert redact(link, both, field="x").text == link


# -- the report ------------------------------------------------------------------------------------


def test_report_lists_secrets_and_groups_by_field():
    summary = redact("Dana used password=hunter2", RULES, field="Summary")
    timeline = redact("AKIAIOSFODNN7EXAMPLE at 10.0.0.1", RULES, field="Timeline 14:02")
    later = redact("Falcon", RULES, field="Summary")
    report = RedactionReport.of([summary, timeline, later])
    assert [r.original for r in report.redactions] == [
        "Dana",
        "hunter2",
        "AKIAIOSFODNN7EXAMPLE",
        "10.0.0.1",
        "Falcon",
    ]
    assert [(r.kind, r.field) for r in report.unresolved_secrets] == [
        (K.PASSWORD, "Summary"),
        (K.AWS_KEY, "Timeline 14:02"),
    ]
    grouped = report.by_field()
    assert list(grouped) == ["Summary", "Timeline 14:02"]
    assert [r.original for r in grouped["Summary"]] == ["Dana", "hunter2", "Falcon"]
    assert RedactionReport(()).unresolved_secrets == ()
    assert RedactionReport(()).by_field() == {}


# -- rules from a postmortem and settings ----------------------------------------------------------


def _event(description: str, *, internal: bool, evidence: str = "") -> TimelineEvent:
    return TimelineEvent(
        id=description[:8],
        at=AT,
        description=description,
        evidence=evidence,
        internal_only=internal,
    )


def test_rules_for_a_postmortem():
    pm = Postmortem(
        title="Checkout outage",
        severity=Severity.SEV2,
        participants=(Participant("Dana Reyes", "IC", "@dreyes"), Participant("Bob Okafor")),
        redaction_terms=("Globex", "  "),
        timeline=(
            _event(
                "Failed over payments-db.prod to db02.eu-west.aws; see config.yaml, e.g. v2.4.1",
                internal=True,
                evidence="https://grafana.ops.example.net/d/1 and ops@mail.example.org",
            ),
            _event("Public status at status.example.com, public.example.org", internal=False),
            _event("Checked status.example.com and cdn.status.example.com", internal=True),
        ),
    )
    rules = rules_for(
        pm, allowed_hosts=("Status.Example.com",), internal_domains=("*.corp.example.com",)
    )
    assert rules == RedactionRules(
        allowed_hosts=("status.example.com",),
        internal_domains=("corp.example.com",),
        internal_names=("payments-db.prod", "db02.eu-west.aws", "grafana.ops.example.net"),
        participants=("Dana Reyes", "Bob Okafor"),
        terms=("Globex", "@dreyes"),
    )
    result = redact("db02.eu-west.aws and Okafor", rules, field="Impact")
    assert result.text == "[redacted hostname] and [redacted name]"
    # A chat handle matches no pattern: the participant's contact is what catches it.
    assert "@dreyes" not in redact("Ask @dreyes for the logs", rules, field="Impact").text


@pytest.mark.parametrize(
    ("text", "hosts"),
    [
        ("", ()),
        ("status.example.com", ("status.example.com",)),
        (
            "a.example.com, B.example.com\nc.example.com;d.example.com",
            tuple(f"{x}.example.com" for x in "abcd"),
        ),
        ("  *.example.com  .internal. ", ("example.com", "internal")),
        ("https://status.example.com/path?q=1", ("status.example.com",)),
        ("host.example.com:8443/x", ("host.example.com",)),
        ("a.example.com,a.example.com,,A.EXAMPLE.COM", ("a.example.com",)),
    ],
)
def test_parse_host_list(text, hosts):
    assert parse_host_list(text) == hosts
