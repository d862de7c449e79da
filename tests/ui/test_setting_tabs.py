"""Every settings tab over one office setting (``ui.settings.setting_tab.SettingTab``) behaves
alike: its Save is greyed out, with the services' reason, for a user without the right to manage
settings; a save from a stale read (another screen saved the setting since) is refused with the
message shown, keeps what was typed, and takes the setting's version now, so that saving again
knowingly replaces the other values."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel

from reception_desk.domain.access import Role
from reception_desk.domain.dialogues import POLICY_KEY as DIALOGUE_KEY
from reception_desk.i18n import set_language
from reception_desk.services.attachments.settings import SETTINGS_KEY
from reception_desk.services.documents.logbook import LOGBOOK_LAYOUT_SETTING
from reception_desk.services.office.rules import POLICY_KEY as HOTSPOT_KEY
from reception_desk.services.office.setup import OFFICE_KEY
from reception_desk.services.reports.options import OPTIONS_KEY
from reception_desk.services.sessions.duty import RULES_KEY
from reception_desk.ui.settings.attachments import AttachmentsTab
from reception_desk.ui.settings.dialogue_policy import DialoguePolicyTab
from reception_desk.ui.settings.duty import DutyRulesTab
from reception_desk.ui.settings.hotspot_policy import HotspotPolicyTab
from reception_desk.ui.settings.logbook_layout import LogbookLayoutTab
from reception_desk.ui.settings.office import OfficeTab
from reception_desk.ui.settings.report_options import ReportOptionsTab
from reception_desk.ui.settings.setting_tab import SettingTab
from tests.conftest import sign_in_as

#: Each tab and the setting it edits.
TABS = {AttachmentsTab: SETTINGS_KEY, DialoguePolicyTab: DIALOGUE_KEY, DutyRulesTab: RULES_KEY,
        HotspotPolicyTab: HOTSPOT_KEY, LogbookLayoutTab: LOGBOOK_LAYOUT_SETTING,
        OfficeTab: OFFICE_KEY, ReportOptionsTab: OPTIONS_KEY}
REFUSED = "Another counter has just saved the setting"


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("en")


def _shown(tab: SettingTab) -> str:
    return "\n".join(label.text() for label in tab.findChildren(QLabel) if label.isVisibleTo(tab))


@pytest.mark.parametrize("tab_class", TABS, ids=lambda c: c.__name__)
def test_a_save_from_a_stale_read_is_refused_then_saved_knowingly(qtbot, sqlite_desk,
                                                                  tab_class):  # type: ignore[no-untyped-def]
    sign_in_as(sqlite_desk, Role.ADMINISTRATOR)
    stale, other = tab_class(sqlite_desk), tab_class(sqlite_desk)
    for tab in (stale, other):
        qtbot.addWidget(tab)
        tab.show()
    assert stale.save_button.isEnabled()
    assert other.save() and other.version == stale.version + 1
    assert "Saved." in _shown(other)

    assert not stale.save()
    assert REFUSED in _shown(stale)
    assert stale.version == other.version  # the version now: the next save replaces knowingly
    assert stale.save()
    assert "Saved." in _shown(stale) and REFUSED not in _shown(stale)
    assert stale.version == sqlite_desk.setting_version(TABS[tab_class])


@pytest.mark.parametrize("tab_class", TABS, ids=lambda c: c.__name__)
def test_save_is_greyed_out_with_the_reason_without_the_right(qtbot, sqlite_desk,
                                                              tab_class):  # type: ignore[no-untyped-def]
    sign_in_as(sqlite_desk, Role.CASE_HANDLER)
    tab = tab_class(sqlite_desk)
    qtbot.addWidget(tab)
    assert not tab.save_button.isEnabled()
    assert "“change the office settings”" in tab.save_button.toolTip()
    sign_in_as(sqlite_desk, Role.ADMINISTRATOR)  # the quick switch of user re-evaluates
    assert tab.save_button.isEnabled() and tab.save_button.toolTip() == ""
