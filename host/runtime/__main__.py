"""python -m host.runtime: regenerate device/jit/runtime.py and runtime.bin."""

from host.runtime import TARGET, DATA, generate

text, data = generate()
with open(TARGET, "w") as f:
    f.write(text)
with open(DATA, "wb") as f:
    f.write(data)
print("wrote", TARGET, "and", DATA)
