"""Wrong process pools for `process-pool`, each a small right pool with one bug, named for it
and marked with the behaviour it must fail. They build on their own right pool (one pipe per
worker, one task at a time per worker, a manager thread), not on the reference's private
attributes; the workers run the package's `work` loop, as the exercise asks."""

import collections
import multiprocessing
import threading
import time
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import wait
from multiprocessing.reduction import ForkingPickler

from lessons.processes.pool_worker import work
from tests.checks.wrong_answers.marks import fails


class _RightPool(Executor):
    def __init__(self, max_workers=2, mp_context=None):
        if max_workers < 1:
            raise ValueError("max_workers must be greater than 0")
        self.context = self.context_for(mp_context)
        self.lock, self.pending = threading.Lock(), collections.deque()
        self.closed = self.broken = False
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
        return {"process": process, "connection": mine, "futures": collections.deque()}

    def submit(self, fn, /, *args, **kwargs):
        with self.lock:
            if self.broken:
                raise BrokenProcessPool("broken")
            if self.refuses_after_shutdown() and self.closed:
                raise RuntimeError("cannot schedule new futures after shutdown")
            future = Future()
            self.pending.append((future, fn, args, kwargs))
            self.wake()
        return future

    def wake(self):
        self.wake_writer.send_bytes(b"")

    def refuses_after_shutdown(self):
        return True

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self.lock:
            self.closed = True
            if cancel_futures:
                self.cancel_pending()
            self.wake()
        if wait:
            self.manager.join(30)

    def cancel_pending(self):
        while self.pending:
            self.pending.popleft()[0].cancel()

    def manage(self):
        try:
            self.serve()
        except BrokenProcessPool as error:
            self.break_down(error)
        self.when_served()

    def serve(self):
        while self.dispatch() or self.busy() or not self.closed:
            self.receive()

    def when_served(self):
        self.stop_workers()

    def busy(self):
        return [w for w in self.workers if w["futures"]]

    def has_room(self, worker):
        return not worker["futures"]

    def dispatch(self):
        """Send tasks to the workers with room, the least busy first; True while some wait."""
        while True:
            room = sorted((w for w in self.workers if self.has_room(w)),
                          key=lambda w: len(w["futures"]))
            with self.lock:
                if not room or not self.pending:
                    return bool(self.pending)
                future, fn, args, kwargs = self.pending.popleft()
            if self.starts(future):
                self.send(room[0], future, (fn, args, kwargs))

    def starts(self, future):
        return future.set_running_or_notify_cancel()

    def send(self, worker, future, task):
        try:
            data = ForkingPickler.dumps(task)
        except Exception as error:  # it cannot travel: that is the task's error
            return future.set_exception(error)
        worker["futures"].append(future)
        worker["connection"].send_bytes(data)

    def receive(self):
        busy = {w["connection"]: w for w in self.listened_to()}
        deaths = {w["process"].sentinel: w for w in self.workers}
        ready = wait([*busy, *deaths, self.wake_reader], timeout=1)
        if self.wake_reader in ready:
            while self.wake_reader.poll():
                self.wake_reader.recv_bytes()
        for connection in ready:
            if connection in busy:
                self.answer(busy[connection])
        if any(sentinel in deaths for sentinel in ready):
            self.on_death([deaths[s] for s in ready if s in deaths])

    def listened_to(self):
        return self.busy()

    def answer(self, worker):
        try:
            ok, value = worker["connection"].recv()
        except EOFError:
            return self.on_death([worker])
        self.settle(worker["futures"].popleft(), ok, value)

    def settle(self, future, ok, value):
        future.set_result(value) if ok else future.set_exception(value)

    def on_death(self, dead):
        raise BrokenProcessPool("a worker died")

    def break_down(self, error):
        with self.lock:
            self.broken = True
            futures = [item[0] for item in self.pending]
            self.pending.clear()
        for worker in self.workers:
            futures += worker["futures"]
            worker["futures"].clear()
            worker["process"].kill()
        for future in futures:
            if not future.done():
                future.set_exception(error)

    def stop_workers(self):
        for worker in self.workers:
            try:
                worker["connection"].send(None)
            except OSError:
                pass
            self.join(worker["process"])

    def join(self, process):
        process.join(5)
        if process.is_alive():
            process.kill()
            process.join(5)


