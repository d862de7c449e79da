"""Pure rules of the reception office. Standard library and pure data packages only.

No I/O, no clock reads (callers pass ``today``/``now``), no user-facing text (codes and enums).
"""
