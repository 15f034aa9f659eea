# The course's two commands: `make lab` (set up and open the course), `make test` (set up and
# run every test; LESSON=NN for one lesson's). Choose the interpreter with PYTHON, e.g.
# `make test PYTHON=python3.13`.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The venv is rebuilt when PYTHON is another interpreter than the one it was made with.
PY_ID := $(shell $(PYTHON) -c 'import sys; print("%d.%d.%d%s" % (*sys.version_info[:3], sys.abiflags))' 2>/dev/null)
STAMP := $(VENV)/.installed-$(PY_ID)

.PHONY: lab test notebooks timings setup-check bench clean

# JupyterLab's defaults for this course (no "get notified about Jupyter news?" box over every
# notebook, no update checks), installed where JupyterLab reads overrides in this venv.
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json

$(LAB_SETTINGS): jupyterlab/overrides.json $(STAMP)
	@mkdir -p $(dir $@)
	cp $< $@

# Loopback only, with JupyterLab's token. Jupyter refuses root unless told (containers run so).
lab: $(STAMP) $(LAB_SETTINGS)
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=. \
		--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb \
		$(if $(filter 0,$(shell id -u)),--allow-root)

# LESSON=NN (e.g. `make test LESSON=08`): only that lesson's notebooks (under each start method
# if it starts processes), their checks and its checkers: the authors' quick loop.
test: $(STAMP)
	$(BIN)/python -m pytest $(if $(LESSON),--lesson $(LESSON) tests/checks tests/notebooks)

notebooks: $(STAMP)
	$(BIN)/python -m coursebuild notebooks

timings: $(STAMP)
	$(BIN)/python -m coursebuild timings

bench: $(STAMP)
	$(BIN)/python -m lessons.threads.thread_pool_bench
	$(BIN)/python -m lessons.processes.costs --out benchmarks/results/
	$(BIN)/python -m lessons.processes.process_pool_bench
	$(BIN)/python -m lessons.performance.bench --out benchmarks/results/
	$(BIN)/python -m lessons.distributed.cluster_bench

setup-check: $(STAMP)
	$(BIN)/python -m lessons setup-check

$(STAMP): pyproject.toml requirements.txt
	@test -n "$(PY_ID)" || { echo "'$(PYTHON)' does not run; install Python 3.11+ or pass PYTHON=..."; exit 1; }
	@# No stamp for this interpreter: the venv (if any) was made by another one; start afresh.
	@[ -e $(STAMP) ] || rm -rf $(VENV)
	@[ -x $(BIN)/python ] || { echo "==> 1/3 creating $(VENV) for Python $(PY_ID)"; $(PYTHON) -m venv $(VENV); }
	@# The first install downloads JupyterLab, matplotlib and more: minutes. pip says what it
	@# fetches (with a progress bar in a terminal), so it is plain that it is working.
	@echo "==> 2/3 installing the course's packages into $(VENV) (a few minutes the first time)"
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar on -r requirements.txt -e .
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)
	@echo "==> 3/3 $(VENV) is ready (Python $(PY_ID))"

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
