"""Events: organizers' events, participants' registrations, reminders and follow-ups through
the delivery outbox, and audience broadcasts. Plain Python: no aiogram in this package."""
