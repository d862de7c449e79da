"""The visit form: one logbook entry typed while the citizen stands at the counter.

Holds every field of both legal logbook layouts (TT 04/2021 Mẫu 03 and NĐ 154/2026 Mẫu 03/TCD,
LEGAL.md §2.1). Keyboard only: Tab walks the fields top to bottom and left to right, Alt plus
the underlined letter jumps to a field, Ctrl+S / Ctrl+Enter saves, Ctrl+P saves and prints the
receipt. Talks to nothing but the ``Desk`` facade; every check is the domain's, the form only
places its messages.

``VisitForm`` is the page: the inputs come from ``VisitEditors`` (editors.py), a picked or
scanned citizen from ``CitizenPicker`` (identity.py), the repeat banner and linked case from
``RepeatLink`` (repeats.py), the messages' places from ``ProblemDisplay`` (problems.py).
"""

from __future__ import annotations

import itertools
import uuid
from dataclasses import replace

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QFocusEvent
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.domain import geography
from reception_desk.domain.access import Permission
from reception_desk.domain.identity import CccdQr
from reception_desk.domain.visits import VisitDraft
from reception_desk.domain.visits import check_visit
from reception_desk.errors import KnownError
from reception_desk.errors import UserError
from reception_desk.errors import ValidationFailed
from reception_desk.i18n import _
from reception_desk.services.citizens.dto import CitizenSummary
from reception_desk.services.desk import Desk
from reception_desk.services.visits.dto import VisitDetail
from reception_desk.texts import format_count
from reception_desk.texts import message_for
from reception_desk.ui.attachments_panel import AttachmentsPanel
from reception_desk.ui.changes import announce
from reception_desk.ui.forms import banner_label
from reception_desk.ui.forms import changed_version
from reception_desk.ui.forms import combo_int
from reception_desk.ui.rights import Rights
from reception_desk.ui.theme import FORM_STYLE
from reception_desk.ui.visit_form.address_choice import OldAddressChooser
from reception_desk.ui.visit_form.editors import VisitEditors
from reception_desk.ui.visit_form.fields import CROWD_FIELDS
from reception_desk.ui.visit_form.fields import FIELD_ORDER
from reception_desk.ui.visit_form.folds import FOLD_NAMES
from reception_desk.ui.visit_form.folds import FormFolds
from reception_desk.ui.visit_form.folds import filled_fold_fields
from reception_desk.ui.visit_form.identity import CitizenPicker
from reception_desk.ui.visit_form.problems import ProblemDisplay
from reception_desk.ui.visit_form.problems import to_error
from reception_desk.ui.visit_form.repeats import RepeatLink

CONFIRMATION_MS = 8000
# Editing one of these looks for earlier visits and cases again (the repeat banner).
_REPEAT_INPUTS = {"citizen_name", "id_doc_type", "id_number", "province", "ward_code",
                  "address_detail", "content"}


