import atexit
import collections
import multiprocessing
import signal
import threading
import weakref
from concurrent.futures import Executor, Future, InvalidStateError
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from itertools import islice
from multiprocessing.connection import wait
from multiprocessing.reduction import ForkingPickler

from lessons.processes.pool_worker import run_chunk, work

SMALL_TASK = 16 * 1024  # bytes: a task this small may wait in a busy worker's pipe
PIPELINE = 2  # tasks sent to one worker before it answers: its next one is ready at once


class _Worker:
    """Given: a worker process running `work` (from the package), the parent's end of its
    pipe, and the futures of the tasks sent to it, which it answers in order."""

    def __init__(self, context):
        self.connection, child_end = context.Pipe(duplex=True)
        self.process = context.Process(target=work, args=(child_end,))
        self.process.start()
        child_end.close()  # the child has its own copy; once it dies, sending to it fails
        self.in_flight = collections.deque()

    def stop(self, timeout=5):
        """Send the sentinel (None: "no more work"), wait a while, then make sure it's gone."""
        try:
            self.connection.send(None)
        except OSError:  # it has died already
            pass
        self.process.join(timeout)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout)
        self.connection.close()


def _death_of(process):
    """Given: the error that says which worker died, and how."""
    process.join(1)  # its end of the pipe may close a moment before it can be reaped
    code = process.exitcode
    how = (f"killed by {signal.Signals(-code).name}" if code is not None and code < 0
           else f"exit code {code}")
    return BrokenProcessPool(f"worker process {process.pid} ended abruptly ({how})")


