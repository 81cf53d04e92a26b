"""Data files Retro reads at run time: guidance, rules and templates users can read."""
