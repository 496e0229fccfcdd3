"""The error of unusable content files: apart from the loader, so that the command line can
catch it without importing the loader and its YAML parser for commands that never load content."""

from __future__ import annotations


class GuidanceError(Exception):
    """Problems in content files, one `path:line: message` per entry of `problems`."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems
