"""Stage 2, timeline & impact: the timeline table, its imports, the impact panel and the strip."""
