"""What moving bytes to another process costs: Queue, Pipe and SharedMemory, against a plain
in-process memcpy of the same bytes (the limit), for message sizes from 100 B to 64 MiB.

One child per transport receives every size in turn, and says how many bytes it got:

* ``Queue``: ``put`` pickles the message, a feeder thread writes it to a pipe; ``get`` reads
  and unpickles it. Messages stream; the child acknowledges the last one.
* ``Pipe``: ``send_bytes``/``recv_bytes``, no pickling. Messages stream, acknowledged at the end.
* ``SharedMemory``: the parent copies the message into a block both processes map, then a
  one-byte note tells the child, which reads the bytes in place and answers; the next message
  waits for that answer (a block holds one message at a time). Each message is a synchronous
  round trip, a copy plus two wake-ups, so this always runs below memcpy; only from tens of
  MiB, where the copy dwarfs the round trip, does it come close. Around 1 MiB the two costs
  are alike, and a busy machine, which delays each wake-up, decides whether it beats Pipe.

Each size is sent in `rounds` rounds of at least `least` messages, and the row keeps the median
round: one scheduler stall on a shared machine spoils one round, not the row.

``python -m lessons.processes.costs --out benchmarks/results/`` (``make bench``) runs the full
table and writes ``process_costs.csv`` and ``process_costs.png``, with the machine's conditions
(``lessons.tools.benchmarking``); lesson 08 runs a small one.
"""

import csv
import multiprocessing
import statistics
import sys
import time
from multiprocessing import shared_memory
from pathlib import Path

from lessons.tools.benchmarking import bench_main, bench_parser

__all__ = ["FULL_SIZES", "SMALL_SIZES", "TRANSPORTS", "ROUNDS", "measure", "plan", "rate",
           "per_message", "plot", "write_csv", "main"]

MiB = 1 << 20
FULL_SIZES = (100, 1_000, 10_000, 100_000, MiB, 8 * MiB, 64 * MiB)
SMALL_SIZES = (100, 10_000, MiB)
TRANSPORTS = ("memcpy", "Pipe", "Queue", "SharedMemory")
ROUNDS = 5


