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

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def _raw(name: str) -> str | None:
    """The variable's value stripped, or None when it is unset or blank."""
    value = os.environ.get(name, "").strip()
    return value or None


def env_bool(name: str, default: bool = False) -> bool:
    # An explicit allow-list: bool("false") is True, and "ture" must be an error, not False.
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in TRUE_WORDS:
        return True
    if value.lower() in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a boolean; use one of "
        f"{', '.join(sorted(TRUE_WORDS | FALSE_WORDS))}."
    )


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    # Strip and drop empties: "a, b," is ["a", "b"], and "" is the default, never [""].
    # A copy of the default, so a caller appending to the result can't change it.
    value = _raw(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name: str, default: int = 0) -> int:
    # ValueError would say "invalid literal for int()" without naming the variable.
    value = _raw(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None
