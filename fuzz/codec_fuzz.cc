// libFuzzer target over every decoder of src/codec. Build: -DS3C_FUZZ=ON with clang++-14.
#include "codec_fuzz.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "s3c/codec/block_codec.h"
#include "s3c/codec/codec.h"
#include "s3c/codec/zip_reader.h"
#include "s3c/io/local_file.h"

namespace s3c::fuzz {
namespace {

constexpr size_t kMaxOutput = 16 << 20;  // stop reading decompression bombs here

void Check(bool ok, const char* what, const Status& s) {
  if (ok) return;
  std::fprintf(stderr, "codec fuzz invariant broken: %s: %s\n", what, s.ToString().c_str());
  std::abort();
}

bool ExpectedError(const Status& s) {
  return s.code() == StatusCode::kDataLoss || s.code() == StatusCode::kUnimplemented ||
         s.code() == StatusCode::kNotFound || s.code() == StatusCode::kOutOfRange;
}

class StringFile final : public RandomAccessFile {
 public:
  explicit StringFile(std::string data) : data_(std::move(data)) {}
  Result<uint64_t> Size() override { return uint64_t{data_.size()}; }
  Result<size_t> ReadAt(uint64_t offset, size_t n, void* out) override {
    if (offset >= data_.size()) return size_t{0};
    size_t step = std::min<size_t>(n, data_.size() - offset);
    std::copy_n(data_.data() + offset, step, static_cast<char*>(out));
    return step;
  }

 private:
  std::string data_;
};

// Reads at most kMaxOutput bytes; returns the error, or the bytes and whether the end was seen.
Result<std::string> Drain(InputStream& in, bool* complete) {
  std::string out;
  char buf[65536];
  *complete = false;
  while (out.size() < kMaxOutput) {
    S3C_ASSIGN_OR_RETURN(size_t got, in.Read(buf, sizeof(buf)));
    if (got == 0) {
      *complete = true;
      break;
    }
    out.append(buf, got);
  }
  return out;
}

FuzzOutcome RunStream(Codec codec, std::string body) {
  DecompressOptions options;
  options.name = "fuzz";
  auto dec = OpenDecompressor(MakeStringInput(std::move(body)), codec, options);
  Check(dec.ok(), "open decompressor", dec.status());
  bool complete = false;
  auto out = Drain(**dec, &complete);
  if (!out.ok()) {
    Check(ExpectedError(out.status()), "stream error code", out.status());
    return FuzzOutcome::kRejected;
  }
  if (complete && out->size() < (1 << 20) && codec != Codec::kZip) {
    auto again = Compress(codec, *out);
    Check(again.ok(), "re-compress", again.status());
    auto back = Decompress(codec, *again);
    Check(back.ok() && *back == *out, "round trip", back.status());
  }
  return FuzzOutcome::kDecoded;
}

FuzzOutcome RunBlock(BlockCodec codec, size_t expected, std::string body) {
  auto out = DecompressBlock(codec, body, expected, "fuzz");
  if (!out.ok()) {
    Check(ExpectedError(out.status()), "block error code", out.status());
    return FuzzOutcome::kRejected;
  }
  Check(out->size() == expected, "block size", Status::OK());
  return FuzzOutcome::kDecoded;
}

FuzzOutcome RunZip(std::string body) {
  auto reader = ZipReader::Open(std::make_shared<StringFile>(std::move(body)), "fuzz.zip");
  if (!reader.ok()) {
    Check(ExpectedError(reader.status()), "zip open error code", reader.status());
    return FuzzOutcome::kRejected;
  }
  FuzzOutcome outcome = FuzzOutcome::kDecoded;
  for (size_t i = 0; i < (*reader)->members().size() && i < 64; ++i) {
    auto in = (*reader)->OpenMember(i);
    if (!in.ok()) {
      Check(ExpectedError(in.status()), "zip member open error code", in.status());
      outcome = FuzzOutcome::kRejected;
      continue;
    }
    bool complete = false;
    auto out = Drain(**in, &complete);
    if (!out.ok()) {
      Check(ExpectedError(out.status()), "zip member error code", out.status());
      outcome = FuzzOutcome::kRejected;
    }
  }
  return outcome;
}

}  // namespace

FuzzOutcome RunCodecFuzzInput(const uint8_t* data, size_t size) {
  if (size == 0) return FuzzOutcome::kRejected;
  uint8_t selector = data[0] & 0x0f;
  std::string body(reinterpret_cast<const char*>(data + 1), size - 1);
  if (selector <= 7) return RunStream(static_cast<Codec>(selector), std::move(body));
  if (selector <= 13) {
    if (body.size() < 2) return FuzzOutcome::kRejected;
    size_t expected = static_cast<uint8_t>(body[0]) | static_cast<uint8_t>(body[1]) << 8;
    return RunBlock(static_cast<BlockCodec>(selector - 8), expected, body.substr(2));
  }
  return RunZip(std::move(body));
}

}  // namespace s3c::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  s3c::fuzz::RunCodecFuzzInput(data, size);
  return 0;
}
