"""Wrong pools for `thread-pool`, each the reference with one bug, named for it."""

from concurrent.futures import Future, as_completed

from lessons import solution

Reference = solution("thread-pool")


class PoolRunningOneTaskAtATime(Reference):
    def __init__(self, max_workers=4, thread_name_prefix="pool"):
        super().__init__(1 if max_workers >= 1 else max_workers, thread_name_prefix)


class PoolLosingTasksAfterAnError(Reference):
    def _work_loop(self):  # no try: the first failing task kills its worker
        while True:
            item = self._work.get()
            if item is None:
                return
            future, fn, args, kwargs = item
            if future.set_running_or_notify_cancel():
                future.set_result(fn(*args, **kwargs))


class PoolMappingInCompletionOrder(Reference):
    def map(self, fn, *iterables, timeout=None, chunksize=1):
        futures = [self.submit(fn, *args) for args in zip(*iterables)]
        return (future.result() for future in as_completed(futures, timeout=timeout))


class FutureIgnoringTimeout(Future):
    def result(self, timeout=None):
        return super().result()


class PoolWhoseResultWaitsForever(Reference):
    def submit(self, fn, /, *args, **kwargs):
        future = super().submit(fn, *args, **kwargs)
        future.__class__ = FutureIgnoringTimeout
        return future


class PoolNotWaitingInShutdown(Reference):
    def shutdown(self, wait=True, *, cancel_futures=False):
        super().shutdown(wait=False, cancel_futures=cancel_futures)


class PoolLeakingItsWorkers(Reference):
    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._shutdown_lock:  # refuses new tasks, but never tells the workers to stop
            self._shutdown = True


class PoolIgnoringCancelFutures(Reference):
    def shutdown(self, wait=True, *, cancel_futures=False):
        super().shutdown(wait=wait)


THREAD_POOL = [PoolRunningOneTaskAtATime, PoolLosingTasksAfterAnError,
               PoolMappingInCompletionOrder, PoolWhoseResultWaitsForever,
               PoolNotWaitingInShutdown, PoolLeakingItsWorkers, PoolIgnoringCancelFutures]
