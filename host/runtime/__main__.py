"""python -m host.runtime: regenerate device/jit/runtime.py."""

from host.runtime import TARGET, generate

with open(TARGET, "w") as f:
    f.write(generate())
print("wrote", TARGET)
