"""The layout's rules, read from the code itself: which room may import which, no import cycles, no module over
500 lines and no function over 60 unless the README's architecture section says why."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from conftest import REPO_ROOT

PACKAGES = ("assoc_crawler", "archive")
SIZE_ROOTS = (*PACKAGES, "bench", "tests")  # the size rules hold for benchmarks and tests too
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60

# room -> the rooms it may import (besides itself and the top package `assoc_crawler`, which holds __version__).
# The README's architecture table shows the same doors.
ALLOWED_ROOMS: dict[str, set[str]] = {
    "extract": set(),
    "archive": set(),
    "demo": set(),
    "profiles": {"extract", "archive"},  # archive.identity: what a site is named
    "records": {"extract", "archive"},
    "distributed": {"records", "archive"},
    "crawl": {"extract", "profiles", "records", "archive", "distributed.protocol"},
    "cli": {"extract", "archive", "profiles", "records", "crawl", "distributed", "demo"},
    "main": {"cli"},
    "package": set(),  # assoc_crawler/__init__.py: importing it must not load any room
}
# third-party packages a room must not import: extraction is pure, the archive and the records know no crawler
FORBIDDEN_PACKAGES: dict[str, set[str]] = {
    "extract": {"scrapy", "twisted", "sqlite3", "sqlite_utils", "redis"},
    "archive": {"scrapy", "twisted", "redis", "lxml"},
    "records": {"scrapy", "twisted", "redis"},
    "profiles": {"scrapy", "twisted", "sqlite3", "sqlite_utils", "redis"},
    "distributed.protocol": {"scrapy", "twisted"},
}


def python_files() -> Iterator[Path]:
    for package in PACKAGES:
        yield from sorted((REPO_ROOT / package).rglob("*.py"))


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO_ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def room_of(module: str) -> str:
    """'archive' for archive.*, 'extract' for assoc_crawler.extract.*; the two halves of distributed apart where
    the rules differ (its protocol is what the crawl may use)."""
    parts = module.split(".")
    if parts[0] == "archive":
        return "archive"
    if len(parts) == 1:
        return "package"
    if parts[1] == "__main__":
        return "main"
    if parts[1] == "distributed" and len(parts) > 2 and parts[2] == "protocol":
        return "distributed.protocol"
    return parts[1]


def imports_of(path: Path) -> Iterator[tuple[str, int]]:
    """(absolute module name, line) of every import in the file, at any depth: statements (lazy ones too; not
    those in the body of `if TYPE_CHECKING:`, which never run), `importlib.import_module("x")` and
    `__import__("x")` calls, and dotted paths in strings (Scrapy loads `"assoc_crawler.crawl.pipelines.X"`)."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(inner) for node in ast.walk(tree) if isinstance(node, ast.If) and _is_type_checking(node.test)
                   for statement in node.body for inner in ast.walk(statement)}
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            yield from _from_import(node, package)
        elif isinstance(node, ast.Call) and _is_dynamic_import(node) and node.args:
            if isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                yield node.args[0].value, node.lineno
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _DOTTED_PATH.match(node.value):
            yield node.value, node.lineno


_DOTTED_PATH = re.compile(r"^(?:assoc_crawler|archive)(?:\.\w+)+$")


def _from_import(node: ast.ImportFrom, package: str) -> Iterator[tuple[str, int]]:
    if node.level:
        base = package.split(".")[: len(package.split(".")) - node.level + 1]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    yield target, node.lineno
    for alias in node.names:  # `from . import server` imports a module
        candidate = f"{target}.{alias.name}"
        if module_path(candidate) is not None:
            yield candidate, node.lineno


def _is_dynamic_import(call: ast.Call) -> bool:
    func = call.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    return name in ("import_module", "__import__")


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def module_path(module: str) -> Path | None:
    base = REPO_ROOT.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def project_module(target: str) -> str | None:
    """The project module an import names (the longest prefix that is a file), or None for other packages."""
    if target.split(".")[0] not in PACKAGES:
        return None
    parts = target.split(".")
    for end in range(len(parts), 0, -1):
        if module_path(".".join(parts[:end])) is not None:
            return ".".join(parts[:end])
    return None


