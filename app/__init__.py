"""Retro: a facilitator for blameless incident postmortems."""

__version__ = "0.1.0"
