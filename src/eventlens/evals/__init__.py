"""One module per benchmark; each exposes ``run(settings, shared, limit) -> Report``."""
