"""Data and helpers for the hostile-input, crash and concurrency tests."""
