"""Pure rules of the reception office: standard library only, no I/O, no clock reads (callers
pass ``today``/``now``), no user-facing text. One home per rule, which every door calls:
``visits`` (a visit's checks), ``identity`` (papers, ``same_person``), ``crowds`` (crowd size),
``repeats`` (the same matter), ``access`` (roles, rights, accounts), ``secrecy`` (the
denouncer's identity: who sees what, what a slip withholds), ``cases`` (the case state
machine), ``deadlines`` (time limits, acceptance deadline, due status), ``calendar`` (working
days), ``transfers`` (a visit's transfer limit), ``hotspots`` (flags and score), ``sessions``
(the head's reception duty), ``dialogues`` (when a complaint needs one), ``periods`` and
``report_forms`` (statutory report periods and columns), ``numbering`` (a visit's displayed
STT), ``names``, ``old_addresses`` (2025 commune merger), ``legacy_*`` (old Excel logbooks),
``scanner`` (what a card reader sends), ``attachments``, ``audit_chain`` (the hash chain),
``dates`` (the office's day, typed days); vocabulary: ``classification``, ``geography``,
``text`` (folding), ``problems`` (what a check reports).
"""
