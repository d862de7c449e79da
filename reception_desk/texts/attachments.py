"""Messages of attached files (services/attachments): adding, opening, voiding, the scanner
folder. Vietnamese in parts/attachments.po."""

from __future__ import annotations

from reception_desk.i18n import N_

MESSAGES: dict[str, str] = {
    "attachment.name_required": N_("The file has no name."),
    "attachment.limit_out_of_range": N_(
        "The size limit per file must be between {min} and {max} MB."
    ),
    "attachment.empty": N_("The file is empty: nothing to attach."),
    "attachment.too_large": N_(
        "The file is {size_mb} MB, over the office's limit of {limit_mb} MB per attachment. "
        "Scan it at a lower resolution or split it, or ask the administrator to raise the "
        "limit (Settings → Attachments)."
    ),
    "attachment.record_not_found": N_("The record to attach the file to no longer exists."),
    "attachment.visit_voided": N_("The visit is voided: nothing can be attached to it."),
    "attachment.already_attached": N_(
        "This file is already attached to this record (as \"{name}\")."
    ),
    "attachment.file_changed": N_(
        "The file {path} changed while it was being read (is the scanner still writing it?). "
        "Nothing was attached; try again in a moment."
    ),
    "attachment.not_found": N_("The attachment no longer exists."),
    "attachment.content_missing": N_(
        "The content of attachment {id} is missing from the database: run the integrity "
        "check (reception-desk check)."
    ),
    "attachment.confidential": N_(
        "This attachment belongs to a denunciation and is kept secret (Luật Tố cáo, Art. 9): "
        "only the chairperson or a vice-chair may open it, with a reason. You can see that it "
        "exists, not its name or content."
    ),
    "attachment.already_voided": N_("The attachment is already voided."),
    "attachment.void_reason_required": N_("Say why the attachment is voided."),
    "attachment.scanner_folder_missing": N_(
        "The scanner folder {path} does not exist or cannot be reached. Check the folder in "
        "Settings → Attachments, or that the scanner's shared folder is connected."
    ),
}

