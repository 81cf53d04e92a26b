"""The final review: the checklist and blameless-language flags."""
