"""Ids become URLs: they must be stable lowercase Latin kebab-case."""

from slugify import slugify

# An id is a file name and a URL segment; file systems refuse names past 255 bytes,
# and readers cannot type or share an address much longer than this.
MAX_ID_LENGTH = 80
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def id_problem(value: str) -> str | None:
    """Why ``value`` is not a valid id, or None."""
    if "/" in value or "\\" in value or ".." in value:
        return "contains a path separator"
    if len(value) > MAX_ID_LENGTH:
        return f"is {len(value)} characters long, over the limit of {MAX_ID_LENGTH}"
    if slugify(value) != value:
        suggestion = slugify(value)[:MAX_ID_LENGTH]
        return "is not lowercase Latin kebab-case" + (f" (try `{suggestion}`)" if suggestion else "")
    return None
