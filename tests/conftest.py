import os
import sys

# Test-only modules (rv32_names, helper_harness) import as top-level names.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "hil"))
