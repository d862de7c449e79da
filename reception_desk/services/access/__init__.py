"""Accounts, sign-in, permissions and the secrecy of identities (issue 10; LEGAL.md §7.1).

- ``users``: first administrator, accounts, passwords, sign-in with lockout, the sign-in policy.
- ``secrecy``: ``mask_for`` (what every door shows), reveal with a reason (logged and audited),
  who viewed, denouncers' waivers of secrecy.
- ``passwords``: argon2id hashing (argon2-cffi).
- ``desk``: ``AccessDesk``, the facade the UI and the command line hold.

The rules themselves (roles, permissions, the redaction rule) live in ``domain.access``.
"""
