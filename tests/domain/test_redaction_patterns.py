"""What each kind of finding matches, and the look-alikes it must leave alone."""

from __future__ import annotations

import pytest

from app.domain.redaction import RedactionKind, RedactionRules, redact

K = RedactionKind
RULES = RedactionRules(
    allowed_hosts=("status.example.com",),
    internal_domains=("corp.example.com", "internal", "local"),
    internal_names=("payments-db.prod",),
    participants=("Dana Reyes", "Bob Okafor", "Grace Li", "Mary-Jane O'Neil", "Łukasz Żółć"),
    terms=("Project Falcon", "acme-prod-db-01", "#ops-secret"),
)


def found(text: str, rules: RedactionRules = RULES) -> list[tuple[RedactionKind, str]]:
    return [(r.kind, r.original) for r in redact(text, rules, field="Summary").redactions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail a.b+c@example.co.uk now", "a.b+c@example.co.uk"),
        ("Zoë <zoë@exämple.de>", "zoë@exämple.de"),
        ("end of sentence dana@example.com.", "dana@example.com"),
        ("git@github.com:org/repo.git", "git@github.com"),
    ],
)
def test_email_addresses(text, expected):
    assert (K.EMAIL, expected) in found(text)


@pytest.mark.parametrize("text", ["pinned lodash@4.17.21", "ping @here", "user@localhost only"])
def test_email_look_alikes(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        ("from 10.0.3.17:5432", "10.0.3.17", K.IPV4),
        ("range 198.51.100.0/24.", "198.51.100.0", K.IPV4),
        ("to 255.255.255.255", "255.255.255.255", K.IPV4),
        ("v6 2001:db8::1", "2001:db8::1", K.IPV6),
        ("loopback ::1.", "::1", K.IPV6),
        ("any 1::", "1::", K.IPV6),
        ("mapped ::ffff:192.0.2.1 here", "::ffff:192.0.2.1", K.IPV6),
        ("zone fe80::1%eth0 up", "fe80::1%eth0", K.IPV6),
        (
            "full 2001:0db8:0000:0000:0000:ff00:0042:8329",
            "2001:0db8:0000:0000:0000:ff00:0042:8329",
            K.IPV6,
        ),
        ("upper 2001:DB8:0:0:8:800:200C:417A", "2001:DB8:0:0:8:800:200C:417A", K.IPV6),
        ("url http://[2001:db8::1]:8080/x", "http://[2001:db8::1]:8080/x", K.URL),
    ],
)
def test_ip_addresses(text, expected, kind):
    assert found(text) == [(kind, expected)]


@pytest.mark.parametrize(
    "text",
    [
        "at 14:02:33 UTC",
        "std::vector and Foo::bar",
        "a bare :: is nothing",
        "versions 1.2.3.4.5 and v1.2.3.4",
        "octet 256.1.1.1",
        "MAC 00:1a:2b:3c:4d:5e",
        "ratio 1:2:3",
    ],
)
def test_address_look_alikes(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "number",
    [
        "+1 (415) 555-0132",
        "+44 20 7946 0958",
        "+14155550132",
        "+33 1 23 45 67 89",
        "+49 30 901820",
        "(415) 555-0132",
        "415-555-0132",
        "415.555.0132",
        "1-800-555-0199",
        "020 7946 0958",
        "07700 900123",
        "07700900123",
        "01 23 45 67 89",
        "0151 234 5678",
        "(020) 7946 0958",
    ],
)
def test_phone_numbers(number):
    assert found(f"Call {number} now.") == [(K.PHONE, number)]


@pytest.mark.parametrize(
    "text",
    [
        "INC-2041 on 2026-11-03 at 14:02",
        "dates 03.11.2026, 11/03/2026 and 2026-11-03 14:02:33",
        "v2.4.1, build 20261103.4, 99.95% and 47 minutes",
        "offset +01:00 and UTC+0530, +3.2% week on week",
        "3,200,000 requests and 1 200 000 users",
        "ticket #4155550132 and OPS-4155550132",
        "epoch 1762178520 and 1762178520123 ms",
        "1500 ms at p99, 12 000 rps",
        "on 03.11.2026 14 users",
    ],
)
def test_phone_look_alikes(text):
    assert found(text) == []


