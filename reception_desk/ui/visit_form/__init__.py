"""The visit form: one logbook entry typed while the citizen stands at the counter.

``form`` holds the ``VisitForm`` page; ``crowd`` the crowd section (several people with the same
content, LEGAL.md §5) that the form embeds.
"""

from reception_desk.ui.visit_form.crowd import CrowdSection
from reception_desk.ui.visit_form.form import CROWD_FIELDS, FIELD_ORDER, VisitForm

__all__ = ["CROWD_FIELDS", "FIELD_ORDER", "CrowdSection", "VisitForm"]
