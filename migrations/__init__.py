"""Numbered schema migrations (sqlite-utils Migrations)."""
