import os
import sys

# Test-only modules (rv32_names, helper_harness) import as top-level names.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "hil"))

import pytest


def pytest_collection_modifyitems(items):
    # Tests that render with Mesa themselves (not through the committed
    # goldens) need Debian's EGL/Mesa: `make golden` installs it and runs
    # them (-m mesa); `make test` needs only PyPI and leaves them out.
    for item in items:
        if "mesa" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.mesa)
