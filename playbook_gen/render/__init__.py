"""Rendering: the validated model becomes Markdown pages and an engine config, all in memory."""
