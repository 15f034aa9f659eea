"""Wrong process pools for `process-pool`, each a small right pool with one bug, named for it
and marked with the behaviour it must fail. They build on their own right pool (one task at a
time per worker), not on the reference's private attributes; the workers run the package's
`work` loop, as the exercise asks."""

import collections
import multiprocessing
import threading
from concurrent.futures import Executor, Future, as_completed
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import wait

from lessons.processes.pool_worker import work
from tests.checks.wrong_answers.marks import fails


class _RightPool(Executor):
    def __init__(self, max_workers=2, mp_context=None):
        if max_workers < 1:
            raise ValueError("max_workers must be greater than 0")
        self.context = self.context_for(mp_context)
        self.lock, self.pending, self.closed, self.broken = threading.Lock(), collections.deque(), False, False
        self.wake_reader, self.wake_writer = self.context.Pipe(duplex=False)
        self.workers = [self.start_worker() for _ in range(self.workers_for(max_workers))]
        self.manager = threading.Thread(target=self.manage, daemon=True)
        self.manager.start()

    def context_for(self, mp_context):
        return mp_context or multiprocessing.get_context()

    def workers_for(self, max_workers):
        return max_workers

    def start_worker(self):
        mine, theirs = self.context.Pipe()
        process = self.context.Process(target=work, args=(theirs,))
        process.start()
        theirs.close()
        return {"process": process, "connection": mine, "future": None}

    def submit(self, fn, /, *args, **kwargs):
        with self.lock:
            if self.broken:
                raise BrokenProcessPool("broken")
            if self.refuses_after_shutdown() and self.closed:
                raise RuntimeError("cannot schedule new futures after shutdown")
            future = Future()
            self.pending.append((future, fn, args, kwargs))
            self.wake_writer.send_bytes(b"")
        return future

    def refuses_after_shutdown(self):
        return True

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self.lock:
            self.closed = True
            if cancel_futures:
                self.cancel_pending()
            self.wake_writer.send_bytes(b"")
        if wait:
            self.manager.join(30)

    def cancel_pending(self):
        while self.pending:
            self.pending.popleft()[0].cancel()

    def manage(self):
        try:
            while self.dispatch() or self.busy() or not self.closed:
                self.receive()
        except BrokenProcessPool as error:
            self.break_down(error)
        self.stop_workers()

    def busy(self):
        return [w for w in self.workers if w["future"] is not None]

    def dispatch(self):
        """Send a task to each idle worker; True while tasks wait."""
        for worker in self.workers:
            with self.lock:
                if worker["future"] is not None or not self.pending:
                    continue
                future, fn, args, kwargs = self.pending.popleft()
            if future.set_running_or_notify_cancel():
                worker["future"] = future
                worker["connection"].send((fn, args, kwargs))
        with self.lock:
            return bool(self.pending)

    def receive(self):
        busy = {w["connection"]: w for w in self.busy()}
        deaths = {w["process"].sentinel: w for w in self.workers}
        ready = wait([*busy, *deaths, self.wake_reader], timeout=1)
        if self.wake_reader in ready:
            while self.wake_reader.poll():
                self.wake_reader.recv_bytes()
        for connection in ready:
            if connection in busy:
                self.answer(busy[connection])
        if any(sentinel in deaths for sentinel in ready):
            self.on_death()

    def answer(self, worker):
        try:
            ok, value = worker["connection"].recv()
        except EOFError:
            return self.on_death()
        future, worker["future"] = worker["future"], None
        future.set_result(value) if ok else future.set_exception(value)

    def on_death(self):
        raise BrokenProcessPool("a worker died")

    def break_down(self, error):
        with self.lock:
            self.broken = True
            futures = [item[0] for item in self.pending] + [w["future"] for w in self.busy()]
            self.pending.clear()
        for future in futures:
            if not future.done():
                future.set_exception(error)
        for worker in self.workers:
            worker["future"] = None
            worker["process"].kill()

    def stop_workers(self):
        for worker in self.workers:
            try:
                worker["connection"].send(None)
            except OSError:
                pass
            worker["process"].join(5)
            if worker["process"].is_alive():
                worker["process"].kill()
                worker["process"].join(5)


class RightPool(_RightPool):
    """A right pool of another shape than the reference (one task per worker at a time)."""


@fails("only finish if both run at the same time")
class OneWorkerWhateverMaxWorkers(_RightPool):
    def workers_for(self, max_workers):
        return 1


@fails("over 3 tasks that end last to first")
class MapInCompletionOrder(_RightPool):
    def map(self, fn, *iterables, timeout=None, chunksize=1):
        return (f.result() for f in as_completed([self.submit(fn, *a) for a in zip(*iterables)],
                                                 timeout=timeout))


@fails("pool.submit(divide, 1, 0).exception()")
class ErrorReturnedAsResult(_RightPool):
    def answer(self, worker):
        try:
            ok, value = worker["connection"].recv()
        except EOFError:
            return self.on_death()
        future, worker["future"] = worker["future"], None
        future.set_result(value)  # the exception object, as if it were the task's result


@fails("a worker that dies in the middle of a task: the future")
class BlindToADeadWorker(_RightPool):
    def on_death(self):
        pass  # the dead worker's future waits for an answer that will never come


@fails("the other futures, once the pool is broken")
class FailsOnlyTheDeadWorkersFuture(_RightPool):
    def on_death(self):
        for worker in self.busy():
            if not worker["process"].is_alive():
                worker["future"].set_exception(BrokenProcessPool("its worker died"))
                worker["future"] = None
                self.workers.remove(worker)  # and carry on with fewer workers, for ever


@fails("shutdown(cancel_futures=True) with 2 slow tasks running")
class ShutdownDoesNotWait(_RightPool):
    def shutdown(self, wait=True, *, cancel_futures=False):
        super().shutdown(wait=False, cancel_futures=cancel_futures)


@fails("shutdown(cancel_futures=True) with 2 slow tasks running")
class CancelFuturesIgnored(_RightPool):
    def cancel_pending(self):
        pass


@fails("after shutdown", )
class TakesTasksAfterShutdown(_RightPool):
    def refuses_after_shutdown(self):
        return False


@fails("worker processes still running after shutdown")
class LeavesWorkersRunning(_RightPool):
    def stop_workers(self):
        pass  # no sentinel, no join: the workers wait for a task for ever


@fails("how the worker that ran a task was started")
class IgnoresMpContext(_RightPool):
    def context_for(self, mp_context):
        return multiprocessing.get_context()


@fails("ProcessPool(max_workers=0)")
class AcceptsZeroWorkers(_RightPool):
    def __init__(self, max_workers=2, mp_context=None):
        super().__init__(max(max_workers, 1), mp_context)


PROCESS_POOL = [OneWorkerWhateverMaxWorkers, MapInCompletionOrder, ErrorReturnedAsResult,
                BlindToADeadWorker, FailsOnlyTheDeadWorkersFuture, ShutdownDoesNotWait,
                CancelFuturesIgnored, TakesTasksAfterShutdown, LeavesWorkersRunning,
                IgnoresMpContext, AcceptsZeroWorkers]
