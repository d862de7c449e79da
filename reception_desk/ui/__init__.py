"""The screens: PySide6 (only here and in ``app``), talking to ``services.desk.Desk``, wording
errors through ``reception_desk.texts``, never holding a session. Packages: ``visit_form``,
``cases``, ``settings``, ``logbook``, ``legacy_import`` (the old-logbook wizard), ``scanner``
(serial card readers). Screens: ``main_window``, ``hotspots``, ``sessions`` (the head's
reception schedule), ``reports`` and ``report_trend`` (statutory reports), ``sign_in``,
``lock_screen``, ``users_dialog``, ``reveal_dialog``, ``attachments_panel``,
``documents_dialogs`` (the issued list; its forms in ``issue_forms`` on ``issue_dialog``),
``calendar_dialog``, ``backup_dialog``, ``setup_wizard``, ``merge_dialog``,
``global_search``, ``citizen_search``, ``repeat_banner``, ``verify_dialog``, ``print_preview``,
``crash_dialog``, ``shortcuts``. Shared: ``changes`` (every call of a use case announces the
``Changes`` it returns; pages subscribe and re-read only what changed), ``forms``, ``widgets``,
``datetime_row`` (day and time fields), ``participants`` (lists typed one item a line),
``rights`` (greys what the signed-in role may not do), ``session_guard``, ``due_status`` (how a
due status looks), ``timers``, ``theme``, ``paged_table``,
``lazy_page``, ``background`` (slow calls off the UI thread), ``gc_guard``, ``qt_strings``,
``messages_documents`` and ``messages_hotspots`` (screen words of those features).

Importing ``ui`` stops PySide6 reading the source of each module imported after it
(``pyside_scan``, issue 17).
"""

from reception_desk.ui import pyside_scan

pyside_scan.install()
