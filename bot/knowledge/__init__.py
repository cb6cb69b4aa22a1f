"""Knowledge core: curated POP/HS content, its schema, search and answer cards (no Telegram)."""
