"""Models of the rhythm (inbox_models): filled in by its feature."""
