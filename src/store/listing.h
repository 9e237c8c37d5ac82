// S3 listing semantics for stores that enumerate keys themselves (memory, local folder), so
// every ObjectStore lists exactly as S3 does (ListObjectsV2; behaviour checked against RGW):
//  - keys are in byte-wise (UTF-8 binary) order and start with `prefix`;
//  - with a delimiter, a key whose remainder after the prefix contains it rolls up into one
//    common prefix (prefix + remainder up to and including the first delimiter);
//  - an entry (key or common prefix) is listed only when it sorts after `start_after`, so a
//    common prefix that sorts before start_after is not listed even when keys under it do;
//  - max_keys counts keys and common prefixes together.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "s3c/store/object_store.h"

namespace s3c::store_internal {

// The smallest string greater than every string that starts with `prefix`; "" when there is
// none (the prefix is empty or all 0xff bytes).
std::string PrefixSuccessor(std::string_view prefix);

// The common prefix `key` rolls up into, or "" when it is listed as itself.
std::string CommonPrefixFor(std::string_view key, std::string_view prefix,
                            std::string_view delimiter);

// Feeds keys in ascending order and gets pages out. A source asks seek_key() for the smallest
// key it should produce next (it may skip everything below it) and stops when done().
class ListingBuilder {
 public:
  ListingBuilder(const ListOptions& options, size_t page_size, const ListPageCallback& on_page);

  const std::string& seek_key() const { return seek_; }
  bool done() const { return done_; }

  // `object.key` must be >= seek_key(). A non-OK Status comes from the page callback.
  Status Add(const ObjectInfo& object);
  // Delivers the last partial page.
  Status Finish();

 private:
  Status Emit(ObjectInfo info);

  const ListOptions& options_;
  size_t page_size_;
  const ListPageCallback& on_page_;
  std::string seek_;
  bool done_ = false;
  uint64_t emitted_ = 0;
  std::vector<ObjectInfo> page_;
};

}  // namespace s3c::store_internal
