"""Problems found in the sources, collected so one run reports all of them.

Every problem reads ``file:line:col: what is wrong — what to do``. Root
causes (a file that cannot be read, a YAML syntax error, a bad character)
come first: everything reported after them may be their consequence.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    col: int
    message: str
    hint: str
    warning: bool = False
    root: bool = False  # the file itself could not be read as it should

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        return f"{self.path}:{self.line}:{self.col}: {kind}{self.message} — {self.hint}"

    def github(self) -> str:
        """A GitHub Actions workflow command: the problem as an annotation on its line."""
        def data(text: str) -> str:
            return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def prop(text: str) -> str:
            return data(text).replace(":", "%3A").replace(",", "%2C")

        level = "warning" if self.warning else "error"
        return (f"::{level} file={prop(self.path)},line={self.line},col={self.col}::"
                f"{data(self.message)} — {data(self.hint)}")

    def sort_key(self) -> tuple:
        return (self.warning, not self.root, self.path, self.line, self.col, self.message)


@dataclass
class Problems:
    items: list[Problem] = field(default_factory=list)

    def _add(self, path: str, line: int, col: int, message: str, hint: str, warning: bool, root: bool) -> None:
        if not hint:
            raise ValueError(f"problem without a hint: {message}")  # a bug in build_tools, not in sources
        self.items.append(Problem(str(path), max(line, 1), max(col, 1), message, hint, warning, root))

    def error(self, path: str, line: int, col: int, message: str, hint: str, *, root: bool = False) -> None:
        self._add(path, line, col, message, hint, False, root)

    def warn(self, path: str, line: int, col: int, message: str, hint: str) -> None:
        self._add(path, line, col, message, hint, True, False)

    @property
    def errors(self) -> list[Problem]:
        return sorted((p for p in self.items if not p.warning), key=Problem.sort_key)

    @property
    def warnings(self) -> list[Problem]:
        return sorted((p for p in self.items if p.warning), key=Problem.sort_key)

    def report(self, form: str = "text") -> str:
        items = sorted(self.items, key=Problem.sort_key)
        return "\n".join(p.github() if form == "github" else str(p) for p in items)


class SourceError(Exception):
    """Raised once, after validation, when the sources have errors."""

    def __init__(self, problems: Problems):
        self.problems = problems
        n = len(problems.errors)
        super().__init__(f"{n} error{'s' if n != 1 else ''} in sources/:\n{problems.report()}")
