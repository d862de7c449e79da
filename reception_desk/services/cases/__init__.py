"""Case files (vụ việc) through handling levels, against their legal deadlines.

The event log is the truth; ``history`` replays it through the domain state machine and writes
the caches the lists sort on. ``opening`` opens and links cases and names their citizens,
``events`` records what happens, ``detail`` reads one case, ``lists`` pages the case list and
counts statuses (due status: ``domain.deadlines.status_for``), ``calendar_edits`` changes the
office calendar and deadline rules and recomputes open cases. The facade is ``desk.cases``.
"""
