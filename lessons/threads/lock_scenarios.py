"""The model programs of lesson 03, for the interleaving explorer: a lost update, and two
transfers that deadlock. The lesson, its widget and its checkers all use these."""

from lessons.tools.interleaving import Lock, Scenario, Shared

ACCOUNTS = ("a", "b", "c")
OPENING_BALANCE = 100
AMOUNT = 10


def incrementer(s):
    """Add 1 to s.counter, as `counter += 1` does."""
    yield
    value = s.counter      # read
    yield                  # a switch may happen here
    s.counter = value + 1  # write


def counter_scenario(program, threads=2, lock=True):
    """`threads` copies of `program` on a shared counter (and a lock `s.lock`, unless `lock`
    is false); all must count."""
    def counts_every_increment(s):
        return s.counter == threads
    counts_every_increment.__doc__ = f"counter == {threads}"

    def shared():
        return Shared(counter=0, lock=Lock()) if lock else Shared(counter=0)

    return Scenario([program] * threads, shared, final=counts_every_increment)


def lost_update():
    """Two incrementers on a counter, and no lock: the state is the counter alone."""
    return counter_scenario(incrementer, 2, lock=False)


def transfer(s, source, target):
    """Move AMOUNT between two accounts, holding both locks:
    the source's first, then the target's."""
    yield s.locks[source].acquire()
    yield s.locks[target].acquire()
    from_balance, to_balance = s.balance[source], s.balance[target]
    yield                  # a switch may happen here
    s.balance[source] = from_balance - AMOUNT
    s.balance[target] = to_balance + AMOUNT
    s.locks[target].release()
    s.locks[source].release()


def transfer_scenario(program, moves=(("a", "b"), ("b", "a"))):
    """One thread per (source, target) move, each running program(s, source, target).
    At the end every balance must be what the moves, done one by one, give."""
    expected = dict.fromkeys(ACCOUNTS, OPENING_BALANCE)
    for source, target in moves:
        expected[source] -= AMOUNT
        expected[target] += AMOUNT

    def balances_add_up(s):
        return s.balance == expected
    balances_add_up.__doc__ = f"balances == {expected}"

    def bank():
        return Shared(balance=dict.fromkeys(ACCOUNTS, OPENING_BALANCE),
                      locks={name: Lock() for name in ACCOUNTS})

    threads = [mover(program, source, target) for source, target in moves]
    return Scenario(threads, bank, final=balances_add_up)


def mover(program, source, target):
    def move(s):
        return program(s, source, target)
    move.__name__ = f"{getattr(program, '__name__', 'program')}(s, {source!r}, {target!r})"
    return move


def two_transfers():
    """a → b and b → a at the same time, each locking its source first: they can deadlock."""
    return transfer_scenario(transfer)
