# The kit's two everyday commands are `make grade` and `make test`.
# Every target only aliases the grader or the kit's own tests.
# The learner's loop without `grader` on PATH: make watch [C=1.1], make check C=1.1, make hint C=1.1.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: grade watch check hint test lint bench verify clean-venv

grade: $(STAMP)
	@$(BIN)/grader grade

watch: $(STAMP)
	@$(BIN)/grader watch $(C)

check hint: $(STAMP)
	@test -n "$(C)" || { echo "Which challenge? make $@ C=1.1 (a number or an id: C=fundamentals.tour)"; exit 2; }
	@$(BIN)/grader $@ $(C)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest tests

lint: $(STAMP)
	$(BIN)/ruff check .

verify: $(STAMP)
	$(BIN)/grader verify

bench: $(STAMP)
	$(BIN)/python -m tests.bench

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' 2>/dev/null || { \
	    echo "The kit needs Python 3.10 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1 || echo missing)."; \
	    echo "Install a newer Python, then run: make PYTHON=python3.12 grade"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	@touch $(STAMP)

clean-venv:
	rm -rf $(VENV)
