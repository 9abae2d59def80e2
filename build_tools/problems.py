"""Problems found in the sources, collected so one run reports all of them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    message: str
    hint: str = ""
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        kind = "warning: " if self.warning else ""
        tail = f" — {self.hint}" if self.hint else ""
        return f"{where}: {kind}{self.message}{tail}"


@dataclass
class Problems:
    items: list[Problem] = field(default_factory=list)

    def error(self, path: str, line: int, col: int, message: str, hint: str = "") -> None:
        self.items.append(Problem(str(path), line, col, message, hint))

    def warn(self, path: str, line: int, col: int, message: str, hint: str = "") -> None:
        self.items.append(Problem(str(path), line, col, message, hint, warning=True))

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self.items if not p.warning)

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.items if p.warning)

    def report(self) -> str:
        return "\n".join(str(p) for p in sorted(self.items))


class SourceError(Exception):
    """Raised once, after validation, when the sources have errors."""

    def __init__(self, problems: Problems):
        self.problems = problems
        n = len(problems.errors)
        super().__init__(f"{n} error{'s' if n != 1 else ''} in sources/:\n{problems.report()}")
