"""The diagram canvas and the off-thread rendering that feeds it."""
