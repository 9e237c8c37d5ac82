// The ETag of the in-memory store: a 128-bit hash of the content as 32 lower-case hex digits
// (the shape of S3's single-part MD5 ETag, but NOT MD5: the store module may not link the
// crypto in auth). Equal contents give equal ETags, as on S3; it is not collision resistant
// against an adversary and must not be used as a checksum of data in transit.
#pragma once

#include <string>
#include <string_view>

namespace s3c::store_internal {

std::string ContentHash128Hex(std::string_view data);

}  // namespace s3c::store_internal
