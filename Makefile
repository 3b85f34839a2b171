# lumajit: the two set-up commands are `make demo` and `make test`; both
# bootstrap .venv from PyPI themselves.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: test demo golden bench fuzz flash deploy clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

test: $(STAMP)
	$(PY) -m pytest -q -m "not mesa"

demo: $(STAMP)
	$(PY) -m host demo $(if $(PORT),--port $(PORT))

# Mesa-rendered reference images for the tests (needs Debian's EGL/Mesa).
golden: $(STAMP)
	@dpkg -s libegl-mesa0 libgl1-mesa-dri libegl1 >/dev/null 2>&1 || \
	  (apt-get update -q && apt-get install -y -q libegl-mesa0 libgl1-mesa-dri libegl1)
	$(PY) -m pip install --quiet -e '.[test,golden]'
	$(PY) -m host.golden
	$(PY) -m host.fuzz_golden
	$(PY) -m pytest -q -m mesa

# Benchmarks: figures, not pass/fail (README "Compile cost", "Math" and
# "Speed"). The builtin report takes about 6 minutes; `host bench` compares
# with gcc -O2, whose toolchain the RV32 build installs. Compile cost needs valgrind
# (callgrind counts the interpreter's instructions) and, to build MicroPython
# for RV32IMC, Debian's riscv64-unknown-elf gcc and picolibc (installed by
# host/rv32_micropython.py).
bench: $(STAMP)
	@command -v valgrind >/dev/null 2>&1 || \
	  (apt-get update -q && apt-get install -y -q valgrind)
	$(PY) -m host.rv32_micropython build
	$(PY) -m host.bench_compile
	$(PY) -m host builtins --record
	$(PY) -m host bench --record

# Long fuzzing runs: make fuzz N=100000 [P=10000] [SEED=1]: N mutants of the
# test shaders (host/fuzz_mutate.py), then P generated programs checked
# against Mesa and under MicroPython (host/fuzz_diff.py: it needs Debian's
# EGL/Mesa, installed as for `make golden`). Failures, shrunk, go to
# fuzz-failures/; make test runs short fixed-seed ones.
N ?= 10000
P ?= 1000
SEED ?= 1
fuzz: $(STAMP)
	@dpkg -s libegl-mesa0 libgl1-mesa-dri libegl1 >/dev/null 2>&1 || \
	  (apt-get update -q && apt-get install -y -q libegl-mesa0 libgl1-mesa-dri libegl1)
	$(PY) -m pip install --quiet -e '.[test,golden]'
	$(PY) -m host fuzz --mutants $(N) --programs $(P) --seed $(SEED)

# Flash pinned MicroPython to an ESP32-C3 and deploy lumajit:
#   make flash PORT=/dev/ttyACM0 [SHA256=hex] [FIRMWARE=image.bin]
# SHA256 is the image's checksum as you checked it, needed while
# firmware/manifest.json pins none. `make deploy PORT=...` deploys only.
flash: $(STAMP)
	@test -n "$(PORT)" || { echo "usage: make flash PORT=/dev/ttyACM0 [SHA256=hex] [FIRMWARE=image.bin]" >&2; exit 2; }
	$(PY) -m host.flash --port $(PORT) $(if $(FIRMWARE),--firmware $(FIRMWARE)) $(if $(SHA256),--sha256 $(SHA256))

deploy: $(STAMP)
	@test -n "$(PORT)" || { echo "usage: make deploy PORT=/dev/ttyACM0" >&2; exit 2; }
	$(PY) -m host.deploy --port $(PORT)

clean:
	rm -rf $(VENV) build out .pytest_cache
