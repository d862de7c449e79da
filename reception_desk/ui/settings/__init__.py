"""Settings: the office's names and place, its staff, the field taxonomy, the hotspot policy,
the printed logbook's layout, attached files, the dialogue rule, the periodic reports, the
chair's reception duty, the UI language and the audit chain head, each on a tab of
``SettingsDialog``.

- ``dialog``: ``SettingsDialog``, the tabs and the signals the main window listens to.
- ``setting_tab``: ``SettingTab``, what every tab over one office setting shares: the version
  read with the value, Save greyed out without the right, the compare-and-set save.
- ``records``: what the Staff and Fields tabs share (a list of records, an edit dialog).
- ``office``: the office's place (``PlaceDialog``) and printed names.
- ``staff``: staff members (``StaffDialog``), deactivated rather than deleted.
- ``taxonomy``: the field taxonomy (``FieldDialog``, ``field_code``).
- ``hotspot_policy``: the office's local hotspot thresholds, weights and reasons.
- ``logbook_layout``: the legal layout of the printed logbook.
- ``attachments``: the size limit per attached file and the scanner folder.
- ``dialogue_policy``: when a complaint needs a dialogue before its decision.
- ``report_options``: the periodic reports' recipients and submission day.
- ``duty``: how often the chair must receive citizens, by date.
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
