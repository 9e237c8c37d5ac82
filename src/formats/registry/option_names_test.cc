#include "s3c/formats/option_names.h"

#include <gtest/gtest.h>

#include "s3c/formats/json/json_writer.h"
#include "s3c/formats/schema_spec.h"

namespace s3c::formats {
namespace {

// The message of a failed parse; "" when it succeeded.
template <typename T>
std::string ErrorOf(const Result<T>& r) {
  if (r.ok()) return "";
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  return r.status().message();
}

// Every name in `accepted` parses to its value.
template <typename T, size_t N, typename Parse>
void ExpectAccepts(Parse parse, const std::pair<const char*, T> (&accepted)[N]) {
  for (const auto& [name, value] : accepted) {
    auto parsed = parse(name);
    ASSERT_TRUE(parsed.ok()) << name;
    EXPECT_EQ(*parsed, value) << name;
  }
}

TEST(OptionNames, DialectChar) {
  EXPECT_EQ(*ParseDialectChar("delimiter", ";"), ';');
  EXPECT_EQ(*ParseDialectChar("delimiter", "tab"), '\t');
  EXPECT_EQ(*ParseDialectChar("delimiter", "\\t"), '\t');
  EXPECT_EQ(*ParseDialectChar("delimiter", "\t"), '\t');
  EXPECT_EQ(*ParseDialectChar("quote", "none"), '\0');
  EXPECT_EQ(*ParseDialectChar("quote", ""), '\0');
  EXPECT_EQ(ErrorOf(ParseDialectChar("delimiter", "TAB")), "delimiter takes one character, got 'TAB'");
  EXPECT_EQ(ErrorOf(ParseDialectChar("escape", "ab")), "escape takes one character, got 'ab'");
}

TEST(OptionNames, NonFiniteFloats) {
  ExpectAccepts(ParseNonFiniteFloats, {std::pair{"tokens", NonFiniteFloats::kTokens},
                                       std::pair{"NULL", NonFiniteFloats::kNull},
                                       std::pair{"strings", NonFiniteFloats::kStrings}});
  EXPECT_NE(ErrorOf(ParseNonFiniteFloats("zero")).find("use tokens"), std::string::npos);
}

TEST(OptionNames, HeaderMode) {
  EXPECT_EQ(*ParseHeaderMode("yes"), csv::HeaderMode::kYes);
  EXPECT_EQ(*ParseHeaderMode("no"), csv::HeaderMode::kNo);
  EXPECT_EQ(*ParseHeaderMode("auto"), csv::HeaderMode::kAuto);
  EXPECT_EQ(ErrorOf(ParseHeaderMode("YES")), "'YES' is not yes, no or auto");
  EXPECT_EQ(ErrorOf(ParseHeaderMode("true")), "'true' is not yes, no or auto");
}

TEST(OptionNames, RaggedPolicy) {
  EXPECT_EQ(*ParseRaggedPolicy("error"), csv::RaggedRowPolicy::kError);
  EXPECT_EQ(*ParseRaggedPolicy("pad"), csv::RaggedRowPolicy::kPadWithNulls);
  EXPECT_EQ(*ParseRaggedPolicy("truncate"), csv::RaggedRowPolicy::kTruncate);
  EXPECT_EQ(ErrorOf(ParseRaggedPolicy("Pad")), "'Pad' is not error, pad or truncate");
}

TEST(OptionNames, TextEncodingIsCaseInsensitive) {
  const std::pair<const char*, TextEncoding> kAccepted[] = {
      {"auto", TextEncoding::kAuto},          {"utf-8", TextEncoding::kUtf8},
      {"UTF8", TextEncoding::kUtf8},          {"utf-16le", TextEncoding::kUtf16LE},
      {"utf16le", TextEncoding::kUtf16LE},    {"UTF-16BE", TextEncoding::kUtf16BE},
      {"utf16be", TextEncoding::kUtf16BE},    {"latin-1", TextEncoding::kLatin1},
      {"Latin1", TextEncoding::kLatin1},      {"ISO-8859-1", TextEncoding::kLatin1},
      {"windows-1252", TextEncoding::kWindows1252}, {"CP1252", TextEncoding::kWindows1252},
  };
  ExpectAccepts(ParseTextEncoding, kAccepted);
  EXPECT_EQ(ErrorOf(ParseTextEncoding("ebcdic")),
            "'ebcdic' is not one of auto, utf-8, utf-16le, utf-16be, latin-1, windows-1252");
}

TEST(OptionNames, InvalidUtf8Policy) {
  EXPECT_EQ(*ParseInvalidUtf8Policy("error"), InvalidUtf8Policy::kError);
  EXPECT_EQ(*ParseInvalidUtf8Policy("replace"), InvalidUtf8Policy::kReplace);
  EXPECT_EQ(ErrorOf(ParseInvalidUtf8Policy("REPLACE")), "'REPLACE' is not error or replace");
}

TEST(OptionNames, BadRecordPolicy) {
  EXPECT_EQ(*ParseBadRecordPolicy("fail"), BadRecordPolicy::kFail);
  EXPECT_EQ(*ParseBadRecordPolicy("skip"), BadRecordPolicy::kSkip);
  EXPECT_EQ(*ParseBadRecordPolicy("quarantine"), BadRecordPolicy::kQuarantine);
  EXPECT_EQ(ErrorOf(ParseBadRecordPolicy("Skip")), "'Skip' is not fail, skip or quarantine");
}

TEST(OptionNames, ParquetCodec) {
  const std::pair<const char*, BlockCodec> kAccepted[] = {
      {"snappy", BlockCodec::kSnappy}, {"zstd", BlockCodec::kZstd},
      {"gzip", BlockCodec::kGzip},     {"lz4_raw", BlockCodec::kLz4Raw},
      {"lz4", BlockCodec::kLz4Raw},    {"brotli", BlockCodec::kBrotli},
      {"none", BlockCodec::kNone},     {"uncompressed", BlockCodec::kNone},
  };
  ExpectAccepts(ParseParquetCodec, kAccepted);
  EXPECT_EQ(ErrorOf(ParseParquetCodec("ZSTD")),
            "ZSTD: Parquet codecs are snappy, zstd, gzip, lz4_raw, brotli, none");
  EXPECT_EQ(ErrorOf(ParseParquetCodec("bzip2")),
            "bzip2: Parquet codecs are snappy, zstd, gzip, lz4_raw, brotli, none");
}

// Each default word parses to the value the library uses when the option is not given, so a
// front end that shows and passes the default word changes nothing.
TEST(OptionNames, DefaultWordsAreTheLibraryDefaults) {
  const csv::CsvReadOptions csv;
  EXPECT_EQ(*ParseHeaderMode(kDefaultHeaderMode), csv.header);
  EXPECT_EQ(*ParseRaggedPolicy(kDefaultRaggedPolicy), csv.ragged);
  EXPECT_EQ(*ParseTextEncoding(kDefaultTextEncoding), csv.encoding);
  EXPECT_EQ(*ParseInvalidUtf8Policy(kDefaultInvalidUtf8Policy), csv.invalid_utf8);
  EXPECT_EQ(*ParseBadRecordPolicy(kDefaultBadRecordPolicy), csv.bad_records.policy);
  EXPECT_EQ(*ParseNonFiniteFloats(kDefaultNonFiniteFloats), JsonWriteOptions{}.non_finite);
  EXPECT_EQ(kDefaultParseThreads, csv.threads);
  EXPECT_EQ(kDefaultParseThreads, JsonReadOptions{}.threads);
}

TEST(OptionNames, ReadSchemaReachesCsvAndJson) {
  auto schema = *ParseSchemaSpec("a:int64");
  FormatReadOptions read;
  SetReadSchema(csv::SchemaMode::kFull, schema, &read);
  EXPECT_EQ(read.csv.schema_mode, csv::SchemaMode::kFull);
  EXPECT_EQ(read.json.schema_mode, JsonSchemaMode::kFull);
  EXPECT_EQ(read.csv.schema, schema);
  EXPECT_EQ(read.json.schema, schema);
  FormatReadOptions partial;
  SetReadSchema(csv::SchemaMode::kPartial, schema, &partial);
  EXPECT_EQ(partial.json.schema_mode, JsonSchemaMode::kPartial);
  EXPECT_EQ(partial.json.schema, schema);
  FormatReadOptions strings;
  SetReadSchema(csv::SchemaMode::kAllStrings, schema, &strings);
  EXPECT_EQ(strings.csv.schema_mode, csv::SchemaMode::kAllStrings);
  EXPECT_EQ(strings.json.schema_mode, JsonSchemaMode::kAllStrings);
  EXPECT_EQ(strings.csv.schema, nullptr);
  FormatReadOptions inferred;
  SetReadSchema(csv::SchemaMode::kInfer, nullptr, &inferred);
  EXPECT_EQ(inferred.json.schema_mode, JsonSchemaMode::kInfer);
}

TEST(OptionNames, OutputFormatFromName) {
  auto gz = OutputFormatFromName("out/x.csv.gz");
  EXPECT_EQ(gz.format, FileFormat::kCsv);
  EXPECT_EQ(gz.compression, Codec::kGzip);
  auto pq = OutputFormatFromName("s3://b/x.parquet");
  EXPECT_EQ(pq.format, FileFormat::kParquet);
  EXPECT_EQ(pq.compression, Codec::kNone);
  auto jsonl = OutputFormatFromName("x.JSONL.ZST");
  EXPECT_EQ(jsonl.format, FileFormat::kJsonLines);
  EXPECT_EQ(jsonl.compression, Codec::kZstd);
  auto unknown = OutputFormatFromName("x.bin");
  EXPECT_EQ(unknown.format, std::nullopt);
  EXPECT_EQ(unknown.compression, Codec::kNone);
}

}  // namespace
}  // namespace s3c::formats
