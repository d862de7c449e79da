"""The field categories the statutory forms count by, seeded: 03/XLD columns 10–12 read
``tc.hc.chinh_sach``, ``tc.hc.dat_dai``, ``tc.hc.cong_vu`` and 04/XLD column 11 reads
``pakn.tu_phap`` (domain/report_forms/xld_kinds.py), which migration 0001 did not seed. An office
adding them in Settings → Lĩnh vực got a code derived from its label ("tc.hc.che_do_chinh_sach"),
which the forms count under "khác": no office could fill those columns.

Data only, no schema change. A code the office already has (a label that folds to it, e.g.
"Tư pháp" under "pakn") is left exactly as the office keeps it. An entry the office named itself
under another code is not touched either, nor are the petitions recorded under it: they stay
in "khác" until the office records under the standard entry (and may deactivate its own).

Revision ID: 0017
Revises: 0016 (citizen void)
"""

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"

#: code, parent, label as REPORT_FORMS names the column, petition type, sensitive (land fields
#: are sensitive, as 0001's kn.hc.dat_dai and pakn.dat_dai)
STANDARD_FIELDS = [
    ("tc.hc.chinh_sach", "tc.hc", "Chế độ, chính sách", "denunciation", False),
    ("tc.hc.dat_dai", "tc.hc", "Đất đai, nhà cửa", "denunciation", True),
    ("tc.hc.cong_vu", "tc.hc", "Công chức, công vụ", "denunciation", False),
    ("pakn.tu_phap", "pakn", "Tư pháp", None, False),
]

_FIELD = sa.table(
    "field_category",
    sa.column("code", sa.String),
    sa.column("parent_code", sa.String),
    sa.column("label", sa.String),
    sa.column("petition_type", sa.String),
    sa.column("sensitive", sa.Boolean),
    sa.column("sort_order", sa.Integer),
    sa.column("active", sa.Boolean),
    sa.column("version", sa.Integer),
)


def upgrade() -> None:
    bind = op.get_bind()
    present = set(bind.scalars(sa.select(_FIELD.c.code)))
    position = bind.scalar(sa.select(sa.func.max(_FIELD.c.sort_order))) or 0
    rows = []
    for code, parent, label, petition_type, sensitive in STANDARD_FIELDS:
        if code in present or parent not in present:
            continue  # the office's own entry under this code stays as it is
        position += 1
        rows.append({"code": code, "parent_code": parent, "label": label,
                     "petition_type": petition_type, "sensitive": sensitive,
                     "sort_order": position, "active": True, "version": 1})
    if rows:
        op.bulk_insert(_FIELD, rows)


def downgrade() -> None:
    # The entries stay: they are valid at 0016, petitions may be recorded under them (a foreign
    # key), and an office may have had one of these codes before 0017 (upgrade skips it): which
    # ones 0017 added is not known afterwards. Upgrading again skips them.
    pass
