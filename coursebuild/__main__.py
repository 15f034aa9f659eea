"""``python -m coursebuild build|execute|notebooks``: keep notebooks/ in step with solutions/."""

import argparse
import sys
from pathlib import Path

import nbformat

from coursebuild import solution_modules
from coursebuild.blanking import cell_signature, learner_notebook
from lessons.course.paths import NOTEBOOKS, ROOT, SOLUTIONS

SOLUTION_MODULES = ROOT / "lessons" / "solutions"


def build():
    """Write notebooks/NN_name.ipynb for every solutions/NN_name.ipynb whose cells changed,
    and the modules of lessons.solutions from the exercise cells.

    Returns the learner notebooks written (their outputs are cleared: execute them next).
    One whose cells already match is left as it is, outputs included.
    """
    for name in solution_modules.write(SOLUTIONS, SOLUTION_MODULES):
        print(f"wrote lessons/solutions/{name}")
    written, expected = [], set()
    for source in sorted(SOLUTIONS.glob("*.ipynb")):
        target = NOTEBOOKS / source.name
        expected.add(target)
        fresh = learner_notebook(nbformat.read(source, as_version=4), source.name)
        if target.exists() and (cell_signature(nbformat.read(target, as_version=4))
                                == cell_signature(fresh)):
            continue
        nbformat.write(fresh, target)
        written.append(target)
        print(f"wrote {target.relative_to(ROOT)}")
    for stale in sorted(set(NOTEBOOKS.glob("*.ipynb")) - expected):
        stale.unlink()
        print(f"removed {stale.relative_to(ROOT)} (no solutions/ notebook of that name)")
    return written


def shown(path):
    path = Path(path).resolve()
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name


def execute(paths):
    from coursebuild.executing import execute_in_place

    for path in paths:
        print(f"executing {shown(path)}", flush=True)
        execute_in_place(path)


def timings(paths):
    """Run each notebook top to bottom in a fresh kernel (nothing written); print seconds."""
    import time

    from coursebuild.executing import execute

    for path in paths:
        began = time.perf_counter()
        execute(nbformat.read(path, as_version=4), Path(path).parent)
        print(f"{time.perf_counter() - began:6.1f} s  {shown(path)}", flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m coursebuild")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build", help="write changed notebooks/ from solutions/ (no execution)")
    run = commands.add_parser("execute", help="execute the given notebooks in place")
    run.add_argument("paths", nargs="+")
    commands.add_parser("notebooks", help="build, then execute solutions/ and notebooks/")
    timed = commands.add_parser("timings", help="time each notebook top to bottom (default: all)")
    timed.add_argument("paths", nargs="*")
    args = parser.parse_args(argv)
    if args.command == "build":
        build()
    elif args.command == "execute":
        execute(args.paths)
    elif args.command == "timings":
        timings(args.paths or sorted(SOLUTIONS.glob("*.ipynb")) + sorted(NOTEBOOKS.glob("*.ipynb")))
    else:
        build()
        execute(sorted(SOLUTIONS.glob("*.ipynb")) + sorted(NOTEBOOKS.glob("*.ipynb")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
