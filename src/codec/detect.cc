// Codec names, extensions and detection by magic number (each format's spec: RFC 1952 2.3.1,
// bzip2 "BZh" + block size digit, xz 2.1.1.1, RFC 8878 3.1.1, lz4 frame format, snappy
// framing 4.1, APPNOTE 4.3.7).
#include <algorithm>
#include <cctype>
#include <string>

#include "s3c/codec/codec.h"

namespace s3c {
namespace {

struct Magic {
  Codec codec;
  std::string_view bytes;
};

constexpr std::string_view kGzipMagic("\x1f\x8b", 2);
constexpr std::string_view kXzMagic(
    "\xfd"
    "7zXZ\x00",
    6);
constexpr std::string_view kZstdMagic("\x28\xb5\x2f\xfd", 4);
constexpr std::string_view kLz4Magic("\x04\x22\x4d\x18", 4);
constexpr std::string_view kSnappyMagic("\xff\x06\x00\x00sNaPpY", 10);
constexpr std::string_view kZipMagic("PK\x03\x04", 4);
constexpr std::string_view kZipEmptyMagic("PK\x05\x06", 4);

constexpr Magic kMagics[] = {
    {Codec::kGzip, kGzipMagic},    {Codec::kXz, kXzMagic},         {Codec::kZstd, kZstdMagic},
    {Codec::kLz4, kLz4Magic},      {Codec::kSnappy, kSnappyMagic}, {Codec::kZip, kZipMagic},
    {Codec::kZip, kZipEmptyMagic},
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsBzip2(std::string_view b) {
  return b.size() >= 4 && b.substr(0, 3) == "BZh" && b[3] >= '1' && b[3] <= '9';
}

// Whether bytes are too few to rule codec out: a proper prefix of its magic number.
bool CouldStillBe(Codec codec, std::string_view bytes) {
  if (codec == Codec::kBzip2) {
    std::string_view head("BZh", 3);
    return bytes.size() < 4 && head.substr(0, bytes.size()) == bytes.substr(0, 3);
  }
  for (const Magic& m : kMagics) {
    if (m.codec == codec && bytes.size() < m.bytes.size() &&
        m.bytes.substr(0, bytes.size()) == bytes) {
      return true;
    }
  }
  return false;
}

}  // namespace

const char* CodecName(Codec codec) {
  switch (codec) {
    case Codec::kNone:
      return "none";
    case Codec::kGzip:
      return "gzip";
    case Codec::kBzip2:
      return "bzip2";
    case Codec::kXz:
      return "xz";
    case Codec::kZstd:
      return "zstd";
    case Codec::kLz4:
      return "lz4";
    case Codec::kSnappy:
      return "snappy";
    case Codec::kZip:
      return "zip";
  }
  return "unknown";
}

const char* CodecExtension(Codec codec) {
  switch (codec) {
    case Codec::kNone:
      return "";
    case Codec::kGzip:
      return ".gz";
    case Codec::kBzip2:
      return ".bz2";
    case Codec::kXz:
      return ".xz";
    case Codec::kZstd:
      return ".zst";
    case Codec::kLz4:
      return ".lz4";
    case Codec::kSnappy:
      return ".sz";
    case Codec::kZip:
      return ".zip";
  }
  return "";
}

Result<Codec> ParseCodecName(std::string_view name) {
  std::string n = Lower(name);
  if (n == "none" || n == "uncompressed" || n.empty()) return Codec::kNone;
  if (n == "gzip" || n == "gz") return Codec::kGzip;
  if (n == "bzip2" || n == "bz2") return Codec::kBzip2;
  if (n == "xz") return Codec::kXz;
  if (n == "zstd" || n == "zst") return Codec::kZstd;
  if (n == "lz4") return Codec::kLz4;
  if (n == "snappy" || n == "sz") return Codec::kSnappy;
  if (n == "zip") return Codec::kZip;
  return InvalidArgumentError("unknown compression '" + std::string(name) +
                              "' (expected none, gzip, bzip2, xz, zstd, lz4, snappy or zip)");
}

Codec CodecFromExtension(std::string_view name) {
  size_t dot = name.rfind('.');
  size_t slash = name.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && slash > dot)) {
    return Codec::kNone;
  }
  std::string ext = Lower(name.substr(dot));
  if (ext == ".gz" || ext == ".gzip") return Codec::kGzip;
  if (ext == ".bz2") return Codec::kBzip2;
  if (ext == ".xz") return Codec::kXz;
  if (ext == ".zst" || ext == ".zstd") return Codec::kZstd;
  if (ext == ".lz4") return Codec::kLz4;
  if (ext == ".sz" || ext == ".snappy") return Codec::kSnappy;
  if (ext == ".zip") return Codec::kZip;
  return Codec::kNone;
}

Codec DetectCodec(std::string_view first_bytes, std::string_view name) {
  if (IsBzip2(first_bytes)) return Codec::kBzip2;
  for (const Magic& m : kMagics) {
    if (first_bytes.substr(0, m.bytes.size()) == m.bytes) return m.codec;
  }
  Codec by_name = CodecFromExtension(name);
  if (by_name != Codec::kNone && CouldStillBe(by_name, first_bytes)) return by_name;
  return Codec::kNone;
}

}  // namespace s3c
