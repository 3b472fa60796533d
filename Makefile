# The two commands a new user needs: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev lock setup lint format eval bench-ingest bench bench-capacity bench-data bench-upload bench-live faults serve clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Installs come from the locks (exact versions with hashes, written by `make lock` from the
# ranges in pyproject.toml), so every machine gets what CI tested. Stamps make repeated runs
# skip the install unless a lock or pyproject.toml changed.
LOCK := requirements.lock
DEV_LOCK := requirements-dev.lock

$(VENV)/.installed: $(LOCK) pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --require-hashes -r $(LOCK)
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(DEV_LOCK) pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --require-hashes -r $(DEV_LOCK)
	$(BIN)/pip install -q --no-deps -e .
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## run: install, migrate, ingest seeds/, load the demo class, serve on http://127.0.0.1:8000
## (the ASGI app through daphne's runserver: pages and live games' WebSockets)
## with one background worker beside the web server (it generates uploaded documents), and
## every 5 minutes `end_idle_games` (live games idle for over an hour end)
run: setup
	@echo ""
	@echo "  Quizapp is running at http://$(HOST):$(PORT)/"
	@echo "  Students log in at http://$(HOST):$(PORT)/accounts/login/ (alice / student-demo-pass)"
	@echo "  Teachers upload and review at http://$(HOST):$(PORT)/teach/ (teacher / teacher-demo-pass)"
	@echo "  and edit in depth at http://$(HOST):$(PORT)/admin/"
	@echo "  Live games: teachers press Run live on a quiz; students join at http://$(HOST):$(PORT)/live/"
	@echo ""
	@trap 'kill $$worker $$sweep 2>/dev/null' EXIT INT TERM HUP; \
	$(BIN)/python manage.py db_worker --no-reload -v0 & worker=$$!; \
	while sleep 300; do $(BIN)/python manage.py end_idle_games -v0; done & sweep=$$!; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

setup: install
	$(BIN)/python manage.py migrate --no-input -v0
	$(BIN)/python manage.py ingest seeds/ --no-progress
	@if [ -f fixtures/demo_class.json ]; then $(BIN)/python manage.py loaddata demo_class -v0; fi

## test: install the dev extra and run the whole suite
test: install-dev
	$(BIN)/python -m pytest

## lock: resolve pyproject.toml's ranges again into requirements.lock and requirements-dev.lock
# Against PyPI alone (PIP_CONFIG_FILE=/dev/null), so the hashes are PyPI's files' hashes.
LOCK_ARGS := --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	--no-emit-find-links --upgrade
lock: install-dev
	env -u PIP_FIND_LINKS PIP_CONFIG_FILE=/dev/null $(BIN)/pip-compile $(LOCK_ARGS) --extra dev \
		-o $(DEV_LOCK) pyproject.toml
	env -u PIP_FIND_LINKS PIP_CONFIG_FILE=/dev/null $(BIN)/pip-compile $(LOCK_ARGS) -o $(LOCK) pyproject.toml

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## eval: generation quality on the eval documents (prints the figures; exits 1 below the bar)
eval: install
	$(BIN)/python manage.py ingest quizapp/content/tests/data/eval --dry-run --json /tmp/quizapp-eval.json --no-progress
	$(BIN)/python quizapp/content/tests/data/score.py /tmp/quizapp-eval.json quizapp/content/tests/data/eval/*.txt

## serve: the production configuration on http://127.0.0.1:8000 (gunicorn, PostgreSQL, Redis),
## with daphne on PORT + 1 for the live games' WebSockets
serve: install
	BIN=$(BIN) HOST=$(HOST) PORT=$(PORT) deploy/serve.sh

## bench-ingest: ingest 1,000 seed-sized documents; prints spaCy-alone and full-ingest times and their ratio
bench-ingest: install
	$(BIN)/python benchmarks/ingest_speed.py

## bench: load benchmark (locust, headless) against `serve`'s configuration, then the
## capacity step test; prints the figures, exits 1 if either misses a target
bench: install-dev
	BIN=$(BIN) $(BIN)/python -m benchmarks.load.run; rush=$$?; \
	BIN=$(BIN) $(BIN)/python -m benchmarks.load.capacity && exit $$rush

## bench-upload: time to queue 30 files, and one worker's documents per minute; then a
## 20,000-word PDF chapter: time to done on one worker and that worker's peak memory
bench-upload: install
	$(BIN)/python benchmarks/upload_queue.py; queue=$$?; \
	$(BIN)/python benchmarks/upload_chapter.py && exit $$queue

## bench-capacity: the step test alone: 100 to 800 students at once, the largest number held
bench-capacity: install-dev
	BIN=$(BIN) $(BIN)/python -m benchmarks.load.capacity

## bench-data: a 1,000,000-answer school with a 50- and a 2,000-document library; times every
## student page and the class report with each
bench-data: install
	BIN=$(BIN) $(BIN)/python benchmarks/data/run.py

## bench-live: one live game of 400 players, then 10 games of 40 at once, over 2 daphne
## processes with PostgreSQL and Redis; prints answer->stored p95, host count lag, lost/doubled;
## then a server killed and restarted mid-game, and a private Redis killed for a second
bench-live: install-dev
	$(BIN)/python -m benchmarks.live.run

## faults: Redis down and stalled, PostgreSQL down, workers and ingest killed, on private servers; exits 1 if a promise breaks
faults: install-dev
	BIN=$(BIN) $(BIN)/python benchmarks/faults/run.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles var
