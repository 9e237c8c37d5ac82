"""The link rule: the CMake dependencies of each module library against the module table.

Reads every CMakeLists.txt and *.cmake under src/ and tools/ and checks
  s3c_module(<name> ... DEPS ... PRIVATE_DEPS ...)       (cmake/S3cModule.cmake)
  target_link_libraries(<module target or s3c> ...)      (extra links, the CLI executable)
A dependency given through a variable (set(V ...), list(APPEND V ...) in the same file) is
expanded, whatever branch sets it: a link that some configuration makes counts. Links of test
and benchmark targets are not checked here (their sources are, by the include rule).
"""

import os
import re

from module_table import USES, module_of_target
from source_rules import Violation, walk

KEYWORDS = {"SOURCES", "DEPS", "PRIVATE_DEPS", "PUBLIC", "PRIVATE", "INTERFACE"}
COMMAND_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*\(")
TOKEN_RE = re.compile(r'"[^"]*"|[^\s()"]+')


def commands(text):
    """(name, [(token, line)], line) for each command call in a CMake file, comments removed."""
    text = re.sub(r'#[^\n]*', "", text)  # no '#' inside the quoted strings this tree uses
    pos = 0
    while True:
        m = COMMAND_RE.search(text, pos)
        if not m:
            return
        depth, end = 1, m.end()
        while end < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            end += 1
        body_start = m.end()
        line0 = text.count("\n", 0, body_start) + 1
        tokens = [(t.group(0), line0 + text.count("\n", body_start, body_start + t.start()))
                  for t in TOKEN_RE.finditer(text[body_start:end - 1])]
        yield m.group(1), tokens, line0
        pos = end


def expand(tokens, variables):
    out = []
    for token, line in tokens:
        v = re.fullmatch(r"\$\{(\w+)\}", token)
        out.extend(variables.get(v.group(1), []) if v else [(token, line)])
    return out


def linked(name, tokens):
    """(module, [(dependency, line)]) for a call that links a module target, else None."""
    if name == "s3c_module" and tokens:
        deps, take = [], False
        for token, line in tokens[1:]:
            if token in KEYWORDS:
                take = token in ("DEPS", "PRIVATE_DEPS")
            elif take:
                deps.append((token, line))
        return module_of_target("s3c_" + tokens[0][0]), deps
    if name == "target_link_libraries" and tokens:
        return module_of_target(tokens[0][0]), [t for t in tokens[1:] if t[0] not in KEYWORDS]
    return None


def check_links(root):
    for rel in walk(root, ("src", "tools"), ("CMakeLists.txt", ".cmake")):
        with open(os.path.join(root, rel), encoding="utf-8") as f:
            text = f.read()
        variables = {}
        for name, tokens, _ in commands(text):
            lowered = name.lower()
            if lowered == "set" and tokens:
                variables[tokens[0][0]] = expand(tokens[1:], variables)
            elif lowered == "list" and len(tokens) >= 2 and tokens[0][0] == "APPEND":
                variables.setdefault(tokens[1][0], []).extend(expand(tokens[2:], variables))
            found = linked(lowered, expand(tokens, variables))
            if not found or found[0] is None:
                continue
            own, deps = found
            for dep, line in deps:
                other = module_of_target(dep)
                if other is not None and other != own and other not in USES[own]:
                    yield Violation("link", rel, line, dep,
                                    f"module {own} links {dep}: may not use {other} "
                                    "(module table)")
