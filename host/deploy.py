"""What goes on a board's filesystem: the device package as .mpy and main.py.

`install(directory)` writes them into a directory: the virtual board's
filesystem, or a staging area that `make deploy` copies to a real board
with mpremote (issue 3)."""

import os
import shutil

from host import mpy

MAIN_PY = """# lumajit: start the last good shader at power-on (see device/server.py).
from device import server
srv = server.get()
"""


def install(directory, march=mpy.HOST_MARCH):
    target = os.path.join(directory, "device")
    if os.path.isdir(target):
        shutil.rmtree(target)
    mpy.build(directory, march)
    with open(os.path.join(directory, "main.py"), "w") as f:
        f.write(MAIN_PY)
    return directory
