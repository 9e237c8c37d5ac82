// Local-file implementations of the io interfaces.
#pragma once

#include <memory>
#include <string>

#include "s3c/io/streams.h"

namespace s3c {

// Opens path for sequential reads ("-" reads stdin). NotFound when missing.
Result<std::unique_ptr<InputStream>> OpenLocalInput(const std::string& path);
// Opens path for positional reads (pread). NotFound when missing.
Result<std::unique_ptr<RandomAccessFile>> OpenLocalRandomAccess(const std::string& path);
// Writes to "<dir>/.<name>.s3c-tmp-<random>" and renames onto path in Close(); destroyed or
// aborted before Close(), the temp file is removed. Parent folders are created. "-" writes stdout,
// and an existing device or FIFO (/dev/null, a named pipe) is written straight into (no
// atomicity: nothing is published).
Result<std::unique_ptr<OutputStream>> OpenLocalOutput(const std::string& path);

// An in-memory InputStream over a string (for tests and small bodies).
std::unique_ptr<InputStream> MakeStringInput(std::string data);
// An OutputStream that appends to *dst as it is written (whole-buffer helpers, tests); Close()
// does nothing more, Abort() clears *dst. *dst must outlive the stream.
std::unique_ptr<OutputStream> MakeStringOutput(std::string* dst);

}  // namespace s3c
