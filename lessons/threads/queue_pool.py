"""The blog post's thread pool with its bugs fixed, and nothing more: a Queue, workers, task_done.

Kept close to the original so lesson 06 can compare it, fix by fix and in the overhead
benchmark, with the standard library's pools. It has no results: tasks report through
shared state, and errors are collected in ``errors``.
"""

import queue
import threading

_STOP = None  # the sentinel a worker reads as "no more tasks: exit"


class WorkerThread(threading.Thread):
    """Takes (function, args) pairs from the queue and runs them until it reads the sentinel."""

    def __init__(self, work_queue, errors, **thread_options):
        super().__init__(daemon=True, **thread_options)  # the blog post's setDaemon(1)
        self.work_queue = work_queue
        self.errors = errors
        # Fix: no self.start() here; whoever creates the thread starts it, once.

    def run(self):
        while True:
            task = self.work_queue.get()  # blocks: the blog post's `except Queue.Empty` never ran
            try:
                if task is _STOP:
                    return
                function, args = task
                function(*args)
            except Exception as error:  # fix: a failing task must not kill its worker
                self.errors.append(error)
            finally:
                self.work_queue.task_done()  # fix: always, or join() waits for ever


class QueuePool:
    """``QueuePool(num)``, ``add_task(f, *args)``, ``join(timeout)``, ``shutdown()``."""

    def __init__(self, num, name="queue-pool"):  # fix: the blog post's __init__(num) lacked self
        self.work_queue = queue.Queue()
        self.errors = []
        self.workers = [WorkerThread(self.work_queue, self.errors, name=f"{name}-{i}")
                        for i in range(num)]
        for worker in self.workers:
            worker.start()

    def add_task(self, function, *args):  # the blog post's putRequest
        self.work_queue.put((function, args))

    def join(self, timeout=None):
        """Wait until every task added so far is done; False if `timeout` passed first.

        Queue.join() has no timeout, so this waits on the same condition it uses.
        """
        done = self.work_queue.all_tasks_done
        with done:
            return done.wait_for(lambda: self.work_queue.unfinished_tasks == 0, timeout)

    def shutdown(self, timeout=None):
        """Let the workers finish the queued tasks, then stop them; True if all stopped."""
        for _ in self.workers:
            self.work_queue.put(_STOP)
        for worker in self.workers:
            worker.join(timeout)
        return not any(worker.is_alive() for worker in self.workers)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.shutdown()
