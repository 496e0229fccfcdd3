"""The one way the app reads YAML: safe loaders that refuse, in one line and fast, what no
content or keymap needs and a hostile file uses to stop the app.

- Nesting deeper than MAX_DEPTH levels of lists and mappings (`[[[[...`): the pure-Python
  parser recurses once a level, to a RecursionError.
- Aliases that repeat more than MAX_REPEATED values (a "billion laughs": nine aliases of nine
  aliases of ... nine values). The parser shares what an alias names, so reading costs
  nothing; whatever walks the result (a check, a message quoting it) walks every copy.

Both are counted on the composed nodes before anything is constructed, each node once.
Knows nothing of Textual or Rich.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_DEPTH = 50  # levels of lists and mappings; the shipped content needs six, a keymap two
MAX_REPEATED = 10_000  # values repeated by aliases (`*name`, `<<: *name`), in all


class YamlProblem(Exception):
    """What is wrong, at a line of the file (1 for the first)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1 if node.start_mark else 1


def too_deep(line: int) -> YamlProblem:
    return YamlProblem(line, f"too deeply nested (more than {MAX_DEPTH} levels)")


class _Budget:
    """Walks a composed document once: its depth, and the values its aliases repeat."""

    def __init__(self) -> None:
        self.sizes: dict[int, int] = {}  # id(node) -> values in it, each alias expanded
        self.repeated = 0

    def size(self, node: yaml.Node, depth: int) -> int:
        known = self.sizes.get(id(node))
        if known is not None:  # reached again: an alias repeats all of it
            self.repeated += known
            if self.repeated > MAX_REPEATED:
                raise YamlProblem(
                    _line(node),
                    f"aliases repeat more than {MAX_REPEATED:,} values (the one past the "
                    "limit repeats what starts here)",
                )
            return known
        if isinstance(node, yaml.ScalarNode):
            self.sizes[id(node)] = 1
            return 1
        if depth > MAX_DEPTH:  # an alias inside what it names is nested without end, too
            raise too_deep(_line(node))
        total = 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                total += self.size(key, depth + 1) + self.size(value, depth + 1)
        else:
            for child in node.value:
                total += self.size(child, depth + 1)
        self.sizes[id(node)] = total
        return total


class _Limits:
    """Checks the composed document before the constructors see it."""

    def construct_document(self, node: yaml.Node) -> Any:
        _Budget().size(node, 1)
        return super().construct_document(node)  # type: ignore[misc]


class _ComposeDepth:
    """The pure-Python composer recurses once per level: it stops a list or mapping deeper
    than MAX_DEPTH before it does, far below RecursionError. (libyaml composes in C and
    refuses more than 1000 levels itself.)"""

    _compose_depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        self._compose_depth += 1
        try:
            if self._compose_depth > MAX_DEPTH:
                event = self.peek_event()  # type: ignore[attr-defined]
                if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                    mark = event.start_mark
                    raise too_deep(mark.line + 1 if mark else 1)
            return super().compose_node(parent, index)  # type: ignore[misc, no-any-return]
        finally:
            self._compose_depth -= 1


class PreciseLoader(_Limits, _ComposeDepth, yaml.SafeLoader):
    """The pure-Python safe loader: slow, but its errors say exactly where and why."""


class FastLoader(_Limits, _ComposeDepth, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's safe loader (the pure-Python one where PyYAML lacks it), with the limits."""


def load(text: str, fast: type[Any] = FastLoader, precise: type[Any] = PreciseLoader) -> Any:
    """The document in `text` (plain Python values, or what the loaders given construct);
    YamlProblem, with its line, when it is no YAML or goes past a limit. A valid document is
    parsed once, by `fast`; only one it refuses is parsed again, slowly, for the place."""
    try:
        return yaml.load(text, Loader=fast)  # a safe loader
    except yaml.YAMLError:
        pass
    try:
        return yaml.load(text, Loader=precise)  # a safe loader
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = error.problem or error.context or str(error)
        if error.context_mark and ("end of stream" in message or "<stream end>" in message):
            # Ran off the end of the file (an unclosed quote or bracket): point at its start.
            mark, message = error.context_mark, f"{error.context}: {message}"
        raise YamlProblem(mark.line + 1 if mark else 1, message) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        raise YamlProblem(line, f"{error.reason} (character #x{error.character:04x})") from None
    except yaml.YAMLError as error:
        raise YamlProblem(1, str(error)) from None
    except RecursionError:  # a safety net: MAX_DEPTH stops nesting well before this
        raise YamlProblem(1, "too deeply nested") from None
