// ZipReader: end of central directory (APPNOTE 4.3.16), zip64 locator and record (4.3.14-15),
// central directory headers (4.3.12), then each member's local header (4.3.7) on open.
#include "s3c/codec/zip_reader.h"

#include <algorithm>

#include "codec/decompressor_base.h"
#include "codec/zip_format.h"

namespace s3c {
namespace {

using codec_internal::Le16;
using codec_internal::Le32;
using codec_internal::Le64;

Status Bad(const std::string& name, const std::string& what) {
  return DataLossError("zip archive " + name + " is corrupt: " + what);
}

// Reads [offset, offset + length) of a RandomAccessFile as a stream.
class RangeInputStream final : public InputStream {
 public:
  RangeInputStream(std::shared_ptr<RandomAccessFile> file, uint64_t offset, uint64_t length)
      : file_(std::move(file)), offset_(offset), left_(length) {}
  Result<size_t> Read(void* out, size_t n) override {
    size_t want = static_cast<size_t>(std::min<uint64_t>(n, left_));
    if (want == 0) return size_t{0};
    S3C_ASSIGN_OR_RETURN(size_t got, file_->ReadAt(offset_, want, out));
    offset_ += got;
    left_ -= got;
    return got;
  }

 private:
  std::shared_ptr<RandomAccessFile> file_;
  uint64_t offset_;
  uint64_t left_;
};

class ZipMemberStream final : public codec_internal::DecompressorBase {
 public:
  ZipMemberStream(std::unique_ptr<InputStream> in, std::string name)
      : DecompressorBase(std::move(in), name), entry_(name_, false) {}
  Status Start(const codec_internal::ZipEntryInfo& info) { return entry_.Start(info); }

 protected:
  Result<size_t> ReadSome(uint8_t* out, size_t n) override { return entry_.Read(in_, out, n); }

