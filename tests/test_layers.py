"""The package's layers: what each may import, every package's `__all__`, nothing run at import."""

import ast
import subprocess
import sys

import pytest

from lessons.course.paths import ROOT

PACKAGE = ROOT / "lessons"
# What a module of each layer may import from `lessons`, besides the standard library and the
# course's dependencies. `lessons` itself is the public entry (check, hint, solution), part of
# the course machinery; reference answers are reached through solution(), never imported.
ALLOWED = {
    "course": {"lessons.course"},
    "tools": {"lessons", "lessons.course", "lessons.tools"},
    "threads": {"lessons", "lessons.course", "lessons.tools", "lessons.threads"},
    "processes": {"lessons", "lessons.course", "lessons.tools", "lessons.processes"},
    # Lesson 10 builds on 07-09: it refuses, as lesson 07 does, what no child could import.
    "performance": {"lessons", "lessons.course", "lessons.tools", "lessons.processes",
                    "lessons.performance"},
    # Lesson 11 runs lesson 10's workloads on a cluster, and reuses 09's gated tasks.
    "distributed": {"lessons", "lessons.course", "lessons.tools", "lessons.processes",
                    "lessons.performance", "lessons.distributed"},
    "checks": {"lessons.course", "lessons.tools", "lessons.threads", "lessons.processes",
               "lessons.performance", "lessons.distributed", "lessons.checks", "lessons"},
    # Generated from the notebooks' exercise cells: what a learner's cell may use, never a
    # checker (a checker judges an answer; an answer must not lean on its judge).
    "solutions": {"lessons", "lessons.course", "lessons.tools", "lessons.threads",
                  "lessons.processes", "lessons.performance", "lessons.distributed",
                  "lessons.solutions"},
}


def unlisted_packages(package, table):
    """The sub-packages of `package` (folders with an ``__init__.py``) that `table` lacks: a
    package left out of ``ALLOWED`` would be imported from freely and checked by nobody."""
    return sorted(path.parent.name for path in package.glob("*/__init__.py")
                  if path.parent.name not in table)


def test_every_lessons_package_has_its_place_in_the_layers():
    missing = unlisted_packages(PACKAGE, ALLOWED)
    assert not missing, (f"lessons/{missing[0]}/ is not in ALLOWED in tests/test_layers.py: "
                         "add it with the layers it may import from (CONTRIBUTING.md, "
                         "'Add a topic lesson')")


def test_a_package_missing_from_the_table_is_found(tmp_path):
    for name in ("course", "distributed"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text('"""A package."""\n__all__ = []\n')
    (tmp_path / "notes").mkdir()  # a folder without __init__.py is no package
    assert unlisted_packages(tmp_path, {"course": set()}) == ["distributed"]
    assert unlisted_packages(tmp_path, {"course": set(), "distributed": set()}) == []


def modules_of(layer):
    return sorted((PACKAGE / layer).rglob("*.py"))


def lessons_imports(path):
    """The `lessons...` modules a file imports."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return {name for name in found if name == "lessons" or name.startswith("lessons.")}


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_each_layer_imports_only_from_the_layers_above_it(layer):
    for path in modules_of(layer):
        for name in lessons_imports(path):
            assert any(name == allowed or name.startswith(allowed + ".")
                       for allowed in ALLOWED[layer]), f"{path.relative_to(ROOT)} imports {name}"


def test_course_machinery_imports_only_the_standard_library_and_itself():
    for path in modules_of("course"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 else [])
            for name in names:
                top = name.split(".")[0]
                assert top == "lessons" or top in sys.stdlib_module_names, \
                    f"{path.relative_to(ROOT)} imports {name}"


def test_every_package_says_what_it_exports():
    for init in PACKAGE.rglob("__init__.py"):
        tree = ast.parse(init.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{init.relative_to(ROOT)} has no docstring"
        assert any(isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__all__"
                                                        for t in node.targets)
                   for node in tree.body), f"{init.relative_to(ROOT)} has no __all__"


def test_importing_every_module_starts_nothing():
    # No thread, no child process, no output at import: run in a fresh interpreter.
    names = sorted(".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
                   for p in PACKAGE.rglob("*.py") if p.name != "__main__.py")
    script = ("import threading, multiprocessing, importlib\n"
              f"for name in {names!r}: importlib.import_module(name)\n"
              "assert threading.active_count() == 1, threading.enumerate()\n"
              "assert not multiprocessing.active_children()\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
