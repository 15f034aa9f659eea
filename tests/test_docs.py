"""What the README, CONTRIBUTING and benchmarks/README claim about the repository holds: every
relative link leads to a file (and to a heading, where it names one), every `make` target and
`python -m` module they name exists, and the README's lesson map matches the notebooks."""

import importlib.util
import re

import pytest

from lessons.course.paths import ROOT

DOCS = ["README.md", "CONTRIBUTING.md", "benchmarks/README.md"]
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")


def _unfenced(text):
    """The text without its fenced code blocks."""
    return re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)


def _prose(text):
    """The text without code blocks or inline code, where brackets are not links."""
    return re.sub(r"`[^`\n]*`", "", _unfenced(text))


def slug(heading):
    """The anchor a code host gives a heading: lower case, punctuation dropped, spaces → '-'."""
    text = heading.strip().lower().replace("`", "")
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(path):
    text = _unfenced(path.read_text(encoding="utf-8"))
    return {slug(line.lstrip("#")) for line in text.splitlines()
            if re.match(r"#{1,6} ", line)}


def broken_links(doc):
    """(link, why) for each relative link in `doc` that leads nowhere."""
    broken = []
    for target in LINK.findall(_prose(doc.read_text(encoding="utf-8"))):
        if re.match(r"[a-z]+:", target):  # https:, mailto: — not this repository's files
            continue
        name, _, anchor = target.partition("#")
        path = (doc.parent / name).resolve() if name else doc
        if not path.exists():
            broken.append((target, "no such file"))
        elif anchor and path.suffix == ".md" and anchor not in anchors(path):
            broken.append((target, f"no heading #{anchor} in {name or doc.name}"))
    return broken


@pytest.mark.parametrize("name", DOCS)
def test_every_relative_link_leads_to_a_file_and_heading(name):
    assert broken_links(ROOT / name) == []


def test_a_broken_link_or_anchor_is_found(tmp_path):
    (tmp_path / "other.md").write_text("# A `Title`, here\n")
    doc = tmp_path / "doc.md"
    doc.write_text("[ok](other.md#a-title-here) [self](#top) [web](https://example.org)\n"
                   "[gone](missing.md) [bad](other.md#nothing) [none](#nowhere)\n"
                   "`[code](missing.md)`\n# Top\n")
    assert broken_links(doc) == [("missing.md", "no such file"),
                                 ("other.md#nothing", "no heading #nothing in other.md"),
                                 ("#nowhere", "no heading #nowhere in doc.md")]


def test_every_make_target_named_exists():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([\w-]+):", makefile, flags=re.M))
    for name in DOCS:
        for target in re.findall(r"`make ([\w-]+)", (ROOT / name).read_text(encoding="utf-8")):
            assert target in targets, f"{name} names `make {target}`, which the Makefile lacks"


def test_every_python_module_named_exists():
    for name in DOCS:
        for module in re.findall(r"python -m ([\w.]+)", (ROOT / name).read_text(encoding="utf-8")):
            path = ROOT.joinpath(*module.split("."))
            ours = path.with_suffix(".py").is_file() or (path / "__main__.py").is_file()
            installed = not ROOT.joinpath(module.split(".")[0]).exists() and \
                importlib.util.find_spec(module) is not None  # a tool: pytest, pip, venv
            assert ours or installed, f"{name} names `python -m {module}`, which does not exist"


def _time_line(notebook):
    """(teaching, exercises, optional) minutes from a notebook's **Time:** line."""
    import json

    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        found = re.search(r"\*\*Time:\*\* teaching (\d+) min · exercises (\d+) min"
                          r"(?: \(\+ (\d+) min)?", "".join(cell["source"]))
        if found:
            return tuple(int(n or 0) for n in found.groups())
    raise AssertionError(f"{notebook.name} states no **Time:** line")


def _lesson_map():
    """{nb: (link, (teaching, exercises, optional), selection)} from the README's table."""
    rows = {}
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) == 5 and re.fullmatch(r"\d\d", cells[0]):
            minutes = re.fullmatch(r"(\d+) \+ (\d+)(?: \(\+ (\d+)\))?", cells[2])
            assert minutes, f"lesson {cells[0]}: minutes {cells[2]!r} are not 'N + M'"
            link = re.search(r"\]\(([^)]+)\)", cells[1]).group(1)
            rows[cells[0]] = (link, tuple(int(n or 0) for n in minutes.groups()), cells[4])
    return rows


def test_the_lesson_map_lists_every_notebook_with_its_own_minutes():
    rows = _lesson_map()
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert sorted(rows) == [path.name[:2] for path in notebooks]
    for path in notebooks:
        link, minutes, _ = rows[path.name[:2]]
        assert link == f"notebooks/{path.name}"
        assert minutes == _time_line(ROOT / "solutions" / path.name), path.name


def test_the_day_selections_add_up_as_the_readme_says():
    selections = ("half day", "full day", "two days")
    rows = _lesson_map()
    order = [selections.index(selection) for _, _, selection in rows.values()]
    assert order == sorted(order), "a selection takes the lessons before it too"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for level, selection in enumerate(selections):
        total = sum(teaching + exercises for _, (teaching, exercises, _), chosen in rows.values()
                    if selections.index(chosen) <= level)
        assert f"{total} min" in readme, f"the README should say a {selection} is {total} min"
