"""Routes of the rhythm (run_views), registered on `cxgov.rhythm.views.bp`."""
