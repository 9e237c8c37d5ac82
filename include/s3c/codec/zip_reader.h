// Reads a zip archive member by member through its central directory (PKWARE APPNOTE 6.3.x,
// sections 4.3.7 local file header, 4.3.12 central directory, 4.3.16 end of central directory,
// 4.3.14/4.5.3 zip64). Supports stored (0) and deflate (8) members; others are Unimplemented.
// Encrypted members are Unimplemented. Each member's CRC-32 and size are verified at its end.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "s3c/common/status.h"
#include "s3c/io/streams.h"

namespace s3c {

struct ZipMember {
  std::string name;
  uint16_t method = 0;  // 0 stored, 8 deflate
  uint16_t flags = 0;
  uint32_t crc32 = 0;
  uint64_t compressed_size = 0;
  uint64_t uncompressed_size = 0;
  uint64_t local_header_offset = 0;
  bool is_directory() const { return !name.empty() && name.back() == '/'; }
};

// Not thread-safe; member streams may be read one after another or interleaved, from one
// thread. The file must outlive nothing: member streams share ownership of it.
class ZipReader {
 public:
  // Reads the end of central directory and the central directory. name is used in errors.
  static Result<std::unique_ptr<ZipReader>> Open(std::shared_ptr<RandomAccessFile> file,
                                                 std::string name);

  const std::vector<ZipMember>& members() const { return members_; }
  // Index of the member called member_name; NotFound when absent.
  Result<size_t> Find(std::string_view member_name) const;
  // A stream of the member's uncompressed bytes.
  Result<std::unique_ptr<InputStream>> OpenMember(size_t index) const;
  Result<std::unique_ptr<InputStream>> OpenMember(std::string_view member_name) const;

 private:
  ZipReader(std::shared_ptr<RandomAccessFile> file, std::string name,
            std::vector<ZipMember> members)
      : file_(std::move(file)), name_(std::move(name)), members_(std::move(members)) {}

  std::shared_ptr<RandomAccessFile> file_;
  std::string name_;
  std::vector<ZipMember> members_;
};

}  // namespace s3c