class RightPool(_RightPool):
    """A right pool of another shape than the reference: one pipe per worker, one task at a
    time per worker, nothing sent from submit's thread."""


@fails("each held until the other has started")
class OneWorkerWhateverMaxWorkers(_RightPool):
    def workers_for(self, max_workers):
        return 1


@fails("keyword arguments reach the task")
class DropsKeywordArguments(_RightPool):
    def submit(self, fn, /, *args, **kwargs):
        return super().submit(fn, *args)  # the keywords never reach the worker


@fails("list(pool.map(...))")
class MapInCompletionOrder(_RightPool):
    def map(self, fn, *iterables, timeout=None, chunksize=1):
        from concurrent.futures import as_completed
        futures = [self.submit(fn, *args) for args in zip(*iterables)]
        return (f.result() for f in as_completed(futures, timeout=timeout))


@fails("pool.submit(divide, 1, 0)")
class ErrorReturnedAsResult(_RightPool):
    def settle(self, future, ok, value):
        future.set_result(value)  # the exception object, as if it were the task's result


@fails("a worker that dies mid-task")
class BlindToADeadWorker(_RightPool):
    def on_death(self, dead):
        for worker in dead:  # forgotten: its future waits for an answer that never comes
            if worker in self.workers:
                self.workers.remove(worker)


@fails("the other futures: the busy worker's task")
class FailsOnlyTheDeadWorkersFuture(_RightPool):
    def on_death(self, dead):
        for worker in dead:
            for future in worker["futures"]:
                future.set_exception(BrokenProcessPool("its worker died"))
            worker["futures"].clear()
            if worker in self.workers:
                self.workers.remove(worker)  # and carry on with fewer workers, for ever


@fails("the other futures: the busy worker's task")
class FailsRunningTasksButNotWaitingOnes(_RightPool):
    def break_down(self, error):
        with self.lock:
            self.broken = True  # the waiting tasks stay in the deque, never to be sent
        for worker in self.workers:
            for future in worker["futures"]:
                future.set_exception(error)
            worker["futures"].clear()
            worker["process"].kill()


@fails("the other futures: the busy worker's task")
class LetsTheBusyWorkerFinishFirst(_RightPool):
    def on_death(self, dead):
        for worker in dead:
            for future in worker["futures"]:
                future.set_exception(BrokenProcessPool("its worker died"))
            worker["futures"].clear()
        for worker in self.workers:
            if worker not in dead:
                while worker["futures"]:  # wait for its answer before breaking the pool
                    self.answer(worker)
        raise BrokenProcessPool("a worker died")


@fails("shutdown() (wait=True, cancel_futures=False)")
class ShutdownDoesNotWait(_RightPool):
    def shutdown(self, wait=True, *, cancel_futures=False):
        super().shutdown(wait=False, cancel_futures=cancel_futures)


@fails("shutdown() (wait=True, cancel_futures=False)")
class ShutdownCancelsWaitingTasks(_RightPool):
    def shutdown(self, wait=True, *, cancel_futures=False):
        super().shutdown(wait=wait, cancel_futures=True)  # "shutting down drops the queue"


@fails("shutdown() (wait=True, cancel_futures=False)")
class ManagerQuitsWithTasksWaiting(_RightPool):
    def serve(self):
        while self.busy() or not self.closed:
            if not self.closed:  # once shut down, it forgets the tasks not sent yet
                self.dispatch()
            self.receive()


@fails("the futures after shutdown(wait=False")
class CancelFuturesIgnored(_RightPool):
    def cancel_pending(self):
        pass


@fails("shutdown(wait=False, cancel_futures=True) while 1 task is held")
class ShutdownWaitFalseStillWaits(_RightPool):
    def shutdown(self, wait=True, *, cancel_futures=False):
        super().shutdown(wait=True, cancel_futures=cancel_futures)


@fails("the worker process after shutdown(wait=False)")
class WorkersStoppedOnlyWhenWaiting(_RightPool):
    def when_served(self):
        pass

    def shutdown(self, wait=True, *, cancel_futures=False):
        super().shutdown(wait=wait, cancel_futures=cancel_futures)
        if wait:  # the workers are stopped here, so never after shutdown(wait=False)
            self.stop_workers()


