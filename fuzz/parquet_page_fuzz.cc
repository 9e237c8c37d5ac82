// libFuzzer target over the Parquet value and level decoders. Build: -DS3C_FUZZ=ON, clang++-14.
#include "parquet_page_fuzz.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "formats/parquet/encodings.h"

namespace s3c::fuzz {
namespace {

using namespace formats::parquet;  // NOLINT(google-build-using-namespace)
using Outcome = ParquetPageFuzzOutcome;

constexpr size_t kMaxValues = 4096;

void Check(bool ok, const char* what, const std::string& detail = "") {
  if (ok) return;
  std::fprintf(stderr, "parquet page fuzz invariant broken: %s %s\n", what, detail.c_str());
  std::abort();
}

// Errors must be DataLoss; returns true when the status is OK.
bool Accept(const Status& s) {
  Check(s.ok() || s.code() == StatusCode::kDataLoss, "error kind", s.ToString());
  return s.ok();
}

Outcome Rle(std::string_view in, int width, size_t chunk) {
  const size_t n = std::min(kMaxValues, in.size() * 4 + 1);
  std::vector<uint32_t> all(n), chunked(n);
  RleBitPackedDecoder d1(in, width);
  auto got = d1.Decode(all.data(), n);
  if (!Accept(got.status())) return Outcome::kRejected;
  Check(*got <= n && d1.position() <= in.size(), "rle bounds");
  RleBitPackedDecoder d2(in, width);
  size_t done = 0;
  while (done < *got) {
    auto g = d2.Decode(chunked.data() + done, std::min(chunk, *got - done));
    Check(g.ok() && *g > 0, "rle chunked decode", g.status().ToString());
    done += *g;
  }
  Check(std::equal(all.begin(), all.begin() + *got, chunked.begin()), "rle chunked values");
  RleBitPackedEncoder e(width);
  e.PutMany(all.data(), *got);
  const std::string enc = e.Finish();
  RleBitPackedDecoder d3(enc, width);
  std::vector<uint32_t> back(*got);
  auto again = d3.Decode(back.data(), *got);
  Check(again.ok() && *again == *got, "rle re-decode", again.status().ToString());
  Check(std::equal(back.begin(), back.end(), all.begin()), "rle round trip");
  return Outcome::kDecoded;
}

Outcome Levels(std::string_view in, int kind, int16_t max_level) {
  const size_t n = std::min(kMaxValues, in.size() * 2 + 1);
  std::vector<int16_t> levels(n);
  if (kind == 2) {
    if (!Accept(DecodeLevelsV2(in, max_level, n, levels.data()))) return Outcome::kRejected;
  } else {
    auto used = DecodeLevelsV1(kind == 0 ? Encoding::kRle : Encoding::kBitPacked, in, max_level, n,
                               levels.data());
    if (!Accept(used.status())) return Outcome::kRejected;
    Check(*used <= in.size(), "levels consumed");
  }
  for (int16_t l : levels) Check(l >= 0 && l <= max_level, "level range");
  const std::string enc = EncodeLevels(levels.data(), n, max_level);
  std::vector<int16_t> back(n);
  Check(DecodeLevelsV2(enc, max_level, n, back.data()).ok(), "levels re-decode");
  Check(back == levels, "levels round trip");
  return Outcome::kDecoded;
}

Outcome PlainFixed(std::string_view in, size_t width) {
  const size_t n = in.size() / width;
  std::string out(n * width, '\0');
  auto used = DecodePlainFixed(in, n, width, out.data());
  Check(used.ok() && *used == n * width, "plain fixed", used.status().ToString());
  Check(out == in.substr(0, n * width), "plain fixed bytes");
  auto over = DecodePlainFixed(in, n + 1, width, out.data());
  Check(!Accept(over.status()), "plain fixed overrun accepted");
  return Outcome::kDecoded;
}

Outcome PlainBoolean(std::string_view in) {
  const size_t n = std::min(kMaxValues, in.size() * 8);
  std::vector<uint8_t> out(n);
  auto used = DecodePlainBoolean(in, n, out.data());
  Check(used.ok() && *used == (n + 7) / 8, "plain boolean", used.status().ToString());
  const std::string enc = EncodePlainBoolean(out.data(), n);
  if (n % 8 == 0) Check(enc == in.substr(0, *used), "plain boolean round trip");
  return Outcome::kDecoded;
}

Outcome ByteArrays(std::string_view in, int kind, size_t n) {
  ByteArrayValues out;
  out.Append("seed");
  Result<size_t> used = kind == 0   ? DecodePlainByteArray(in, n, &out)
                        : kind == 1 ? DecodeDeltaLengthByteArray(in, n, &out)
                                    : DecodeDeltaByteArray(in, n, &out);
  if (!Accept(used.status())) return Outcome::kRejected;
  Check(*used <= in.size() && out.size() == n + 1 && out[0] == "seed", "byte array bounds");
  ByteArrayValues values;
  for (size_t i = 1; i < out.size(); ++i) values.Append(out[i]);
  for (int k = 0; k < 3; ++k) {
    const std::string enc = k == 0   ? EncodePlainByteArray(values)
                            : k == 1 ? EncodeDeltaLengthByteArray(values)
                                     : EncodeDeltaByteArray(values);
    ByteArrayValues back;
    auto again = k == 0   ? DecodePlainByteArray(enc, n, &back)
                 : k == 1 ? DecodeDeltaLengthByteArray(enc, n, &back)
                          : DecodeDeltaByteArray(enc, n, &back);
    Check(again.ok() && *again == enc.size(), "byte array re-decode", again.status().ToString());
    Check(back.offsets == values.offsets && back.data == values.data, "byte array round trip");
  }
  return Outcome::kDecoded;
}

Outcome Dictionary(std::string_view in, uint32_t dict_size) {
  const size_t n = std::min(kMaxValues, in.size() * 4 + 1);
  std::vector<uint32_t> idx(n);
  if (!Accept(DecodeDictionaryIndices(in, n, dict_size, idx.data()))) return Outcome::kRejected;
  for (uint32_t i : idx) Check(i < dict_size, "dictionary index range");
  const std::string enc = EncodeDictionaryIndices(idx.data(), n, dict_size);
  std::vector<uint32_t> back(n);
  Check(DecodeDictionaryIndices(enc, n, dict_size, back.data()).ok(), "dictionary re-decode");
  Check(back == idx, "dictionary round trip");
  return Outcome::kDecoded;
}

Outcome Delta(std::string_view in, size_t max_values, bool int32) {
  std::vector<int64_t> out;
  auto used = DecodeDeltaBinaryPacked(in, max_values, &out);
  if (!Accept(used.status())) return Outcome::kRejected;
  Check(*used <= in.size() && out.size() <= max_values, "delta bounds");
  std::string enc;
  if (int32) {
    std::vector<int32_t> narrow(out.begin(), out.end());
    enc = EncodeDeltaBinaryPacked32(narrow.data(), narrow.size());
    for (auto& v : out) v = static_cast<int32_t>(v);
  } else {
    enc = EncodeDeltaBinaryPacked64(out.data(), out.size());
  }
  std::vector<int64_t> back;
  auto again = DecodeDeltaBinaryPacked(enc, max_values, &back);
  Check(again.ok() && *again == enc.size(), "delta re-decode", again.status().ToString());
  if (int32) {
    for (auto& v : back) v = static_cast<int32_t>(v);
  }
  Check(back == out, "delta round trip");
  return Outcome::kDecoded;
}

Outcome ByteStreamSplit(std::string_view in, size_t width) {
  const size_t n = in.size() / width;
  std::string out(n * width, '\0');
  Status s = DecodeByteStreamSplit(in, n, width, out.data());
  if (!Accept(s)) {
    Check(in.size() % width != 0, "byte stream split rejected a whole page");
    return Outcome::kRejected;
  }
  Check(EncodeByteStreamSplit(out.data(), n, width) == in, "byte stream split round trip");
  return Outcome::kDecoded;
}

constexpr std::array<int16_t, 6> kMaxLevels = {1, 1, 3, 7, 100, 32767};
constexpr std::array<size_t, 16> kFixedWidths = {4, 8, 12, 1, 2, 3, 5, 16, 4, 8, 6, 7, 9, 32, 4, 8};
constexpr std::array<uint32_t, 16> kDictSizes = {
    1,    2,     3,     4,        100,  255,      256,         257,
    1000, 65536, 65537, 1u << 20, 5000, 1u << 31, 0x7fffffffu, 0xffffffffu};
constexpr std::array<size_t, 8> kCounts = {0, 1, 2, 5, 8, 33, 100, 1000};

}  // namespace

ParquetPageFuzzOutcome RunParquetPageFuzzInput(const uint8_t* data, size_t size) {
  if (size == 0) return Outcome::kRejected;
  const int b = data[0];
  const std::string_view in(reinterpret_cast<const char*>(data + 1), size - 1);
  if (b < 66) return Rle(in, b % 33, b < 33 ? kMaxValues : 7);
  if (b < 84) return Levels(in, (b - 66) % 3, kMaxLevels[(b - 66) / 3]);
  if (b < 100) return PlainFixed(in, kFixedWidths[b - 84]);
  if (b == 100) return PlainBoolean(in);
  if (b < 118) return Dictionary(in, kDictSizes[(b - 101) % 16]);
  if (b < 134) return Delta(in, b < 126 ? kMaxValues : kCounts[b - 126], b % 2 == 0);
  if (b < 158) return ByteArrays(in, (b - 134) / 8, kCounts[(b - 134) % 8]);
  return ByteStreamSplit(in, static_cast<size_t>(b - 157));
}

}  // namespace s3c::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  s3c::fuzz::RunParquetPageFuzzInput(data, size);
  return 0;
}
