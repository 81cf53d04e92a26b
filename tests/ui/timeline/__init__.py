"""Tests for the stage-2 timeline table and page."""
