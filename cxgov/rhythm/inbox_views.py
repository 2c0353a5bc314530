"""Routes of the rhythm (inbox_views), registered on `cxgov.rhythm.views.bp`."""
