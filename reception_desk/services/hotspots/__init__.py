"""Hotspots (điểm nóng): the weekly list, the chairperson's directives and the weekly review pack.

``weekly`` loads the cases open in a span with the visits and events that can flag them and asks
the domain to judge them (rules and score: ``domain.hotspots``); ``directives`` records the
chairperson's directives with their due status; ``pack`` gathers and prints the weekly pack. The
office's hotspot policy is read by ``office.rules``. The facade is ``desk.hotspots``.
"""
