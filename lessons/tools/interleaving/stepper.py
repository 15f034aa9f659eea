"""A stepper for the interleaving explorer: you are the scheduler.

One button per thread runs that thread's next step; each thread's code is shown with the line
it is paused at highlighted; the shared state, the schedule so far and what went wrong (a
deadlock, a broken invariant, a step that is not possible) are shown below. Undo replays the
schedule without its last step; reset starts again.

    from lessons.tools.interleaving.stepper import Stepper
    Stepper(lessons.threads.lock_scenarios.lost_update())
"""

import html

import ipywidgets as widgets

from lessons.tools.interleaving import ScheduleError, program_source

PAUSED = "background:#fff3b0"
ENDED = "color:#888"


class Stepper(widgets.VBox):
    """A widget to step a Scenario's threads by hand (see the module docstring)."""

    def __init__(self, scenario):
        self.scenario = scenario
        self.run = scenario.run()
        self.message = ""  # why the last click did nothing, if it did nothing
        self.buttons = {name: widgets.Button(description=f"step {name}",
                                             tooltip=f"run thread {name} to its next yield")
                        for name in self.run.threads}
        for name, button in self.buttons.items():
            button.on_click(lambda _, name=name: self.step(name))
        self.undo_button = widgets.Button(description="undo", tooltip="take back the last step")
        self.undo_button.on_click(lambda _: self.undo())
        self.reset_button = widgets.Button(description="reset", tooltip="start again")
        self.reset_button.on_click(lambda _: self.reset())
        # Panes share the width, and a pane narrower than its code scrolls sideways.
        self.code = {name: widgets.HTML(layout=widgets.Layout(flex="1 1 0%", min_width="0",
                                                              overflow="auto"))
                     for name in self.run.threads}
        self.shared = widgets.HTML()
        self.status = widgets.HTML()
        super().__init__([
            widgets.HBox(list(self.buttons.values()) + [self.undo_button, self.reset_button]),
            widgets.HBox(list(self.code.values()), layout=widgets.Layout(width="100%")),
            self.shared,
            self.status,
        ])
        self.render()

    @property
    def schedule(self):
        return list(self.run.schedule)

    def step(self, name):
        try:
            self.run.step(name)
            self.message = ""
        except ScheduleError as error:
            self.message = str(error)
        self.render()

    def undo(self):
        if self.run.schedule:
            self.run = self.scenario.replay(self.run.schedule[:-1])
            self.message = ""
        else:
            self.message = "nothing to undo: no step taken yet"
        self.render()

    def reset(self):
        self.run = self.scenario.run()
        self.message = ""
        self.render()

    def render(self):
        for name, thread in self.run.threads.items():
            self.code[name].value = thread_html(thread)
            self.buttons[name].button_style = ("" if thread.done or thread.blocker() is not None
                                               else "primary")
        self.undo_button.disabled = not self.run.schedule
        fields = "<br>".join(f"<code style='white-space:pre'>{html.escape(f'{name}={value!r}')}"
                             "</code>" for name, value in vars(self.run.state).items())
        self.shared.value = (f"<b>shared state:</b><br>{fields}"
                             f"<br><b>schedule:</b> <code>{html.escape(str(self.run.schedule))}</code>")
        self.status.value = status_html(self.run, self.message)

    def __repr__(self):
        # The text a notebook keeps for this widget: short and the same on every run.
        names = ", ".join(self.run.threads)
        return f"Stepper({len(self.run.threads)} threads: {names})"


# Code keeps its lines: a narrow pane scrolls sideways instead of breaking a line, let alone
# a token (JupyterLab's own styles for <pre> may wrap anywhere).
CODE_STYLE = ("margin:0.3em 0; white-space:pre; overflow-wrap:normal; word-break:normal; "
              "font-size:0.85em; line-height:1.35")


def thread_html(thread):
    """The thread's program with its paused line highlighted, and what it is doing."""
    source = program_source(thread.code)
    lines = source[1] if source else ["(source not available)"]
    first = source[0] if source else 0
    paused = thread.line()
    rows = []
    for number, line in enumerate(lines, start=first):
        style = PAUSED if number == paused else ENDED if thread.done else ""
        marker = "▶" if number == paused else "&nbsp;"
        rows.append(f"<div style='{style}'>{marker} {html.escape(line) or '&nbsp;'}</div>")
    runs = getattr(thread.program, "__name__", "")
    return (f"<div style='margin-right:1em'>"
            f"<b>thread {html.escape(thread.name)}</b>"
            f"{' · ' + html.escape(runs) if runs and runs != '<lambda>' else ''}<br>"
            f"{html.escape(describe(thread))}"
            f"<pre style='{CODE_STYLE}'>{''.join(rows)}</pre></div>")


def describe(thread):
    """What the thread is doing: finished, blocked, or paused, with what its next step runs."""
    if thread.done or thread.blocker() is not None:
        return thread.describe_state()
    does = ([repr(thread.request)] if thread.request is not None else []) + next_code(thread)
    return f"paused at line {thread.line()}" + (f" · next: {'; '.join(does)}" if does else "")


def next_code(thread):
    """The statements the thread's next step runs: the lines after the one it is paused at, up
    to its next `yield` (or the end of its block), comments left out."""
    source = program_source(thread.code)
    if source is None or thread.line() is None:
        return []
    first, lines = source
    paused = lines[thread.line() - first]
    indent = len(paused) - len(paused.lstrip())
    code = []
    for line in lines[thread.line() - first + 1:]:
        text = line.split("  #")[0].rstrip()
        if text.lstrip().startswith("#"):
            continue
        if not text.strip():
            continue
        if "yield" in text or len(text) - len(text.lstrip()) < indent:
            break
        code.append(text.strip())
    return code


def status_html(run, message):
    lines = []
    if message:
        lines.append(f"<span style='color:#c00'>✗ {html.escape(message)}</span>")
    outcome = run.outcome()
    if outcome != "unfinished":  # the threads' own panes say where an unfinished run is
        colour = "green" if outcome == "ok" else "#c00"
        lines.append(f"<b style='color:{colour}'>{html.escape(run.ending())}</b>")
    return "<br>".join(lines)
