// DELTA_LENGTH_BYTE_ARRAY (Encodings.md "Delta-length byte array"): the lengths as
// DELTA_BINARY_PACKED, then the bytes of all values back to back.
// DELTA_BYTE_ARRAY (Encodings.md "Delta Strings"): the prefix lengths shared with the previous
// value as DELTA_BINARY_PACKED, then the suffixes as DELTA_LENGTH_BYTE_ARRAY.
#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "formats/parquet/encodings.h"

namespace s3c::formats::parquet {
namespace {

constexpr uint64_t kMaxBytes = static_cast<uint64_t>(std::numeric_limits<int32_t>::max());

// Decodes exactly n lengths starting at data[*pos]; advances *pos past them. Lengths are INT32
// (their deltas are computed modulo 2^32), so they are narrowed as a 32-bit reader would.
Status DecodeLengths(std::string_view data, size_t* pos, size_t n, const char* what,
                     std::vector<int64_t>* lengths) {
  auto consumed = DecodeDeltaBinaryPacked(data.substr(*pos), n, lengths);
  if (!consumed.ok()) {
    return DataLossError(fmt::format("{} at byte {}: {}", what, *pos, consumed.status().message()));
  }
  if (lengths->size() != n) {
    return DataLossError(
        fmt::format("{} at byte {} holds {} values, expected {}", what, *pos, lengths->size(), n));
  }
  for (int64_t& v : *lengths) v = static_cast<int32_t>(v);
  *pos += *consumed;
  return Status::OK();
}

// Checks suffix lengths against the bytes after them; returns their sum.
Result<uint64_t> CheckLengths(const std::vector<int64_t>& lengths, size_t available,
                              size_t data_at) {
  uint64_t sum = 0;
  for (size_t i = 0; i < lengths.size(); ++i) {
    const int64_t len = lengths[i];
    if (len < 0 || static_cast<uint64_t>(len) > available - sum) {
      return DataLossError(
          fmt::format("byte array {} has length {} but only {} bytes remain at "
                      "byte {}",
                      i, len, available - sum, data_at + sum));
    }
    sum += static_cast<uint64_t>(len);
  }
  return sum;
}

std::string EncodeLengths(const std::vector<int32_t>& lengths) {
  return EncodeDeltaBinaryPacked32(lengths.data(), lengths.size());
}

}  // namespace

Result<size_t> DecodeDeltaLengthByteArray(std::string_view data, size_t n, ByteArrayValues* out) {
  if (n == 0 && data.empty()) return size_t{0};
  std::vector<int64_t> lengths;
  size_t pos = 0;
  S3C_RETURN_IF_ERROR(DecodeLengths(data, &pos, n, "DELTA_LENGTH_BYTE_ARRAY lengths", &lengths));
  S3C_ASSIGN_OR_RETURN(uint64_t total, CheckLengths(lengths, data.size() - pos, pos));
  if (total > kMaxBytes - out->data.size()) {
    return DataLossError(
        fmt::format("DELTA_LENGTH_BYTE_ARRAY: values exceed 2 GiB at byte {}", pos));
  }
  out->offsets.reserve(out->offsets.size() + n);
  int64_t end = static_cast<int64_t>(out->data.size());
  for (int64_t len : lengths) {
    end += len;
    out->offsets.push_back(static_cast<int32_t>(end));
  }
  out->data.append(data.substr(pos, total));
  return pos + total;
}

Result<size_t> DecodeDeltaByteArray(std::string_view data, size_t n, ByteArrayValues* out) {
  if (n == 0 && data.empty()) return size_t{0};
  std::vector<int64_t> prefixes, suffixes;
  size_t pos = 0;
  S3C_RETURN_IF_ERROR(DecodeLengths(data, &pos, n, "DELTA_BYTE_ARRAY prefix lengths", &prefixes));
  S3C_RETURN_IF_ERROR(DecodeLengths(data, &pos, n, "DELTA_BYTE_ARRAY suffix lengths", &suffixes));
  S3C_ASSIGN_OR_RETURN(uint64_t suffix_total, CheckLengths(suffixes, data.size() - pos, pos));
  // Validate every prefix and size the output before copying anything.
  uint64_t total = 0, previous = 0;
  for (size_t i = 0; i < n; ++i) {
    if (prefixes[i] < 0 || static_cast<uint64_t>(prefixes[i]) > previous) {
      return DataLossError(
          fmt::format("DELTA_BYTE_ARRAY: value {} has prefix length {} but the "
                      "previous value has {} bytes",
                      i, prefixes[i], previous));
    }
    previous = static_cast<uint64_t>(prefixes[i]) + static_cast<uint64_t>(suffixes[i]);
    total += previous;
    if (total > kMaxBytes - out->data.size()) {
      return DataLossError(fmt::format("DELTA_BYTE_ARRAY: values exceed 2 GiB at value {}", i));
    }
  }
  out->data.reserve(out->data.size() + total);  // no reallocation below: prefixes alias data
  out->offsets.reserve(out->offsets.size() + n);
  size_t prev_start = out->data.size();
  const char* suffix = data.data() + pos;
  for (size_t i = 0; i < n; ++i) {
    const size_t start = out->data.size();
    out->data.append(out->data.data() + prev_start, static_cast<size_t>(prefixes[i]));
    out->data.append(suffix, static_cast<size_t>(suffixes[i]));
    suffix += suffixes[i];
    out->offsets.push_back(static_cast<int32_t>(out->data.size()));
    prev_start = start;
  }
  return pos + suffix_total;
}

std::string EncodeDeltaLengthByteArray(const ByteArrayValues& values) {
  std::vector<int32_t> lengths(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    lengths[i] = values.offsets[i + 1] - values.offsets[i];
  }
  std::string out = EncodeLengths(lengths);
  out.append(values.data, static_cast<size_t>(values.offsets[0]),
             static_cast<size_t>(values.offsets.back() - values.offsets[0]));
  return out;
}

std::string EncodeDeltaByteArray(const ByteArrayValues& values) {
  const size_t n = values.size();
  std::vector<int32_t> prefixes(n), suffix_lengths(n);
  std::string suffix_bytes;
  std::string_view previous;
  for (size_t i = 0; i < n; ++i) {
    const std::string_view v = values[i];
    const size_t limit = std::min(v.size(), previous.size());
    size_t p = 0;
    while (p < limit && v[p] == previous[p]) ++p;
    prefixes[i] = static_cast<int32_t>(p);
    suffix_lengths[i] = static_cast<int32_t>(v.size() - p);
    suffix_bytes.append(v.substr(p));
    previous = v;
  }
  std::string out = EncodeLengths(prefixes);
  out += EncodeLengths(suffix_lengths);
  out += suffix_bytes;
  return out;
}

}  // namespace s3c::formats::parquet
