"""Reception Desk — Sổ tiếp công dân điện tử: the commune's citizen-reception logbook, offline.

Layers, each importing only those below it (import-linter contracts in pyproject.toml):
``app``/``cli`` → ``ui``/``demo`` → ``texts`` (error sentences, labels) → ``services`` (use
cases by feature) → ``printing``/``storage`` → ``domain`` (pure rules, one home each).
``config``, ``paths``, ``errors``, ``i18n`` and ``log`` are shared by every layer. README
"Architecture" maps the packages and where each rule lives.
"""
__version__ = "0.1.0"
