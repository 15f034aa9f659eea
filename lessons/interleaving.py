"""Step the threads of a small model program one switch at a time, and explore every order.

A *thread program* is a generator function of the shared state. Each ``yield`` marks a point
where the scheduler may switch to another thread; a *step* runs one thread from the ``yield``
where it is paused to its next one (or to its end). A thread starts paused at its first
``yield``: code before it runs when the thread is created, so keep it to local set-up. A
*schedule* is the list of thread names stepped, in order.

Model locks block the stepping thread: ``yield state.lock.acquire()`` pauses the thread in
front of the lock, and its next step first takes the lock, which it can't while another thread
holds it. ``state.lock.release()`` is an ordinary call.

    def incrementer(s):
        yield
        value = s.counter      # read
        yield                  # a switch may happen here
        s.counter = value + 1  # write

    scenario = Scenario({"A": incrementer, "B": incrementer}, lambda: Shared(counter=0),
                        final=counter_is_2)
    scenario.replay(["A", "B", "A", "B"])   # one run, step by step
    scenario.explore()                      # every schedule: how many fail, the shortest one

``explore`` memoises the states it has seen (shared state, each thread's position and local
variables, who holds which lock): two schedules that reach the same state have the same future,
so it is counted once however many schedules lead there. That holds when threads share only
the state object, as every program here does (not globals, not variables of an enclosing
function). When states can't be compared by value, or none repeats, it counts every schedule.
"""

import inspect
import itertools
import threading
from dataclasses import dataclass
from functools import cache

from lessons.errors import LessonError

MAX_STATES = 200_000
_stepping = threading.local()  # the ThreadRun being stepped, for Lock.release's checks


class ScheduleError(LessonError):
    """A schedule that cannot be run: an unknown, finished or blocked thread."""


class ScenarioError(LessonError):
    """A scenario that cannot be set up or explored: a thread program that is not one."""


# --- the shared state and model locks -------------------------------------------------------

class Lock:
    """A model of threading.Lock: ``yield lock.acquire()`` blocks while another thread holds
    it; ``lock.release()`` frees it. Not re-entrant: its holder blocks on it too."""

    reentrant = False

    def __init__(self, name=None):
        self.name = name
        self.owner = None  # name of the thread holding it
        self.count = 0

    def acquire(self):
        request = Acquire(self)
        thread = getattr(_stepping, "thread", None)
        if thread is not None:
            thread.requests.append(request)  # must be yielded: see ThreadRun.step
        return request

    def release(self):
        thread = getattr(_stepping, "thread", None)
        if self.owner is None:
            raise RuntimeError(f"release unlocked lock {self.name!r}")
        if self.reentrant and thread is not None and self.owner != thread.name:
            raise RuntimeError(f"cannot release un-acquired lock {self.name!r}")
        self.count -= 1
        if self.count == 0:
            self.owner = None

    def free_for(self, thread_name):
        return self.owner is None or (self.reentrant and self.owner == thread_name)

    def take(self, thread_name):
        self.owner = thread_name
        self.count += 1

    def __enter__(self):
        raise TypeError("a model lock can't be used in `with`: its acquire may block, so write "
                        "`yield s.lock.acquire()` ... `s.lock.release()`")

    def __exit__(self, *exc):
        return False

    def __repr__(self):
        held = "free" if self.owner is None else f"held by {self.owner}"
        if self.reentrant and self.count > 1:
            held += f" ×{self.count}"
        return f"{type(self).__name__}({self.name!r}, {held})"


class RLock(Lock):
    """A model of threading.RLock: its holder may acquire it again; release as many times."""

    reentrant = True


@dataclass(frozen=True)
class Acquire:
    lock: Lock

    def __repr__(self):
        return f"acquire {self.lock.name!r}"


class Shared:
    """The state the threads share: attributes given as keywords. Locks among them (or in a
    dict among them) are named after their attribute or key unless they have a name."""

    def __init__(self, **fields):
        for field, value in fields.items():
            if isinstance(value, Lock) and value.name is None:
                value.name = field
            if isinstance(value, dict):
                for key, item in value.items():
                    if isinstance(item, Lock) and item.name is None:
                        item.name = str(key)
        self.__dict__.update(fields)

    def __repr__(self):
        return ", ".join(f"{field}={value!r}" for field, value in vars(self).items())


