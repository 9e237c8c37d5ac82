// The names of the read and write options of data formats, shared by every front end (the CLI's
// flags, the pipeline files) so that they accept the same words, keep the same defaults and say
// the same thing about a word they do not know. Errors are InvalidArgument and quote the value;
// they never name a flag or a key: the caller prefixes that (e.g. "--header: ").
// Case: encodings are case-insensitive; every other name here is matched exactly (lower case).
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "s3c/codec/block_codec.h"
#include "s3c/codec/codec.h"
#include "s3c/common/status.h"
#include "s3c/formats/batch_io.h"
#include "s3c/formats/csv/csv_options.h"
#include "s3c/formats/format_registry.h"

namespace s3c::formats {

// A CSV dialect character (delimiter, quote, escape): one character; "tab" or "\t" (the two
// characters backslash and t) for a tab; "none" or "" for '\0' (the feature is off).
// Error: "<what> takes one character, got '<value>'"; `what` names the option for the reader.
Result<char> ParseDialectChar(std::string_view what, std::string_view value);

// Each vocabulary below has its default word (kDefault...: the word for the library's default
// value, the default a front end shows) and the list of its words for help texts and errors
// (k...Words).

// "yes", "no", "auto".
inline constexpr std::string_view kDefaultHeaderMode = "yes";
inline constexpr std::string_view kHeaderModeWords = "yes, no or auto";
Result<csv::HeaderMode> ParseHeaderMode(std::string_view name);
// "error", "pad" (missing fields become nulls), "truncate".
inline constexpr std::string_view kDefaultRaggedPolicy = "error";
inline constexpr std::string_view kRaggedPolicyWords = "error, pad or truncate";
Result<csv::RaggedRowPolicy> ParseRaggedPolicy(std::string_view name);
// "auto", "utf-8"/"utf8", "utf-16le"/"utf16le", "utf-16be"/"utf16be",
// "latin-1"/"latin1"/"iso-8859-1", "windows-1252"/"cp1252" (the words list the first spellings).
inline constexpr std::string_view kDefaultTextEncoding = "auto";
inline constexpr std::string_view kTextEncodingWords =
    "auto, utf-8, utf-16le, utf-16be, latin-1, windows-1252";
Result<TextEncoding> ParseTextEncoding(std::string_view name);
// "error", "replace" (U+FFFD per bad sequence).
inline constexpr std::string_view kDefaultInvalidUtf8Policy = "error";
inline constexpr std::string_view kInvalidUtf8PolicyWords = "error or replace";
Result<InvalidUtf8Policy> ParseInvalidUtf8Policy(std::string_view name);
// "fail", "skip", "quarantine". Whether a quarantine destination is given is the caller's
// check.
inline constexpr std::string_view kDefaultBadRecordPolicy = "fail";
inline constexpr std::string_view kBadRecordPolicyWords = "fail, skip or quarantine";
Result<BadRecordPolicy> ParseBadRecordPolicy(std::string_view name);
// Parsing threads of one CSV/TSV or JSON Lines object (CsvReadOptions::threads and
// JsonReadOptions::threads, which one front-end option sets together): 0 = all cores, 1 = the
// reading thread alone.
inline constexpr int kDefaultParseThreads = 0;
inline constexpr std::string_view kParseThreadsHelp =
    "Threads parsing one CSV/TSV or JSON Lines object (0 = all cores, 1 = one thread)";
// Parquet page compression: "snappy" (the writer's default), "zstd", "gzip", "lz4_raw" ("lz4"
// is taken for it: Parquet's old LZ4 framing is deprecated), "brotli", "none"/"uncompressed".
// Error: "<name>: Parquet codecs are snappy, zstd, gzip, lz4_raw, brotli, none".
inline constexpr std::string_view kParquetCodecWords = "snappy, zstd, gzip, lz4_raw, brotli, none";
Result<BlockCodec> ParseParquetCodec(std::string_view name);

// A user schema for the CSV and JSON readers of `read` (csv::SchemaMode): kFull and kPartial
// need `schema`; kInfer and kAllStrings ignore it.
void SetReadSchema(csv::SchemaMode mode, std::shared_ptr<columnar::Schema> schema,
                   FormatReadOptions* read);

// What a destination's name says about its content: "out/x.csv.gz" -> csv, gzip;
// "x.parquet" -> parquet, none; "x.bin" -> no format, none. The compression applies to text
// formats only (Parquet compresses its pages).
struct FormatFromNameResult {
  std::optional<FileFormat> format;
  Codec compression = Codec::kNone;
};
FormatFromNameResult OutputFormatFromName(std::string_view name);

// How JSON output spells NaN and infinities: "tokens", "null" or "strings" (json_escape.h);
// InvalidArgument listing them otherwise.
inline constexpr std::string_view kDefaultNonFiniteFloats = "tokens";
Result<NonFiniteFloats> ParseNonFiniteFloats(std::string_view name);

}  // namespace s3c::formats
