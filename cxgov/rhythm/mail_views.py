"""Routes of the rhythm (mail_views), registered on `cxgov.rhythm.views.bp`."""
