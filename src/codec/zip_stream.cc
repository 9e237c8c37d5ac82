// Codec::kZip on a plain InputStream: walks the local file headers (APPNOTE 4.3.7) in order
// and returns the concatenated data of every file member, stopping at the central directory.
// Directory entries are skipped. For random access by member use ZipReader.
#include "codec/codec_streams.h"
#include "codec/decompressor_base.h"
#include "codec/zip_format.h"

namespace s3c::codec_internal {
namespace {

class ZipStreamDecompressor final : public DecompressorBase {
 public:
  ZipStreamDecompressor(InputPtr in, const DecompressOptions& options)
      : DecompressorBase(std::move(in), options.name), entry_(name_, options.use_zlib) {}

 protected:
  Result<size_t> ReadSome(uint8_t* out, size_t n) override {
    while (true) {
      if (!in_entry_) {
        S3C_ASSIGN_OR_RETURN(bool another, NextEntry());
        if (!another) return size_t{0};
        continue;
      }
      S3C_ASSIGN_OR_RETURN(size_t got, entry_.Read(in_, out, n));
      if (got > 0) return got;
      in_entry_ = false;
    }
  }

 private:
  // Reads the next local header and starts its entry; false at the central directory.
  Result<bool> NextEntry() {
    S3C_ASSIGN_OR_RETURN(bool ok, in_.Ensure(4));
    if (!ok) return Truncated("zip archive", "a local file header or the central directory");
    uint32_t sig = Le32(in_.data());
    if (sig == kZipCentralSig || sig == kZipEndSig) {
      if (entries_ == 0 && sig == kZipCentralSig) {
        return Corrupt("zip archive", "central directory before any member");
      }
      return false;
    }
    if (sig != kZipLocalSig) return Corrupt("zip archive", "expected a local file header");
    S3C_ASSIGN_OR_RETURN(ok, in_.Ensure(kZipLocalHeaderSize));
    if (!ok) return Truncated("zip archive", "a 30-byte local file header");
    const uint8_t* h = in_.data();
    size_t name_len = Le16(h + 26);
    size_t extra_len = Le16(h + 28);
    S3C_ASSIGN_OR_RETURN(ok, in_.Ensure(kZipLocalHeaderSize + name_len + extra_len));
    if (!ok) return Truncated("zip archive", "the file name and extra field of a local header");
    h = in_.data();
    ZipEntryInfo info;
    info.flags = Le16(h + 6);
    info.method = Le16(h + 8);
    info.crc32 = Le32(h + 14);
    info.compressed_size = Le32(h + 18);
    info.uncompressed_size = Le32(h + 22);
    info.name.assign(reinterpret_cast<const char*>(h + kZipLocalHeaderSize), name_len);
    std::string_view extra(reinterpret_cast<const char*>(h + kZipLocalHeaderSize + name_len),
                           extra_len);
    info.zip64 = ApplyZip64Extra(extra, &info.uncompressed_size, &info.compressed_size, nullptr);
    info.sizes_known = (info.flags & kZipFlagDescriptor) == 0;
    in_.Consume(kZipLocalHeaderSize + name_len + extra_len);
    ++entries_;
    if (!info.name.empty() && info.name.back() == '/' && info.sizes_known) {
      S3C_ASSIGN_OR_RETURN(ok, in_.Skip(info.compressed_size));
      if (!ok) return Truncated("zip archive", "the data of directory entry " + info.name);
      return true;
    }
    S3C_RETURN_IF_ERROR(entry_.Start(info));
    in_entry_ = true;
    return true;
  }

  ZipEntryDecoder entry_;
  bool in_entry_ = false;
  uint64_t entries_ = 0;
};

}  // namespace

Result<InputPtr> MakeZipStreamDecompressor(InputPtr in, const DecompressOptions& options) {
  return InputPtr(new ZipStreamDecompressor(std::move(in), options));
}

}  // namespace s3c::codec_internal
