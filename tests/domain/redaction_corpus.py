"""Incident text for measuring redaction, shared by the domain tests and the export tests.

``SENSITIVE`` cases each list the sensitive values they hold and the kind each must be reported
as; after redaction under ``CORPUS_RULES`` none of the values may be left (the export tests
search the extracted PDF text and the Markdown for them too). ``HARMLESS`` strings must come
out unchanged with no redaction: times, dates, versions, percentages, incident ids, links on
the allowed hosts, public product names and the words secrets usually follow ("token refresh",
"Password: rotated").

The values are invented and the keys follow the shape of the real ones (AWS's documented
example key id, made-up GitHub tokens), so none of them grants anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.redaction import RedactionKind, RedactionRules

K = RedactionKind


@dataclass(frozen=True)
class SensitiveCase:
    """A string; the sensitive values in it; the kind each value must be redacted as."""

    text: str
    values: tuple[str, ...]
    kinds: tuple[RedactionKind, ...]

    def __post_init__(self) -> None:
        if len(self.values) != len(self.kinds) or not self.values:
            raise ValueError(f"values and kinds must pair up: {self.text!r}")
        missing = [value for value in self.values if value not in self.text]
        if missing:
            raise ValueError(f"values not in the text: {missing}")


CORPUS_RULES = RedactionRules(
    allowed_hosts=("status.example.com", "docs.example.com"),
    internal_domains=("corp.example.com", "internal", "local"),
    internal_names=("payments-db.prod", "edge-lb-7.fra"),
    participants=(
        "Dana Reyes",
        "Bob Okafor",
        "José Álvarez",
        "Zoë Müller",
        "Ngozi Adeyemi",
        "李娜",
    ),
    terms=("Project Falcon", "Globex", "acme-prod-db-01"),
)

_SSH_KEY = (
    "-----BEGIN OPENSSH PRIVATE KEY-----\n"
    "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
    "QyNTUxOQAAACDxEXAMPLEKEYxEXAMPLEKEYxEXAMPLEKEYxEXAMPLEKEYAAAAAAAA\n"
    "-----END OPENSSH PRIVATE KEY-----"
)
_JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
    "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
)


def _case(text: str, *pairs: tuple[str, RedactionKind]) -> SensitiveCase:
    return SensitiveCase(text, tuple(v for v, _ in pairs), tuple(k for _, k in pairs))


SENSITIVE: tuple[SensitiveCase, ...] = (
    # -- e-mail addresses
    _case(
        "Customer complaint forwarded by jane.doe@globex-mail.com at 14:05 UTC.",
        ("jane.doe@globex-mail.com", K.EMAIL),
    ),
    _case(
        "| 14:07 | Escalated to oncall+payments@example.org | paged |",
        ("oncall+payments@example.org", K.EMAIL),
    ),
    _case(
        '2026-11-03T14:09Z,support,"Reply sent to zoë.müller@exämple.de"',
        ("zoë.müller@exämple.de", K.EMAIL),
    ),
    _case("14:11\tnotify\tSRE-Lead@Example.COM", ("SRE-Lead@Example.COM", K.EMAIL)),
    _case(
        "Reported by a researcher (contact: security@example.net).",
        ("security@example.net", K.EMAIL),
    ),
    # -- IPv4
    _case("Traffic from 203.0.113.45 spiked to 12,000 requests/s.", ("203.0.113.45", K.IPV4)),
    _case("| lb-2 | 10.0.3.17:5432 | unreachable |", ("10.0.3.17", K.IPV4)),
    _case("Blocked the range 198.51.100.0/24 at the edge.", ("198.51.100.0", K.IPV4)),
    _case("14:20,firewall,192.168.1.254,rule added", ("192.168.1.254", K.IPV4)),
    # -- IPv6, compressed forms included
    _case(
        "The resolver at 2001:db8:85a3::8a2e:370:7334 returned SERVFAIL.",
        ("2001:db8:85a3::8a2e:370:7334", K.IPV6),
    ),
    _case(
        "| node-3 | fe80::1ff:fe23:4567:890a%eth0 | link-local |",
        ("fe80::1ff:fe23:4567:890a", K.IPV6),
    ),
    _case("Health checks hit ::1 instead of the service address.", ("::1", K.IPV6)),
    _case("Mapped client ::ffff:198.51.100.7 was rate limited.", ("::ffff:198.51.100.7", K.IPV6)),
    _case("v6\t2001:db8::42\tpublished", ("2001:db8::42", K.IPV6)),
    _case(
        "Full form 2001:0db8:0000:0000:0000:ff00:0042:8329 in the ACL.",
        ("2001:0db8:0000:0000:0000:ff00:0042:8329", K.IPV6),
    ),
    # -- phone numbers
    _case(
        "A customer called the hotline from +1 (415) 555-0132 at 14:30.",
        ("+1 (415) 555-0132", K.PHONE),
    ),
    _case("| Escalation | +44 20 7946 0958 |", ("+44 20 7946 0958", K.PHONE)),
    _case("Vendor support: 020 7946 0018, ticket INC-2041.", ("020 7946 0018", K.PHONE)),
    _case("14:41,callback,415-555-0199,done", ("415-555-0199", K.PHONE)),
    _case("Reached the technician on +49 30 901820 after 47 minutes.", ("+49 30 901820", K.PHONE)),
    _case("The Paris office line 01 23 45 67 89 hosted the bridge.", ("01 23 45 67 89", K.PHONE)),
    _case("Bridge dial-in: +14155550188", ("+14155550188", K.PHONE)),
    _case("Call 1-800-555-0175 for the carrier's NOC.", ("1-800-555-0175", K.PHONE)),
    _case("17:02\tsms\t07700 900123", ("07700 900123", K.PHONE)),
    _case("| Customer | (020) 7946 0958 | callback |", ("(020) 7946 0958", K.PHONE)),
    # -- links on hosts not allowed; a link with credentials even on an allowed host
    _case(
        "The runbook at https://wiki.corp.example.com/runbooks/payments-failover was out of date.",
        ("https://wiki.corp.example.com/runbooks/payments-failover", K.URL),
    ),
    _case(
        "| Dashboard | https://grafana.example.io/d/abc123/checkout?orgId=1 |",
        ("https://grafana.example.io/d/abc123/checkout?orgId=1", K.URL),
    ),
    _case(
        "Logs: http://kibana.example.net:5601/app/discover#/?_g=(time:(from:now-1h))",
        ("http://kibana.example.net:5601/app/discover#/?_g=(time:(from:now-1h))", K.URL),
    ),
    _case(
        "The fix is in https://gitlab.example.com/payments/api/-/merge_requests/812.",
        ("https://gitlab.example.com/payments/api/-/merge_requests/812", K.URL),
    ),
    _case(
        "See www.example-vendor.com/status for the vendor's notice.",
        ("www.example-vendor.com/status", K.URL),
    ),
    _case(
        "Credentials leaked in https://deploy:Tr0ub4dor@status.example.com/hooks today.",
        ("https://deploy:Tr0ub4dor@status.example.com/hooks", K.PASSWORD),
    ),
    _case(
        "14:52,link,https://s3.amazonaws.com/acme-backups/db-2026-11-03.sql.gz",
        ("https://s3.amazonaws.com/acme-backups/db-2026-11-03.sql.gz", K.URL),
    ),
    _case(
        "Spoofed https://status.example.com@evil.example/login",
        ("https://status.example.com@evil.example/login", K.URL),
    ),
    # -- internal hostnames
    _case(
        "Failover moved writes from db-primary-01.corp.example.com"
        " to db-replica-02.corp.example.com.",
        ("db-primary-01.corp.example.com", K.HOSTNAME),
        ("db-replica-02.corp.example.com", K.HOSTNAME),
    ),
    _case("| 15:02 | cache-7.internal | evicted |", ("cache-7.internal", K.HOSTNAME)),
    _case("Ran `dig api.local` from the bastion.", ("api.local", K.HOSTNAME)),
    _case("The internal host payments-db.prod answered slowly.", ("payments-db.prod", K.HOSTNAME)),
    _case(
        "15:10,dns,k8s-node-12.eu-west-1.internal,drained",
        ("k8s-node-12.eu-west-1.internal", K.HOSTNAME),
    ),
    _case("Requests to corp.example.com itself returned 502.", ("corp.example.com", K.HOSTNAME)),
    _case("Traffic shifted to EDGE-LB-7.FRA at 15:12.", ("EDGE-LB-7.FRA", K.HOSTNAME)),
    # -- AWS access key ids
    _case(
        "Access key AKIAIOSFODNN7EXAMPLE was found in the build log.",
        ("AKIAIOSFODNN7EXAMPLE", K.AWS_KEY),
    ),
    _case("| aws | ASIAY34FZKBOKMUTVV7A | session |", ("ASIAY34FZKBOKMUTVV7A", K.AWS_KEY)),
    _case("15:20,iam,AKIA2OGYBAH6QWERTY12,disabled", ("AKIA2OGYBAH6QWERTY12", K.AWS_KEY)),
    # -- GitHub tokens
    _case(
        "A token ghp_R8tK2mQ9vX4wZ7yB1nC5pL3sD6fG0hJ8kA2e was pushed to a public fork.",
        ("ghp_R8tK2mQ9vX4wZ7yB1nC5pL3sD6fG0hJ8kA2e", K.GITHUB_TOKEN),
    ),
    _case(
        "| github | github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEF | revoked |",
        ("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEF", K.GITHUB_TOKEN),
    ),
    _case(
        "Action logs printed gho_16C7e42F292c6912E7710c838347Ae178B4a"
        " and ghs_abcdefghijklmnopqrstuvwxyz0123456789.",
        ("gho_16C7e42F292c6912E7710c838347Ae178B4a", K.GITHUB_TOKEN),
        ("ghs_abcdefghijklmnopqrstuvwxyz0123456789", K.GITHUB_TOKEN),
    ),
    # -- bearer tokens
    _case(
        f"curl -H 'Authorization: Bearer {_JWT}' https://api.example.com/v1/charges",
        (_JWT, K.BEARER_TOKEN),
        ("https://api.example.com/v1/charges", K.URL),
    ),
    _case(
        "| header | Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0 |",
        ("9f8e7d6c5b4a39281706f5e4d3c2b1a0", K.BEARER_TOKEN),
    ),
    _case(
        "The proxy logged bearer AbCdEf123456GhIjKl for every request.",
        ("AbCdEf123456GhIjKl", K.BEARER_TOKEN),
    ),
    # -- private keys, the whole block
    _case(
        f"The deploy key was pasted into the channel:\n{_SSH_KEY}\nand removed at 15:31.",
        ("BEGIN OPENSSH PRIVATE KEY", K.PRIVATE_KEY),
        ("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW", K.PRIVATE_KEY),
        ("QyNTUxOQAAACDxEXAMPLEKEYxEXAMPLEKEYxEXAMPLEKEYxEXAMPLEKEYAAAAAAAA", K.PRIVATE_KEY),
    ),
    _case(
        r"| key | -----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7bq98vXlExampleOnly\n"
        r"-----END RSA PRIVATE KEY----- |",
        ("MIIEpAIBAAKCAQEA7bq98vXlExampleOnly", K.PRIVATE_KEY),
    ),
    _case(
        "Pasted by mistake:\n-----BEGIN EC PRIVATE KEY-----\n"
        "MHcCAQEEIBexampleexampleexampleexampleEXAMPLEoAoGCCqGSM49\n"
        "AwEHoUQDQgAEexampleEXAMPLEexampleEXAMPLE0123456789abcd\n",
        ("MHcCAQEEIBexampleexampleexampleexampleEXAMPLEoAoGCCqGSM49", K.PRIVATE_KEY),
        ("AwEHoUQDQgAEexampleEXAMPLEexampleEXAMPLE0123456789abcd", K.PRIVATE_KEY),
    ),
    # -- password assignments
    _case("The script ran with password=hunter2 in its arguments.", ("hunter2", K.PASSWORD)),
    _case("| mysql | DB_PASSWORD: Sup3r-S3cret! |", ("Sup3r-S3cret", K.PASSWORD)),
    _case("15:40,config,passwd:letmein2026,rotated", ("letmein2026", K.PASSWORD)),
    _case(
        "The old value was pwd = 'correct horse battery staple'.",
        ("correct horse battery staple", K.PASSWORD),
    ),
    _case('{"user": "svc-payments", "password": "p@ss w0rd"}', ("p@ss w0rd", K.PASSWORD)),
    _case(
        "mysql --password Wint3r2026 -h 10.0.3.18",
        ("Wint3r2026", K.PASSWORD),
        ("10.0.3.18", K.IPV4),
    ),
    _case(
        "Authorization: Basic c3ZjLXBheW1lbnRzOmh1bnRlcjI=",
        ("c3ZjLXBheW1lbnRzOmh1bnRlcjI=", K.PASSWORD),
    ),
    _case(
        "Reproduced with curl -u svc-checkout:Gr33nB4nana https://status.example.com/api",
        ("Gr33nB4nana", K.PASSWORD),
    ),
    # -- other secrets: api_key=/secret=/token= assignments, known prefixes, tokens after key words
    _case("api_key=sk9aT3xQ72LmZp0v was in the config.", ("sk9aT3xQ72LmZp0v", K.SECRET)),
    _case(
        "| stripe | sk_live_4eC39HqLyjWDarjtT1zdp7dc |",
        ("sk_live_4eC39HqLyjWDarjtT1zdp7dc", K.SECRET),
    ),
    _case(
        "token: 7f3a9c2e1b8d4f6a0c5e9b2d7a1f3c8e", ("7f3a9c2e1b8d4f6a0c5e9b2d7a1f3c8e", K.SECRET)
    ),
    _case(
        "The leaked secret was wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY, rotated at 15:58.",
        ("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", K.SECRET),
    ),
    _case(
        "export AWS_SECRET_ACCESS_KEY=je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
        ("je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY", K.SECRET),
    ),
    _case(
        "Slack bot token xoxb-EXAMPLE0000-EXAMPLE1111-abcdefghijklmnopqrstuvwx"
        " was posted in #incident.",
        ("xoxb-EXAMPLE0000-EXAMPLE1111-abcdefghijklmnopqrstuvwx", K.SECRET),
    ),
    _case(
        "Webhook https://hooks.example.com/cb?token=a1b2c3d4e5f6a7b8c9d0 fired twice.",
        ("https://hooks.example.com/cb?token=a1b2c3d4e5f6a7b8c9d0", K.SECRET),
    ),
    _case('client_secret = "Zx9!kLq2#Vb7$Np4"', ("Zx9!kLq2#Vb7$Np4", K.SECRET)),
    _case(
        "16:05,ci,GITLAB_TOKEN=glpat-abcdefghij0123456789,revoked",
        ("glpat-abcdefghij0123456789", K.SECRET),
    ),
    _case(
        "A session token eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJhdXRoIn0.c2lnbmF0dXJlMTIz"
        " appeared in a trace.",
        ("eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJhdXRoIn0.c2lnbmF0dXJlMTIz", K.SECRET),
    ),
    _case(
        "Status page link https://status.example.com/admin?api_key=Q2x9Zt7Lm3Vb8Np1 was shared.",
        ("Q2x9Zt7Lm3Vb8Np1", K.SECRET),
    ),
    # -- participants: full names, parts, possessive, any case, accents either way, CJK
    _case("Dana Reyes declared the incident at 14:02.", ("Dana Reyes", K.PARTICIPANT)),
    _case(
        "| 14:15 | Bob's rollback started | Okafor confirmed |",
        ("Bob", K.PARTICIPANT),
        ("Okafor", K.PARTICIPANT),
    ),
    _case(
        "JOSÉ ÁLVAREZ, Jose Alvarez and plain josé are one person.",
        ("JOSÉ ÁLVAREZ", K.PARTICIPANT),
        ("Jose Alvarez", K.PARTICIPANT),
        ("josé", K.PARTICIPANT),
    ),
    _case(
        "Zoë's notes (typed as Zoe\u0308) mention Müller twice.",
        ("Zoë", K.PARTICIPANT),
        ("Zoe\u0308", K.PARTICIPANT),
        ("Müller", K.PARTICIPANT),
    ),
    _case('16:20,"Ngozi Adeyemi",paged,ack', ("Ngozi Adeyemi", K.PARTICIPANT)),
    _case("16:25\tAdeyemi\tescalated", ("Adeyemi", K.PARTICIPANT)),
    _case("李娜负责回滚。", ("李娜", K.PARTICIPANT)),
    # -- the postmortem's own terms
    _case(
        "Project Falcon was the internal codename for the migration.", ("Project Falcon", K.TERM)
    ),
    _case("| Customer | Globex | impacted |", ("Globex", K.TERM)),
    _case("acme-prod-db-01 ran out of disk.", ("acme-prod-db-01", K.TERM)),
    _case("16:40,account,GLOBEX,credited", ("GLOBEX", K.TERM)),
    _case("The project  falcon rollout\nresumed later.", ("project  falcon", K.TERM)),
    # -- several kinds in one line
    _case(
        "At 14:02 Dana (dana@corp.example.com, +1 415 555 0100) saw 10.0.3.19 fail"
        " on db01.internal.",
        ("Dana", K.PARTICIPANT),
        ("dana@corp.example.com", K.EMAIL),
        ("+1 415 555 0100", K.PHONE),
        ("10.0.3.19", K.IPV4),
        ("db01.internal", K.HOSTNAME),
    ),
    _case(
        "| 15:45 | Reyes | rotated AKIAJ7EXAMPLE2KEYID9 | 2001:db8::7 |",
        ("Reyes", K.PARTICIPANT),
        ("AKIAJ7EXAMPLE2KEYID9", K.AWS_KEY),
        ("2001:db8::7", K.IPV6),
    ),
)

HARMLESS: tuple[str, ...] = (
    "At 14:02 UTC the checkout error rate rose to 12.5%.",
    "Incident INC-2041 was declared on 2026-11-03 at 14:02.",
    "Deployed v2.4.1 to production; rolled back to v2.4.0 at 14:49.",
    "Availability for November was 99.95% against an SLO of 99.9%.",
    "Customers could not pay by card for 47 minutes.",
    "| 14:02 | Alert fired | p99 latency 1.2 s |",
    "14:10\tmitigated\tfeature flag disabled",
    "2026-11-03T14:20:00Z,recovery,traffic back to normal",
    "Status updates were posted to https://status.example.com/incidents/2041.",
    "The public write-up is at https://docs.example.com/postmortems/2026-11-03.",
    "| Status page | https://status.example.com/ | public |",
    "PostgreSQL 15.4 replication lag reached 320 seconds.",
    "Kubernetes 1.29 nodes in us-east-1 were cordoned.",
    "Cloudflare and Stripe reported no issues on their side.",
    "HTTP 503 responses peaked at 3,200 per second.",
    "The token refresh job was delayed by the queue backlog.",
    "Password reset e-mails were queued but not lost.",
    "Key metrics: error rate, latency and saturation.",
    "We will rotate secrets every 90 days (ACT-118).",
    "Reverted commit 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b at 14:49.",
    "Trace 4bf92f3577b34da6a3ce929d0e0e4736 shows the slow query.",
    "TLS 1.3 handshakes failed for clients on OpenSSL 1.1.1.",
    "Build 20261103.4 passed all 1,842 tests.",
    "Offsets: UTC+01:00 in Berlin, UTC-05:00 in New York.",
    "Error budget burn rate was 14.4x for one hour.",
    "Revenue impact estimated at $12,400 (0.3% of daily volume).",
    "Retries grew from 2 to 2,048 per minute within 10 minutes.",
    "The dates 2026-11-03, 03.11.2026 and 11/03/2026 are the same day.",
    "Action items ACT-117 to ACT-121 are due by 2026-12-01.",
    "Latency was 250 ms at p50 and 1500 ms at p99.",
    "Redis 7.2 and Node.js 20.11.1 were upgraded together.",
    "The bearer authentication middleware rejected expired sessions.",
    "Password: rotated for all service accounts at 15:10.",
    "GitHub Actions and AWS Lambda were unaffected.",
    "Window: 2026-11-03 14:02 - 2026-11-03 14:49 UTC (47 min).",
    "Requests per second: 12 000 at peak, 8 500 after the fix.",
    "Ticket #4821 and PR #1290 were linked; see OPS-1234.",
    "IPv4 and IPv6 traffic were both affected; 0.02% of packets dropped.",
    "SDK versions 3.2.0-beta.1 and 3.2.0 shipped on 2026-11-04.",
    '16:30,review,"5 whys done, 3 action items",public',
    "The config.yaml change set max_connections = 500 for 2 pools.",
    "Disk usage went from 71% to 100% between 13:10 and 14:02.",
    "Our std::vector reserve() fix landed in 4.17.21.",
)
