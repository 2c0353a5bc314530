"""Routes of the rhythm (calendar_views), registered on `cxgov.rhythm.views.bp`."""
