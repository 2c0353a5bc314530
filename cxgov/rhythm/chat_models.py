"""Models of the rhythm (chat_models): filled in by its feature."""
