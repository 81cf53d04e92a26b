"""The library-wide follow-ups view: open action items and upcoming reviews."""

from app.ui.followups.view import FollowUpsView

__all__ = ["FollowUpsView"]
