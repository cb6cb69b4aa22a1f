"""Case reports: an officer's report of suspected illegal traffic, routed to the focal points of
the country, followed to closure (docs/cases.md). Plain async Python; no aiogram here."""
