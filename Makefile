# `make run` sets up and plays the default show; `make test` sets up and runs every check.
# Both create their own virtual environment in .venv on first use.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-lowest test-newest venv-lowest venv-newest suite-lowest suite-newest test-pi lint catalogs validate render bench clean wayland-root

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 11) else "Python 3.11 or newer is needed; found %d.%d" % v[:2])'
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "Could not create a virtual environment. On Debian/Ubuntu: sudo apt-get install python3-venv"; \
	  exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/python main.py $(ARGS)

# Line coverage of the package by the tests run in this process (a kiosk started as a
# subprocess is not counted, nor are the bench's programs: pyproject.toml); the suite fails
# below the floor.
COVERAGE_FLOOR ?= 88

test: $(STAMP) lint
	$(BIN)/python -m pytest --cov=kiosk --cov-report=term:skip-covered --cov-fail-under=$(COVERAGE_FLOOR)

# The suite on the lowest versions pyproject.toml admits (.ci/lowest.txt), on Python 3.11.
# venv-lowest and suite-lowest are its two halves (CI sets up both venvs, then runs both suites
# side by side).
test-lowest:
	$(MAKE) venv-lowest
	$(MAKE) suite-lowest

venv-lowest:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "test-lowest wants Python 3.11: make test-lowest PYTHON=python3.11")'
	rm -rf .venv-lowest
	$(PYTHON) -m venv .venv-lowest
	.venv-lowest/bin/python -m pip install --quiet --upgrade pip
	.venv-lowest/bin/python -m pip install --quiet -c .ci/lowest.txt -e '.[test]'
	.venv-lowest/bin/python -m pip list 2>/dev/null | grep -iE '^(pyside6|shiboken6|pyyaml|qrcode|pydantic|platformdirs) '

suite-lowest:
	.venv-lowest/bin/python -m pytest -p no:cacheprovider -m "not once"

# The suite on the newest versions pyproject.toml admits, on the Python given (3.13 in CI:
# Raspberry Pi OS Trixie, Debian 13, current Ubuntu).
test-newest:
	$(MAKE) venv-newest
	$(MAKE) suite-newest

venv-newest:
	rm -rf .venv-newest
	$(PYTHON) -m venv .venv-newest
	.venv-newest/bin/python -m pip install --quiet --upgrade pip
	.venv-newest/bin/python -m pip install --quiet --upgrade -e '.[test]'
	.venv-newest/bin/python --version
	.venv-newest/bin/python -m pip list 2>/dev/null | grep -iE '^(pyside6|shiboken6|pyyaml|qrcode|pydantic|platformdirs) '

suite-newest:
	.venv-newest/bin/python -m pytest -p no:cacheprovider -m "not once"

# The Debian 13 root the Wayland end-to-end tests run labwc and cage from: built once (needs
# root and debootstrap, a few minutes), then reused from /var/cache (KIOSK_ROOTS_CACHE).
wayland-root:
	.ci/debian-root trixie "$$(dpkg --print-architecture)" $$(grep -v '^#' tests/e2e/wayland-root.txt)

# The Pi selection (tests/pi/selection.txt) on a Debian arm64 userland under qemu-user, with the
# binding pip picks there, and the default show drawn there and here on the same binding,
# compared slide by slide (tests/pi/run-arm64). Needs root; the root and its venv are cached.
# PI_SUITE=trixie for Raspberry Pi OS Trixie's Python and the newest binding.
PI_SUITE ?= bookworm

test-pi: $(STAMP)
	tests/pi/run-arm64 $(PI_SUITE)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

# The catalogs of the kiosk's words (kiosk/i18n/locale) brought up to date with the English
# and compiled; translators edit the .po files.
catalogs: $(STAMP)
	$(BIN)/python -m kiosk.i18n.build_catalogs

validate: $(STAMP)
	$(BIN)/python main.py validate $(DIR)

clean:
	rm -rf $(VENV) .venv-lowest .venv-newest build *.egg-info .pytest_cache .mypy_cache .ruff_cache
