"""Ids become URLs: they must be stable lowercase Latin kebab-case."""

from slugify import slugify


def id_problem(value: str) -> str | None:
    """Why ``value`` is not a valid id, or None."""
    if "/" in value or "\\" in value or ".." in value:
        return "contains a path separator"
    if slugify(value) != value:
        suggestion = slugify(value)
        return "is not lowercase Latin kebab-case" + (f" (try `{suggestion}`)" if suggestion else "")
    return None
