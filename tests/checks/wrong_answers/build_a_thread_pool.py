"""Wrong pools for `thread-pool`, each a small right pool with one bug, named for it and marked
with the behaviour it must fail. They build on their own right pool, not on the reference's
private attributes."""

import queue
import threading
import weakref
from concurrent.futures import Executor, Future, as_completed

from tests.checks.wrong_answers.marks import fails


def _finish_at_exit(pool_ref):
    pool = pool_ref()
    if pool is not None:
        pool.shutdown()


class _RightPool(Executor):
    """A right pool; `daemon` workers are left to die at exit (only for a pool whose bug would
    otherwise keep the test process from exiting, or whose bug that is)."""

    daemon = False

    def __init__(self, max_workers=4, thread_name_prefix="pool"):
        if max_workers < 1:
            raise ValueError("max_workers must be greater than 0")
        self.work, self.closed, self.lock = queue.SimpleQueue(), False, threading.Lock()
        self.workers = [threading.Thread(target=self.work_loop, daemon=self.daemon,
                                         name=f"{thread_name_prefix}-{i}")
                        for i in range(self.workers_for(max_workers))]
        for worker in self.workers:
            worker.start()
        if not self.daemon:
            threading._register_atexit(_finish_at_exit, weakref.ref(self))

    def workers_for(self, max_workers):
        return max_workers

    def submit(self, fn, /, *args, **kwargs):
        with self.lock:
            if self.closed:
                raise RuntimeError("cannot schedule new futures after shutdown")
            future = Future()
            self.work.put((future, fn, args, kwargs))
        return future

    def work_loop(self):
        while (item := self.work.get()) is not None:
            future, fn, args, kwargs = item
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(fn(*args, **kwargs))
                except BaseException as error:
                    future.set_exception(error)

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self.lock:
            first, self.closed = not self.closed, True
            while cancel_futures:
                try:
                    item = self.work.get_nowait()
                except queue.Empty:
                    break
                if item is not None:
                    item[0].cancel()
            if first:
                for _ in self.workers:
                    self.work.put(None)
        if wait:
            for worker in self.workers:
                worker.join()


@fails("4 tasks on Pool(max_workers=4)")
class PoolRunningOneTaskAtATime(_RightPool):
    def workers_for(self, max_workers):
        return 1


@fails("a task raising ValueError")
class PoolLosingTasksAfterAnError(_RightPool):
    daemon = True  # its dead worker never takes its stop marker

    def work_loop(self):  # no try: the first failing task kills its worker
        while (item := self.work.get()) is not None:
            future, fn, args, kwargs = item
            if future.set_running_or_notify_cancel():
                future.set_result(fn(*args, **kwargs))


@fails("pool.map over tasks")
class PoolMappingInCompletionOrder(_RightPool):
    def map(self, fn, *iterables, timeout=None, chunksize=1):
        futures = [self.submit(fn, *args) for args in zip(*iterables)]
        return (future.result() for future in as_completed(futures, timeout=timeout))


@fails("pool.map(task, [1, 2], timeout=0.2)")
class PoolMappingWithoutTimeout(_RightPool):
    def map(self, fn, *iterables, timeout=None, chunksize=1):
        futures = [self.submit(fn, *args) for args in zip(*iterables)]
        return (future.result() for future in futures)


class _FutureIgnoringTimeout(Future):
    def result(self, timeout=None):
        return super().result()


@fails("future.result(timeout=0.2)")
class PoolWhoseResultWaitsForever(_RightPool):
    def submit(self, fn, /, *args, **kwargs):
        future = super().submit(fn, *args, **kwargs)
        future.__class__ = _FutureIgnoringTimeout
        return future


@fails("shutdown(wait=True)")
class PoolNotWaitingInShutdown(_RightPool):
    def shutdown(self, wait=True, *, cancel_futures=False):
        super().shutdown(wait=False, cancel_futures=cancel_futures)


@fails("leaving `with")
class PoolLeakingItsWorkers(_RightPool):
    daemon = True  # its workers never stop: daemons, so the test process can still exit

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self.lock:  # refuses new tasks, but never tells the workers to stop
            self.closed = True


@fails("cancel_futures=True")
class PoolIgnoringCancelFutures(_RightPool):
    def shutdown(self, wait=True, *, cancel_futures=False):
        super().shutdown(wait=wait)


@fails("exits without shutdown()")
class PoolWithDaemonWorkers(_RightPool):
    daemon = True  # killed at exit: tasks still queued never run


@fails("3 tasks on Pool(max_workers=2)")
class PoolWithAThreadPerTask(_RightPool):
    def submit(self, fn, /, *args, **kwargs):
        with self.lock:
            if self.closed:
                raise RuntimeError("cannot schedule new futures after shutdown")
        future = Future()

        def run():
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(fn(*args, **kwargs))
                except BaseException as error:
                    future.set_exception(error)
        threading.Thread(target=run).start()
        return future


@fails("Pool(max_workers=0)")
class PoolAcceptingNoWorkers(_RightPool):
    def __init__(self, max_workers=4, thread_name_prefix="pool"):
        super().__init__(max(max_workers, 1), thread_name_prefix)


@fails("Then submit()")
class PoolAcceptingTasksAfterShutdown(_RightPool):
    def submit(self, fn, /, *args, **kwargs):
        if self.closed:
            future = Future()
            future.set_result(fn(*args, **kwargs))
            return future
        return super().submit(fn, *args, **kwargs)


THREAD_POOL = [PoolRunningOneTaskAtATime, PoolLosingTasksAfterAnError,
               PoolMappingInCompletionOrder, PoolMappingWithoutTimeout,
               PoolWhoseResultWaitsForever, PoolNotWaitingInShutdown, PoolLeakingItsWorkers,
               PoolIgnoringCancelFutures, PoolWithDaemonWorkers, PoolWithAThreadPerTask,
               PoolAcceptingNoWorkers, PoolAcceptingTasksAfterShutdown]