@fails("pool.submit(square, 2) after shutdown")
class TakesTasksAfterShutdown(_RightPool):
    def refuses_after_shutdown(self):
        return False


@fails("the worker processes, once shutdown() has returned")
class LeavesWorkersRunning(_RightPool):
    def stop_workers(self):
        pass  # no sentinel, no join: the workers wait for a task for ever


@fails("the worker processes, once shutdown() has returned")
class SendsSentinelsWithoutJoining(_RightPool):
    def join(self, process):
        pass  # told to stop, but nobody waits for them: shutdown returns first


@fails("shutdown() again")
class SecondShutdownRaises(_RightPool):
    def stop_workers(self):
        super().stop_workers()
        self.wake_writer.close()  # done with it... but a second shutdown still writes to it


@fails("the tasks whose futures were cancelled")
class RunsCancelledTasks(_RightPool):
    def starts(self, future):
        future.set_running_or_notify_cancel()  # its answer (False if cancelled) unused
        return True

    def settle(self, future, ok, value):
        if not future.cancelled():
            super().settle(future, ok, value)


@fails("cannot be pickled")
class UnpicklableTaskKillsTheManager(_RightPool):
    def send(self, worker, future, task):
        worker["futures"].append(future)
        worker["connection"].send(task)  # pickles here: the error ends the manager thread


@fails("cannot be pickled")
class UnpicklableTaskBreaksThePool(_RightPool):
    def send(self, worker, future, task):
        try:
            data = ForkingPickler.dumps(task)
        except Exception as error:
            raise BrokenProcessPool(f"a task could not be sent: {error}") from error
        worker["futures"].append(future)
        worker["connection"].send_bytes(data)


@fails("1 MiB arguments")
class SendsThreeTasksAheadToEachWorker(_RightPool):
    """Keeps each worker's pipe full: fine for small tasks, a deadlock for big ones (the
    manager blocks sending a task while the worker blocks sending a result)."""

    def has_room(self, worker):
        return len(worker["futures"]) < 3


@fails("pool.submit while both workers run a held task")
class SubmitWaitsForAnIdleWorker(_RightPool):
    def submit(self, fn, /, *args, **kwargs):
        while not self.closed and not any(self.has_room(w) for w in self.workers):
            time.sleep(0.01)  # "don't take more than the workers can run"
        return super().submit(fn, *args, **kwargs)


@fails("as_completed over a held task")
class ReadsAnswersInTheOrderSent(_RightPool):
    def send(self, worker, future, task):
        super().send(worker, future, task)
        self.__dict__.setdefault("order", collections.deque()).append(worker)

    def listened_to(self):
        order = self.__dict__.get("order", collections.deque())
        while order and not order[0]["futures"]:
            order.popleft()
        return [order[0]] if order else []  # waits for the oldest task, whatever ends first


@fails("how its worker was started")
class IgnoresMpContext(_RightPool):
    def context_for(self, mp_context):
        return multiprocessing.get_context()


@fails("ProcessPool(max_workers=0)")
class AcceptsZeroWorkers(_RightPool):
    def __init__(self, max_workers=2, mp_context=None):
        super().__init__(max(max_workers, 1), mp_context)


PROCESS_POOL = [OneWorkerWhateverMaxWorkers, DropsKeywordArguments, MapInCompletionOrder, ErrorReturnedAsResult,
                BlindToADeadWorker, FailsOnlyTheDeadWorkersFuture,
                FailsRunningTasksButNotWaitingOnes, LetsTheBusyWorkerFinishFirst,
                ShutdownDoesNotWait, ShutdownCancelsWaitingTasks, ManagerQuitsWithTasksWaiting,
                CancelFuturesIgnored, ShutdownWaitFalseStillWaits,
                WorkersStoppedOnlyWhenWaiting, TakesTasksAfterShutdown, LeavesWorkersRunning,
                SendsSentinelsWithoutJoining, SecondShutdownRaises, RunsCancelledTasks,
                UnpicklableTaskKillsTheManager, UnpicklableTaskBreaksThePool,
                SendsThreeTasksAheadToEachWorker, SubmitWaitsForAnIdleWorker,
                ReadsAnswersInTheOrderSent, IgnoresMpContext, AcceptsZeroWorkers]
