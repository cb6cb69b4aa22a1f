"""Composition root: builds the long-lived objects and runs popsbot (polling, webhook, console)."""
