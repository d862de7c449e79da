"""Settings: the office's names and place, its staff, the field taxonomy, the hotspot policy,
the printed logbook's layout and the UI language, each on a tab of ``SettingsDialog``."""

from reception_desk.ui.settings.dialog import (
    LANGUAGE_KEY,
    FieldDialog,
    PlaceDialog,
    SettingsDialog,
    StaffDialog,
    field_code,
)

__all__ = ["LANGUAGE_KEY", "FieldDialog", "PlaceDialog", "SettingsDialog", "StaffDialog",
           "field_code"]
