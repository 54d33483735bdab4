"""docs/ARCHITECTURE.md is true: every module of src/hskg is in its table, and imports only
the modules its row allows (imports made only for type checking aside)."""

import ast
import re

from conftest import ROOT

PACKAGE = ROOT / "src" / "hskg"
ROW = re.compile(r"^\| `([a-z_.]+)` \|[^|]*\| ([^|]*) \|$")


def documented() -> dict[str, set[str]]:
    """Module → the modules it may import, from the table of docs/ARCHITECTURE.md."""
    rows = {}
    for line in (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8").splitlines():
        match = ROW.match(line.strip())
        if match:
            rows[match.group(1)] = set(re.findall(r"`([a-z_.]+)`", match.group(2)))
    return rows


def module_name(path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts) or "hskg"


def top_level_modules() -> dict[str, list]:
    """Each first-level module or package of hskg, with its Python files."""
    modules: dict[str, list] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        modules.setdefault(module_name(path).split(".")[0], []).append(path)
    return modules


def imported(path) -> set[str]:
    """The first-level hskg modules a file imports (relative imports), outside TYPE_CHECKING blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(node) for block in ast.walk(tree) if isinstance(block, ast.If)
               and getattr(block.test, "id", "") == "TYPE_CHECKING" for node in ast.walk(block)}
    inside = module_name(path).split(".")
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level and id(node) not in skipped:
            package = inside if path.name == "__init__.py" else inside[:-1]
            base = package[:len(package) - (node.level - 1)] if node.level > 1 else package
            targets = [node.module] if node.module else [alias.name for alias in node.names]
            for target in targets:
                first = [*base, *target.split(".")][0]
                is_module = (PACKAGE / first).is_dir() or (PACKAGE / f"{first}.py").is_file()
                names.add(first if is_module else "hskg")  # else a name of the package (`__version__`)
    return names - {inside[0]}


def test_every_module_is_in_the_table_and_the_table_names_no_other():
    assert set(documented()) == set(top_level_modules()) - {"hskg"}


def test_each_module_imports_only_what_its_row_allows():
    rows = documented()
    found = {name: set().union(*(imported(p) for p in paths)) - {"hskg"}
             for name, paths in top_level_modules().items() if name != "hskg"}
    extra = {name: sorted(found[name] - rows.get(name, set())) for name in found if found[name] - rows.get(name, set())}
    assert extra == {}


def test_the_allowed_imports_have_no_cycle():
    rows = documented()
    order: list[str] = []
    visiting: set[str] = set()

    def visit(name, path):
        assert name not in visiting, f"cycle: {' → '.join(path + [name])}"
        if name in order:
            return
        visiting.add(name)
        for below in sorted(rows.get(name, ())):
            visit(below, path + [name])
        visiting.discard(name)
        order.append(name)

    for name in sorted(rows):
        visit(name, [])
    assert len(order) == len(rows)
