// Test helpers of the Parquet file reader tests: an in-memory file that records its reads,
// corpus files as bytes, and footers decoded and replaced.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "formats/parquet/parquet_metadata.h"
#include "s3c/io/streams.h"
#include "support/corpus.h"

namespace s3c::formats::parquet {

// An in-memory file recording every ReadAt.
class MemFile : public RandomAccessFile {
 public:
  explicit MemFile(std::string data) : data_(std::move(data)) {}
  Result<uint64_t> Size() override { return data_.size(); }
  Result<size_t> ReadAt(uint64_t offset, size_t n, void* out) override {
    std::lock_guard<std::mutex> lock(mu_);
    reads.push_back({offset, n});
    if (offset >= data_.size()) return size_t{0};
    const size_t got = std::min<uint64_t>(n, data_.size() - offset);
    std::memcpy(out, data_.data() + offset, got);
    return got;
  }
  std::vector<std::pair<uint64_t, size_t>> reads;

 private:
  std::mutex mu_;
  std::string data_;
};

inline std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The bytes of parquet-testing/data/<name>; a missing corpus skips the test, or fails it under
// S3C_REQUIRE_CORPORA=1 (support/corpus.h).
#define S3C_LOAD_CORPUS(var, name)                                 \
  S3C_CORPUS_DIR_OR_SKIP(var##_dir, "parquet-testing/data");       \
  const std::string var = ReadFileBytes(var##_dir + "/" + (name)); \
  ASSERT_FALSE(var.empty()) << "cannot read " << var##_dir << "/" << (name)

inline uint32_t MetadataLength(const std::string& file) {
  uint32_t len;
  std::memcpy(&len, file.data() + file.size() - 8, 4);
  return len;
}

inline FileMetaData DecodeFooter(const std::string& file) {
  const uint32_t len = MetadataLength(file);
  auto md = DecodeFileMetaData(std::string_view(file).substr(file.size() - 8 - len, len), "t");
  EXPECT_TRUE(md.ok()) << md.status().ToString();
  return md.ok() ? *md : FileMetaData{};
}

// The same file with its footer replaced by `md`.
inline std::string WithFooter(const std::string& file, const FileMetaData& md) {
  const uint32_t old_len = MetadataLength(file);
  std::string out = file.substr(0, file.size() - 8 - old_len);
  const std::string meta = EncodeFileMetaData(md);
  const uint32_t len = static_cast<uint32_t>(meta.size());
  out += meta;
  out.append(reinterpret_cast<const char*>(&len), 4);
  out += "PAR1";
  return out;
}

}  // namespace s3c::formats::parquet
