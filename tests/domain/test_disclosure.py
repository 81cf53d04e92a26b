"""Nothing about a security incident goes to customers before the legal/infosec sign-off."""

from __future__ import annotations

from datetime import UTC, datetime

from app.domain.disclosure import awaiting_security_signoff
from app.domain.model import Postmortem, SecuritySignOff, Severity


def test_only_an_unsigned_security_incident_is_held_back() -> None:
    plain = Postmortem(title="Checkout outage", severity=Severity.SEV2)
    security = Postmortem(title="Token leak", severity=Severity.SEV1, security_incident=True)
    signed = Postmortem(
        title="Token leak",
        severity=Severity.SEV1,
        security_incident=True,
        security_signoff=SecuritySignOff(
            "Legal: R. Okafor", datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
        ),
    )
    assert not awaiting_security_signoff(plain)
    assert awaiting_security_signoff(security)
    assert not awaiting_security_signoff(signed)
