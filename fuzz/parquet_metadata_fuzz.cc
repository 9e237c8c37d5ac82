// libFuzzer target over the Parquet metadata decoders (Thrift compact protocol). Build:
// -DS3C_FUZZ=ON, clang++-14. Seed with the footers of ../shared/corpora/parquet-testing.
#include "parquet_metadata_fuzz.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "formats/parquet/parquet_metadata.h"

namespace s3c::fuzz {
namespace {

using namespace formats::parquet;  // NOLINT(google-build-using-namespace)

void Check(bool ok, const char* what, const std::string& detail) {
  if (ok) return;
  std::fprintf(stderr, "parquet metadata fuzz invariant broken: %s: %s\n", what, detail.c_str());
  std::abort();
}

void CheckError(const Status& s) {
  const bool code = s.code() == StatusCode::kInvalidArgument || s.code() == StatusCode::kDataLoss ||
                    s.code() == StatusCode::kOutOfRange;
  Check(code && s.message().find("byte offset ") != std::string::npos, "error kind", s.ToString());
}

// Decode(Encode(x)) == x for whatever a decoder accepted.
template <typename T, typename Encode, typename Decode>
bool RoundTrip(const Result<T>& decoded, Encode encode, Decode decode, const char* what) {
  if (!decoded.ok()) {
    CheckError(decoded.status());
    return false;
  }
  Result<T> again = decode(encode(*decoded));
  Check(again.ok(), what, again.status().ToString());
  Check(*again == *decoded, what, "Decode(Encode(x)) != x");
  return true;
}

}  // namespace

int RunParquetMetadataFuzzInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  MetadataLimits limits;
  limits.max_nesting_depth = 32;
  int accepted = 0;

  accepted += RoundTrip(
      DecodeFileMetaData(bytes, "fuzz", limits), EncodeFileMetaData,
      [&](const std::string& b) { return DecodeFileMetaData(b, "again", limits); },
      "FileMetaData round trip");

  size_t header_size = 0;
  auto header = DecodePageHeader(bytes, &header_size, "fuzz", limits);
  if (header.ok()) Check(header_size <= size, "header size", std::to_string(header_size));
  accepted += RoundTrip(
      header, EncodePageHeader,
      [&](const std::string& b) {
        size_t n = 0;
        auto h = DecodePageHeader(b, &n, "again", limits);
        if (h.ok()) Check(n == b.size(), "re-encoded header size", std::to_string(n));
        return h;
      },
      "PageHeader round trip");

  accepted += RoundTrip(
      DecodeColumnIndex(bytes, "fuzz", limits), EncodeColumnIndex,
      [&](const std::string& b) { return DecodeColumnIndex(b, "again", limits); },
      "ColumnIndex round trip");
  accepted += RoundTrip(
      DecodeOffsetIndex(bytes, "fuzz", limits), EncodeOffsetIndex,
      [&](const std::string& b) { return DecodeOffsetIndex(b, "again", limits); },
      "OffsetIndex round trip");

  if (size >= 8) {
    auto tail = ParseFooterTail(bytes.substr(size - 8), size, "fuzz");
    if (tail.ok()) {
      Check(*tail > 0 && *tail <= size - 12, "footer length", std::to_string(*tail));
    } else {
      const StatusCode c = tail.status().code();
      Check(c == StatusCode::kInvalidArgument || c == StatusCode::kDataLoss, "tail error",
            tail.status().ToString());
    }
  }
  return accepted;
}

}  // namespace s3c::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  s3c::fuzz::RunParquetMetadataFuzzInput(data, size);
  return 0;
}
