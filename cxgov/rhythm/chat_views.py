"""Routes of the rhythm (chat_views), registered on `cxgov.rhythm.views.bp`."""
