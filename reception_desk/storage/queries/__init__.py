"""Named queries, one module per feature: the SQL the services call by name."""
