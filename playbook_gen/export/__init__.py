"""Exports: the validated model in other shapes (JSON, PDFs, training material)."""
