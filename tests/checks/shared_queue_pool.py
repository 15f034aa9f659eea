"""A right process pool of another shape than the reference: one shared call pipe that every
worker reads (under a lock), one shared result pipe they all write (under another), answers
matched to futures by a key, as ProcessPoolExecutor's call and result queues do.

Its workers run `serve` (a module function, so children of every start method import it).
The manager hands a task to the call pipe only while fewer tasks are out than there are
workers: an idle worker is then reading, so a big task never waits on a worker that is
itself blocked sending a big result, and a task not handed out can still be cancelled.
"""

import itertools
import threading
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from multiprocessing.connection import wait
from multiprocessing.reduction import ForkingPickler

__all__ = ["SharedCallQueuePool", "serve"]


def serve(calls, call_lock, results, result_lock):
    """A worker: run (key, fn, args, kwargs) from `calls` until None; answer on `results`."""
    while True:
        with call_lock:
            task = calls.recv()
        if task is None:
            return
        key, fn, args, kwargs = task
        try:
            answer = (key, True, fn(*args, **kwargs))
        except BaseException as error:
            answer = (key, False, error)
        try:
            data = ForkingPickler.dumps(answer)
        except Exception as error:
            data = ForkingPickler.dumps((key, False, TypeError(f"unpicklable: {error}")))
        with result_lock:
            results.send_bytes(data)


class SharedCallQueuePool(Executor):
    def __init__(self, max_workers=None, mp_context=None):
        if max_workers is not None and max_workers < 1:
            raise ValueError("max_workers must be greater than 0")
        context = mp_context or get_context()
        self._calls_out, calls_in = context.Pipe(duplex=False)[::-1]
        self._results_in, results_out = context.Pipe(duplex=False)
        self._wake_in, self._wake_out = context.Pipe(duplex=False)
        # Kept: a lock collected here before a spawned child has read it is gone for the child.
        self._locks = context.Lock(), context.Lock()
        self._processes = [context.Process(target=serve, args=(calls_in, self._locks[0],
                                                                results_out, self._locks[1]))
                           for _ in range(max_workers or 2)]
        for process in self._processes:
            process.start()
        calls_in.close()
        results_out.close()
        self._lock = threading.Lock()
        self._waiting, self._out, self._keys = [], {}, itertools.count()
        self._closing = self._broken = False
        self._manager = threading.Thread(target=self._manage, daemon=True)
        self._manager.start()

    def submit(self, fn, /, *args, **kwargs):
        with self._lock:
            if self._broken:
                raise BrokenProcessPool("a worker died")
            if self._closing:
                raise RuntimeError("cannot schedule new futures after shutdown")
            future = Future()
            self._waiting.append((future, fn, args, kwargs))
            self._wake_out.send_bytes(b"")
        return future

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._lock:
            if cancel_futures:
                for future, *_ in self._waiting:
                    future.cancel()
                self._waiting.clear()
            if not self._closing:
                self._closing = True
                self._wake_out.send_bytes(b"")
        if wait:
            self._manager.join()

    def _manage(self):
        try:
            while self._hand_out() or self._out or not self._closing:
                self._listen()
        except BrokenProcessPool as error:
            self._break(error)
        for _ in self._processes:
            try:
                self._calls_out.send(None)
            except OSError:
                break
        for process in self._processes:
            process.join(5)
            if process.exitcode is None:
                process.kill()
                process.join()

    def _hand_out(self):
        """Hand tasks out while a worker is idle; True while some wait."""
        while True:
            with self._lock:
                if not self._waiting or len(self._out) >= len(self._processes):
                    return bool(self._waiting)
                future, fn, args, kwargs = self._waiting.pop(0)
            if not future.set_running_or_notify_cancel():
                continue
            key = next(self._keys)
            try:
                data = ForkingPickler.dumps((key, fn, args, kwargs))
            except Exception as error:
                future.set_exception(error)
                continue
            self._out[key] = future
            self._calls_out.send_bytes(data)

    def _listen(self):
        sentinels = [process.sentinel for process in self._processes]
        ready = wait([self._results_in, self._wake_in, *sentinels])
        if self._wake_in in ready:
            while self._wake_in.poll():
                self._wake_in.recv_bytes()
        if self._results_in in ready:
            key, ok, value = self._results_in.recv()
            future = self._out.pop(key)
            future.set_result(value) if ok else future.set_exception(value)
        if any(sentinel in ready for sentinel in sentinels):
            raise BrokenProcessPool("a worker process ended abruptly")

    def _break(self, error):
        with self._lock:
            self._broken = True
            futures = [item[0] for item in self._waiting] + list(self._out.values())
            self._waiting.clear()
            self._out.clear()
        for process in self._processes:
            process.kill()
        for future in futures:
            if not future.done():
                future.set_exception(error)
