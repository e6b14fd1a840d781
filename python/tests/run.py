"""Runs the package's tests and prints one count line for .ci/run to fold into its totals."""

import os
import sys
import unittest

result = unittest.TextTestRunner(verbosity=2).run(unittest.defaultTestLoader.discover(os.path.dirname(os.path.abspath(__file__))))
failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
print(f"Python package: ran {result.testsRun}, passed {result.testsRun - failed - len(result.skipped)}, failed {failed}")
sys.exit(1 if failed or result.testsRun == 0 else 0)