 private:
  codec_internal::ZipEntryDecoder entry_;
};

Result<std::vector<ZipMember>> ParseCentralDirectory(const std::string& cd, uint64_t count,
                                                     const std::string& name) {
  std::vector<ZipMember> members;
  const auto* p = reinterpret_cast<const uint8_t*>(cd.data());
  size_t left = cd.size();
  for (uint64_t i = 0; i < count; ++i) {
    if (left < codec_internal::kZipCentralHeaderSize || Le32(p) != codec_internal::kZipCentralSig) {
      return Bad(name, "central directory entry " + std::to_string(i) + " is missing");
    }
    size_t name_len = Le16(p + 28), extra_len = Le16(p + 30), comment_len = Le16(p + 32);
    size_t total = codec_internal::kZipCentralHeaderSize + name_len + extra_len + comment_len;
    if (total > left) return Bad(name, "central directory entry runs past its end");
    ZipMember m;
    m.flags = Le16(p + 8);
    m.method = Le16(p + 10);
    m.crc32 = Le32(p + 16);
    m.compressed_size = Le32(p + 20);
    m.uncompressed_size = Le32(p + 24);
    m.local_header_offset = Le32(p + 42);
    m.name.assign(reinterpret_cast<const char*>(p + 46), name_len);
    std::string_view extra(reinterpret_cast<const char*>(p + 46 + name_len), extra_len);
    codec_internal::ApplyZip64Extra(extra, &m.uncompressed_size, &m.compressed_size,
                                    &m.local_header_offset);
    members.push_back(std::move(m));
    p += total;
    left -= total;
  }
  return members;
}

}  // namespace

Result<std::unique_ptr<ZipReader>> ZipReader::Open(std::shared_ptr<RandomAccessFile> file,
                                                   std::string name) {
  S3C_ASSIGN_OR_RETURN(uint64_t size, file->Size());
  uint64_t tail_len = std::min<uint64_t>(size, codec_internal::kZipEndSize + 65535);
  S3C_ASSIGN_OR_RETURN(std::string tail, file->ReadRange(size - tail_len, tail_len));
  if (tail.size() < codec_internal::kZipEndSize) return Bad(name, "too short to be a zip file");
  const auto* t = reinterpret_cast<const uint8_t*>(tail.data());
  size_t pos = tail.size() - codec_internal::kZipEndSize + 1;
  do {
    --pos;
  } while (pos > 0 && Le32(t + pos) != codec_internal::kZipEndSig);
  if (Le32(t + pos) != codec_internal::kZipEndSig) {
    return Bad(name, "no end of central directory record");
  }
  uint64_t count = Le16(t + pos + 10);
  uint64_t cd_size = Le32(t + pos + 12);
  uint64_t cd_offset = Le32(t + pos + 16);
  uint64_t end_offset = size - tail_len + pos;
  if (end_offset >= 20) {
    S3C_ASSIGN_OR_RETURN(std::string loc, file->ReadRange(end_offset - 20, 20));
    const auto* l = reinterpret_cast<const uint8_t*>(loc.data());
    if (loc.size() == 20 && Le32(l) == codec_internal::kZip64LocatorSig) {
      S3C_ASSIGN_OR_RETURN(std::string rec, file->ReadRange(Le64(l + 8), 56));
      const auto* r = reinterpret_cast<const uint8_t*>(rec.data());
      if (rec.size() < 56 || Le32(r) != codec_internal::kZip64EndSig) {
        return Bad(name, "zip64 end of central directory record is missing");
      }
      count = Le64(r + 32);
      cd_size = Le64(r + 40);
      cd_offset = Le64(r + 48);
    }
  }
  if (cd_offset > size || cd_size > size - cd_offset) {
    return Bad(name, "central directory lies outside the file");
  }
  if (count > cd_size / codec_internal::kZipCentralHeaderSize) {
    return Bad(name, "more entries than the central directory can hold");
  }
  S3C_ASSIGN_OR_RETURN(std::string cd, file->ReadRange(cd_offset, cd_size));
  S3C_ASSIGN_OR_RETURN(auto members, ParseCentralDirectory(cd, count, name));
  return std::unique_ptr<ZipReader>(new ZipReader(std::move(file), name, std::move(members)));
}

Result<size_t> ZipReader::Find(std::string_view member_name) const {
  for (size_t i = 0; i < members_.size(); ++i) {
    if (members_[i].name == member_name) return i;
  }
  return NotFoundError("no member " + std::string(member_name) + " in zip archive " + name_);
}

Result<std::unique_ptr<InputStream>> ZipReader::OpenMember(std::string_view member_name) const {
  S3C_ASSIGN_OR_RETURN(size_t index, Find(member_name));
  return OpenMember(index);
}

Result<std::unique_ptr<InputStream>> ZipReader::OpenMember(size_t index) const {
  if (index >= members_.size()) {
    return OutOfRangeError("zip member index " + std::to_string(index) + " out of range");
  }
  const ZipMember& m = members_[index];
  S3C_ASSIGN_OR_RETURN(
      std::string h, file_->ReadRange(m.local_header_offset, codec_internal::kZipLocalHeaderSize));
  const auto* p = reinterpret_cast<const uint8_t*>(h.data());
  if (h.size() < codec_internal::kZipLocalHeaderSize || Le32(p) != codec_internal::kZipLocalSig) {
    return Bad(name_, "no local header for member " + m.name);
  }
  uint64_t data_offset =
      m.local_header_offset + codec_internal::kZipLocalHeaderSize + Le16(p + 26) + Le16(p + 28);
  codec_internal::ZipEntryInfo info;
  info.name = m.name;
  info.method = m.method;
  info.flags = m.flags;
  info.crc32 = m.crc32;
  info.compressed_size = m.compressed_size;
  info.uncompressed_size = m.uncompressed_size;
  auto stream = std::make_unique<ZipMemberStream>(
      std::make_unique<RangeInputStream>(file_, data_offset, m.compressed_size), name_);
  S3C_RETURN_IF_ERROR(stream->Start(info));
  return std::unique_ptr<InputStream>(std::move(stream));
}

}  // namespace s3c
