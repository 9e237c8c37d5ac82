// Hashes and MACs over OpenSSL (docs/architecture.md: auth). Outputs are raw bytes.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "s3c/common/crc32c.h"

namespace s3c {

std::string Sha256(std::string_view data);
std::string HmacSha256(std::string_view key, std::string_view data);
std::string Md5(std::string_view data);

// Incremental hashers for streamed bodies. Not thread-safe: one hasher per stream. The one-shot
// functions above are safe from any thread.
class Sha256Hasher {
 public:
  Sha256Hasher();
  ~Sha256Hasher();
  Sha256Hasher(const Sha256Hasher&) = delete;
  Sha256Hasher& operator=(const Sha256Hasher&) = delete;
  void Update(const void* data, size_t n);
  std::string Finish();  // raw 32 bytes

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class Md5Hasher {
 public:
  Md5Hasher();
  ~Md5Hasher();
  Md5Hasher(const Md5Hasher&) = delete;
  Md5Hasher& operator=(const Md5Hasher&) = delete;
  void Update(const void* data, size_t n);
  std::string Finish();  // raw 16 bytes

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// CRC32C itself is s3c::Crc32c (s3c/common/crc32c.h, included above for callers of this header).
// Big-endian 4 bytes, base64: the x-amz-checksum-crc32c header value.
std::string Crc32cHeaderValue(uint32_t crc);

}  // namespace s3c
