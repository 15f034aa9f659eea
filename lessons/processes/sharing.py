"""What lesson 08's children run: the blog post's Queue, Pipe, Value/Array and Lock examples,
a lost update made certain, shared memory blocks and a Manager's proxies; and what holds a
Queue's feeder thread back, or a pipe's end open, so the lesson can show it every time.

Children put, send or write what they have to say; none of them prints.
"""

import multiprocessing
import statistics
import threading
import time
from multiprocessing import shared_memory

__all__ = ["FeederGate", "eof_with_a_sibling_alive", "put_list", "put_bytes", "send_list",
           "send_each_and_close", "wait_for_gate", "negate",
           "add_unlocked", "add_in_lockstep", "add_with_lock", "hello_with_lock",
           "mark_done", "fill_block", "double_items", "append_squares", "proxy_reads"]


class FeederGate:
    """An item that holds a Queue's feeder thread back until `open()` is called.

    ``put`` only appends to the queue's buffer; the feeder thread pickles the items later, in
    order. Put a gate first and the feeder waits in pickling it, so every item put after it
    is pickled only once the gate opens (or after `patience` seconds). It arrives as the
    text ``"gate"``.
    """

    def __init__(self, patience=30):
        self._opened, self._patience = threading.Event(), patience

    def open(self):
        self._opened.set()

    def __reduce__(self):  # called by the feeder thread when it pickles this item
        self._opened.wait(self._patience)
        return (str, ("gate",))


def eof_with_a_sibling_alive(method, wait=0.5, timeout=30):
    """Does ``recv()`` see the end of a child's pipe while a second child is still running?

    The parent starts child A with the sending end of a pipe, then child B (which waits),
    then closes its own copy of that end. A sends nothing and exits. A child started by
    ``fork`` inherits every descriptor its parent has open: B holds a copy of A's end, so
    the end of A's pipe is not seen while B lives (False). A ``spawn`` or ``forkserver``
    child holds only what it was passed (True). Checked for `wait` seconds.
    """
    context = multiprocessing.get_context(method)
    receiver, sender = context.Pipe(duplex=False)
    gate, gate_in = context.Pipe(duplex=False)
    first = context.Process(target=send_each_and_close, args=(sender, []))
    second = context.Process(target=wait_for_gate, args=(gate,))
    try:
        first.start()
        second.start()
        sender.close()
        gate.close()
        first.join(timeout)
        return receiver.poll(wait)  # True as soon as the end is seen: recv() would raise EOFError
    finally:
        gate_in.close()  # the second child's gate: it ends
        for child in (first, second):
            child.join(timeout)
        receiver.close()


def wait_for_gate(gate, patience=30):
    """Wait until something arrives on `gate`, or it is closed, or `patience` seconds pass."""
    gate.poll(patience)


def put_list(q):
    """The post's ``f(q)``."""
    q.put([42, None, "hello"])


def put_bytes(q, size):
    """Put one item of `size` bytes: more than a pipe holds once `size` passes ~64 KiB."""
    q.put(bytes(size))


def send_list(conn):
    """The post's Pipe example: send, then close this end."""
    conn.send([42, None, "hello"])
    conn.close()


def send_each_and_close(conn, messages):
    for message in messages:
        conn.send(message)
    conn.close()


def negate(n, a):
    """The post's Value/Array example."""
    n.value = 3.1415927
    for i in range(len(a)):
        a[i] = -a[i]


def add_unlocked(counter, times):
    """``counter.value += 1``, `times` times, without the lock: a read, then a write."""
    for _ in range(times):
        counter.value += 1


def add_in_lockstep(counter, times, barrier):
    """The same read-then-write, with every party reading before any writes (a Barrier).

    What a busy machine does now and then, made certain: each round, every party reads the
    same value and writes it back plus one, so all but one increment of the round are lost.
    """
    for _ in range(times):
        value = counter.value
        barrier.wait()
        counter.value = value + 1
        barrier.wait()


def add_with_lock(counter, times):
    """The fix: the read and the write under the Value's own lock."""
    for _ in range(times):
        with counter.get_lock():
            counter.value += 1


def hello_with_lock(lock, i, results):
    """The post's Lock example: one child at a time holds the lock while it 'prints'."""
    with lock:
        results.put(f"hello world {i}")


def mark_done(jobs, results):
    """Take items from a JoinableQueue until None; put each one squared; task_done() each."""
    while True:
        item = jobs.get()
        try:
            if item is None:
                return
            results.put(item * item)
        finally:
            jobs.task_done()


def fill_block(name, text):
    """Attach to the shared memory block `name` and write `text` (UTF-8) at its start."""
    block = shared_memory.SharedMemory(name=name)
    try:
        data = text.encode()
        block.buf[:len(data)] = data
    finally:
        block.close()  # this process's view of it; the creator unlinks


def double_items(name):
    """Attach to the ShareableList `name` and double each of its items in place."""
    items = shared_memory.ShareableList(name=name)
    try:
        for i in range(len(items)):
            items[i] = items[i] * 2
    finally:
        items.shm.close()


def append_squares(shared_list, numbers):
    """Append each number's square to a Manager's list proxy: one round trip per append."""
    for n in numbers:
        shared_list.append(n * n)


def proxy_reads(sequence, reads, batches=15):
    """Seconds per ``sequence[0]`` (a list, or a Manager's proxy of one): `reads` reads in
    `batches` batches, and the median batch's time per read, so that a batch during which the
    machine paused this process for other work does not count."""
    size = max(1, reads // batches)
    per_read = []
    for _ in range(batches):
        began = time.perf_counter()
        for _ in range(size):
            sequence[0]
        per_read.append((time.perf_counter() - began) / size)
    return statistics.median(per_read)
