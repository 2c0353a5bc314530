"""Models of the rhythm (mail_models): filled in by its feature."""
