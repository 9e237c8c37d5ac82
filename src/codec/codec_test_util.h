// Helpers for the codec tests: data generators, a trickling source, a recording sink.
#pragma once

#include <algorithm>
#include <cstring>
#include <memory>
#include <random>
#include <string>

#include "s3c/codec/codec.h"
#include "s3c/io/streams.h"

namespace s3c::codec_testing {

inline std::string RandomBytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xff);
  return s;
}

// CSV-like text that compresses well.
inline std::string CompressibleBytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string s;
  s.reserve(n + 64);
  while (s.size() < n) {
    s += std::to_string(rng() % 100000) + ",user" + std::to_string(rng() % 50) + ",2024-01-" +
         std::to_string(10 + rng() % 20) + ",ok\n";
  }
  s.resize(n);
  return s;
}

// Returns its data in chunks of 1..max_chunk bytes (pseudo-random), to stress refills.
class TrickleInputStream final : public InputStream {
 public:
  TrickleInputStream(std::string data, size_t max_chunk, uint32_t seed = 1)
      : data_(std::move(data)), max_chunk_(max_chunk), rng_(seed) {}
  Result<size_t> Read(void* out, size_t n) override {
    size_t step = std::min({n, data_.size() - pos_, 1 + rng_() % max_chunk_});
    std::memcpy(out, data_.data() + pos_, step);
    pos_ += step;
    return step;
  }

 private:
  std::string data_;
  size_t pos_ = 0;
  size_t max_chunk_;
  std::mt19937 rng_;
};

// Records what the compressor did to its inner stream.
struct SinkLog {
  std::string data;
  int closes = 0;
  int aborts = 0;
};

class RecordingOutputStream final : public OutputStream {
 public:
  explicit RecordingOutputStream(SinkLog* log) : log_(log) {}
  Status Write(const void* data, size_t n) override {
    log_->data.append(static_cast<const char*>(data), n);
    return Status::OK();
  }
  Status Close() override {
    ++log_->closes;
    return Status::OK();
  }
  void Abort() override { ++log_->aborts; }

 private:
  SinkLog* log_;
};

// Decompresses everything with reads of read_size bytes.
inline Result<std::string> DrainWith(InputStream& in, size_t read_size) {
  std::string out;
  std::string buf(read_size, '\0');
  while (true) {
    S3C_ASSIGN_OR_RETURN(size_t got, in.Read(buf.data(), buf.size()));
    if (got == 0) return out;
    out.append(buf.data(), got);
  }
}

inline DecompressOptions Named(std::string name, bool use_zlib = false) {
  DecompressOptions o;
  o.name = std::move(name);
  o.use_zlib = use_zlib;
  return o;
}

inline CompressOptions Level(int level) {
  CompressOptions o;
  o.level = level;
  return o;
}

inline constexpr Codec kStreamCodecs[] = {Codec::kGzip, Codec::kBzip2, Codec::kXz,
                                          Codec::kZstd, Codec::kLz4,   Codec::kSnappy};

}  // namespace s3c::codec_testing
