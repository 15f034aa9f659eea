"""lessons.threads.join_internals names the design this interpreter's Thread.join really uses."""

import sys
import threading

from lessons.threads.join_internals import DESIGNS, finished_as_join_sees_it, join_source, join_waits_on


def test_the_design_found_is_the_one_of_this_version():
    expected = "_handle" if sys.version_info >= (3, 13) else "_wait_for_tstate_lock"
    assert join_waits_on() == expected
    assert expected in join_source()
    assert DESIGNS[expected].endswith("(3.13+)" if expected == "_handle" else "(3.4–3.12)")


def test_finished_as_join_sees_it_follows_the_thread_life():
    release = threading.Event()
    thread = threading.Thread(target=release.wait, args=(5,))
    seen = [finished_as_join_sees_it(thread)]
    thread.start()
    seen.append(finished_as_join_sees_it(thread))
    release.set()
    thread.join(timeout=5)
    seen.append(finished_as_join_sees_it(thread))
    assert seen == [False, False, True]
