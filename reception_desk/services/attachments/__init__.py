"""Attachments: the scanned đơn and documents received, stored content-addressed in the database
(``desk.attachments``; issue 10 item 4)."""
