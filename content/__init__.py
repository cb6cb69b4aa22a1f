"""Curated, sourced content (YAML), loaded and validated by bot.knowledge; never by handlers."""

from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent
