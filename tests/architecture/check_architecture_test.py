#!/usr/bin/env python3
"""Tests of the architecture check itself (ctest: architecture_check_self_test).

Runs the check on fixtures/tree, a miniature tree with one deliberate violation of each kind
(marked BAD there), and asserts the exact report: every violation found with its file, line
and rule, nothing allowed reported, an excused violation silent, a stale exception reported.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from check_architecture import check  # noqa: E402

EXCEPTIONS = {
    ("include", "src/formats/text/reader.cc", "formats/csv/decoder.h"): "excused in the fixture",
    ("thread", "src/http/gone.cc", "std::thread"): "a violation that no longer occurs",
}

EXPECTED = [
    "src/io/bad_layer.cc:3: [include] module io may not use http (module table)",
    "src/io/bad_layer.cc:5: [include] private header of module http (only http may include it)",
    "src/formats/json/reader.cc:2: [include] module formats/json may not use formats/csv "
    "(module table)",
    "src/store/s3_stream.cc:4: [include] module store may not use http (module table)",
    "src/store/s3_stream.cc:6: [include] test support included outside tests (*_test.cc, "
    "*_test_*.h, testing/)",
    "tools/s3c/main.cc:2: [include] module cli may not use s3 (module table)",
    "src/io/CMakeLists.txt:3: [link] module io links s3c_http: may not use http (module table)",
    "tools/s3c/CMakeLists.txt:3: [link] module cli links s3c_s3: may not use s3 (module table)",
    "src/common/big.cc:801: [size] 801 lines, over the cap of 800",
    "include/s3c/common/big.h:401: [size] 401 lines, over the cap of 400",
    "src/http/pool.cc:7: [thread] std::thread outside the executor (threads belong to common's "
    "executor)",
    "src/http/gone.cc: [stale exception] thread 'std::thread' no longer occurs (a violation that "
    "no longer occurs): remove it from exceptions.py",
]


class FixtureTree(unittest.TestCase):
    def setUp(self):
        self.root = os.path.join(tempfile.mkdtemp(), "tree")
        shutil.copytree(os.path.join(HERE, "fixtures", "tree"), self.root)
        # Size caps, at and one over the limit (only the latter are violations).
        for rel, lines in (("src/common/at_cap.cc", 800), ("src/common/big.cc", 801),
                           ("include/s3c/common/at_cap.h", 400),
                           ("include/s3c/common/big.h", 401)):
            with open(os.path.join(self.root, rel), "w") as f:
                f.write("// filler\n" * lines)

    def tearDown(self):
        shutil.rmtree(os.path.dirname(self.root))

    def test_reports_each_violation_with_file_line_and_rule(self):
        self.assertEqual(sorted(check(self.root, EXCEPTIONS)), sorted(EXPECTED))

    def test_an_exception_excuses_only_its_own_subject(self):
        self.assertIn("src/formats/text/reader.cc:2: [include] private header of module "
                      "formats/csv (only formats/csv may include it)", check(self.root, {}))

    def test_command_line_fails_on_the_fixture(self):
        run = subprocess.run([sys.executable, "-B", os.path.join(HERE, "check_architecture.py"),
                              "--root", self.root], capture_output=True, text=True)
        self.assertEqual(run.returncode, 1)
        self.assertIn("src/io/bad_layer.cc:3: [include]", run.stdout)
        self.assertIn("architecture check FAILED", run.stderr)


if __name__ == "__main__":
    unittest.main()
