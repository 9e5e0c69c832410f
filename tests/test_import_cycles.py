"""No two modules of lifeline/ import each other, directly or round a longer circle;
nor do two of its apps (lifeline.cases, lifeline.archive, ...), counting all their modules.

A circle works only while some import in it stays inside a function or comes
late in a module, and breaks when someone tidies the imports; it also means two
modules that cannot be understood apart. Every import counts, at the top of a
module or inside a function, except those under `if TYPE_CHECKING:` (never run).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "lifeline"


def module_files(package: Path) -> dict[str, Path]:
    """Every module of the package by its dotted name; a package by its own name."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports_run(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """The import statements of a module that can run: all but the type checker's."""
    found: list[ast.Import | ast.ImportFrom] = []
    pending: list[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            pending.extend(node.orelse)
            continue
        pending.extend(ast.iter_child_nodes(node))
    return found


def imported_names(name: str, path: Path) -> set[str]:
    """Dotted names a module imports, relative imports made absolute.

    `from a.b import c` names a.b.c (which is a module or, if not, a name in a.b).
    """
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    names = set()
    for node in _imports_run(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
            continue
        base = node.module or ""
        if node.level:
            parts = package.split(".")
            # One dot is the module's own package; each further dot goes one up.
            anchor = ".".join(parts[: len(parts) - (node.level - 1)])
            base = f"{anchor}.{base}" if base else anchor
        names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def import_graph(package: Path) -> dict[str, set[str]]:
    """For each module, the modules of the package it imports."""
    modules = module_files(package)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        graph[name] = set()
        for imported in imported_names(name, path):
            # a.b.c is module a.b.c if there is one, else a name held by a.b.
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            if imported and imported != name:
                graph[name].add(imported)
    return graph


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that all reach one another (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph[successor]))))
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
    return groups


def a_circle(graph: dict[str, set[str]], group: list[str]) -> list[str]:
    """One circle through the group's first module, shortest first: a -> b -> a."""
    start, members = group[0], set(group)
    came_from = {start: start}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for successor in sorted(graph[node] & members):
                if successor == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [*reversed(path), start]
                if successor not in came_from:
                    came_from[successor] = node
                    following.append(successor)
        frontier = following
    raise AssertionError(f"no circle through {start} in {group}")


def test_no_module_of_lifeline_is_in_an_import_circle():
    graph = import_graph(PACKAGE)
    circles = []
    for group in strongly_connected(graph):
        circle = a_circle(graph, group)
        knot = f" (with {', '.join(group)})" if len(group) > len(circle) - 1 else ""
        circles.append(" -> ".join(circle) + knot)
    assert not circles, "Import circles:\n" + "\n".join(circles)


def test_the_scanner_sees_every_kind_of_import(tmp_path):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("def f():\n    from .sub import b\n")
    (package / "sub" / "__init__.py").write_text("from . import b\n")
    (package / "sub" / "b.py").write_text("from ..c import thing\n")
    (package / "c.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    import pkg.d\n"
        "import pkg.a\nthing = 1\n"
    )
    (package / "d.py").write_text("import pkg.c\n")
    graph = import_graph(package)
    assert graph["pkg.a"] == {"pkg.sub.b"}
    assert graph["pkg.sub"] == {"pkg.sub.b"}
    assert graph["pkg.sub.b"] == {"pkg.c"}
    assert graph["pkg.c"] == {"pkg.a"}
    groups = strongly_connected(graph)
    assert groups == [["pkg.a", "pkg.c", "pkg.sub.b"]]
    assert a_circle(graph, groups[0]) == ["pkg.a", "pkg.sub.b", "pkg.c", "pkg.a"]


def app_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The module graph with each module folded into its app: lifeline.X.y -> lifeline.X."""

    def app(name: str) -> str:
        return ".".join(name.split(".")[:2])

    apps: dict[str, set[str]] = {}
    for name, imported in graph.items():
        apps.setdefault(app(name), set()).update(app(other) for other in imported)
    for name, imported in apps.items():
        imported.discard(name)
    return apps


def test_no_two_apps_of_lifeline_import_each_other():
    """An app that imports another, which imports it back, cannot be understood, tested
    or moved apart from it: the dependencies between apps run one way."""
    graph = app_graph(import_graph(PACKAGE))
    circles = [" -> ".join(a_circle(graph, group)) for group in strongly_connected(graph)]
    assert not circles, "Import circles between apps:\n" + "\n".join(circles)


def test_apps_are_the_second_level_packages():
    graph = app_graph({"p.a.x": {"p.b.y", "p.a.z"}, "p.a.z": set(), "p.b.y": {"p.a"}, "p.c": set()})
    assert graph == {"p.a": {"p.b"}, "p.b": {"p.a"}, "p.c": set()}
    assert strongly_connected(graph) == [["p.a", "p.b"]]
