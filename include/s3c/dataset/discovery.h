// Discovery (docs/architecture.md: dataset): which objects a key, prefix or glob names.
//
// Glob syntax (on the whole key, '/'-separated): `*` any run of characters except '/', `**`
// any run including '/', `?` one character except '/', `[abc]` / `[a-z]` / `[!a]` one of a
// set, `{a,b}` alternatives. Listing starts at the literal part before the first wildcard, cut
// back to the last '/', so a glob never lists more of the bucket than it must.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "s3c/common/status.h"
#include "s3c/store/object_store.h"

namespace s3c::dataset {

bool HasGlobChars(std::string_view pattern);
// True when `key` matches the whole of `pattern`.
bool GlobMatch(std::string_view pattern, std::string_view key);
// The listing prefix of a glob: the literal text before the first wildcard, up to and
// including the last '/' in it.
std::string GlobListPrefix(std::string_view pattern);

// The objects `key` names, in key order:
//  - a glob: every matching key;
//  - "" or ending in '/': every object under that prefix;
//  - otherwise the object itself when it exists, else every object under "key/".
// Under a prefix, folder markers (keys ending in '/') and files whose name starts with '_' or
// '.' (_SUCCESS, .crc, ...) are skipped, as Spark and Hive readers do; a glob that names
// them explicitly still gets them. NotFound when nothing matches.
Result<std::vector<ObjectInfo>> DiscoverObjects(ObjectStore& store, std::string_view key);

}  // namespace s3c::dataset
