"""Pure rules of the reception office: standard library only, no I/O, no clock reads (callers
pass ``today``/``now``), no user-facing text. One home per rule, which every door calls:
``visits`` (a visit's checks), ``identity`` (papers, ``same_person``), ``crowds`` (crowd size),
``repeats`` (the same matter), ``access`` (rights, the denouncer's identity), ``cases`` (the case
state machine), ``deadlines`` (time limits, acceptance deadline, due status), ``calendar``
(working days), ``hotspots`` (flags and score), ``dates`` (the office's day, typed days),
``numbering`` (document numbers); vocabulary: ``classification``, ``geography``, ``text``
(folding), ``problems`` (what a check reports).
"""
