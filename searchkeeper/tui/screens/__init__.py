"""The dashboard's screens and dialogs, one module each, imported by path when first opened."""
