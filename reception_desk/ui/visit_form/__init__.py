"""The visit form: one logbook entry typed while the citizen stands at the counter.

- ``form``: ``VisitForm``, the page: assembly, keys, modes (new, editing), checking and saving,
  the messages' banner, and the glue between the parts below.
- ``editors``: every input and the ``VisitDraft`` they hold (``VisitForm``'s base class).
- ``sections``: the titled sections top to bottom, each with its own editors and choices.
- ``fields``: the fields by name, their captioned cells and message lines, the tab order.
- ``problems``: where a problem of the domain shows and how it reads.
- ``identity``: the picked registry person (kept or detached) and a QR scanned into a field.
- ``repeats``: earlier visits and cases (the repeat banner) and the case the visit joins.
- ``crowd``: the crowd section (several people with the same content, LEGAL.md §5).
"""

from reception_desk.ui.visit_form.crowd import CrowdSection
from reception_desk.ui.visit_form.fields import CROWD_FIELDS
from reception_desk.ui.visit_form.fields import FIELD_ORDER
from reception_desk.ui.visit_form.form import VisitForm

__all__ = ["CROWD_FIELDS", "FIELD_ORDER", "CrowdSection", "VisitForm"]
