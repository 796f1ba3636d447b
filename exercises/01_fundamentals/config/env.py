"""Read typed settings from environment variables.

Every helper treats an unset variable, or one that is empty or only whitespace,
as "not configured" and returns the default. A value it cannot parse raises
ImproperlyConfigured naming the variable, so a typo stops the deploy instead of
quietly turning a setting off.

- env_bool: "1", "true", "yes", "on" are True; "0", "false", "no", "off" are
  False; case and surrounding spaces don't matter.
- env_list: comma-separated; items are stripped and empty items dropped:
  " a, b ," is ["a", "b"].
- env_int: a whole number, surrounding spaces allowed: " 42 " is 42.
"""

import os

from django.core.exceptions import ImproperlyConfigured


def env_bool(name: str, default: bool = False) -> bool:
    # TODO: bool("false") and bool("0") are True. Parse the spellings listed above,
    # return the default when the variable is unset or blank, and raise
    # ImproperlyConfigured naming the variable for anything else.
    return bool(os.environ.get(name, default))


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    # TODO: strip the items and drop the empty ones; "".split(",") is [""], not [].
    # Return a new list (a copy of the default, or []) when unset or blank.
    return os.environ.get(name, "").split(",")


def env_int(name: str, default: int = 0) -> int:
    # TODO: return the default when unset or blank, and turn a value that is not a
    # whole number into ImproperlyConfigured naming the variable (not a ValueError).
    return int(os.environ.get(name, default))
