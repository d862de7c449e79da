"""Backup files of the office database: one consistent, verifiable, optionally encrypted file.

A backup is a zip file (suffix ``.rdbackup``) that any archive tool can list. It holds:

- ``manifest.json`` (always readable): format name and version, app version, schema revision,
  creation moment (UTC), backend, database name, a short summary (number of visits, the last
  one), why it was made, and the size and SHA-256 of every other member as stored;
- the database snapshot: ``database.sqlite3`` for SQLite, taken with SQLite's online backup API
  inside one read transaction, so it holds exactly what was committed when it started even while
  counters keep saving (copying the file is not a backup: in WAL mode the newest visits are still
  in the ``-wal`` file); ``database.pgdump`` for PostgreSQL (``pg_dump --format=custom``, one
  consistent snapshot by construction);
- ``attachments/…``: the files of the database's attachments folder when it has one (see
  ``common.attachments_folder``). Attachments added in the app are stored in the database itself
  (migration 0008: ``attachment_blob``), so the snapshot above already holds them; the folder
  is carried for files an office keeps beside the database by hand.

With a passphrase every member but the manifest is encrypted and gets the suffix ``.enc``
(AES-256-GCM in chunks, key from scrypt: see ``encryption``). Encrypted attachments are stored
under numbers; their names live in the encrypted member ``attachments.json.enc``.

Modules: ``common`` (member names, progress and cancelling, file-system errors, names),
``manifest`` (reading and checking the manifest), ``encryption`` (members as stored, plain or
sealed), ``sqlite`` (the online snapshot), ``postgresql`` (pg_dump/pg_restore and the server's
scratch database and renames), ``archive`` (writing, verifying, unpacking a backup file) and
``swap`` (putting a restored SQLite database and its attachments in place). Callers import the
module they need; this package re-exports nothing.
"""
