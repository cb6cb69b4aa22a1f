"""popsbot: a Telegram assistant for POPs at the border (customs, focal points, organizers)."""

__version__ = "0.1.0"
