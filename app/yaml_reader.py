"""The one YAML reader of the app: safe loading that refuses a mapping with a key twice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class YamlError(ValueError):
    """A YAML text that cannot be read; ``line`` is 1-based or None, ``problem`` is bare."""

    def __init__(self, where: str, line: int | None, problem: str) -> None:
        self.line, self.problem, self.column = line, problem, None
        spot = f"line {line}: " if line is not None else ""
        super().__init__(f"{where}: {spot}{problem}")


class _UniqueKeyLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False):
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f'duplicate key "{key}"', key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(text: str, where: str = "<text>") -> Any:
    """Parse ``text``; raise YamlError naming ``where`` and the line on any problem."""
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        error = YamlError(where, mark.line + 1 if mark is not None else None, problem)
        error.column = mark.column + 1 if mark is not None else None
        raise error from exc


def read_yaml_file(path: Path) -> Any:
    """Read and parse one UTF-8 YAML file."""
    return load_yaml(path.read_text(encoding="utf-8"), path.as_posix())