class Unfreezable(Exception):
    """A value explore cannot compare by value; it then explores without memoising."""


ATOMS = frozenset({type(None), bool, int, float, str, bytes})
# A frozen list, dict, set, lock or Shared is a tuple that starts with this object, which no
# program's own tuples can contain: so a frozen list never equals a frozen tuple.
_TAG = object()


def freeze_or_none(value):
    try:
        return freeze(value)
    except Unfreezable:
        return None


def freeze(value):
    """A hashable snapshot of `value`, equal for equal states (see the module docstring)."""
    kind = type(value)
    if kind in ATOMS:
        return value
    if kind is tuple or kind is list:
        items = tuple(v if type(v) in ATOMS else freeze(v) for v in value)
        return items if kind is tuple else (_TAG, "list", items)
    if isinstance(value, Lock):
        return (_TAG, "lock", value.name, value.owner, value.count)
    if isinstance(value, Shared):
        return (_TAG, "shared", tuple((k, freeze(v)) for k, v in vars(value).items()))
    if isinstance(value, dict):
        return (_TAG, "dict", tuple((freeze(k), freeze(v)) for k, v in value.items()))
    if isinstance(value, (set, frozenset)):
        return (_TAG, "set", frozenset(freeze(v) for v in value))
    raise Unfreezable(kind.__name__)


# --- one run of a scenario ------------------------------------------------------------------

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
        _stepping.thread = self
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
            _stepping.thread = None
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

    def __repr__(self):
        lines = [f"{number:>2}. {name}: {code}" + (f"   → {state}" if state else "")
                 for number, (name, code, state) in enumerate(self.trace, start=1)]
        if not lines:
            lines = [f"no steps yet; state: {self.state!r}"]
        outcome = self.outcome()
        if outcome == "deadlock":
            lines.append(self.deadlock_message())
        elif outcome == "broken":
            lines.append(self.broken)
        elif outcome == "ok":
            lines.append("every thread finished; nothing broken")
        else:
            left = ", ".join(f"{t.name} ({t.describe_state()})"
                             for t in self.threads.values() if not t.done)
            lines.append(f"unfinished: {left}")
        return "\n".join(lines)


# --- exploring every schedule ---------------------------------------------------------------

@dataclass(frozen=True)
class Exploration:
    """What explore found: counts of schedules, and the shortest that fails."""

    schedules: int
    broken: int  # schedules in which an invariant breaks (or a thread raises)
    deadlocks: int  # schedules that end with every live thread blocked
    failing: int  # schedules that break or deadlock
    states: int  # distinct states visited
    shortest: tuple | None  # a shortest failing schedule (None if none fails)
    problem: str | None  # what goes wrong at its end

    @property
    def passed(self):
        return self.failing == 0

    def __repr__(self):
        text = (f"{self.schedules:,} schedules: {self.broken:,} break an invariant, "
                f"{self.deadlocks:,} deadlock")
        if self.shortest is not None:
            text += f"\nshortest failing schedule: {list(self.shortest)}\n  {self.problem}"
        return text


@dataclass(frozen=True)
class _Future:
    """Counts for the schedules that continue from one state."""

    schedules: int
    broken: int
    deadlocks: int
    failing: int
    shortest: tuple | None
    problem: str | None


