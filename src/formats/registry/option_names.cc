// The option vocabularies of the data formats (option_names.h).
#include "s3c/formats/option_names.h"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "s3c/common/strings.h"

namespace s3c::formats {
namespace {

// The value of `name` in `names`, exact match; nullopt otherwise.
template <typename T, size_t N>
std::optional<T> Lookup(const std::array<std::pair<std::string_view, T>, N>& names,
                        std::string_view name) {
  for (const auto& [n, v] : names) {
    if (name == n) return v;
  }
  return std::nullopt;
}

}  // namespace

Result<char> ParseDialectChar(std::string_view what, std::string_view value) {
  if (value == "\\t" || value == "tab") return '\t';
  if (value.size() == 1) return value[0];
  if (value.empty() || value == "none") return '\0';
  return InvalidArgumentError(fmt::format("{} takes one character, got '{}'", what, value));
}

Result<csv::HeaderMode> ParseHeaderMode(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, csv::HeaderMode>, 3> kNames{{
      {"yes", csv::HeaderMode::kYes},
      {"no", csv::HeaderMode::kNo},
      {"auto", csv::HeaderMode::kAuto},
  }};
  if (auto v = Lookup(kNames, name)) return *v;
  return InvalidArgumentError(fmt::format("'{}' is not {}", name, kHeaderModeWords));
}

Result<csv::RaggedRowPolicy> ParseRaggedPolicy(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, csv::RaggedRowPolicy>, 3> kNames{{
      {"error", csv::RaggedRowPolicy::kError},
      {"pad", csv::RaggedRowPolicy::kPadWithNulls},
      {"truncate", csv::RaggedRowPolicy::kTruncate},
  }};
  if (auto v = Lookup(kNames, name)) return *v;
  return InvalidArgumentError(fmt::format("'{}' is not {}", name, kRaggedPolicyWords));
}

Result<TextEncoding> ParseTextEncoding(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, TextEncoding>, 12> kNames{{
      {"auto", TextEncoding::kAuto},
      {"utf-8", TextEncoding::kUtf8},
      {"utf8", TextEncoding::kUtf8},
      {"utf-16le", TextEncoding::kUtf16LE},
      {"utf16le", TextEncoding::kUtf16LE},
      {"utf-16be", TextEncoding::kUtf16BE},
      {"utf16be", TextEncoding::kUtf16BE},
      {"latin-1", TextEncoding::kLatin1},
      {"latin1", TextEncoding::kLatin1},
      {"iso-8859-1", TextEncoding::kLatin1},
      {"windows-1252", TextEncoding::kWindows1252},
      {"cp1252", TextEncoding::kWindows1252},
  }};
  std::string lower = ToLower(name);
  if (auto v = Lookup(kNames, lower)) return *v;
  return InvalidArgumentError(fmt::format("'{}' is not one of {}", name, kTextEncodingWords));
}

Result<InvalidUtf8Policy> ParseInvalidUtf8Policy(std::string_view name) {
  if (name == "error") return InvalidUtf8Policy::kError;
  if (name == "replace") return InvalidUtf8Policy::kReplace;
  return InvalidArgumentError(fmt::format("'{}' is not {}", name, kInvalidUtf8PolicyWords));
}

Result<BadRecordPolicy> ParseBadRecordPolicy(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, BadRecordPolicy>, 3> kNames{{
      {"fail", BadRecordPolicy::kFail},
      {"skip", BadRecordPolicy::kSkip},
      {"quarantine", BadRecordPolicy::kQuarantine},
  }};
  if (auto v = Lookup(kNames, name)) return *v;
  return InvalidArgumentError(fmt::format("'{}' is not {}", name, kBadRecordPolicyWords));
}

Result<BlockCodec> ParseParquetCodec(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, BlockCodec>, 8> kNames{{
      {"snappy", BlockCodec::kSnappy}, {"zstd", BlockCodec::kZstd},
      {"gzip", BlockCodec::kGzip},     {"lz4_raw", BlockCodec::kLz4Raw},
      {"lz4", BlockCodec::kLz4Raw},    {"brotli", BlockCodec::kBrotli},
      {"none", BlockCodec::kNone},     {"uncompressed", BlockCodec::kNone},
  }};
  if (auto v = Lookup(kNames, name)) return *v;
  return InvalidArgumentError(
      fmt::format("{}: Parquet codecs are {}", name, kParquetCodecWords));
}

void SetReadSchema(csv::SchemaMode mode, std::shared_ptr<columnar::Schema> schema,
                   FormatReadOptions* read) {
  read->csv.schema_mode = mode;
  switch (mode) {
    case csv::SchemaMode::kInfer: read->json.schema_mode = JsonSchemaMode::kInfer; break;
    case csv::SchemaMode::kFull: read->json.schema_mode = JsonSchemaMode::kFull; break;
    case csv::SchemaMode::kPartial: read->json.schema_mode = JsonSchemaMode::kPartial; break;
    case csv::SchemaMode::kAllStrings: read->json.schema_mode = JsonSchemaMode::kAllStrings; break;
  }
  if (mode == csv::SchemaMode::kFull || mode == csv::SchemaMode::kPartial) {
    read->csv.schema = read->json.schema = std::move(schema);
  }
}

FormatFromNameResult OutputFormatFromName(std::string_view name) {
  return {FormatFromName(name), CodecFromExtension(name)};
}

Result<NonFiniteFloats> ParseNonFiniteFloats(std::string_view name) {
  std::string lower = ToLower(name);
  if (lower == "tokens") return NonFiniteFloats::kTokens;
  if (lower == "null") return NonFiniteFloats::kNull;
  if (lower == "strings") return NonFiniteFloats::kStrings;
  return InvalidArgumentError(fmt::format(
      "'{}' is not a way to write NaN and infinities in JSON: use tokens (NaN, Infinity, "
      "-Infinity), null or strings (\"NaN\", ...)",
      name));
}

}  // namespace s3c::formats