class VisitForm(VisitEditors):
    """Edit one visit (new or existing) and save it through the ``Desk``.

    Signals: ``visit_logged(id)`` after a new visit is saved, ``visit_updated(id)`` after an edit
    is saved, ``changed()`` on any edit by the user (the main window debounces draft autosave),
    ``receipt_opened(id)`` when the receipt preview of a visit opened (Ctrl+P).
    """

    visit_logged = Signal(int)
    visit_updated = Signal(int)
    changed = Signal()
    receipt_opened = Signal(int)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self._touched: set[str] = set()
        self._time_follows_clock = True
        self._default_staff_id: int | None = desk.actor.staff_id
        self._editing: VisitDetail | None = None
        #: The uid the new visit will be saved under (kept with its autosaved draft).
        self.visit_uid = str(uuid.uuid4())

        self.setStyleSheet(FORM_STYLE)
        self._build()
        self._connect()
        with self._filling():
            self.province.set_places(geography.provinces())
        self.reload_choices()
        self.clear_form()

    # ================================================================================ building
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.setSpacing(6)

        top = QHBoxLayout()
        self._title = QLabel(self)
        self._title.setProperty("role", "sectionTitle")
        top.addWidget(self._title)
        top.addStretch(1)
        hint = QLabel(_("Ctrl+S or Ctrl+Enter saves · Ctrl+P saves and prints the receipt · "
                        "Alt + underlined letter jumps to a field"), self)
        hint.setEnabled(False)
        hint.setToolTip(_("Ctrl+1: several people with the same content · Ctrl+2: more about "
                          "the case (bodies that already handled it, follow-up, notes, "
                          "incident) · Ctrl+3: documents received and attached files"))
        top.addWidget(hint)
        outer.addLayout(top)

        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(self._scroll.viewport())  # its parent once shown: not re-parented
        self._body = body
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 6, 0)
        column.setSpacing(4)
        sections = self._build_sections(body)
        self._picker = CitizenPicker(self._citizen, self._desk, self._today, self._filling)
        self.old_address = OldAddressChooser(self._citizen, self._desk, self._filling)
        self._repeats = RepeatLink(self._desk, body, self, self.draft,
                                   lambda: self.editing_visit_id)
        self.repeat_banner = self._repeats.banner
        # The parts that tests look at, under the form's own names.
        self._case_row = self._repeats.case_row
        self._case_label = self._repeats.case_label
        self._unlink_button = self._repeats.unlink_button
        self._citizen_note = self._citizen.citizen_note
        reception, citizen, crowd, content, handling, more, documents = sections
        # The scanned đơn and documents received (kept with a new visit until it is saved).
        self.attachments = AttachmentsPanel(self._desk, shortcut_parent=self, parent=body)
        # A common visit on one 1366×768 screen (issue 16): the rarer parts fold (folds.py).
        self.folds = FormFolds(self, body, crowd, more, documents, self.attachments,
                               FOLD_NAMES)
        # Reception and citizen; the earlier visits and the linked case; then the matter.
        for widget in (reception, citizen, self.repeat_banner, self._case_row, content,
                       self.folds.crowd, handling, self.folds.more, self.folds.documents):
            column.addWidget(widget)
        column.addStretch(1)
        self._scroll.setWidget(body)
        outer.addWidget(self._scroll, 1)
        self._problems = ProblemDisplay(
            cells=self._cells, scroll=self._scroll, crowd=self.crowd, documents=self.documents,
            override_cell=self._citizen.override_cell, override_reason=self.id_override_reason)

        bottom = QHBoxLayout()
        self._banner = banner_label(self)
        self._banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bottom.addWidget(self._banner, 1)
        self._save_button = QPushButton(_("Save (Ctrl+S)"), self)
        self._save_button.setAccessibleName(_("Save the visit"))
        self._save_button.setAutoDefault(False)
        self._print_button = QPushButton(_("Print receipt (Ctrl+P)"), self)
        self._print_button.setAccessibleName(_("Save the visit and print its receipt"))
        self._print_button.setAutoDefault(False)
        bottom.addStretch()  # takes the room while the message line is hidden
        for button in (self._print_button, self._save_button):
            bottom.addWidget(button, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        outer.addLayout(bottom)

        self._banner_timer = QTimer(self)
        self._banner_timer.setSingleShot(True)
        self._banner_timer.setInterval(CONFIRMATION_MS)

        self._save_shortcuts: list[QShortcut] = []
        for sequence in ("Ctrl+S", "Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.save)
            self._save_shortcuts.append(shortcut)
        print_shortcut = QShortcut(QKeySequence("Ctrl+P"), self)
        print_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        print_shortcut.activated.connect(self.save_and_print)
        # Saving needs "log visits" (a new visit) or "edit visits" (a saved one): _update_title.
        self.rights = Rights(self._desk.access, self)
        self._print_shortcut = print_shortcut  # gated with the save rights: _update_title

        order: list[QWidget] = []
        for name in FIELD_ORDER:
            if name == "people_count":
                order.extend(self.crowd.tab_widgets())
            elif name in self._cells and name not in CROWD_FIELDS:
                order.append(self._cells[name].editor)
        order += [*self.attachments.tab_widgets(), self._print_button, self._save_button]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        for line in (self.citizen_name, self.id_number, self.id_override_reason,
                     self.id_issue_place, self.address_detail, self.phone, self.target_body,
                     self.target_doc_number, self.birth_date, self.id_issue_date,
                     self.incident_note):
            line.textChanged.connect(self._on_editor_edited)
        for text in (self.content, self.prior_bodies, self.follow_up, self.notes):
            text.textChanged.connect(self._on_editor_edited)
            text.paste_truncated.connect(self._on_text_paste_truncated)
        for combo in (self.kind, self.receiving_staff, self.presiding_leader, self.sex,
                      self.id_doc_type, self.petition_type, self.field_code, self.direction):
            combo.currentIndexChanged.connect(self._on_editor_edited)
        self.province.place_changed.connect(self._on_editor_edited)
        self.ward.place_changed.connect(self._on_editor_edited)
        self.received_at.dateTimeChanged.connect(self._on_editor_edited)
        for box in (self.within_competence, self.incident):
            box.toggled.connect(self._on_editor_edited)
        self.documents.rows_changed.connect(self._on_editor_edited)
        self.crowd.changed.connect(self._on_crowd_changed)
        self._picker.filled.connect(self._on_picker_filled)
        self._picker.notice.connect(self._on_picker_notice)
        self._picker.card_read.connect(self.old_address.offer)
        self.address_detail.editingFinished.connect(self.old_address.offer_typed)
        self.old_address.placed.connect(self._on_picker_filled)
        self._repeats.case_chosen.connect(self._on_repeats_case_chosen)
        self._repeats.lookup_failed.connect(self._on_repeats_lookup_failed)
        self._unlink_button.clicked.connect(self._on_unlink_button_clicked)
        self._print_button.clicked.connect(self.save_and_print)
        self.attachments.pending_changed.connect(self.changed)  # the draft keeps the files
        self._connect_choices()
        self._save_button.clicked.connect(self.save)
        self._banner_timer.timeout.connect(self._banner.hide)
        for editor in self._cells.editors():
            editor.installEventFilter(self)

    # ================================================================================ the draft
    def draft(self) -> VisitDraft:
        """The form's content as a draft (nothing is checked or normalised here)."""
        return replace(self._draft(self._picker.citizen_id(), self._repeats.case_id),
                       citizen_version=self._picker.citizen_version())

    def set_draft(self, draft: VisitDraft, visit_uid: str | None = None) -> None:
        """Fill the form from ``draft`` (a restored autosave, with the uid it was promised).
        Emits no ``changed``."""
        if visit_uid:
            self.visit_uid = visit_uid
        with self._filling():
            self._problems.clear()
            self.citizen_search.close_popup()
            if draft.received_at is not None:
                self._reception.set_received_at(draft.received_at)
                self._time_follows_clock = False
            else:
                self._reception.set_received_at(self._desk.now())
                self._time_follows_clock = True
            self._write_draft(draft)
            self.folds.show_filled(filled_fold_fields(
                draft.people_count, len(draft.members),
                {"prior_bodies": draft.prior_bodies, "follow_up": draft.follow_up,
                 "notes": draft.notes, "incident_note": draft.incident_note},
                draft.incident, len(draft.documents)))
            self._picker.attach(draft.citizen_id, draft.citizen_version)
            self._touched.clear()
        self._update_enabled()
        self._picker.show_note()
        self._repeats.load(draft.case_id)
        self._schedule_repeats()

    # ================================================================================ modes
    @property
    def editing_visit_id(self) -> int | None:
        """The visit being edited, or None while a new visit is typed."""
        return self._editing.id if self._editing else None

    def clear_form(self) -> None:
        """A blank form for a new visit: defaults for staff, kind, time and place."""
        self._editing = None
        self.visit_uid = str(uuid.uuid4())
        self.set_draft(VisitDraft(receiving_staff_id=self._default_staff_id,
                                  ward_code=self._office_commune))
        self.attachments.show_record(None)
        self._update_title()

    def _reset_for_next(self) -> None:
        """After a save: blank for the next citizen, same official, kind and leader."""
        keep = self.draft()
        self._editing = None
        self.visit_uid = str(uuid.uuid4())
        self.set_draft(VisitDraft(
            kind=keep.kind,
            receiving_staff_id=keep.receiving_staff_id,
            presiding_leader_id=combo_int(self.presiding_leader),
            ward_code=self._office_commune,
        ))
        self.attachments.show_record(None)
        self._update_title()
        self.focus_first_field()

    def load_visit(self, visit_id: int) -> bool:
        """Open a saved visit for editing; False (and a message) if it cannot be edited."""
        try:
            detail = self._desk.visit(visit_id)
        except UserError as exc:
            self._show_banner(message_for(exc), error=True)
            return False
        if detail.voided:
            self._show_banner(message_for(UserError("visit.voided_cannot_edit")), error=True)
            return False
        self.set_draft(detail.to_draft())
        self._editing = detail
        self.attachments.show_record(detail.id)
        self._update_title()
        self._hide_banner()
        self.focus_first_field()
        return True

    def set_default_staff(self, staff_id: int | None) -> None:
        """The official on duty changed: new blank forms use them; a blank form switches now."""
        self._default_staff_id = staff_id
        if self._editing is None and "receiving_staff_id" not in self._touched:
            with self._filling():
                self._choose_staff(self.receiving_staff, staff_id)

    def focus_first_field(self) -> None:
        self.citizen_name.setFocus(Qt.FocusReason.OtherFocusReason)
        self._scroll.ensureWidgetVisible(self.citizen_name)

    def is_blank(self) -> bool:
        """Nothing about a citizen typed yet (staff, kind, time and place are defaults)."""
        return self._editing is None and self._nothing_typed()

    def _update_title(self) -> None:
        if self._editing is not None:
            self._title.setText(_("Editing visit No. {stt}").format(stt=self._editing.stt))
            self._save_button.setText(_("Save changes (Ctrl+S)"))
        else:
            self._title.setText(_("New visit"))
            self._save_button.setText(_("Save (Ctrl+S)"))
        needed = Permission.EDIT_VISITS if self._editing is not None else Permission.LOG_VISITS
        for target in (self._save_button, *self._save_shortcuts):
            self.rights.gate(target, needed)
        # Ctrl+P saves a new visit first; an opened one unchanged is only printed.
        printing = ((Permission.ISSUE_DOCUMENTS,) if self._editing is not None
                    else (Permission.LOG_VISITS, Permission.ISSUE_DOCUMENTS))
        for target in (self._print_button, self._print_shortcut):
            self.rights.gate(target, printing)

    # ================================================================================ saving
    @Slot()
    def save(self) -> int | None:
        """Check and save; returns the visit id, or None when problems are shown instead."""
        self._finish_pending_edits()
        local = self._local_problems()
        draft = self.draft()
        if local:
            local_fields = {p.field for p in local}
            others = [p for p in check_visit(draft, self._desk.now(), self._crowd_threshold)
                      if p.field not in local_fields]
            self._show_problems([to_error(p) for p in [*local, *others]])
            return None
        editing = self._editing
        try:
            if editing is None:
                detail, _changes = announce(self._desk, self._desk.log_visit(draft, self.visit_uid))
            else:
                detail, _changes = announce(self._desk, self._desk.update_visit(
                    editing.id, draft, editing.version))
        except ValidationFailed as exc:
            self._show_problems(list(exc.problems))
            return None
        except UserError as exc:
            if exc.code == "citizen.changed_elsewhere":
                # Nothing was saved; the typed values stay. Told which fields another counter
                # changed, the clerk checks them and saves again to keep theirs.
                self._picker.adopt_version(changed_version(exc, 0))
            self._show_problems([exc])
            return None
        except KnownError as exc:
            self._show_banner(message_for(exc), error=True)
            return None
        if editing is None:
            text = _("Visit No. {stt} saved.").format(stt=detail.stt)
            text = " ".join([text, *self._attach_pending(detail.id)])
        else:
            text = _("Changes to visit No. {stt} saved.").format(stt=detail.stt)
        self._reset_for_next()
        self._show_banner(text, error=False)
        if editing is None:
            self.visit_logged.emit(detail.id)
        else:
            self.visit_updated.emit(detail.id)
        return detail.id

    def _attach_pending(self, visit_id: int) -> list[str]:
        """The files kept with the new visit, attached now it is saved: what to say of them."""
        done, problems = self.attachments.attach_pending(visit_id)
        said = [_("Files attached: {count}.").format(count=format_count(done))] if done else []
        return said + problems

    @Slot()
    def save_and_print(self) -> int | None:
        """Ctrl+P: save (as Ctrl+S does), then open the visit's receipt in the print preview.

        An opened visit that was not changed is not saved again, only printed: the documents
        service then reprints its last receipt as a copy ("BẢN SAO") instead of a new number.
        Returns the visit id, or None when nothing could be saved (problems are shown).
        """
        self._finish_pending_edits()
        editing = self._editing
        if editing is not None and self.draft() == editing.to_draft():
            visit_id: int | None = editing.id
            self._reset_for_next()
        else:
            visit_id = self.save()
        if visit_id is None:
            return None
        from reception_desk.ui.print_preview import print_visit_receipt  # QtPdf: load on use

        try:
            print_visit_receipt(self._desk, visit_id, self.window())
        except (UserError, KnownError) as exc:
            saved = self.banner_text()
            text = message_for(exc)
            self._show_banner(f"{saved}\n{text}" if saved else text, error=True)
            return visit_id
        self.receipt_opened.emit(visit_id)
        return visit_id

    # ================================================================================ problems
    def _show_problems(self, errors: list[UserError]) -> None:
        """Every message next to its field; the first faulty field gets the focus."""
        self.folds.open_for({str(getattr(e, "field", "") or "") for e in errors})
        self._problems.show_all(errors, self._show_error_banner)

    def _show_error_banner(self, text: str) -> None:
        self._show_banner(text, error=True)

    def _recheck(self, wanted: set[str]) -> None:
        """Check the draft again and refresh the messages of the ``wanted`` fields."""
        if not wanted:
            return
        problems = [*self._local_problems(),
                    *check_visit(self.draft(), self._desk.now(), self._crowd_threshold)]
        self._problems.refresh(wanted, problems)

    # ================================================================================ banner
    def _show_banner(self, text: str, *, error: bool) -> None:
        """A red message stays until the next one; a green one goes after a few seconds."""
        self._banner.setText(text)
        self._banner.setProperty("tone", "error" if error else "success")
        style = self._banner.style()
        style.unpolish(self._banner)
        style.polish(self._banner)
        self._banner.show()
        if error:
            self._banner_timer.stop()
        else:
            self._banner_timer.start()

    def _hide_banner(self) -> None:
        self._banner_timer.stop()
        self._banner.hide()

    def banner_text(self) -> str:
        return self._banner.text() if self._banner.isVisible() else ""

    # ================================================================================ events
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.FocusOut
            and isinstance(event, QFocusEvent)
            and event.reason() not in (Qt.FocusReason.PopupFocusReason,
                                       Qt.FocusReason.ActiveWindowFocusReason)
            and watched.objectName() in self._cells
        ):
            self._recheck(self._problems.to_recheck(watched.objectName(), self._touched))
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            # Esc closes popups (handled before us) and never clears or leaves the form.
            self._hide_banner()
            event.accept()
            return
        super().keyPressEvent(event)

    @Slot()
    def _on_editor_edited(self) -> None:
        if self._loading:
            return
        sender = self.sender()
        name = sender.objectName() if sender is not None else ""
        self._note_edit({name} if name else set())
        if name in {"direction", "target_body", "target_doc_number"}:
            self._update_enabled()
        if name in {"citizen_name", "id_number", "id_doc_type"}:
            self._picker.show_note()
        self.changed.emit()

    def _note_edit(self, names: set[str] | frozenset[str]) -> None:
        """Bookkeeping of an edit by the clerk: the reception time, touched fields, repeats."""
        if "received_at" in names:
            self._time_follows_clock = False
        elif self._time_follows_clock:
            # The citizen arrived when the clerk began typing, not when the last visit was saved.
            self._time_follows_clock = False
            with self._filling():
                self._reception.set_received_at(self._desk.now())
        self._touched.update(names)
        if names & _REPEAT_INPUTS:
            self._schedule_repeats()

    @Slot()
    def _on_crowd_changed(self) -> None:
        self.folds.follow_crowd(self.crowd.people_count())
        if self._loading:
            return
        self._note_edit({"people_count"})
        self._update_enabled()
        self._recheck({n for n in CROWD_FIELDS if self._cells.messages(n)})
        self.changed.emit()

    # ================================================================================ citizens
    @Slot(object)
    def fill_from_citizen(self, citizen: CitizenSummary) -> None:
        """A citizen picked from the registry: their identity and contact fill the form."""
        self._picker.fill_from_citizen(citizen)

    @Slot(object)
    def fill_from_qr(self, qr: CccdQr) -> None:
        """A chip card's QR: number, name, birth date, sex, address and issue date. A registry
        record with that number (exactly one) is attached, so no duplicate person is made."""
        self._picker.fill_from_qr(qr)

    def take_card(self, qr: CccdQr) -> None:
        """A card read by the serial scanner, whatever had the focus: the card fills the form
        and the focus goes on to the content (unless a split ward's choice is asked first)."""
        self._picker.fill_from_qr(qr)
        if not self.old_address.choices.hasFocus():
            self.content.setFocus(Qt.FocusReason.OtherFocusReason)
            self._scroll.ensureWidgetVisible(self.content)

    def show_notice(self, text: str, *, error: bool) -> None:
        """A sentence on the form's message line (a scan refused by the serial scanner)."""
        self._show_banner(text, error=error)

    @Slot(object)
    def _on_picker_filled(self, names: frozenset[str]) -> None:
        self._note_edit(names)
        if self.id_override_reason.text().strip() == "" and not self._problems.overridden:
            self._citizen.override_cell.hide()
        # A scanned name is checked at once: a keyboard-mode scan may have lost its accents.
        self._recheck({n for n in names if n in self._cells and (
            self._cells.messages(n) or n == "citizen_name")})
        self._picker.show_note()
        self.changed.emit()

    @Slot(str, bool)
    def _on_picker_notice(self, text: str, error: bool) -> None:
        self._show_banner(text, error=error)

    # ================================================================================ repeats
    def _schedule_repeats(self) -> None:
        self._repeats.schedule(bool(self.citizen_name.text().strip()
                                    or self.id_number.text().strip()))

    def check_repeats_now(self) -> None:
        """Run the pending repeat look-up at once (tests, or before a decision)."""
        self._repeats.check_now()

    def link_case(self, case_id: int | None) -> None:
        """Attach the visit to an existing matter (None: a new matter, as by default)."""
        if self._repeats.set_case(case_id) and not self._loading:
            self._note_edit(set())
            self.changed.emit()

    def linked_case_id(self) -> int | None:
        return self._repeats.case_id

    @Slot(int)
    def _on_repeats_case_chosen(self, case_id: int) -> None:
        self.link_case(case_id)

    @Slot(str)
    def _on_repeats_lookup_failed(self, text: str) -> None:
        self._show_banner(text, error=True)

    @Slot()
    def _on_unlink_button_clicked(self) -> None:
        self.link_case(None)
        self.citizen_name.setFocus(Qt.FocusReason.OtherFocusReason)

    # ================================================================================ other keys
    @Slot(int, int)
    def _on_text_paste_truncated(self, total: int, kept: int) -> None:
        self._show_banner(_("The pasted text was too long ({total} characters): only the first "
                            "{kept} were kept.").format(total=format_count(total),
                                                        kept=format_count(kept)),
                          error=True)


