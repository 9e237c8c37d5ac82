// Format names and detection from object names (format_registry.h).
#include <fmt/format.h>

#include <array>
#include <utility>

#include "s3c/common/strings.h"
#include "s3c/formats/format_registry.h"

namespace s3c::formats {

const char* FileFormatName(FileFormat format) {
  switch (format) {
    case FileFormat::kCsv: return "csv";
    case FileFormat::kTsv: return "tsv";
    case FileFormat::kJson: return "json";
    case FileFormat::kJsonLines: return "jsonl";
    case FileFormat::kParquet: return "parquet";
    case FileFormat::kText: return "text";
  }
  return "?";
}

Result<FileFormat> ParseFileFormat(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, FileFormat>, 8> kNames{{
      {"csv", FileFormat::kCsv},
      {"tsv", FileFormat::kTsv},
      {"json", FileFormat::kJson},
      {"jsonl", FileFormat::kJsonLines},
      {"ndjson", FileFormat::kJsonLines},
      {"parquet", FileFormat::kParquet},
      {"text", FileFormat::kText},
      {"txt", FileFormat::kText},
  }};
  std::string lower = ToLower(name);
  for (const auto& [n, f] : kNames) {
    if (lower == n) return f;
  }
  return InvalidArgumentError(fmt::format(
      "unknown format '{}' (expected csv, tsv, json, jsonl, ndjson, parquet or text)", name));
}

std::optional<FileFormat> FormatFromName(std::string_view name) {
  std::string lower = ToLower(name);
  Codec codec = CodecFromExtension(lower);
  if (codec != Codec::kNone) {
    std::string_view ext = CodecExtension(codec);
    // CodecFromExtension also accepts spellings other than the canonical one (".gzip"): cut
    // at the last dot.
    size_t dot = lower.rfind('.');
    lower.resize(dot == std::string::npos ? lower.size() - ext.size() : dot);
  }
  static constexpr std::array<std::pair<std::string_view, FileFormat>, 10> kExtensions{{
      {".csv", FileFormat::kCsv},
      {".tsv", FileFormat::kTsv},
      {".tab", FileFormat::kTsv},
      {".json", FileFormat::kJson},
      {".jsonl", FileFormat::kJsonLines},
      {".ndjson", FileFormat::kJsonLines},
      {".parquet", FileFormat::kParquet},
      {".pq", FileFormat::kParquet},
      {".txt", FileFormat::kText},
      {".log", FileFormat::kText},
  }};
  for (const auto& [ext, format] : kExtensions) {
    if (EndsWith(lower, ext)) return format;
  }
  return std::nullopt;
}

bool IsRowTextFormat(FileFormat format) { return format != FileFormat::kParquet; }

}  // namespace s3c::formats
