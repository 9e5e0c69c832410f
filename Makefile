# Two commands on a fresh machine: `make demo` and `make test` (see README.md).
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
export LIFELINE_DATA_DIR ?= data

.PHONY: install demo test test-later lint lock bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependencies change.
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test]'
	touch $@

install: $(VENV)/.installed

# The site under `lifeline serve` (the production server, with a worker that sends its
# mail), and a local mailbox that keeps that mail as files in $(LIFELINE_DATA_DIR)/mail/
# (nothing leaves the machine); Ctrl-C stops them all. DEBUG stays on, as demo_logins
# publishes a password; serve asks for --allow-debug to agree to that.
DEMO_PORT ?= 8000
DEMO_SMTP_PORT ?= 8025
DEMO_ENV = DEBUG=True SITE_URL=http://127.0.0.1:$(DEMO_PORT) \
	EMAIL_HOST=127.0.0.1 EMAIL_PORT=$(DEMO_SMTP_PORT) EMAIL_USE_TLS=False

demo: install
	$(DEMO_ENV) $(BIN)/lifeline migrate --noinput
	$(DEMO_ENV) $(BIN)/lifeline import lifeline/demo/sheets
	$(DEMO_ENV) $(BIN)/lifeline demo_logins
	@echo "Mail:   $(LIFELINE_DATA_DIR)/mail/ (each message the demo sends, as a .txt file)"
	@trap 'kill 0' INT TERM EXIT; \
	$(DEMO_ENV) $(BIN)/lifeline demo_mailbox --port $(DEMO_SMTP_PORT) & \
	$(DEMO_ENV) $(BIN)/lifeline serve --allow-debug --host 127.0.0.1 --port $(DEMO_PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/mypy
	DEBUG=True $(BIN)/lifeline makemigrations --check --dry-run
	$(BIN)/pytest -n auto --create-db

# The suite with the clock moved a year and a half ahead (Debian's faketime), for this
# process and every one it starts: no test may depend on the real date.
LATER ?= +540 days
test-later: install
	faketime '$(LATER)' $(BIN)/pytest -n auto --create-db -p no:cacheprovider

# Re-pin every dependency after changing pyproject.toml.
lock: | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	$(BIN)/python -m pip freeze --exclude-editable > constraints.txt

bench: install
	$(BIN)/python bench/parse.py
	$(BIN)/python bench/import.py
	$(BIN)/python bench/notify.py

clean:
	rm -rf $(VENV) data .pytest_cache
