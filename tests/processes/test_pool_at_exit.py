"""What CPython's excluded child-interpreter tests check, checked on the reference itself:
at interpreter exit, work submitted to the pool still runs; once it has been shut down at exit,
submit raises RuntimeError."""

import subprocess
import sys

import pytest

METHODS = ("fork", "spawn", "forkserver")
SCRIPT = """
import atexit, multiprocessing
from lessons import solution
from lessons.processes.pool_tasks import sleep_then

def after_the_pool_shut_down():  # registered before the pool: atexit runs it after the pool's
    try:
        pool.submit(sleep_then, 0)
    except RuntimeError:
        print("submit after exit: RuntimeError")

if __name__ == "__main__":
    atexit.register(after_the_pool_shut_down)
    pool = solution("process-pool")(2, mp_context=multiprocessing.get_context({method!r}))
    task = pool.submit(sleep_then, 0.5, "apple")
    task.add_done_callback(lambda done: print(done.result()))
"""


@pytest.mark.parametrize("method", METHODS)
def test_work_submitted_before_exit_still_runs(method, tmp_path):
    script = tmp_path / "exit_with_work.py"
    script.write_text(SCRIPT.format(method=method))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["apple", "submit after exit: RuntimeError"]
    assert done.stderr == ""
