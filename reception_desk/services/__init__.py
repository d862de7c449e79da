"""Use cases: validate with the domain, persist through storage, audit in the same transaction.

Grouped by feature, each package with its use cases, its facade (``desk.py``) and its plain data
(``dto.py``): ``visits`` (the logbook), ``citizens`` (the registry), ``cases`` (case files and
their deadlines), ``documents`` (printed forms), ``hotspots`` (weekly list, directives, pack),
``sessions`` (the head's reception sessions and duty), ``reports`` (statutory reports),
``attachments`` (scanned files), ``legacy`` (old Excel logbooks), ``access`` (accounts, rights
``@needs``, secrecy), ``office`` (set-up, the office's rules, maintenance, integrity, backup),
``exchange`` (JSON Lines export/import). ``desk.Desk`` is the facade the UI and the command line
hold; ``context`` the actor, the moment and the ``DeskContext`` the feature facades depend on;
``facade`` what every feature facade starts from; ``stamped`` results kept per data stamp.
No SQL here: named queries in storage.
"""
