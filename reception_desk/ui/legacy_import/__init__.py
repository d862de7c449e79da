"""The import wizard for the office's old Excel logbooks (File ▸ Import old logbook…, issue 15)."""

from reception_desk.ui.legacy_import.wizard import LegacyImportWizard

__all__ = ["LegacyImportWizard"]
