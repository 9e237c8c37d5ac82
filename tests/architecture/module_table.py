"""The module table of s3c (docs/architecture.md section 2) and how a path maps to its module.

Contract: USES[m] is the set of modules that m may use directly (by include or by CMake link);
everything else, including a module reached only through another module's public link, is a
violation. Modules are named by their source folder below src/ ("formats/csv"), except the
registry ("formats", src/formats/registry) and the command line tool ("cli", tools/s3c).
"""

import re

FORMAT_MODULES = ("formats/csv", "formats/json", "formats/text", "formats/parquet")
# The whole formats family: what a consumer (dataset, the CLI) means by "formats". The registry's
# public header exposes each format's options, so a consumer may name those headers too.
FORMATS_FAMILY = ("formats", "formats/common") + FORMAT_MODULES

USES = {
    "common": set(),
    "io": {"common"},
    "http": {"common", "io"},
    # auth reaches io through http's public link; it may name io types it gets that way.
    "auth": {"common", "http", "io"},
    "s3": {"common", "io", "http", "auth"},
    # Not http (nor auth): the store sees S3 only through the s3 module's own interface.
    "store": {"common", "io", "s3"},
    "codec": {"common", "io"},
    "columnar": {"common"},
    # The filter language: on batches and on the statistics types columnar holds; nothing above.
    "expr": {"common", "columnar"},
    # io and codec only for the text decoding that the text formats share.
    "formats/common": {"common", "columnar", "io", "codec"},
    # A format never uses another format.
    **{f: {"common", "io", "codec", "columnar", "formats/common"} for f in FORMAT_MODULES},
    "formats": {"common", "io", "codec", "columnar", "formats/common", *FORMAT_MODULES},
    "dataset": {"common", "io", "store", "codec", "columnar", "expr", *FORMATS_FAMILY},
    # Writing datasets (write tasks, modes, the commit protocol): on dataset for the commit log
    # and the data file entries that readers share.
    "write": {"common", "io", "store", "codec", "columnar", "expr", "dataset", *FORMATS_FAMILY},
    # Incremental state documents and their compare-and-swap store: on store alone.
    "state": {"common", "io", "store"},
    # Pipeline files (YAML, settings shared with the CLI) and their runner: on write and dataset.
    "pipeline": {"common", "io", "store", "codec", "columnar", "expr", "dataset", "write",
                 "state", "s3", *FORMATS_FAMILY},
    # The CLI sits on pipeline, dataset, store and formats; common/io/columnar for Status,
    # streams, batches.
    "cli": {"common", "io", "columnar", "dataset", "store", "write", "pipeline",
            *FORMATS_FAMILY},
}

# Headers directly in include/s3c/formats/ belong to the registry ("formats") unless named here:
# these are the interfaces every format implements, so they sit below the format modules.
HEADER_OWNERS = {
    "include/s3c/formats/batch_io.h": "formats/common",
    "include/s3c/formats/inference.h": "formats/common",
    "include/s3c/formats/schema_json.h": "formats/common",
    "include/s3c/formats/text_decoder.h": "formats/common",
    "include/s3c/formats/text_encoding.h": "formats/common",
}

# CMake library target -> module (s3c_formats_csv -> formats/csv, s3c_formats -> formats).
def module_of_target(target):
    if target == "s3c":
        return "cli"
    m = re.fullmatch(r"s3c_(.+)", target)
    if not m:
        return None
    name = m.group(1)
    if name.startswith("formats_"):
        name = "formats/" + name[len("formats_"):]
    return name if name in USES else None


def module_of_path(rel):
    """The module owning a repository-relative path (POSIX separators), or None."""
    parts = rel.split("/")
    if rel in HEADER_OWNERS:
        return HEADER_OWNERS[rel]
    if parts[:2] == ["tools", "s3c"]:
        return "cli"
    if parts[0] == "include" and len(parts) >= 3 and parts[1] == "s3c":
        parts = parts[2:]
    elif parts[0] == "src" and len(parts) >= 2:
        parts = parts[1:]
    else:
        return None
    if parts[0] == "formats":
        # include/s3c/formats/x.h and src/formats/registry/ are the registry.
        if len(parts) >= 3 and "formats/" + parts[1] in USES:
            return "formats/" + parts[1]
        return "formats"
    return parts[0] if len(parts) >= 2 and parts[0] in USES else None
