"""Delivery: the one idempotent, rate-limited, crash-safe path for messages popsbot sends on
its own (alerts, status updates, reminders, follow-ups, broadcasts).

Services put rows in the outbox inside their own transaction (`outbox.enqueue`); the sender
claims due rows and talks to Telegram. Nothing else sends unprompted messages.
"""
