"""Repositories: the only code that writes SQL. They flush, never commit; services commit."""
