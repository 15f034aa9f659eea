"""A small script: what ``__name__`` is in the parent and in a child, for one start method.

Run as ``python -m lessons.processes.main_name METHOD`` (lesson 07 does, in a subprocess per
method). Its functions live in the script's own ``__main__``, as in the blog post's example:
a forked child is a copy of ``__main__``; a spawn or forkserver child imports the script again
under the name ``__mp_main__``, so the ``if __name__ == "__main__":`` block does not run twice.
"""

import multiprocessing
import sys


def module_name():
    return __name__


def _send_module_name(connection):
    connection.send(module_name())
    connection.close()


def main(method):
    context = multiprocessing.get_context(method)
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_send_module_name, args=(sender,))
    child.start()
    sender.close()
    answer = receiver.recv() if receiver.poll(30) else "(no answer)"
    child.join(30)
    print(f"{method:>10}: parent __name__ = {module_name()!r}, child __name__ = {answer!r}")


if __name__ == "__main__":
    main(sys.argv[1])