def test_links_on_allowed_hosts_and_their_subdomains_stay():
    for text in (
        "https://status.example.com/incidents/1",
        "http://STATUS.example.com",
        "https://eu.status.example.com/x?y=1",
        "https://status.example.com:443/",
    ):
        assert found(text) == [], text


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        ("see https://evilstatus.example.com/x", "https://evilstatus.example.com/x", K.URL),
        (
            "see https://status.example.com.evil.net/x",
            "https://status.example.com.evil.net/x",
            K.URL,
        ),
        ("see https://status.example.com@evil.net/", "https://status.example.com@evil.net/", K.URL),
        ("see https://ops@status.example.com/", "https://ops@status.example.com/", K.URL),
        (
            "see https://ops:pa55@status.example.com/",
            "https://ops:pa55@status.example.com/",
            K.PASSWORD,
        ),
        ("see www.example.org/page.", "www.example.org/page", K.URL),
        ("see (https://example.org/a_(b)) now", "https://example.org/a_(b)", K.URL),
        ("[link](https://example.org/x)", "https://example.org/x", K.URL),
        ("s3://bucket/key and more", "s3://bucket/key", K.URL),
        ("postgres://svc:pw@db/x", "postgres://svc:pw@db/x", K.PASSWORD),
    ],
)
def test_links(text, expected, kind):
    assert found(text) == [(kind, expected)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("host db01.corp.example.com failed", "db01.corp.example.com"),
        ("domain corp.example.com itself", "corp.example.com"),
        ("cache-7.internal evicted", "cache-7.internal"),
        ("a.b.c.LOCAL.", "a.b.c.LOCAL"),
        ("db_01.internal", "db_01.internal"),
        ("payments-db.prod slow", "payments-db.prod"),
        ("replica.payments-db.prod slow", "replica.payments-db.prod"),
    ],
)
def test_internal_hostnames(text, expected):
    assert found(text) == [(K.HOSTNAME, expected)]


@pytest.mark.parametrize(
    "text",
    [
        "an internal note on local time",
        "notcorp.example.com and corp.example.community",
        "db01.internal-docs.example.org",
        "payments-db.production is another name",
    ],
)
def test_hostname_look_alikes(text):
    assert found(text) == []


def test_internal_hostnames_on_an_allowed_host_stay():
    rules = RedactionRules(
        allowed_hosts=("wiki.corp.example.com",), internal_domains=("corp.example.com",)
    )
    assert found("wiki.corp.example.com and db.corp.example.com", rules) == [
        (K.HOSTNAME, "db.corp.example.com")
    ]


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        ("key AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE", K.AWS_KEY),
        ("key ASIAY34FZKBOKMUTVV7A.", "ASIAY34FZKBOKMUTVV7A", K.AWS_KEY),
        ("t ghp_" + "a1" * 18, "ghp_" + "a1" * 18, K.GITHUB_TOKEN),
        ("t gho_" + "B2" * 18, "gho_" + "B2" * 18, K.GITHUB_TOKEN),
        ("t ghs_" + "c3" * 18, "ghs_" + "c3" * 18, K.GITHUB_TOKEN),
        ("t github_pat_11AB_" + "x9" * 20, "github_pat_11AB_" + "x9" * 20, K.GITHUB_TOKEN),
        ("Authorization: Bearer abc.DEF-123_x", "abc.DEF-123_x", K.BEARER_TOKEN),
        ("Authorization: Basic dXNlcjpwYXNz", "dXNlcjpwYXNz", K.PASSWORD),
        ("password=hunter2", "hunter2", K.PASSWORD),
        ("passwd: hunter2", "hunter2", K.PASSWORD),
        ("pwd = hunter2", "hunter2", K.PASSWORD),
        ("DB_PASS=hunter2", "hunter2", K.PASSWORD),
        ("PGPASSWORD='a b c'", "a b c", K.PASSWORD),
        ('{"password": "p w"}', "p w", K.PASSWORD),
        ("mysql --password hunter2", "hunter2", K.PASSWORD),
        ("curl -u admin:hunter2 -X POST", "hunter2", K.PASSWORD),
        ("curl --user 'admin:hunter2'", "hunter2", K.PASSWORD),
        ("api_key=abc123", "abc123", K.SECRET),
        ("API-KEY: abc123", "abc123", K.SECRET),
        ("secret=abc123", "secret" and "abc123", K.SECRET),
        ("token=abc123", "abc123", K.SECRET),
        ("github.token => abc123", "abc123", K.SECRET),
        ("x?access_token=abc123&y=1", "abc123", K.SECRET),
        ("token=ghp_" + "a1" * 18, "ghp_" + "a1" * 18, K.GITHUB_TOKEN),
        (
            "the token 3f9a8c7e6d5b4a3f2e1d0c9b8a7f6e5d leaked",
            "3f9a8c7e6d5b4a3f2e1d0c9b8a7f6e5d",
            K.SECRET,
        ),
        (
            "key: 550e8400-e29b-41d4-a716-446655440000",
            "550e8400-e29b-41d4-a716-446655440000",
            K.SECRET,
        ),
        ("use xoxb-1234567890-abcdefghij", "xoxb-1234567890-abcdefghij", K.SECRET),
        ("the sk_live_" + "Ab3" * 8, "sk_live_" + "Ab3" * 8, K.SECRET),
    ],
)
def test_secrets(text, expected, kind):
    assert found(text) == [(kind, expected)]
    assert kind.is_secret


