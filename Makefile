# Retro: `make run` starts the app, `make test` runs the whole suite. Both set everything up first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

# Graphviz renders the diagrams; Xvfb, xdotool and x11-apps (xwd) run the real-window smoke test;
# the xcb libraries are what Qt's xcb platform plugin needs on a real display.
DEB_PACKAGES := graphviz xvfb xauth xdotool x11-apps fonts-dejavu-core \
	libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
	libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 \
	libegl1 libgl1 libfontconfig1 libdbus-1-3

.PHONY: setup system-packages run test lint bench clean

setup: system-packages $(STAMP)

system-packages:
	@bash packaging/install-system-packages.sh $(DEB_PACKAGES)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Retro needs Python 3.11 or newer; $(PYTHON) is $$($(PYTHON) --version)"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: setup
	$(VENV)/bin/retro

test: setup
	$(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy app
	$(VENV)/bin/lint-imports

bench: setup
	$(PY) bench/bench_startup.py
	$(PY) bench/bench_library_open.py
	$(PY) bench/bench_edit.py
	$(PY) bench/bench_timeline.py
	$(PY) bench/bench_diagram.py
	$(PY) bench/bench_export.py
	$(PY) bench/bench_presentation.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis *.egg-info
