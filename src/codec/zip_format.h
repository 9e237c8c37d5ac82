// Zip record layouts (PKWARE APPNOTE.TXT 6.3.x) and the per-entry decoder shared by the
// central-directory reader (ZipReader) and the sequential stream (Codec::kZip).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "codec/input_buffer.h"
#include "codec/raw_inflater.h"

namespace s3c::codec_internal {

inline constexpr uint32_t kZipLocalSig = 0x04034b50;       // 4.3.7
inline constexpr uint32_t kZipDescriptorSig = 0x08074b50;  // 4.3.9
inline constexpr uint32_t kZipCentralSig = 0x02014b50;     // 4.3.12
inline constexpr uint32_t kZipEndSig = 0x06054b50;         // 4.3.16
inline constexpr uint32_t kZip64EndSig = 0x06064b50;       // 4.3.14
inline constexpr uint32_t kZip64LocatorSig = 0x07064b50;   // 4.3.15
inline constexpr size_t kZipLocalHeaderSize = 30;
inline constexpr size_t kZipCentralHeaderSize = 46;
inline constexpr size_t kZipEndSize = 22;
inline constexpr uint16_t kZipFlagEncrypted = 0x0001;
inline constexpr uint16_t kZipFlagDescriptor = 0x0008;  // sizes and CRC follow the data

inline uint16_t Le16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | p[1] << 8); }
inline uint32_t Le32(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}
inline uint64_t Le64(const uint8_t* p) { return Le32(p) | uint64_t{Le32(p + 4)} << 32; }

// Replaces the 0xFFFFFFFF fields by the values of the zip64 extended information extra field
// (4.5.3), which lists only the fields that overflowed, in this order. Returns whether a zip64
// field was present.
bool ApplyZip64Extra(std::string_view extra, uint64_t* uncompressed, uint64_t* compressed,
                     uint64_t* offset);

struct ZipEntryInfo {
  std::string name;
  uint16_t method = 0;
  uint16_t flags = 0;
  uint32_t crc32 = 0;
  uint64_t compressed_size = 0;
  uint64_t uncompressed_size = 0;
  bool sizes_known = true;  // false: read them from the data descriptor after the data
  bool zip64 = false;       // data descriptor sizes are 8 bytes
};

// Decodes one entry's data from an InputBuffer positioned at its first data byte and checks
// its CRC-32 and size at the end (reading the data descriptor when sizes are not known).
class ZipEntryDecoder {
 public:
  ZipEntryDecoder(std::string object_name, bool use_zlib)
      : object_name_(std::move(object_name)), use_zlib_(use_zlib) {}
  Status Start(const ZipEntryInfo& info);
  // Returns up to n bytes; 0 once the entry has ended and checked out.
  Result<size_t> Read(InputBuffer& in, uint8_t* out, size_t n);

 private:
  Status Finish(InputBuffer& in);

  std::string object_name_;
  bool use_zlib_;
  ZipEntryInfo info_;
  std::string what_;
  std::unique_ptr<RawInflater> inflater_;
  uint64_t remaining_ = 0;  // stored entries: compressed bytes left
  uint64_t produced_ = 0;
  uint32_t crc_ = 0;
  bool done_ = false;
};

}  // namespace s3c::codec_internal
