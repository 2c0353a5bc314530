"""Backup and restore: the JSON export and import of every table, and SQLite's online copy (README, "Backup and
restore")."""
