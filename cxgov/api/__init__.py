"""The REST API under /api/v1 and the personal tokens that authenticate it."""
