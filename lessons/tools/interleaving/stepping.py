"""One run of a scenario, stepped a thread at a time: where each thread is paused, what each
step ran, and what went wrong (a broken invariant, a crash, a deadlock)."""

import inspect
from functools import cache

from lessons.tools.interleaving.model import (Acquire, Shared, freeze, freeze_or_none,
                                              set_stepping_thread)
from lessons.tools.interleaving.schedule import ScenarioError, ScheduleError, describe

__all__ = ["ThreadRun", "Run", "program_source"]


def program_source(code):
    """(first line number, source lines) of a thread program's code, or None if unavailable."""
    # Keyed by place, not by the code object: equal code objects may come from other files.
    return _source_at(code.co_filename, code.co_firstlineno, code.co_name, code)


@cache
def _source_at(filename, first_line, name, code):
    try:
        lines, first = inspect.getsourcelines(code)
    except (OSError, TypeError):
        return None
    return first, [line.rstrip("\n") for line in lines]


class ThreadRun:
    """One thread of a run: its generator, where it is paused and what it waits to do."""

    def __init__(self, name, program, state):
        self.name = name
        self.program = program
        generator = program(state)
        if not inspect.isgenerator(generator):
            raise ScenarioError(
                f"thread {name!r}: {describe(program)}(state) returned {type(generator).__name__}"
                ", not a generator. A thread program needs `yield` where a switch may happen.")
        self.generator = generator
        self.code = generator.gi_code
        self.status = "ready"  # ready, finished or crashed
        self.error = None
        self.steps = 0
        self.requests = []
        self.request = self._advance()

    def _advance(self):
        """Run to the next yield; the value yielded (a request, or None)."""
        self.requests = []
        set_stepping_thread(self)
        try:
            request = next(self.generator)
        except StopIteration:
            request = None
            self.status = "finished"
        except Exception as error:  # the thread's own code raised: it ends, like a real one
            self.status = "crashed"
            self.error = f"{type(error).__name__}: {error}"
            return None
        finally:
            set_stepping_thread(None)
        if request is not None and not isinstance(request, Acquire):
            return self._crash(f"yielded {request!r}; yield nothing, or `s.lock.acquire()`")
        unyielded = [r for r in self.requests if r is not request]
        if unyielded:  # the acquire would silently not happen: say so
            return self._crash(f"called {unyielded[0].lock.name}.acquire() without `yield`: "
                               "write `yield s.lock.acquire()` so the step can block")
        return request

    def _crash(self, message):
        self.status = "crashed"
        self.error = message
        self.generator.close()
        return None

    @property
    def done(self):
        return self.status != "ready"

    def blocker(self):
        """The lock this thread waits for, or None if it can step."""
        if self.done or self.request is None:
            return None
        lock = self.request.lock
        return None if lock.free_for(self.name) else lock

    def step(self):
        if self.request is not None:
            self.request.lock.take(self.name)
        self.steps += 1
        self.request = self._advance()

    def line(self):
        """The line number where the thread is paused (None once it has ended)."""
        frame = self.generator.gi_frame
        return None if self.done or frame is None else frame.f_lineno

    def key(self):
        frame = self.generator.gi_frame
        if self.done or frame is None:
            return (self.status, self.error)
        local = tuple((name, freeze(value)) for name, value in frame.f_locals.items()
                      if not isinstance(value, Shared))
        return (frame.f_lasti, local, None if self.request is None else self.request.lock.name)

    def describe_state(self):
        if self.status == "finished":
            return "finished"
        if self.status == "crashed":
            return f"raised {self.error}"
        lock = self.blocker()
        if lock is not None:
            return f"blocked: waits for {lock.name!r}, held by {lock.owner}"
        return f"paused at line {self.line()}" + (f", next: {self.request!r}" if self.request else "")


