"""Printed, numbered documents: receipts, refusal notices, appointment and transfer slips, and
logbook pages.

``forms`` builds each form's data from a visit (the denouncer rule applied there is
``domain.secrecy.withholds_identity``, through ``services.access.secrecy``; the office's header
is ``office.header``), ``issuing`` numbers, freezes,
reprints and verifies documents (``codes``: kinds, verification codes, QR payload; ``payload``:
the frozen JSON), ``logbook`` prints the logbook. Legal wording lives in ``printing.wording``.
The facade is ``desk.documents``.
"""
