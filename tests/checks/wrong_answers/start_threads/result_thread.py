"""Wrong answers to lesson 01's `result-thread`, each named for its bug and marked with the
behaviour it must fail."""

import threading

from tests.checks.wrong_answers.marks import fails


# --- result-thread: ResultThread ------------------------------------------------------------

class _Keeping(threading.Thread):
    """A correct base: the wrong answers below override the one method they get wrong."""

    def __init__(self, target=None, args=(), kwargs=None, **options):
        super().__init__(**options)
        self.target, self.args, self.kwargs = target, args, kwargs or {}
        self.result = self.error = None

    def run(self):
        if self.target is None:
            return
        try:
            self.result = self.target(*self.args, **self.kwargs)
        except Exception as error:
            self.error = error


@fails("start(), join(); then .result", raises="RuntimeError")
class ResultThreadWithoutSuperInit(_Keeping):
    def __init__(self, target=None, args=(), kwargs=None, **options):
        self.target, self.args, self.kwargs = target, args, kwargs or {}
        self.result = self.error = None


@fails("before start()")
class ResultThreadCallingTargetInInit(_Keeping):
    def __init__(self, target=None, args=(), kwargs=None, **options):
        super().__init__(target, args, kwargs, **options)
        self.result = target(*args, **(kwargs or {})) if target else None


@fails("kwargs={'b': 3}")
class ResultThreadDroppingKwargs(_Keeping):
    def run(self):
        try:
            self.result = self.target(*self.args)
        except Exception as error:
            self.error = error


@fails("raises ValueError('bad input')")
class ResultThreadLettingErrorsEscape(_Keeping):
    def run(self):
        if self.target is not None:
            self.result = self.target(*self.args, **self.kwargs)


@fails("is .result the thread?")
class ResultThreadRunningInStart(_Keeping):
    def start(self):  # never makes a thread: run() happens in the caller
        self.run()

    def join(self, timeout=None):
        pass

    def is_alive(self):
        return False


@fails("Thread options")
class ResultThreadDroppingThreadOptions(_Keeping):
    def __init__(self, target=None, args=(), kwargs=None, **options):
        super().__init__(target, args, kwargs)


@fails("does start() return at once")
class ResultThreadWhoseStartWaitsForTheTarget(_Keeping):
    def start(self):
        super().start()
        self.join()


@fails("with no target")
class ResultThreadCallingAMissingTarget(_Keeping):
    def run(self):
        try:
            self.result = self.target(*self.args, **self.kwargs)
        except Exception as error:
            self.error = error


@fails("raises ValueError('bad input')")
class ResultThreadKeepingTheErrorAsTheResult(_Keeping):
    def run(self):
        try:
            self.result = self.target(*self.args, **self.kwargs)
        except Exception as error:
            self.result = self.error = error


RESULT_THREAD = [ResultThreadWithoutSuperInit, ResultThreadCallingTargetInInit,
                 ResultThreadDroppingKwargs, ResultThreadLettingErrorsEscape,
                 ResultThreadRunningInStart, ResultThreadDroppingThreadOptions,
                 ResultThreadWhoseStartWaitsForTheTarget, ResultThreadCallingAMissingTarget,
                 ResultThreadKeepingTheErrorAsTheResult]
