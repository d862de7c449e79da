"""The citizen registry: search as you type, exact ID look-up, repeats, merges, Ctrl+F.

``search`` finds citizens word by word on folded keys (the dialect-specific index search lives in
``storage.queries.search``); ``repeats`` lists earlier visits and cases of the same person or
matter before a visit is saved (similarity rule: ``domain.repeats``); ``merge`` joins two records
of one person without deleting anything. The facade is ``desk.citizens`` (``desk.py``).
"""
