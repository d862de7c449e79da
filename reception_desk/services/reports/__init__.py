"""Statutory periodic reports (issue 13): 01/TCD and 01/XLD for any window, with drill-down."""
