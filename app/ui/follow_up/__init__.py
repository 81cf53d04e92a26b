"""Stage 6, communication & follow-up."""

from app.ui.follow_up.page import FollowUpPage

__all__ = ["FollowUpPage"]
