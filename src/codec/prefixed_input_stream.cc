#include "codec/prefixed_input_stream.h"

#include <algorithm>
#include <cstring>

namespace s3c::codec_internal {

Result<size_t> PrefixedInputStream::Read(void* out, size_t n) {
  if (pos_ < prefix_.size()) {
    size_t step = std::min(n, prefix_.size() - pos_);
    std::memcpy(out, prefix_.data() + pos_, step);
    pos_ += step;
    return step;
  }
  return src_->Read(out, n);
}

Result<std::string> ReadPrefix(InputStream& src, size_t n) {
  std::string out(n, '\0');
  size_t have = 0;
  while (have < n) {
    S3C_ASSIGN_OR_RETURN(size_t got, src.Read(out.data() + have, n - have));
    if (got == 0) break;
    have += got;
  }
  out.resize(have);
  return out;
}

}  // namespace s3c::codec_internal
