"""Pure rules of the reception office. Standard library and pure data packages only.

No I/O, no clock reads (callers pass ``today``/``now``), no user-facing text (codes and enums).
One home per rule, which every door calls: ``visits`` (a visit's checks), ``identity`` (papers
and who is the same person), ``crowds`` (the crowd size rule), ``repeats`` (the same matter),
``redaction`` (the denouncer's identity), ``cases`` (the case state machine), ``deadlines``
(time limits, the acceptance deadline, due status), ``calendar`` (working days), ``hotspots``
(flags and score), ``dates`` (the office's day, typed days), ``numbering`` (document numbers).
"""
