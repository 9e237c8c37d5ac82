// gzip (RFC 1952) decoding: member headers and trailers are handled here, the deflate body by a
// RawInflater (ISA-L, or zlib on request). Concatenated members are all read (section 2.2);
// zero bytes after a member are padding and ignored; anything else after a member is DataLoss.
#include <isa-l/crc.h>

#include "codec/codec_streams.h"
#include "codec/decompressor_base.h"
#include "codec/raw_inflater.h"

namespace s3c::codec_internal {
namespace {

constexpr uint8_t kFlagHcrc = 0x02, kFlagExtra = 0x04, kFlagName = 0x08, kFlagComment = 0x10;
constexpr const char* kWhat = "gzip member";

uint32_t Le32(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

class GzipDecompressor final : public DecompressorBase {
 public:
  GzipDecompressor(InputPtr in, std::string name, std::unique_ptr<RawInflater> inflater)
      : DecompressorBase(std::move(in), std::move(name)), inflater_(std::move(inflater)) {}

 protected:
  Result<size_t> ReadSome(uint8_t* out, size_t n) override {
    while (true) {
      if (!in_body_) {
        S3C_ASSIGN_OR_RETURN(bool another, StartMember());
        if (!another) return size_t{0};
      }
      S3C_ASSIGN_OR_RETURN(size_t got, inflater_->Read(in_, out, n));
      if (got > 0) {
        crc_ = crc32_gzip_refl(crc_, out, got);
        size_ += got;
        return got;
      }
      S3C_RETURN_IF_ERROR(ReadTrailer());
      in_body_ = false;
      ++members_;
    }
  }

 private:
  // Parses the next member header; false at the clean end of the stream.
  Result<bool> StartMember() {
    S3C_ASSIGN_OR_RETURN(bool any, in_.Ensure(1));
    if (members_ > 0) {
      while (any && in_.data()[0] == 0) {
        in_.Consume(1);
        S3C_ASSIGN_OR_RETURN(any, in_.Ensure(1));
      }
      if (!any) return false;
    } else if (!any) {
      return Truncated(kWhat, "a gzip header (the stream is empty)");
    }
    S3C_ASSIGN_OR_RETURN(bool full, in_.Ensure(10));
    const uint8_t* h = in_.data();
    if (in_.size() >= 2 && (h[0] != 0x1f || h[1] != 0x8b)) {
      return Corrupt(kWhat, members_ > 0 ? "unexpected bytes after the last gzip member"
                                         : "not gzip data (bad magic number)");
    }
    if (!full) return Truncated(kWhat, "a 10-byte gzip header");
    if (h[2] != 8) return Corrupt(kWhat, "unsupported compression method (not deflate)");
    uint8_t flags = h[3];
    if (flags & 0xe0) return Corrupt(kWhat, "reserved header flags set");
    in_.Consume(10);
    if (flags & kFlagExtra) {
      S3C_ASSIGN_OR_RETURN(bool ok, in_.Ensure(2));
      if (!ok) return Truncated(kWhat, "the gzip extra field length");
      size_t xlen = in_.data()[0] | in_.data()[1] << 8;
      in_.Consume(2);
      S3C_ASSIGN_OR_RETURN(ok, in_.Skip(xlen));
      if (!ok) return Truncated(kWhat, "the rest of the gzip extra field");
    }
    if (flags & kFlagName) {
      S3C_ASSIGN_OR_RETURN(bool ok, in_.SkipPast(0));
      if (!ok) return Truncated(kWhat, "the end of the gzip file name");
    }
    if (flags & kFlagComment) {
      S3C_ASSIGN_OR_RETURN(bool ok, in_.SkipPast(0));
      if (!ok) return Truncated(kWhat, "the end of the gzip comment");
    }
    if (flags & kFlagHcrc) {
      S3C_ASSIGN_OR_RETURN(bool ok, in_.Skip(2));
      if (!ok) return Truncated(kWhat, "the gzip header CRC");
    }
    inflater_->Reset();
    crc_ = 0;
    size_ = 0;
    in_body_ = true;
    return true;
  }

  Status ReadTrailer() {
    S3C_ASSIGN_OR_RETURN(bool ok, in_.Ensure(8));
    if (!ok) return Truncated(kWhat, "the 8-byte gzip trailer (CRC-32 and size)");
    uint32_t crc = Le32(in_.data());
    uint32_t isize = Le32(in_.data() + 4);
    if (crc != crc_) return Corrupt(kWhat, "CRC-32 of the uncompressed data does not match");
    if (isize != static_cast<uint32_t>(size_)) {
      return Corrupt(kWhat, "uncompressed size does not match the trailer");
    }
    in_.Consume(8);
    return Status::OK();
  }

  std::unique_ptr<RawInflater> inflater_;
  bool in_body_ = false;
  uint64_t members_ = 0;
  uint32_t crc_ = 0;
  uint64_t size_ = 0;
};

}  // namespace

Result<InputPtr> MakeGzipDecompressor(InputPtr in, const DecompressOptions& options) {
  std::string name = options.name.empty() ? "<unnamed stream>" : options.name;
  auto inflater = options.use_zlib ? MakeZlibInflater(kWhat, name) : MakeIsalInflater(kWhat, name);
  if (!inflater.ok()) return inflater.status();
  return InputPtr(new GzipDecompressor(std::move(in), options.name, std::move(*inflater)));
}

}  // namespace s3c::codec_internal
