"""Tests for the quick-capture command bar."""
