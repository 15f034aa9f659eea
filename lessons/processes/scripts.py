"""Run small programs in a fresh interpreter, as a script or as a notebook cell would be run,
and report what they printed and which errors they hit, without this machine's paths.

Lesson 07 uses it for what cannot safely happen inside a notebook's own kernel: a child that
cannot find its function, a script without the ``__main__`` guard, joblib's workers (loky keeps
its own helper processes alive), the resource tracker's warning at exit.
"""

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

__all__ = ["run_programs", "main_name_demo", "errors_in"]

# "<module '__main__' (built-in)>" up to 3.11, "(<class '_frozen_importlib.BuiltinImporter'>)"
# from 3.12 on: the same module, worded differently; shown the 3.11 way so outputs match.
_MAIN_MODULE = re.compile(r"<module '__main__' \(.*\)>")


def run_programs(programs, *, as_script=False, timeout=60):
    """Run each source text in `programs` at once, each in a fresh interpreter.

    As ``python -c`` (like a notebook cell: its ``__main__`` has no file a child could import)
    or, with `as_script`, as a file ``script.py`` in a temporary folder. Returns, per program,
    ``(stdout lines, error lines)``; a program still running after `timeout` s is killed.
    """
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, PYTHON_COLORS="0")
        running = []
        for index, source in enumerate(programs):
            if as_script:
                path = Path(folder) / f"script{index}.py"
                path.write_text(source, encoding="utf-8")
                command = [sys.executable, path.name]
            else:
                command = [sys.executable, "-c", source]
            running.append(subprocess.Popen(command, cwd=folder, env=env, text=True,
                                            stdout=subprocess.PIPE, stderr=subprocess.PIPE))
        return [_finish(process, timeout) for process in running]


def _finish(process, timeout):
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        err += f"\nTimeoutError: still running after {timeout} s: stopped\n"
    return out.splitlines(), errors_in(err)


def errors_in(stderr):
    """The ``SomeError: message`` and ``SomeWarning: message`` lines of a stderr, path-free."""
    found = []
    lines = stderr.splitlines()
    for index, line in enumerate(lines):
        match = re.match(r"(\w+Error): ?(.*)$", line) or re.search(r":\d+: (\w+Warning): (.*)$", line)
        if match:
            text = match[2].strip()
            if not text:  # a message that starts on the next lines, up to a blank one
                rest = lines[index + 1:] + [""]
                text = " ".join(" ".join(rest[:rest.index("")]).split())
            text = _MAIN_MODULE.sub("<module '__main__' (built-in)>", text)
            text = re.sub(r": \{.*\}$", "", text)  # 3.13 lists the leaked names: they vary
            found.append(f"{match[1]}: {text}")
    return found


def main_name_demo(methods=("fork", "spawn", "forkserver"), timeout=60):
    """The lines ``python -m lessons.processes.main_name METHOD`` prints, for each method."""
    programs = [f"import runpy, sys; sys.argv = ['main_name', {m!r}]; "
                "runpy.run_module('lessons.processes.main_name', run_name='__main__', "
                "alter_sys=True)" for m in methods]
    return [line for out, errors in run_programs(programs, timeout=timeout)
            for line in out + errors]
