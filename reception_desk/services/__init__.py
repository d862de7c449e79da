"""Use cases: validate with the domain, persist through storage, audit in the same transaction.

Grouped by feature, each package with its use cases, its facade (``desk.py``) and its plain data
(``dto.py``): ``visits`` (the logbook), ``citizens`` (the registry), ``cases`` (case files and
their deadlines), ``documents`` (printed forms), ``hotspots`` (weekly list, directives, pack),
``office`` (set-up, the office's rules, maintenance), ``exchange`` (JSON Lines export/import).
``desk.Desk`` is the facade the UI and the command line hold; ``context`` the actor, the moment
and the ``DeskContext`` the feature facades depend on. No SQL here: named queries in storage.
"""
