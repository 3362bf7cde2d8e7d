"""Content packs: the typed model, the position-keeping YAML loader, and lint."""
