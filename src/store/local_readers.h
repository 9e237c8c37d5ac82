// Readers of LocalObjectStore (private to the store module).
#pragma once

#include <memory>
#include <string>

#include "s3c/io/streams.h"

namespace s3c::store_internal {

// Positional reads through an open descriptor; each ReadAt first checks that `path` still has
// `pinned_etag` (Aborted when replaced, NotFound when deleted), so readers never mix versions.
std::unique_ptr<RandomAccessFile> MakeLocalPinnedFile(std::unique_ptr<RandomAccessFile> file,
                                                      std::string path, std::string uri,
                                                      std::string pinned_etag, uint64_t size);

// Sequential reads of [begin, end) of an open file.
std::unique_ptr<InputStream> MakeLocalRangeInput(std::unique_ptr<RandomAccessFile> file,
                                                 uint64_t begin, uint64_t end);

}  // namespace s3c::store_internal
