"""Printed, numbered documents: receipts, refusal notices, appointment and transfer slips, and
logbook pages.

``forms`` builds each form's data from a visit (the denouncer redaction rule applied there is
``domain.redaction``), ``header`` the office's NĐ 30/2020 header, ``issuing`` numbers, freezes,
reprints and verifies documents (``codes``: kinds, verification codes, QR payload; ``payload``:
the frozen JSON), ``logbook`` prints the logbook. Legal wording lives in ``printing.wording``.
The facade is ``desk.documents``.
"""