def plan(sizes, volume, rounds=ROUNDS, least=10):
    """(size, messages per round) pairs: about `volume` bytes per size over all `rounds`,
    with at least `least` and at most 1,000 messages per round."""
    if rounds < 1 or least < 1:
        raise ValueError(f"rounds and least must be at least 1, not {rounds} and {least}")
    return [(size, max(least, min(1_000, volume // (size * rounds)))) for size in sizes]


def measure(sizes=SMALL_SIZES, volume=4 * MiB, rounds=ROUNDS, least=10, timeout=120):
    """One row per transport and size: {transport, size, messages, rounds, seconds,
    bytes_per_s, per_message_s}, where `messages` are sent per round and `seconds` is the
    median round's time (`plan` says how many). A transport whose child got fewer bytes than
    sent raises RuntimeError."""
    pairs = plan(sizes, volume, rounds, least)
    rows = [_row("memcpy", size, count, [_memcpy(size, count) for _ in range(rounds)])
            for size, count in pairs]
    for transport in ("Pipe", "Queue", "SharedMemory"):
        took = (_through_shared_memory(pairs, rounds, timeout) if transport == "SharedMemory"
                else _through_stream(transport, pairs, rounds, timeout))
        rows += [_row(transport, size, count, times)
                 for (size, count), times in zip(pairs, took)]
    return rows


def _row(transport, size, messages, round_times):
    seconds = statistics.median(round_times)
    return {"transport": transport, "size": size, "messages": messages,
            "rounds": len(round_times), "seconds": seconds,
            "bytes_per_s": size * messages / seconds, "per_message_s": seconds / messages}


def _memcpy(size, count):
    source, target = memoryview(bytes(size)), memoryview(bytearray(size))
    target[:] = source  # warm-up: the target's pages are touched once before timing
    began = time.perf_counter()
    for _ in range(count):
        target[:] = source
    return time.perf_counter() - began


def _child(target, args, timeout):
    """Start a child running target(*args, answers), where answers is its sending end."""
    receiver, sender = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.Process(target=target, args=(*args, sender), name=target.__name__)
    child.start()
    sender.close()
    return child, receiver


def _answer(receiver, timeout, what):
    if not receiver.poll(timeout):
        raise TimeoutError(f"the {what} child did not answer within {timeout} s")
    return receiver.recv()


def _finish(child, receiver, timeout):
    child.join(timeout)
    if child.is_alive():
        child.kill()
        child.join(5)
    receiver.close()
    if child.exitcode != 0:
        raise RuntimeError(f"the {child.name} child ended with exit code {child.exitcode}")


def _through_stream(transport, pairs, rounds, timeout):
    """Pipe or Queue: each round of each size streams to the child, which counts the bytes
    and answers at the end of the round. Returns, per size, the rounds' times."""
    if transport == "Pipe":
        child_end, ours = multiprocessing.Pipe(duplex=False)
        send = ours.send_bytes
    else:
        child_end = ours = multiprocessing.Queue()
        send = ours.put
    child, answers = _child(_receive_stream, (child_end, pairs, rounds), timeout)
    seconds = []
    try:
        for size, count in pairs:
            payload = bytes(size)
            send(payload)  # warm-up
            _answer(answers, timeout, transport)
            seconds.append([_stream_round(send, answers, payload, count, timeout, transport)
                            for _ in range(rounds)])
    finally:
        ours.close()
        if transport == "Pipe":
            child_end.close()
        else:
            ours.join_thread()
        _finish(child, answers, timeout)
    return seconds


def _stream_round(send, answers, payload, count, timeout, transport):
    began = time.perf_counter()
    for _ in range(count):
        send(payload)
    _check(_answer(answers, timeout, transport), len(payload) * count, transport)
    return time.perf_counter() - began


def _receive_stream(source, pairs, rounds, answers):
    receive = getattr(source, "recv_bytes", None) or (lambda: source.get(timeout=60))
    for _, count in pairs:
        answers.send(len(receive()))  # the warm-up
        for _ in range(rounds):
            answers.send(sum(len(receive()) for _ in range(count)))
    answers.close()


def _through_shared_memory(pairs, rounds, timeout):
    block = shared_memory.SharedMemory(create=True, size=max(size for size, _ in pairs))
    notes, notes_in = multiprocessing.Pipe()
    seconds = []
    try:
        child, answers = _child(_read_in_place, (block.name, notes_in, pairs, rounds), timeout)
        notes_in.close()
        try:
            for size, count in pairs:
                payload = memoryview(bytes(size))
                _send_note(block, notes, payload, timeout)  # warm-up: touches the block's pages
                seconds.append([_shared_memory_round(block, notes, payload, count, timeout)
                                for _ in range(rounds)])
            _check(_answer(answers, timeout, "SharedMemory"),
                   sum(s * c for s, c in pairs) * rounds, "SharedMemory")
        finally:
            notes.close()
            _finish(child, answers, timeout)
    finally:
        block.close()
        block.unlink()  # the creator unlinks, once, after every child is done with it
    return seconds


def _send_note(block, notes, payload, timeout):
    """One message: the payload into the block, a note to the child, and its answer."""
    block.buf[:len(payload)] = payload
    notes.send_bytes(b"n")
    _answer(notes, timeout, "SharedMemory")


def _shared_memory_round(block, notes, payload, count, timeout):
    began = time.perf_counter()
    for _ in range(count):
        _send_note(block, notes, payload, timeout)
    return time.perf_counter() - began


def _read_in_place(name, notes, pairs, rounds, answers):
    block = shared_memory.SharedMemory(name=name)
    received = 0
    try:
        for size, count in pairs:
            for index in range(count * rounds + 1):  # the first is the warm-up
                notes.recv_bytes()
                view = block.buf[:size]  # the bytes, in place: nothing is copied
                received += len(view) if index else 0
                view.release()
                notes.send(True)
    finally:
        block.close()
    answers.send(received)
    answers.close()


def _check(received, sent, transport):
    if received != sent:
        raise RuntimeError(f"{transport}: the child received {received} bytes of {sent}")


def rate(bytes_per_s):
    """A throughput in the unit that suits it: ``'3.2 GB/s'``, ``'41.7 MB/s'``, ``'850 kB/s'``."""
    for unit, scale in (("GB/s", 1e9), ("MB/s", 1e6)):
        if bytes_per_s >= scale:
            return f"{bytes_per_s / scale:.3g} {unit}"
    return f"{bytes_per_s / 1e3:.3g} kB/s"


def per_message(seconds):
    """The time one message takes, in µs below 1 ms, else ms: ``'6.3 µs'``, ``'2.04 ms'``."""
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds * 1e6:.3g} µs"


def write_csv(rows, path):
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def plot(rows, axes=None):
    """Throughput and time per message against message size, log–log, one line per transport."""
    import matplotlib.pyplot as plt

    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(11, 4), layout="constrained")
    for transport in TRANSPORTS:
        mine = [row for row in rows if row["transport"] == transport]
        sizes = [row["size"] for row in mine]
        axes[0].plot(sizes, [row["bytes_per_s"] / 1e9 for row in mine], "o-", label=transport)
        axes[1].plot(sizes, [row["per_message_s"] * 1e6 for row in mine], "o-",
                     label=transport)
    for ax, label in zip(axes, ("throughput (GB/s)", "time per message (µs)")):
        ax.set(xscale="log", yscale="log", xlabel="message size (bytes)", ylabel=label)
        ax.grid(True, which="major", alpha=0.3)
        ax.legend()
    axes[0].set_title("bytes moved per second")
    axes[1].set_title("cost of one message")
    return axes


def _measure(args):
    rows = measure(FULL_SIZES, volume=args.volume, least=3)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    write_csv(rows, out / "process_costs.csv")
    import matplotlib
    matplotlib.use("Agg")
    axes = plot(rows)
    axes[0].figure.savefig(out / "process_costs.png", dpi=120)
    print(f"{'transport':<13}{'size':>12}{'messages':>12}{'GB/s':>10}{'µs/message':>12}")
    for row in rows:  # messages per round × rounds; the figures are the median round's
        print(f"{row['transport']:<13}{row['size']:>12,}"
              f"{str(row['messages']) + ' × ' + str(row['rounds']):>12}"
              f"{row['bytes_per_s'] / 1e9:>10.3f}{row['per_message_s'] * 1e6:>12.1f}")
    print(f"wrote {out / 'process_costs.csv'} and {out / 'process_costs.png'}")


def main(argv=None):
    parser = bench_parser("lessons.processes.costs", __doc__,
                          volume=(256 * MiB, "bytes sent per size and transport"))
    parser.add_argument("--out", default="benchmarks/results", help="folder for CSV and PNG")
    return bench_main(parser, argv, _measure)


if __name__ == "__main__":
    sys.exit(main())
