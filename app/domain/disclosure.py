"""What may be told outside the company, and when: the reference's "coordinate with legal/infosec
before public detail" for security incidents.

One rule, used by the stage 6 page (the customer-facing summary stays locked), the exports (no
customer-facing export) and anything else that would publish: until the legal/infosec sign-off
is recorded, nothing about a security incident goes to customers.
"""

from __future__ import annotations

from app.domain.model import Postmortem


def awaiting_security_signoff(pm: Postmortem) -> bool:
    """True for a security incident whose legal/infosec sign-off is not recorded yet."""
    return pm.security_incident and pm.security_signoff is None