class Scenario:
    """Thread programs, how to make their shared state, and what must hold.

    threads:   {name: program}, or a list of programs (named "A", "B", ...)
    state:     a function returning a fresh shared state (a Shared), called once per run
    invariant: state -> bool, must hold after every step
    final:     state -> bool, must hold once every thread has finished
    """

    def __init__(self, threads, state, invariant=None, final=None):
        if not isinstance(threads, dict):
            threads = dict(zip(thread_names(), threads))
        if not threads:
            raise ScenarioError("a scenario needs at least one thread")
        self.threads = dict(threads)
        self.state = state
        self.invariant = invariant
        self.final = final

    def run(self, record=True):
        """A fresh run, no step taken."""
        return Run(self, record)

    def replay(self, schedule, record=True):
        """Run `schedule` (thread names in order); ScheduleError if a step is impossible."""
        problem = schedule_problem(schedule)
        if problem:
            raise ScheduleError(problem)
        run = self.run(record)
        for name in schedule:
            run.step(name)
        return run

    def explore(self, max_states=MAX_STATES):
        """Every schedule, counted: how many break an invariant, deadlock, and a shortest
        failing one. Stops with ScenarioError past `max_states` distinct states."""
        memo = {}
        visited = itertools.count(1)
        memoise = [True]
        hits = [0]

        def key_of(run, number):
            if not memoise[0]:
                return None
            if number > 5000 and hits[0] * 100 < number:
                # Almost no state is reached twice (threads that keep a history, say):
                # remembering states costs more than it saves.
                memoise[0] = False
                return None
            try:
                return run.key()
            except Unfreezable:
                memoise[0] = False  # a value we can't compare: count every schedule instead
                return None

        def visit(run, prefix):
            number = next(visited)
            key = key_of(run, number)
            if key is not None and key in memo:
                hits[0] += 1
                return memo[key]
            if number - hits[0] > max_states:
                raise ScenarioError(f"explore stopped after {max_states:,} distinct states: "
                                    "make the threads shorter, or pass a larger max_states")
            here = run.problem_now()
            runnable = run.runnable()
            if not runnable:
                deadlock = not run.finished()
                problem = here or (run.deadlock_message() if deadlock else None)
                future = _Future(1, int(bool(here)), int(deadlock), int(bool(problem)),
                                 () if problem else None, problem)
            else:
                children = []
                for index, name in enumerate(runnable):
                    # The last child continues this run; the others replay the prefix afresh.
                    child = run if index == len(runnable) - 1 else self.replay(prefix, False)
                    children.append((name, visit(child.step(name), prefix + (name,))))
                future = combine(children, here)
            if key is not None:
                memo[key] = future
            return future

        self.run()  # checks the set-up once, with the messages a person needs
        future = visit(self.run(False), ())
        return Exploration(future.schedules, future.broken, future.deadlocks, future.failing,
                           next(visited) - 1 - hits[0], future.shortest, future.problem)


def combine(children, here):
    """The future of a state from its children's futures (`here`: a problem in the state)."""
    total = sum(f.schedules for _, f in children)
    if here:
        return _Future(total, total, sum(f.deadlocks for _, f in children), total, (), here)
    shortest, problem = None, None
    for name, f in children:  # thread order: the first of equal length wins
        if f.shortest is not None and (shortest is None or len(f.shortest) + 1 < len(shortest)):
            shortest, problem = (name,) + f.shortest, f.problem
    return _Future(total, sum(f.broken for _, f in children),
                   sum(f.deadlocks for _, f in children),
                   sum(f.failing for _, f in children), shortest, problem)


def thread_names():
    """A, B, ..., Z, then T26, T27, ..."""
    for number in itertools.count():
        yield chr(ord("A") + number) if number < 26 else f"T{number}"


def schedule_problem(schedule):
    """Why `schedule` is not a list of thread names, in plain words; None if it is one."""
    if isinstance(schedule, str) or not isinstance(schedule, (list, tuple)):
        return (f"a schedule is a list of thread names such as ['A', 'B', 'A'], not a value of "
                f"type `{type(schedule).__name__}`")
    for number, name in enumerate(schedule, start=1):
        if not isinstance(name, str):
            return (f"step {number} of the schedule is {name!r}, a value of type "
                    f"`{type(name).__name__}`; thread names are strings such as 'A'")
    return None


def describe(function):
    """A function's docstring's first line, or its name."""
    doc = inspect.getdoc(function)
    return doc.splitlines()[0] if doc else getattr(function, "__name__", repr(function))


def explore(scenario, max_states=MAX_STATES):
    """Every schedule of `scenario`, counted (see Scenario.explore)."""
    return scenario.explore(max_states)


def replay(scenario, schedule):
    """One run of `scenario` following `schedule` (see Scenario.replay)."""
    return scenario.replay(schedule)