class Run:
    """One execution of a scenario, stepped by thread name."""

    def __init__(self, scenario, record=True):
        self.scenario = scenario
        self.record = record  # keep a trace for people to read (explore doesn't need one)
        self.state = scenario.state()
        before = freeze_or_none(self.state) if record else None
        self.threads = {name: ThreadRun(name, program, self.state)
                        for name, program in scenario.threads.items()}
        if before is not None and freeze_or_none(self.state) != before:
            raise ScenarioError(
                "a thread changed the shared state before its first `yield`. Code before the "
                "first yield runs when the thread is created, outside every step: keep it to "
                "local set-up, or begin the thread with a `yield`.")
        self.schedule = []
        self.trace = []  # (thread name, code run, shared state after), one per step
        self.broken = None  # the first invariant broken, as a message
        self._note_problems()

    def step(self, name):
        thread = self._steppable(name)
        if not self.record:  # explore's fast path: it checks each state itself
            thread.step()
            self.schedule.append(name)
            return self
        before, request = thread.line(), thread.request
        thread.step()
        self.schedule.append(name)
        done = ([repr(request)] if request else []) + self._code_ran(thread, before)
        self.trace.append((name, "; ".join(done), repr(self.state)))
        self._note_problems()
        return self

    def _steppable(self, name):
        number = len(self.schedule) + 1
        if name not in self.threads:
            known = ", ".join(repr(n) for n in self.threads)
            raise ScheduleError(f"step {number}: there is no thread {name!r}; the threads are "
                                f"{known}.")
        thread = self.threads[name]
        if thread.done:
            ended = "has finished" if thread.status == "finished" else f"raised {thread.error}"
            raise ScheduleError(f"step {number}: thread {name!r} {ended} after "
                                f"{thread.steps} step(s); it has no step left.")
        lock = thread.blocker()
        if lock is not None:
            holder = ("itself (a Lock is not re-entrant)" if lock.owner == name
                      else repr(lock.owner))
            others = [n for n in self.runnable() if n != name]
            then = (f"Step {' or '.join(repr(n) for n in others)} first." if others
                    else "No thread can step: this is a deadlock.")
            raise ScheduleError(f"step {number}: thread {name!r} is blocked: it waits for lock "
                                f"{lock.name!r}, held by {holder}. {then}")
        return thread

    def _code_ran(self, thread, before):
        """The statements of the step that just ran, from the lines between the yield it
        left and the one it reached (or its end); bare yields and comments left out."""
        source = program_source(thread.code)
        if source is None or before is None:
            return []
        first, lines = source
        after = thread.line()
        end = first + len(lines) if after is None else after
        if end <= before:
            return ["(loops back)"]
        ran = []
        for number in range(max(before + 1, first), min(end, first + len(lines))):
            code = lines[number - first].split("  #")[0].strip()
            if code and not code.startswith("#") and code != "yield":
                ran.append(code)
        return ran

    def _note_problems(self):
        if self.broken is None:
            self.broken = self.problem_now()

    def problem_now(self):
        """What is wrong in this very state: a broken invariant, a thread that raised, or a
        final condition that fails once every thread has finished. None if nothing."""
        for thread in self.threads.values():
            if thread.status == "crashed":
                return f"thread {thread.name!r} raised {thread.error}"
        scenario = self.scenario
        if scenario.invariant is not None and not scenario.invariant(self.state):
            return f"invariant broken: {describe(scenario.invariant)} (state: {self.state!r})"
        if (scenario.final is not None and self.finished()
                and not scenario.final(self.state)):
            return f"at the end, {describe(scenario.final)} fails (state: {self.state!r})"
        return None

    def runnable(self):
        return [name for name, t in self.threads.items() if not t.done and t.blocker() is None]

    def finished(self):
        return all(t.done for t in self.threads.values())

    def deadlocked(self):
        return not self.finished() and not self.runnable()

    def deadlock_message(self):
        waits = [f"{t.name} waits for {t.blocker().name!r} (held by {t.blocker().owner})"
                 for t in self.threads.values() if not t.done]
        return "deadlock: every live thread is blocked: " + "; ".join(waits)

    def outcome(self):
        """'deadlock', 'broken', 'ok' (all finished, nothing broken) or 'unfinished'."""
        if self.deadlocked():
            return "deadlock"
        if self.broken:
            return "broken"
        return "ok" if self.finished() else "unfinished"

    def key(self):
        return (freeze(self.state), tuple(t.key() for t in self.threads.values()))

    def ending(self):
        """How the run stands, in one sentence: a deadlock, what broke, all finished, or
        which threads are still to run (and where). The widget and the checkers say it so."""
        outcome = self.outcome()
        if outcome == "deadlock":
            return self.deadlock_message()
        if outcome == "broken":
            return self.broken
        if outcome == "ok":
            return "every thread finished; nothing broken"
        left = ", ".join(f"{t.name} ({t.describe_state()})"
                         for t in self.threads.values() if not t.done)
        return f"unfinished: {left}"

    def __repr__(self):
        lines = [f"{number:>2}. {name}: {code}" + (f"   → {state}" if state else "")
                 for number, (name, code, state) in enumerate(self.trace, start=1)]
        if not lines:
            lines = [f"no steps yet; state: {self.state!r}"]
        return "\n".join(lines + [self.ending()])
