#include <isa-l/crc.h>

#include <algorithm>
#include <cstring>

#include "codec/decompressor_base.h"
#include "codec/zip_format.h"

namespace s3c::codec_internal {

bool ApplyZip64Extra(std::string_view extra, uint64_t* uncompressed, uint64_t* compressed,
                     uint64_t* offset) {
  const auto* p = reinterpret_cast<const uint8_t*>(extra.data());
  size_t n = extra.size();
  while (n >= 4) {
    uint16_t id = Le16(p);
    size_t len = Le16(p + 2);
    if (len > n - 4) return false;
    if (id == 0x0001) {
      const uint8_t* f = p + 4;
      size_t left = len;
      for (uint64_t* field : {uncompressed, compressed, offset}) {
        if (field == nullptr || *field != 0xffffffffu) continue;
        if (left < 8) break;
        *field = Le64(f);
        f += 8;
        left -= 8;
      }
      return true;
    }
    p += 4 + len;
    n -= 4 + len;
  }
  return false;
}

Status ZipEntryDecoder::Start(const ZipEntryInfo& info) {
  info_ = info;
  what_ = "zip member " + info.name;
  if (info.flags & kZipFlagEncrypted) {
    return UnimplementedError("zip member " + info.name + " of " + object_name_ +
                              " is encrypted; encrypted zip members are not supported");
  }
  if (info.method != 0 && info.method != 8) {
    return UnimplementedError("zip member " + info.name + " of " + object_name_ +
                              " uses compression method " + std::to_string(info.method) +
                              "; only stored (0) and deflate (8) are supported");
  }
  if (info.method == 0 && !info.sizes_known) {
    return UnimplementedError("stored zip member " + info.name + " of " + object_name_ +
                              " has no size before its data; open the archive with ZipReader");
  }
  if (info.method == 8) {
    // A fresh inflater per member, so its errors name the member.
    auto made =
        use_zlib_ ? MakeZlibInflater(what_, object_name_) : MakeIsalInflater(what_, object_name_);
    if (!made.ok()) return made.status();
    inflater_ = std::move(*made);
  }
  remaining_ = info.compressed_size;
  produced_ = 0;
  crc_ = 0;
  done_ = false;
  return Status::OK();
}

Result<size_t> ZipEntryDecoder::Read(InputBuffer& in, uint8_t* out, size_t n) {
  if (done_) return size_t{0};
  size_t got = 0;
  if (info_.method == 8) {
    S3C_ASSIGN_OR_RETURN(got, inflater_->Read(in, out, n));
  } else if (remaining_ > 0) {
    if (in.size() == 0) {
      S3C_ASSIGN_OR_RETURN(bool more, in.Fill());
      if (!more) {
        return TruncatedError(what_, in.end_offset(), object_name_,
                              std::to_string(remaining_) + " more stored bytes");
      }
    }
    got = static_cast<size_t>(std::min<uint64_t>({n, in.size(), remaining_}));
    std::memcpy(out, in.data(), got);
    in.Consume(got);
    remaining_ -= got;
  }
  if (got > 0) {
    crc_ = crc32_gzip_refl(crc_, out, got);
    produced_ += got;
    return got;
  }
  S3C_RETURN_IF_ERROR(Finish(in));
  done_ = true;
  return size_t{0};
}

Status ZipEntryDecoder::Finish(InputBuffer& in) {
  if (!info_.sizes_known) {
    // Data descriptor (4.3.9): optional signature, CRC-32, then both sizes (8 bytes each when
    // the local header carried a zip64 field).
    size_t sizes = info_.zip64 ? 16 : 8;
    S3C_ASSIGN_OR_RETURN(bool ok, in.Ensure(4));
    if (ok && Le32(in.data()) == kZipDescriptorSig) in.Consume(4);
    S3C_ASSIGN_OR_RETURN(ok, in.Ensure(4 + sizes));
    if (!ok) return TruncatedError(what_, in.end_offset(), object_name_, "a data descriptor");
    info_.crc32 = Le32(in.data());
    info_.uncompressed_size = info_.zip64 ? Le64(in.data() + 12) : Le32(in.data() + 8);
    in.Consume(4 + sizes);
  }
  if (crc_ != info_.crc32) {
    return CorruptError(what_, in.offset(), object_name_,
                        "CRC-32 of the uncompressed data does not match");
  }
  if (produced_ != info_.uncompressed_size) {
    return CorruptError(what_, in.offset(), object_name_,
                        "uncompressed size " + std::to_string(produced_) + " differs from the " +
                            std::to_string(info_.uncompressed_size) + " recorded");
  }
  return Status::OK();
}

}  // namespace s3c::codec_internal
