"""Challenge 7, Multi-database: where each model's rows are read, written and
created. Three databases (config/settings.py): "default", the primary;
"replica", a read-only copy of it; "analytics", the analytics app's own.

Django asks each router method in turn; a method that returns None (or is
missing) means "no opinion", and Django falls back to its default: "default"
for reads and writes, relations only within one database, and every table
migrated in every database.
"""

ANALYTICS_DB = "analytics"
PRIMARY_DB = "default"
REPLICA_DB = "replica"


class BookstoreRouter:
    def db_for_read(self, model, **hints):
        # TODO: [multidb] 1. analytics models are read from ANALYTICS_DB.
        # TODO: [multidb] 2. catalog models are read from REPLICA_DB, except while
        # the primary is inside a transaction (connections[PRIMARY_DB].in_atomic_block):
        # a transaction must see its own writes, which the replica doesn't have yet.
        return None

    def db_for_write(self, model, **hints):
        # TODO: [multidb] 1. analytics models are written to ANALYTICS_DB; 2. catalog
        # models to PRIMARY_DB (never to the read-only replica).
        return None

    def allow_relation(self, obj1, obj2, **hints):
        # TODO: [multidb] 3. two objects of one database may always relate, and a
        # book read from the replica may point to an author written to the primary
        # (they hold the same data); nothing relates across ANALYTICS_DB and the others.
        return None

    # TODO: [multidb] 4. allow_migrate(self, db, app_label, model_name=None, **hints):
    # the analytics app's tables only in ANALYTICS_DB, every other app's only in
    # PRIMARY_DB, and nothing in REPLICA_DB (replication copies the primary).
