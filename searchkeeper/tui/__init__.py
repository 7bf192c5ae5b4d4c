"""The dashboard: a Textual view over the core."""
