"""The library file: the only code that speaks SQL."""
