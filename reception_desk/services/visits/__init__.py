"""The logbook (sổ tiếp công dân): logging, editing and voiding visits, and reading them back.

``saving`` validates a draft with the domain (``domain.visits.check_visit``), keeps the registry
record behind the visit (never written over another person: ``domain.identity.same_person``) and
numbers the visit with its year's STT (``storage.counters``); ``reading`` builds the visit as the
form and printouts see it and the paged logbook table; ``drafts`` keeps the half-typed form on
the counter PC. The facade is ``Desk`` itself (``desk.log_visit`` …).
"""
