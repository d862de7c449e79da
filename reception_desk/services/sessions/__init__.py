"""The head's reception sessions (kỳ tiếp công dân, issue 14): plan, publish, hold or cancel a
session, record its conclusion notice with instructions to bodies (tracked like the chair's
directives), judge the chair's duty by date, and link the visits received in a session.

``desk.SessionDesk`` is the facade (``desk.sessions``); ``planning`` holds the session use
cases, ``conclusions`` the conclusion notices, ``linking`` the automatic visit link, ``duty``
the duty rules and status, ``notices`` the printable documents."""
