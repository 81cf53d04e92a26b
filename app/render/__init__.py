"""Pictures of a postmortem, drawn without Qt so the UI, the CLI and the exports share them."""
