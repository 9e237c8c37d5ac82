// zlib raw inflate (windowBits -15: no wrapper), the fallback to ISA-L.
#include <zlib.h>

#include <algorithm>
#include <climits>

#include "codec/decompressor_base.h"
#include "codec/raw_inflater.h"

namespace s3c::codec_internal {
namespace {

class ZlibInflater final : public RawInflater {
 public:
  ZlibInflater(std::string what, std::string name)
      : what_(std::move(what)), name_(std::move(name)) {}
  ~ZlibInflater() override { inflateEnd(&z_); }

  Status Init() {
    if (inflateInit2(&z_, -15) != Z_OK) return ResourceExhaustedError("zlib inflateInit2 failed");
    return Status::OK();
  }

  void Reset() override {
    inflateReset(&z_);
    finished_ = false;
  }

  Result<size_t> Read(InputBuffer& in, uint8_t* out, size_t n) override {
    if (finished_) return size_t{0};
    n = std::min<size_t>(n, 1u << 30);
    while (true) {
      if (in.size() == 0 && !in.eof()) {
        S3C_ASSIGN_OR_RETURN(bool more, in.Fill());
        (void)more;
      }
      size_t avail = std::min<size_t>(in.size(), 1u << 30);
      z_.next_in = const_cast<Bytef*>(in.data());
      z_.avail_in = static_cast<uInt>(avail);
      z_.next_out = out;
      z_.avail_out = static_cast<uInt>(n);
      int rc = inflate(&z_, Z_NO_FLUSH);
      size_t used = avail - z_.avail_in;
      size_t produced = n - z_.avail_out;
      in.Consume(used);
      if (rc == Z_STREAM_END) {
        finished_ = true;
        return produced;
      }
      if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT) {
        return CorruptError(what_, in.offset(), name_, z_.msg ? z_.msg : "invalid deflate data");
      }
      if (rc == Z_MEM_ERROR) return ResourceExhaustedError("zlib inflate: out of memory");
      if (produced > 0) return produced;
      if (used == 0) {
        S3C_ASSIGN_OR_RETURN(bool more, in.Fill());
        if (!more) return TruncatedError(what_, in.end_offset(), name_, "more deflate data");
      }
    }
  }

 private:
  std::string what_;
  std::string name_;
  z_stream z_{};
  bool finished_ = false;
};

}  // namespace

Result<std::unique_ptr<RawInflater>> MakeZlibInflater(std::string what, std::string name) {
  auto inflater = std::make_unique<ZlibInflater>(std::move(what), std::move(name));
  S3C_RETURN_IF_ERROR(inflater->Init());
  return std::unique_ptr<RawInflater>(std::move(inflater));
}

}  // namespace s3c::codec_internal
