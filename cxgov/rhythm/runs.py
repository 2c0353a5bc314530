"""The log of each run of a rhythm job (reminders, chat digests, month close): filled in by the scheduler."""
