"""Keeping the app up through faults: the cache that fails open, the 503 page, health probes."""
