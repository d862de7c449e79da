"""Settings: the office's names and place, its staff, the field taxonomy, the hotspot policy,
the printed logbook's layout and the UI language, each on a tab of ``SettingsDialog``.

- ``dialog``: ``SettingsDialog``, the tabs and the signals the main window listens to.
- ``office``: the office's place (``PlaceDialog``) and printed names.
- ``staff``: staff members (``StaffDialog``), deactivated rather than deleted.
- ``taxonomy``: the field taxonomy (``FieldDialog``, ``field_code``).
- ``hotspot_policy``: the office's local hotspot thresholds, weights and reasons.
- ``logbook_layout``: the legal layout of the printed logbook.
- ``language``: the UI language of this computer (``LANGUAGE_KEY`` in QSettings).
- ``integrity``: the audit chain head's short code (copy it; check an earlier one).
"""

from reception_desk.ui.settings.dialog import SettingsDialog
from reception_desk.ui.settings.language import LANGUAGE_KEY
from reception_desk.ui.settings.office import PlaceDialog
from reception_desk.ui.settings.staff import StaffDialog
from reception_desk.ui.settings.taxonomy import FieldDialog
from reception_desk.ui.settings.taxonomy import field_code

__all__ = ["LANGUAGE_KEY", "FieldDialog", "PlaceDialog", "SettingsDialog", "StaffDialog",
           "field_code"]
