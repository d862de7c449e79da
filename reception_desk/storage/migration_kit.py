"""What the migration scripts (storage/migrations/versions) share: the columns many tables carry,
creating a table keyed by ``id`` with its indexes, and adding or dropping columns in place.

A released migration must go on producing exactly the schema it produced, because offices'
databases are stamped with its revision: tests/storage/test_migration_schemas.py compares the
schema after every revision, up and down, on SQLite and PostgreSQL, with the one recorded when
the migrations were first written. A change here that alters any revision fails there; a new
need gets a new helper rather than a changed one.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.sql.schema import SchemaItem
from sqlmodel.sql.sqltypes import AutoString as Text
from sqlmodel.sql.sqltypes import UTCDateTime as Moment

Column = sa.Column[Any]


def id_column() -> Column:
    return sa.Column("id", sa.Integer(), nullable=False)


def created_columns() -> list[Column]:
    """When a record was made and by whom."""
    return [sa.Column("created_at", Moment(), nullable=False),
            sa.Column("created_by", Text(length=200), nullable=False)]


def record_stamps() -> list[Column]:
    """The stamps of a record edited in place: made when and by whom, last changed when, and the
    version a compare-and-set edit names."""
    return [*created_columns(),
            sa.Column("updated_at", Moment(), nullable=False),
            sa.Column("version", sa.Integer(), nullable=False)]


def create_table(name: str, *columns_and_checks: SchemaItem,
                 references: Mapping[str, str] | None = None,
                 unique: Mapping[str, list[str]] | None = None,
                 indexes: Mapping[str, list[str]] | None = None) -> None:
    """Create the table ``name``: an integer ``id`` first and its primary key, the given
    columns (and check constraints), a foreign key for each of ``references`` (column: "table"
    for its id, or "table.column") named ``fk_<name>_<column>_<table>``, the ``unique``
    constraints and then the (non-unique) ``indexes``, both by name.

    SQLite keeps the table's constraints in the order they were made: foreign keys before
    unique constraints, as the first migrations wrote them."""
    foreign_keys = []
    for column, target in (references or {}).items():
        table, _, key = target.partition(".")
        foreign_keys.append(sa.ForeignKeyConstraint(
            [column], [f"{table}.{key or 'id'}"], name=op.f(f"fk_{name}_{column}_{table}")))
    uniques = [sa.UniqueConstraint(*columns, name=op.f(constraint))
               for constraint, columns in (unique or {}).items()]
    op.create_table(name, id_column(), *columns_and_checks, *foreign_keys, *uniques,
                    sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")))
    for index, columns in (indexes or {}).items():
        op.create_index(index, name, columns, unique=False)


def add_columns(table: str, columns: Iterable[Column]) -> None:
    """Plain ADD COLUMN, one at a time: no table rebuild on SQLite, so the foreign keys that
    point at the table and its search triggers stay untouched. A new column must be nullable
    or carry a constant server default."""
    for column in columns:
        op.add_column(table, column)


def drop_columns(table: str, columns: Iterable[Column]) -> None:
    """Undo :func:`add_columns` (plain DROP COLUMN, SQLite 3.35+), the last added first."""
    for column in reversed(list(columns)):
        op.drop_column(table, column.name)


def add_version_columns(*tables: str) -> None:
    """A compare-and-set ``version`` on each table, 1 on the rows it already has: a plain ADD
    COLUMN with a constant default, so no table rebuild and the foreign keys pointing at the
    tables stay untouched."""
    for table in tables:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False,
                                       server_default="1"))


def drop_version_columns(*tables: str) -> None:
    """Undo :func:`add_version_columns`, the last table first."""
    for table in reversed(tables):
        op.drop_column(table, "version")