class ProcessPool(Executor):
    """A concurrent.futures Executor on worker processes, like ProcessPoolExecutor.

    A manager thread in the parent sends tasks to the workers (one pipe each), completes the
    futures with their answers, and watches the workers: one that dies breaks the pool, and
    every future not yet done fails with BrokenProcessPool instead of waiting for ever.
    """

    def __init__(self, max_workers=None, mp_context=None):
        if max_workers is None:
            max_workers = multiprocessing.cpu_count()
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        context = mp_context or multiprocessing.get_context()
        self._lock = threading.Lock()  # guards _pending, _shutdown, _broken, _woken
        self._pending = collections.deque()  # (future, fn, args, kwargs), not yet sent
        self._shutdown = False
        self._broken = None
        self._sending = threading.Lock()  # taken before _lock: guards the pipes, in_flight
        self._held = None  # (future, pickled task) waiting for a worker with room
        self._closed = False
        self._wakeup_reader, self._wakeup_writer = context.Pipe(duplex=False)
        self._woken = False
        self._workers = [_Worker(context) for _ in range(max_workers)]
        self._manager = threading.Thread(target=self._manage, name="process-pool-manager",
                                         daemon=True)
        self._manager.start()
        # As with ProcessPoolExecutor, work submitted before the interpreter exits still runs.
        atexit.register(_shut_down_at_exit, weakref.ref(self))

    def submit(self, fn, /, *args, **kwargs):
        with self._lock:
            if self._broken:
                raise BrokenProcessPool(self._broken)
            if self._shutdown:
                raise RuntimeError("cannot schedule new futures after shutdown")
            future = Future()
            self._pending.append((future, fn, args, kwargs))
        self._send_tasks()  # at once, if a worker has room: no wait for the manager's turn
        with self._lock:
            self._wake()  # the manager watches that worker's pipe from now on
        return future

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        """Given: Executor.map, with `chunksize` tasks sent to a worker as one message."""
        if chunksize < 1:
            raise ValueError("chunksize must be >= 1.")
        if chunksize == 1:
            return super().map(fn, *iterables, timeout=timeout)
        items = zip(*iterables)
        chunks = iter(lambda: list(islice(items, chunksize)), [])
        return _flatten(super().map(partial(run_chunk, fn), chunks, timeout=timeout))

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._lock:
            self._shutdown = True
            if cancel_futures:
                while self._pending:
                    self._pending.popleft()[0].cancel()
            self._wake()
        if wait:
            self._manager.join()

    def _wake(self):
        """Wake the manager (the caller holds _lock). At most one byte waits in the pipe,
        so a burst of submits never blocks on it."""
        if not self._woken:
            self._woken = True
            self._wakeup_writer.send_bytes(b"")

    # --- the manager thread --------------------------------------------------------------

    def _manage(self):
        try:
            while True:
                self._send_tasks()
                if self._finished():
                    break
                self._receive()
        except BaseException as why:  # a worker died, or its answer could not be unpickled
            self._break(why)
        else:
            self._stop()

    def _finished(self):
        with self._sending, self._lock:
            return (self._shutdown and not self._pending and self._held is None
                    and not any(worker.in_flight for worker in self._workers))

    def _send_tasks(self):
        """Send pending tasks to workers with room for them (from the submitter's thread or
        the manager's). A worker that has died meanwhile is the manager's to find."""
        with self._sending:
            try:
                while not self._closed and self._send_one():
                    pass
            except OSError:  # a worker's pipe is closed: it died, and the manager will see it
                pass

    def _send_one(self):
        """Send the next task to a worker with room; False if there is no task, or no room."""
        if self._held is None:
            self._held = self._next_task()
            if self._held is None:
                return False
        worker = self._worker_for(len(self._held[1]))
        if worker is None:
            return False
        future, data = self._held
        self._held = None
        worker.in_flight.append(future)
        worker.connection.send_bytes(data)
        return True

    def _next_task(self):
        """The next task still wanted, as (future, pickled task); None if there is none."""
        while True:
            with self._lock:
                if not self._pending or self._broken:
                    return None
                future, fn, args, kwargs = self._pending.popleft()
            if not future.set_running_or_notify_cancel():
                continue  # cancelled while it waited
            try:
                return future, ForkingPickler.dumps((fn, args, kwargs))
            except BaseException as error:  # it can't travel: that is the task's error
                future.set_exception(error)
            finally:
                del fn, args, kwargs  # keep no reference to a task that has left

    def _worker_for(self, size):
        """An idle worker; else, for a small task, one with room in its pipe; else None."""
        idle = [worker for worker in self._workers if not worker.in_flight]
        if idle:
            return idle[0]
        if size <= SMALL_TASK:
            return next((w for w in self._workers if len(w.in_flight) < PIPELINE), None)
        return None

    def _receive(self):
        """Wait for answers, a worker's death, or a wake-up; deal with what came."""
        with self._sending:
            busy = {worker.connection: worker for worker in self._workers if worker.in_flight}
        deaths = {worker.process.sentinel: worker for worker in self._workers}
        ready = wait([*busy, *deaths, self._wakeup_reader])
        if self._wakeup_reader in ready:
            with self._lock:
                self._wakeup_reader.recv_bytes()
                self._woken = False
        for connection in ready:
            if connection in busy:
                self._complete(busy[connection])
        for sentinel in ready:
            if sentinel in deaths:
                raise _death_of(deaths[sentinel].process)

    def _complete(self, worker):
        """Read the worker's next answer and complete the future of its oldest task."""
        try:
            ok, value = worker.connection.recv()
        except (EOFError, OSError):  # its end closed mid-answer: it died
            raise _death_of(worker.process) from None
        with self._sending:
            future = worker.in_flight.popleft()
        future.set_result(value) if ok else future.set_exception(value)

    def _break(self, why):
        """Fail every future not yet done with BrokenProcessPool, and stop every worker."""
        error = BrokenProcessPool("A process in the process pool was terminated abruptly "
                                  "while the future was running or pending.")
        error.__cause__ = why
        with self._sending, self._lock:
            self._broken = "A child process terminated abruptly: the pool is not usable"
            futures = [item[0] for item in self._pending]
            self._pending.clear()
            if self._held is not None:
                futures.append(self._held[0])
                self._held = None
            for worker in self._workers:
                futures.extend(worker.in_flight)
                worker.in_flight.clear()
                worker.process.terminate()  # its pipe may be half-written: no clean stop
        for future in futures:
            try:
                future.set_exception(error)
            except InvalidStateError:  # cancelled meanwhile
                pass
        self._stop()

    def _stop(self):
        """Stop every worker, then close the wake-up pipe."""
        with self._sending:
            self._closed = True
            for worker in self._workers:
                worker.stop()
        with self._lock:
            self._woken = True  # nobody may write to the wake-up pipe once it is closed
            self._wakeup_writer.close()
            self._wakeup_reader.close()


def _flatten(chunks):
    """Given: each result of each chunk, in order, holding none once it is handed out."""
    for chunk in chunks:
        chunk.reverse()
        while chunk:
            yield chunk.pop()


def _shut_down_at_exit(pool_reference):
    pool = pool_reference()
    if pool is not None:
        pool.shutdown(wait=True)
