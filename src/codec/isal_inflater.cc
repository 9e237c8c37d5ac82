// ISA-L raw inflate. isal_inflate() loads input ahead into a 64-bit bit buffer (read_in); in raw
// mode the whole bytes still there when the final block ends belong to whatever follows the
// deflate stream (gzip trailer, zip data descriptor), so they are handed back to the buffer.
#include <isa-l/igzip_lib.h>

#include <algorithm>
#include <cstdint>

#include "codec/decompressor_base.h"
#include "codec/raw_inflater.h"

namespace s3c::codec_internal {
namespace {

const char* IsalErrorText(int rc) {
  switch (rc) {
    case ISAL_INVALID_BLOCK:
      return "invalid deflate block";
    case ISAL_INVALID_SYMBOL:
      return "invalid deflate symbol";
    case ISAL_INVALID_LOOKBACK:
      return "invalid deflate back-reference distance";
    case ISAL_NEED_DICT:
      return "deflate stream needs a preset dictionary";
    default:
      return "invalid deflate data";
  }
}

class IsalInflater final : public RawInflater {
 public:
  IsalInflater(std::string what, std::string name)
      : what_(std::move(what)), name_(std::move(name)), state_(new inflate_state) {
    Reset();
  }

  void Reset() override {
    isal_inflate_init(state_.get());
    state_->crc_flag = ISAL_DEFLATE;
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
      state_->next_in = const_cast<uint8_t*>(in.data());
      state_->avail_in = static_cast<uint32_t>(avail);
      state_->next_out = out;
      state_->avail_out = static_cast<uint32_t>(n);
      int rc = isal_inflate(state_.get());
      size_t used = avail - state_->avail_in;
      size_t produced = n - state_->avail_out;
      in.Consume(used);
      if (rc < 0) return CorruptError(what_, in.offset(), name_, IsalErrorText(rc));
      if (state_->block_state == ISAL_BLOCK_FINISH) {
        finished_ = true;
        GiveBackUnusedBytes(in);
      }
      if (produced > 0 || finished_) return produced;
      if (used == 0) {
        S3C_ASSIGN_OR_RETURN(bool more, in.Fill());
        if (!more) return TruncatedError(what_, in.end_offset(), name_, "more deflate data");
      }
    }
  }

 private:
  void GiveBackUnusedBytes(InputBuffer& in) {
    int bits = state_->read_in_length;
    if (bits <= 0) return;
    uint64_t rest = state_->read_in >> (bits % 8);
    size_t n = static_cast<size_t>(bits / 8);
    uint8_t bytes[8];
    for (size_t i = 0; i < n; ++i) bytes[i] = static_cast<uint8_t>(rest >> (8 * i));
    in.PushBack(bytes, n);
    state_->read_in = 0;
    state_->read_in_length = 0;
  }

  std::string what_;
  std::string name_;
  std::unique_ptr<inflate_state> state_;
  bool finished_ = false;
};

}  // namespace

Result<std::unique_ptr<RawInflater>> MakeIsalInflater(std::string what, std::string name) {
  return std::unique_ptr<RawInflater>(new IsalInflater(std::move(what), std::move(name)));
}

}  // namespace s3c::codec_internal
