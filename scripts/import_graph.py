"""The app -> app import graph of the project, read from the source with `ast`.

    python scripts/import_graph.py [ROOT]

prints each arrow with its number of imports and files, the number of imports of project
modules made inside functions, and the circles between apps. Module- and function-level
imports both count; migrations do not (they name apps by label, and a migration's
dependencies are not an import). tests/test_architecture.py asserts the layering with it.
"""

import ast
import sys
from collections import Counter, defaultdict
from pathlib import Path

# Bottom to top: each app imports only apps below it. `amapartage` (settings, urls) and
# `tests` sit above everything and may import anything.
LAYERS = [
    "resources",
    "operations",
    "search",
    "downloads",
    "moderation",
    "editorial",
    "home",
    "demo",
]
ABOVE_ALL = {"amapartage", "tests"}


def packages(root):
    return sorted(p.name for p in Path(root).iterdir() if (p / "__init__.py").is_file())


def _imported_modules(node, module, is_package):
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        if not node.level:
            return [node.module]
        parts = module.split(".")
        base = parts[: len(parts) - node.level + (1 if is_package else 0)]
        return [".".join(base + ([node.module] if node.module else []))]
    return []


def imports(root):
    """Yield (source app, target app, file, inside a function?) for every import of a project
    module."""
    root = Path(root)
    apps = set(packages(root))
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if relative.parts[0] not in apps or "migrations" in relative.parts:
            continue
        module = ".".join(relative.with_suffix("").parts).removesuffix(".__init__")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        yield from _walk(tree, relative, module, path.name == "__init__.py", apps, False)


def _walk(node, relative, module, is_package, apps, in_function):
    for child in ast.iter_child_nodes(node):
        for name in _imported_modules(child, module, is_package):
            target = name.split(".")[0]
            if target in apps:
                yield relative.parts[0], target, str(relative), in_function
        inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
        yield from _walk(child, relative, module, is_package, apps, inside)


def graph(root):
    """({(app, app): number of imports}, {(app, app): set of files}, function-level count)."""
    edges, files, in_functions = Counter(), defaultdict(set), 0
    for source, target, file, in_function in imports(root):
        in_functions += in_function
        if source != target:
            edges[source, target] += 1
            files[source, target].add(file)
    return edges, files, in_functions


def cycles(edges):
    """Every elementary circle between apps, each given once, starting at its smallest app."""
    successors = defaultdict(set)
    for source, target in edges:
        successors[source].add(target)
    found = set()

    def visit(start, node, path):
        for following in sorted(successors[node]):
            if following == start:
                found.add(tuple(path))
            elif following > start and following not in path:
                visit(start, following, [*path, following])

    for start in sorted(successors):
        visit(start, start, [start])
    return sorted(found)


def layer_violations(edges):
    """Arrows that point up, or sideways, in LAYERS (or leave an app out of the layers)."""
    rank = {app: index for index, app in enumerate(LAYERS)}
    wrong = []
    for source, target in sorted(edges):
        if source in ABOVE_ALL:
            continue
        if source not in rank or target not in rank or rank[target] >= rank[source]:
            wrong.append((source, target))
    return wrong


def main(root="."):
    edges, files, in_functions = graph(root)
    for (source, target), count in sorted(edges.items()):
        print(f"{source:12} -> {target:12} {count:3}  ({len(files[source, target])} files)")
    print("function-level imports of project modules:", in_functions)
    found = cycles(edges)
    print("app cycles:", len(found))
    for circle in found:
        print("  ", " -> ".join([*circle, circle[0]]))
    print("arrows against the layers:", layer_violations(edges) or "none")


if __name__ == "__main__":
    main(*sys.argv[1:])
