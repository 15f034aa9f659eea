"""Wrong answers to lesson 07's exercise `run-in-process`, each the reference with one bug.

They share one body, `_run`, with a switch per bug, so each answer differs from the
reference in exactly the way its name says. ``FAILS`` names, for each, the behaviour the
checker must report as failed (a substring of that outcome's `tried`).
"""

import multiprocessing
import signal

from lessons.processes.tasks import call_and_send
from tests.checks.wrong_answers.marks import fails


def _run(fn, args, timeout, bug=None):
    receiver, sender = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.Process(target=call_and_send, args=(sender, fn, args))
    child.start()
    if bug != "keeps sender":
        sender.close()
    if bug == "joins first":
        child.join()
    if not receiver.poll(_wait(timeout, bug)):
        _stop(child, bug)
        raise TimeoutError(f"no result within {timeout} s")
    try:
        message = receiver.recv()
    except EOFError:
        if bug == "death waited out" and timeout is not None:
            child.join(timeout)  # a death taken for a slow child: the rest of the timeout
            raise TimeoutError(f"no result within {timeout} s") from None
        child.join(5)
        if bug == "killed is None":
            return None
        raise ChildProcessError(_how_it_ended(child.exitcode, bug)) from None
    if bug != "never joins":
        child.join(5)
    if message[0] == "raised":
        if bug == "returns error":
            return message[1]
        if bug == "names the function":
            message[1].add_note(f"raised in the child by {fn.__name__}")
        elif bug == "rebuilt":  # a new exception from the message: a KeyError's key gets quoted
            rebuilt = type(message[1])(str(message[1]))
            rebuilt.add_note(message[2])
            raise rebuilt
        elif bug == "traceback as cause":
            raise message[1] from RuntimeError(message[2])
        elif bug != "no traceback":
            message[1].add_note(message[2])
        raise message[1]
    return message[1]


def _wait(timeout, bug):
    if bug == "no timeout":
        return None
    if bug == "zero is none":
        return timeout or None  # 0 is falsy: "no timeout", not "now"
    return timeout


def _stop(child, bug):
    if bug == "leaves child":
        return
    if bug == "terminates":
        child.terminate()  # SIGTERM: a child that ignores it goes on running
        child.join(1)
        return
    child.kill()
    child.join(5)


def _how_it_ended(exitcode, bug):
    if bug == "always sigkill":
        return "the child was killed by SIGKILL"
    if bug == "every end a signal" or exitcode < 0:
        return f"the child was killed by {signal.Signals(-exitcode).name}"
    return f"the child ended with exit code {exitcode} before sending a result"


def run_in_process_joining_before_receiving(fn, *args, timeout=None):
    """Joins the child before receiving: a big result fills the pipe and both wait for ever."""
    return _run(fn, args, timeout, "joins first")


def run_in_process_keeping_its_copy_of_the_sending_end(fn, *args, timeout=None):
    """Never closes the parent's copy of the sending end: a killed child is never noticed."""
    return _run(fn, args, timeout, "keeps sender")


def run_in_process_returning_the_exception(fn, *args, timeout=None):
    """Returns the child's exception instead of raising it."""
    return _run(fn, args, timeout, "returns error")


def run_in_process_dropping_the_child_traceback(fn, *args, timeout=None):
    """Re-raises the child's exception without the child's traceback text."""
    return _run(fn, args, timeout, "no traceback")


def run_in_process_noting_only_the_function_name(fn, *args, timeout=None):
    """Attaches the name of the function that raised, not the child's traceback."""
    return _run(fn, args, timeout, "names the function")


def run_in_process_returning_none_for_a_killed_child(fn, *args, timeout=None):
    """Returns None when the child was killed, as if it had returned None."""
    return _run(fn, args, timeout, "killed is None")


def run_in_process_naming_sigkill_for_every_signal(fn, *args, timeout=None):
    """Says SIGKILL whatever signal ended the child."""
    return _run(fn, args, timeout, "always sigkill")


def run_in_process_reading_every_exit_code_as_a_signal(fn, *args, timeout=None):
    """Looks up signal.Signals(-exitcode) for a child that exited with a code of its own:
    ValueError, not ChildProcessError."""
    return _run(fn, args, timeout, "every end a signal")


def run_in_process_ignoring_the_timeout(fn, *args, timeout=None):
    """Waits for the result with no timeout at all."""
    return _run(fn, args, timeout, "no timeout")


def run_in_process_reading_timeout_zero_as_none(fn, *args, timeout=None):
    """poll(timeout or None): timeout=0 waits for ever instead of not at all."""
    return _run(fn, args, timeout, "zero is none")


def run_in_process_terminating_on_timeout(fn, *args, timeout=None):
    """On timeout sends SIGTERM (terminate) and not SIGKILL: a child ignoring it runs on."""
    return _run(fn, args, timeout, "terminates")


def run_in_process_leaving_the_child_running_on_timeout(fn, *args, timeout=None):
    """Raises TimeoutError but leaves the child running."""
    return _run(fn, args, timeout, "leaves child")


def run_in_process_rebuilding_the_exception_from_its_message(fn, *args, timeout=None):
    """Raises type(error)(str(error)): KeyError('k') comes back as KeyError("'k'")."""
    return _run(fn, args, timeout, "rebuilt")


def run_in_process_chaining_the_traceback_as_the_cause(fn, *args, timeout=None):
    """Attaches the child's traceback as the exception's __cause__, not as a note."""
    return _run(fn, args, timeout, "traceback as cause")


def run_in_process_waiting_out_the_timeout_when_the_child_dies(fn, *args, timeout=None):
    """Takes a dead child for a slow one when a timeout is given: waits it out, TimeoutError."""
    return _run(fn, args, timeout, "death waited out")


def run_in_process_never_joining(fn, *args, timeout=None):
    """Returns the child's value without joining the child."""
    return _run(fn, args, timeout, "never joins")


TIMEOUT_HONOURED = "the child ignoring SIGTERM"
FAILS = {
    run_in_process_joining_before_receiving: "bigger than a pipe's buffer",
    run_in_process_keeping_its_copy_of_the_sending_end: "killed by SIGKILL",
    run_in_process_returning_the_exception: "raised here",
    run_in_process_dropping_the_child_traceback: "with the child's traceback text",
    run_in_process_noting_only_the_function_name: "with the child's traceback text",
    run_in_process_returning_none_for_a_killed_child: "killed by SIGKILL",
    run_in_process_naming_sigkill_for_every_signal: "killed by SIGTERM",
    run_in_process_reading_every_exit_code_as_a_signal: "exits with code 3",
    run_in_process_ignoring_the_timeout: TIMEOUT_HONOURED,
    run_in_process_reading_timeout_zero_as_none: "timeout=0 means now",
    run_in_process_terminating_on_timeout: TIMEOUT_HONOURED,
    run_in_process_leaving_the_child_running_on_timeout: TIMEOUT_HONOURED,
    run_in_process_never_joining: "os.getpid",
    run_in_process_rebuilding_the_exception_from_its_message: "its args kept",
    run_in_process_chaining_the_traceback_as_the_cause: "with the child's traceback text",
    run_in_process_waiting_out_the_timeout_when_the_child_dies: "while a long timeout runs",
}
RUN_IN_PROCESS = list(FAILS)

for _answer, _behaviour in FAILS.items():  # the marks tests/checks/test_exercises.py reads
    fails(_behaviour)(_answer)
