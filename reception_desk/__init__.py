"""Reception Desk — Sổ tiếp công dân điện tử."""
__version__ = "0.1.0"
