// How LocalObjectStore maps keys to files (private to the store module).
// A key is a relative path: its '/'-separated segments are folder and file names, byte for byte.
// Keys a folder cannot hold are refused: empty segments (a leading or trailing '/', "a//b"),
// "." and "..", NUL bytes, segments over 255 bytes, and the temp-file names the writers use.
#pragma once

#include <sys/stat.h>

#include <string>
#include <string_view>

#include "s3c/common/status.h"

namespace s3c::store_internal {

// OK, or InvalidArgument naming the key and the reason.
Status ValidateLocalKey(std::string_view key);

// True for the hidden in-progress files of our writers (".<name>.s3c-tmp-<random>" and
// ".s3c-tmp-stage-<id>"); listings skip them.
bool IsLocalTempName(std::string_view name);

// The ETag of a local file: "<size>-<mtime ns>-<inode>" in hex. It changes whenever the file is
// rewritten (our writers publish a new inode with a strictly increasing mtime; see
// local_writer.h); two different files never share it while both exist.
std::string LocalEtag(const struct stat& st);

}  // namespace s3c::store_internal
