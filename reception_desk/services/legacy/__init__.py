"""Importing the office's old Excel logbooks as historical visits (issue 15)."""
