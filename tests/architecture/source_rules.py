"""The rules read from C++ sources: includes against the module table, size caps, threads.

Each rule yields Violation(rule, path, line, subject, message). `subject` is what an exception
names besides the file (the include as written, "std::thread", "size"); `line` is only for the
reader, so that an exception survives edits that move lines.
"""

import os
import re
from collections import namedtuple

from module_table import USES, module_of_path

Violation = namedtuple("Violation", "rule path line subject message")

SOURCE_DIRS = ("src", "include", "tools")  # where modules live (includes, threads)
SIZE_DIRS = ("src", "include", "tools", "tests")
CAPS = {".cc": 800, ".h": 400, ".hpp": 400}
# Where test support lives (tests/support, tests/conformance, the fuzz entry points): only tests
# may include from there.
TEST_SUPPORT_DIRS = ("tests/", "fuzz/")
# The one executor (common): the only product code allowed to start threads.
EXECUTOR_RE = re.compile(r"^(src/common/|include/s3c/common/)executor[^/]*\.(h|cc)$")

INCLUDE_RE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
# std::thread / std::jthread as a type or constructor (not std::thread::hardware_concurrency or
# std::thread::id, which start nothing), and std::async, which starts a thread of its own.
THREAD_RE = re.compile(r"\bstd::(?:j?thread\b(?!::)|async\b)")


def walk(root, dirs, exts):
    """Repository-relative POSIX paths of the files under `dirs` ending in one of `exts`."""
    for top in dirs:
        for base, subdirs, files in os.walk(os.path.join(root, top)):
            subdirs.sort()
            for name in sorted(files):
                if name.endswith(exts):
                    yield os.path.relpath(os.path.join(base, name), root).replace(os.sep, "/")


def read_lines(root, rel):
    with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as f:
        return f.read().split("\n")


def is_test_file(rel):
    """Tests and test support may do what product code may not (threads, tests/support).
    Test helpers beside the code are named *_test_*.h/.cc or live in a testing/ folder."""
    name = rel.rsplit("/", 1)[-1]
    return (name.endswith("_test.cc") or "_test_" in name or rel.startswith("tests/")
            or "/testing/" in rel)


def resolve_include(root, rel, written):
    """The repository path an include names: beside the file first, then include/, src/, and
    (for tests) tests/ and the repository root."""
    beside = os.path.normpath(os.path.join(os.path.dirname(rel), written)).replace(os.sep, "/")
    for candidate in (beside, "include/" + written, "src/" + written, "tests/" + written,
                      written):
        if os.path.isfile(os.path.join(root, candidate)):
            return candidate
    if written.startswith("s3c/"):
        return "include/" + written
    return "src/" + written


def check_includes(root):
    for rel in walk(root, SOURCE_DIRS, (".cc", ".h", ".hpp")):
        own = module_of_path(rel)
        for number, text in enumerate(read_lines(root, rel), 1):
            m = INCLUDE_RE.match(text)
            if not m:
                continue
            written = m.group(1)
            target = resolve_include(root, rel, written)
            other = module_of_path(target)
            if target.startswith(TEST_SUPPORT_DIRS):
                if not is_test_file(rel):
                    yield Violation("include", rel, number, written,
                                    "test support included outside tests (*_test.cc, "
                                    "*_test_*.h, testing/)")
            elif other is None:
                yield Violation("include", rel, number, written,
                                f'"{written}" is in no module of the table')
            elif other == own:
                continue
            elif target.startswith("src/"):
                yield Violation("include", rel, number, written,
                                f'private header of module {other} (only {other} may include it)')
            elif other not in USES.get(own, set()):
                yield Violation("include", rel, number, written,
                                f"module {own} may not use {other} (module table)")


def check_sizes(root):
    for rel in walk(root, SIZE_DIRS, tuple(CAPS)):
        cap = CAPS[os.path.splitext(rel)[1]]
        lines = read_lines(root, rel)
        count = len(lines) - (1 if lines and lines[-1] == "" else 0)
        if count > cap:
            yield Violation("size", rel, count, "size", f"{count} lines, over the cap of {cap}")


def strip_comments(lines):
    """The lines with // and /* */ comments and string literals blanked (line count kept)."""
    text = re.sub(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])\'',
                  lambda m: re.sub(r"[^\n]", " ", m.group(0)), "\n".join(lines), flags=re.S)
    return text.split("\n")


def check_threads(root):
    for rel in walk(root, SOURCE_DIRS, (".cc", ".h", ".hpp")):
        if is_test_file(rel) or EXECUTOR_RE.match(rel):
            continue
        for number, text in enumerate(strip_comments(read_lines(root, rel)), 1):
            for m in THREAD_RE.finditer(text):
                yield Violation("thread", rel, number, m.group(0),
                                f"{m.group(0)} outside the executor (threads belong to "
                                "common's executor)")