@pytest.mark.parametrize(
    "text",
    [
        "Password: rotated at 15:10",
        "token = none",
        "password=******** and secret: xxxx",
        "password=$DB_PASSWORD and token: ${TOKEN}",
        "max_tokens=100 and bypass=true and primary_key=id",
        "the bearer authentication failed; Bearer Authentication",
        "Bearer tokens are short-lived",
        "reverted commit 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b",
        "trace 4bf92f3577b34da6a3ce929d0e0e4736 was slow",
        "the key service checkout-service-v2-canary-2026 recovered",
        "AKIAIOSFODNN7EXAMPLEX is too long for a key id",
        "the passwords: three were reset",
    ],
)
def test_secret_look_alikes(text):
    assert found(text) == []


def test_a_private_key_block_goes_whole():
    block = (
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7bq98vXl\nabc=\n"
        "-----END RSA PRIVATE KEY-----"
    )
    text = f"before\n{block}\nafter 10.0.0.1"
    result = redact(text, RULES, field="Appendix")
    assert result.text == "before\n[redacted secret]\nafter [redacted IP address]"
    assert [(r.kind, r.original) for r in result.redactions] == [
        (K.PRIVATE_KEY, block),
        (K.IPV4, "10.0.0.1"),
    ]


def test_a_private_key_block_without_its_end_goes_to_the_end_of_its_base64():
    text = (
        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nMIIEvQIBADANBgkq\n"
        "then prose"
    )
    assert redact(text, RULES, field="x").text == "[redacted secret]\nthen prose"


def test_a_certificate_is_not_a_secret():
    assert found("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dana Reyes paged", ["Dana Reyes"]),
        ("Dana's laptop and Reyes\u2019 notes", ["Dana", "Reyes"]),
        ("DANA and dana", ["DANA", "dana"]),
        ("Dana\nReyes wrapped", ["Dana\nReyes"]),
        ("Mary-Jane, Mary, Jane and O'Neil", ["Mary-Jane", "Mary", "Jane", "O'Neil"]),
        ("ŁUKASZ ŻÓŁĆ and Lukasz Zolc", ["ŁUKASZ ŻÓŁĆ", "Lukasz Zolc"]),
        ("Grace Li joined; Li left", ["Grace Li"]),
        ("Okafor.", ["Okafor"]),
    ],
)
def test_participant_names(text, expected):
    assert found(text) == [(K.PARTICIPANT, name) for name in expected]


@pytest.mark.parametrize("text", ["Bobby and Danara", "Reyesville", "li and LI", "bob_okafor"])
def test_name_look_alikes(text):
    assert found(text) == []


def test_a_decomposed_accent_goes_with_its_letter():
    rules = RedactionRules(participants=("José",))
    result = redact("Jose\u0301 and José.", rules, field="x")
    assert result.text == "[redacted name] and [redacted name]."
    assert [r.original for r in result.redactions] == ["Jose\u0301", "José"]


def test_names_in_scripts_without_spaces():
    rules = RedactionRules(participants=("李娜", "さくら"))
    assert (
        redact("李娜负责回滚\uff0cさくらが確認", rules, field="x").text
        == "[redacted name]负责回滚\uff0c[redacted name]が確認"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("project falcon and PROJECT  FALCON", ["project falcon", "PROJECT  FALCON"]),
        ("acme-prod-db-01 and acme-prod-db-01.", ["acme-prod-db-01", "acme-prod-db-01"]),
        ("in #ops-secret today", ["#ops-secret"]),
    ],
)
def test_terms(text, expected):
    assert found(text) == [(K.TERM, term) for term in expected]


@pytest.mark.parametrize("text", ["Project Falconry", "acme-prod-db-011", "#ops-secrets"])
def test_term_look_alikes(text):
    assert found(text) == []
