"""python -m host sim: start a virtual ESP32-C3 and print its serial port."""

import sys

from host.sim.cli import main

sys.exit(main())
