"""Wrong answers to lesson 04's exercise, each named for its bug. Every one must fail check().

Each subclasses the reference and overrides only the method with the bug, so the bug is all
that differs.
"""

from queue import Empty, Full

from lessons import solution

BoundedQueue = solution("bounded-queue")


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


class BoundedQueueMissingNotify(BoundedQueue):
    """put() appends but never notifies not_empty: a waiting get sleeps until its timeout."""

    def put(self, item, block=True, timeout=None):
        with self.not_full:
            if not self._wait_for(self.not_full, lambda: not self._full(), block, timeout):
                raise Full
            self.items.append(item)
            self.unfinished_tasks += 1


class BoundedQueueIgnoringTimeout(BoundedQueue):
    """Waits without its timeout: a get on an empty queue blocks until an item comes."""

    def _wait_for(self, condition, predicate, block, timeout):
        if not block:
            return bool(predicate())
        return bool(condition.wait_for(predicate))


class BoundedQueuePutNeverBlocks(BoundedQueue):
    """Ignores maxsize: put() always appends, so the queue holds producers back never."""

    def put(self, item, block=True, timeout=None):
        with self.not_full:
            self.items.append(item)
            self.unfinished_tasks += 1
            self.not_empty.notify()


class BoundedQueueJoinWithoutWaiting(BoundedQueue):
    """join() returns at once, before the tasks are done."""

    def join(self, timeout=None):
        return True


class BoundedQueueTaskDoneNeverNotifies(BoundedQueue):
    """task_done() counts down but never wakes join(), which waits until its timeout."""

    def task_done(self):
        with self.all_tasks_done:
            if self.unfinished_tasks <= 0:
                raise ValueError("task_done() called too many times")
            self.unfinished_tasks -= 1


class BoundedQueueOwnExceptions(BoundedQueue):
    """Raises its own Empty, so a caller's `except queue.Empty` does not catch it."""

    class Empty(Exception):
        pass

    def get(self, block=True, timeout=None):
        try:
            return super().get(block, timeout)
        except Empty:
            raise self.Empty from None


BOUNDED_QUEUE = [BoundedQueueIfInsteadOfWhile, BoundedQueueMissingNotify,
                 BoundedQueueIgnoringTimeout, BoundedQueuePutNeverBlocks,
                 BoundedQueueJoinWithoutWaiting, BoundedQueueTaskDoneNeverNotifies,
                 BoundedQueueOwnExceptions]
