"""The router settings.DATABASE_ROUTERS names: it passes every question on to
``BookstoreRouter`` in config/routers.py, the router of challenge 7.

In your own project, name your router in DATABASE_ROUTERS directly. Here the
grader replaces a challenge file that cannot be loaded (a SyntaxError, say)
with a stub, and Django would fail to build a stub "router", stopping every
query of every challenge. Through this class a broken config/routers.py only
turns routing off: everything goes to "default" and the other challenges
still run.
"""

from importlib import import_module


class ChallengeRouter:
    def __init__(self):
        router_class = import_module("config.routers").BookstoreRouter
        self.router = router_class() if isinstance(router_class, type) else None

    def __getattr__(self, name):
        # db_for_read, db_for_write, allow_relation, allow_migrate. Django skips a
        # router that has no such method (AttributeError) and asks the next one.
        router = self.__dict__.get("router")
        if router is None or name.startswith("_"):
            raise AttributeError(name)
        return getattr(router, name)
