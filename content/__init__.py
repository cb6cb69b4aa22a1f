"""Curated, sourced content (YAML). Loaded and validated by bot.knowledge; never opened by handlers."""

from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent
