"""Challenge 7, Multi-database: where each model's rows are read, written and
created. Three databases (config/settings.py): "default", the primary;
"replica", a read-only copy of it; "analytics", the analytics app's own.

Django asks each router method in turn; a method that returns None (or is
missing) means "no opinion", and Django falls back to its default: "default"
for reads and writes, relations only within one database, and every table
migrated in every database.
"""

from django.db import connections

ANALYTICS_DB = "analytics"
PRIMARY_DB = "default"
REPLICA_DB = "replica"

# "default" and "replica" hold the same data: one database as far as relations go.
PRIMARY_CLUSTER = {PRIMARY_DB, REPLICA_DB}


class BookstoreRouter:
    def db_for_read(self, model, **hints):
        if model._meta.app_label == "analytics":
            return ANALYTICS_DB
        if model._meta.app_label == "catalog":
            # Read-your-writes: inside a transaction on the primary, the rows it has
            # written (and not committed) exist only there. Outside one, reads can
            # go to the replica and take load off the primary.
            if connections[PRIMARY_DB].in_atomic_block:
                return PRIMARY_DB
            return REPLICA_DB
        return None

    def db_for_write(self, model, **hints):
        if model._meta.app_label == "analytics":
            return ANALYTICS_DB
        if model._meta.app_label == "catalog":
            return PRIMARY_DB  # the replica is read-only
        return None

    def allow_relation(self, obj1, obj2, **hints):
        # Django's default allows a relation only within one alias, so a book read
        # from the replica could not take an author just written to the primary.
        # Any other pair is refused: no foreign key can cross into another database.
        databases = {obj1._state.db, obj2._state.db}
        return len(databases) == 1 or databases <= PRIMARY_CLUSTER

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # Consulted by migrate (and the test runner) for every table in every
        # database; forget it and every table is created everywhere.
        if db == REPLICA_DB:
            return False  # replication creates the replica's tables, not migrate
        if app_label == "analytics":
            return db == ANALYTICS_DB
        return db == PRIMARY_DB
