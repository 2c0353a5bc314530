"""Printed documents: HTML rendered to PDF by WeasyPrint with the app's own print stylesheet and fonts."""
