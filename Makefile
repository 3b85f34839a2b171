# lumajit: the two set-up commands are `make demo` and `make test`; both
# bootstrap .venv from PyPI themselves.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: test demo golden flash clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

test: $(STAMP)
	$(PY) -m pytest -q

demo: $(STAMP)
	$(PY) -m host demo $(if $(PORT),--port $(PORT))

# Mesa-rendered reference images for the tests (needs Debian's EGL/Mesa).
golden: $(STAMP)
	@dpkg -s libegl-mesa0 libgl1-mesa-dri libegl1 >/dev/null 2>&1 || \
	  (apt-get update -q && apt-get install -y -q libegl-mesa0 libgl1-mesa-dri libegl1)
	$(PY) -m pip install --quiet -e '.[test,golden]'
	$(PY) -m host.golden

flash: $(STAMP)
	$(PY) -m host flash $(if $(PORT),--port $(PORT))

clean:
	rm -rf $(VENV) build out .pytest_cache
