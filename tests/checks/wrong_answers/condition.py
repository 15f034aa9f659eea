"""Wrong answers to lesson 04's exercise, each named for its bug. Every one must fail check().

Each subclasses the reference and overrides only the method with the bug, so the bug is all
that differs.
"""

from queue import Empty, Full

from lessons import solution
from tests.checks.wrong_answers.marks import fails

BoundedQueue = solution("bounded-queue")


@fails('does the woken get check the queue again')
class BoundedQueueIfInsteadOfWhile(BoundedQueue):
    """Trusts a wake-up: waits once with `if`, then takes whatever is (not) there."""

    def get(self, block=True, timeout=None):
        with self.not_empty:
            if not self.items:
                if not block or not self.not_empty.wait(timeout):
                    raise Empty
            item = self.items.popleft()  # IndexError when the item was taken meanwhile
            self.not_full.notify()
            return item


@fails('does put wake it')
class BoundedQueueMissingNotify(BoundedQueue):
    """put() appends but never notifies not_empty: a waiting get sleeps until its timeout."""

    def put(self, item, block=True, timeout=None):
        with self.not_full:
            if not self._wait_for(self.not_full, lambda: not self._full(), block, timeout):
                raise Full
            self.items.append(item)
            self.unfinished_tasks += 1


@fails('get(timeout=0.2) on an empty queue')
class BoundedQueueIgnoringTimeout(BoundedQueue):
    """Waits without its timeout: a get on an empty queue blocks until an item comes."""

    def _wait_for(self, condition, predicate, block, timeout):
        if not block:
            return bool(predicate())
        return bool(condition.wait_for(predicate))


@fails('BoundedQueue(2) after 2 puts')
class BoundedQueuePutNeverBlocks(BoundedQueue):
    """Ignores maxsize: put() always appends, so the queue holds producers back never."""

    def put(self, item, block=True, timeout=None):
        with self.not_full:
            self.items.append(item)
            self.unfinished_tasks += 1
            self.not_empty.notify()


@fails('a worker gets each')
class BoundedQueueJoinWithoutWaiting(BoundedQueue):
    """join() returns at once, before the tasks are done."""

    def join(self, timeout=None):
        return True


@fails('a worker gets each')
class BoundedQueueTaskDoneNeverNotifies(BoundedQueue):
    """task_done() counts down but never wakes join(), which waits until its timeout."""

    def task_done(self):
        with self.all_tasks_done:
            if self.unfinished_tasks <= 0:
                raise ValueError("task_done() called too many times")
            self.unfinished_tasks -= 1


@fails('get_nowait() on an empty')
class BoundedQueueOwnExceptions(BoundedQueue):
    """Raises its own Empty, so a caller's `except queue.Empty` does not catch it."""

    class Empty(Exception):
        pass

    def get(self, block=True, timeout=None):
        try:
            return super().get(block, timeout)
        except Empty:
            raise self.Empty from None


@fails("timeout=-1")
class BoundedQueueAcceptingANegativeTimeout(BoundedQueue):
    """Takes timeout=-1 as 'do not wait' instead of refusing it."""

    def _wait_for(self, condition, predicate, block, timeout):
        if timeout is not None and timeout < 0:
            return bool(predicate())
        return super()._wait_for(condition, predicate, block, timeout)


@fails("task_done() once more")
class BoundedQueueCountingTasksBelowZero(BoundedQueue):
    """task_done() never complains: the count of unfinished tasks goes negative."""

    def task_done(self):
        with self.all_tasks_done:
            self.unfinished_tasks -= 1
            if self.unfinished_tasks <= 0:
                self.all_tasks_done.notify_all()


@fails("put 1, 2, 3")
class BoundedQueueLastInFirstOut(BoundedQueue):
    """get() takes the newest item: a stack, not a queue."""

    def get(self, block=True, timeout=None):
        with self.not_empty:
            if not self._wait_for(self.not_empty, lambda: self.items, block, timeout):
                raise Empty
            item = self.items.pop()
            self.not_full.notify()
            return item


@fails("a put('second') that waits")
class BoundedQueueGetWakesNoPutter(BoundedQueue):
    """get() frees a slot but never notifies not_full: a waiting put sleeps on."""

    def get(self, block=True, timeout=None):
        with self.not_empty:
            if not self._wait_for(self.not_empty, lambda: self.items, block, timeout):
                raise Empty
            return self.items.popleft()


BOUNDED_QUEUE = [BoundedQueueAcceptingANegativeTimeout, BoundedQueueCountingTasksBelowZero,
                 BoundedQueueLastInFirstOut, BoundedQueueGetWakesNoPutter,
                 BoundedQueueIfInsteadOfWhile, BoundedQueueMissingNotify,
                 BoundedQueueIgnoringTimeout, BoundedQueuePutNeverBlocks,
                 BoundedQueueJoinWithoutWaiting, BoundedQueueTaskDoneNeverNotifies,
                 BoundedQueueOwnExceptions]
