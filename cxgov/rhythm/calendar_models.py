"""Models of the rhythm (calendar_models): filled in by its feature."""