def may_import(room: str, target_room: str) -> bool:
    """Whether a module of `room` may import one of `target_room` (ALLOWED_ROOMS; the protocol half of
    distributed is a room of its own, which the crawl and the rest of distributed may use)."""
    if target_room in (room, "package"):
        return True
    if room == "distributed.protocol":
        return target_room == "archive"
    if room == "distributed" and target_room == "distributed.protocol":
        return True
    allowed = ALLOWED_ROOMS.get(room, set())
    if target_room == "distributed.protocol":
        return bool({"distributed", "distributed.protocol"} & allowed)
    return target_room in allowed


def test_the_doors_between_rooms_go_one_way():
    wrong = []
    for path in python_files():
        room = room_of(module_name(path))
        for target, line in imports_of(path):
            top = target.split(".")[0]
            if top in FORBIDDEN_PACKAGES.get(room, set()):
                wrong.append(f"{path.relative_to(REPO_ROOT)}:{line} imports {target} (room {room})")
            module = project_module(target)
            if module and not may_import(room, room_of(module)):
                wrong.append(f"{path.relative_to(REPO_ROOT)}:{line} ({room}) imports {module} ({room_of(module)})")
    assert not wrong, "\n".join(wrong)


def import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in python_files():
        module = module_name(path)
        graph[module] = {m for target, _ in imports_of(path) if (m := project_module(target)) and m != module}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of the graph (as a path that returns to its start), or None."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_no_import_cycles():
    """Every edge counts, a package's __init__ re-exporting its modules too: a module that imports its own
    package back closes a cycle through that __init__."""
    graph = import_graph()
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_rules_see_a_wrong_door():
    assert not may_import("extract", "archive") and not may_import("archive", "crawl")
    assert not may_import("records", "crawl") and not may_import("crawl", "cli")
    assert not may_import("crawl", "distributed") and may_import("crawl", "distributed.protocol")
    assert may_import("cli", "crawl") and may_import("records", "archive")


def long_by_design() -> set[str]:
    """Modules and functions the README's architecture section lists as long on purpose, with a reason:
    rows of the table under '### Long by design' whose first cell is `path` or `path:function`."""
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Long by design", 1)
    if len(section) < 2:
        return set()
    body = re.split(r"\n#{2,3} ", section[1], maxsplit=1)[0]
    return set(re.findall(r"^\|\s*`([^`]+)`\s*\|\s*\S", body, flags=re.MULTILINE))


def oversized() -> list[str]:
    found = []
    for path in (p for root in SIZE_ROOTS for p in sorted((REPO_ROOT / root).rglob("*.py"))):
        relative = path.relative_to(REPO_ROOT).as_posix()
        source = path.read_text(encoding="utf-8")
        if source.count("\n") > MAX_MODULE_LINES:
            found.append(relative)
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                start = min([node.lineno] + [d.lineno for d in node.decorator_list])
                if node.end_lineno - start + 1 > MAX_FUNCTION_LINES:
                    found.append(f"{relative}:{node.name}")
    return found


def test_no_module_or_function_is_long_without_a_reason():
    allowed = long_by_design()
    unexplained = [name for name in oversized() if name not in allowed]
    assert not unexplained, f"over {MAX_MODULE_LINES} lines (module) or {MAX_FUNCTION_LINES} (function), " \
                            f"and not in the README's 'Long by design' table:\n" + "\n".join(unexplained)
    stale = sorted(allowed - set(oversized()))
    assert not stale, f"the README's 'Long by design' table lists what is no longer long: {stale}"


def test_imports_are_read_at_any_depth_and_relative_ones_resolved():
    cli = {target for target, _ in imports_of(REPO_ROOT / "assoc_crawler" / "cli" / "crawl.py")}
    assert "archive" in cli and "assoc_crawler.cli.shared" in cli  # absolute, and `from .shared import ...`
    assert "assoc_crawler.crawl.spider" in cli  # imported inside a function, only when a crawl runs
    assert room_of("assoc_crawler.distributed.protocol") == "distributed.protocol"
    assert room_of("archive.search") == "archive" and room_of("assoc_crawler.extract.dom") == "extract"
