// The settings shared by the CLI and pipeline files: one builder, the setting named as a flag
// or as a key, the setting an error is about recorded; the write settings' checks.
#include <gtest/gtest.h>

#include <functional>

#include "s3c/pipeline/read_settings.h"
#include "s3c/pipeline/write_settings.h"

namespace s3c::pipeline {
namespace {

const WallTime kNow = WallTime() + std::chrono::hours(24 * 365 * 50);

struct Built {
  std::string flag_message;
  std::string key_message;
  std::string blamed;
};

Built BuildBoth(const ReadSettings& s) {
  Built out;
  auto flags = BuildLakeReadOptions(s, kNow, SettingNames(SettingSpelling::kFlag));
  auto keys = BuildLakeReadOptions(s, kNow, SettingNames(SettingSpelling::kKey, &out.blamed));
  if (!flags.ok()) out.flag_message = flags.status().message();
  if (!keys.ok()) out.key_message = keys.status().message();
  return out;
}

TEST(ReadSettingsTest, DefaultsBuild) {
  auto built = BuildLakeReadOptions(ReadSettings{}, kNow, SettingNames(SettingSpelling::kKey));
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  EXPECT_EQ(built->scan.dataset.partitioning.kind, dataset::Partitioning::Kind::kHive);
}

TEST(ReadSettingsTest, TheSameMistakeNamesTheFlagOrTheKey) {
  struct Case {
    std::function<void(ReadSettings&)> set;
    std::string flag_message;  // the CLI's message, unchanged by the move into the library
    std::string key_message;
    std::string blamed;
  };
  const Case cases[] = {
      {[](ReadSettings& s) { s.delimiter = "ab"; },
       "--delimiter takes one character, got 'ab'", "delimiter takes one character, got 'ab'",
       "delimiter"},
      {[](ReadSettings& s) { s.header = "maybe"; }, "--header: 'maybe' is not yes, no or auto",
       "header: 'maybe' is not yes, no or auto", "header"},
      {[](ReadSettings& s) { s.schema = "a:int64", s.all_strings = true; },
       "give only one of --schema, --types and --all-strings",
       "give only one of schema, types and all_strings", "schema"},
      {[](ReadSettings& s) { s.bad_records = "quarantine"; },
       "--bad-records quarantine needs --quarantine URI",
       "bad_records quarantine needs quarantine URI", "bad_records"},
      {[](ReadSettings& s) { s.quarantine = "q.jsonl"; },
       "--quarantine needs --bad-records quarantine", "quarantine needs bad_records quarantine",
       "quarantine"},
      {[](ReadSettings& s) { s.partitioning = "none", s.partition_types = "day:date"; },
       "--partition-types needs partitions: drop --partitioning none",
       "partition_types needs partitions: drop partitioning none", "partition_types"},
      {[](ReadSettings& s) { s.max_bytes = "10XB"; },
       "--max-bytes 10XB: give a size such as 500, 64KiB or 10MiB",
       "max_bytes 10XB: give a size such as 500, 64KiB or 10MiB", "max_bytes"},
  };
  for (const Case& c : cases) {
    ReadSettings s;
    c.set(s);
    Built b = BuildBoth(s);
    EXPECT_EQ(b.flag_message, c.flag_message);
    EXPECT_EQ(b.key_message, c.key_message);
    EXPECT_EQ(b.blamed, c.blamed);
  }
  ReadSettings s;
  s.modified_after = "yesterday-ish";
  Built b = BuildBoth(s);
  EXPECT_EQ(b.flag_message.rfind("--modified-after: ", 0), 0u) << b.flag_message;
  EXPECT_EQ(b.key_message, "modified_after: " + b.flag_message.substr(18));
  EXPECT_EQ(b.blamed, "modified_after");
}

TEST(ReadSettingsTest, UnprefixedVocabularyErrorsAreBlamedOnTheirSetting) {
  ReadSettings s;
  s.format = "xls";
  Built b = BuildBoth(s);
  EXPECT_FALSE(b.flag_message.empty());
  EXPECT_EQ(b.flag_message, b.key_message);  // the value's own message, the same in both
  EXPECT_EQ(b.blamed, "format");

  s = ReadSettings{};
  s.compression = "rar";
  b = BuildBoth(s);
  EXPECT_EQ(b.blamed, "compression");
  s = ReadSettings{};
  s.types = "a:nosuchtype";
  b = BuildBoth(s);
  EXPECT_EQ(b.blamed, "types");
}

Result<CheckedWriteSettings> Check(const WriteSettings& s, const std::string& name, bool single,
                                   std::string* blamed = nullptr) {
  return CheckWriteSettings(s, WriteTarget{name, single},
                            SettingNames(SettingSpelling::kKey, blamed));
}

std::string CheckError(const WriteSettings& s, const std::string& name, bool single,
                       std::string* blamed = nullptr) {
  auto r = Check(s, name, single, blamed);
  return r.ok() ? "ok" : r.status().message();
}

TEST(WriteSettingsTest, FormatFromTheNameOrGiven) {
  auto parquet = Check(WriteSettings{}, "s3://b/out/results.parquet", true);
  ASSERT_TRUE(parquet.ok()) << parquet.status().ToString();
  EXPECT_EQ(parquet->format, formats::FileFormat::kParquet);
  EXPECT_EQ(parquet->mode, WriteMode::kError);
  auto gz = Check(WriteSettings{}, "s3://b/out/x.csv.gz", true);
  ASSERT_TRUE(gz.ok());
  EXPECT_EQ(gz->format, formats::FileFormat::kCsv);
  EXPECT_EQ(gz->format_options.compression, Codec::kGzip);

  WriteSettings auto_format;
  auto_format.format = "auto";
  std::string blamed;
  EXPECT_EQ(CheckError(auto_format, "s3://b/out/", false, &blamed),
            "cannot tell the output format from 's3://b/out/': give format csv, tsv, json, "
            "jsonl or parquet");
  EXPECT_EQ(blamed, "format");
  WriteSettings text;
  text.format = "text";
  EXPECT_EQ(CheckError(text, "x", true), "format: text is read-only; write csv, tsv, json, "
                                         "jsonl or parquet");
}

TEST(WriteSettingsTest, WordsAreChecked) {
  WriteSettings s;
  s.mode = "upsert";
  std::string blamed;
  EXPECT_EQ(CheckError(s, "x.csv", true, &blamed),
            "unknown mode 'upsert': use error, ignore, append, replace or overwrite_partitions");
  EXPECT_EQ(blamed, "mode");
  for (std::string_view word : {"error", "ignore", "append", "replace"}) {
    s.mode = std::string(word);
    // append adds files: a prefix (LayoutMistakes shows it refused for one object).
    const bool one_object = word != "append";
    s.format = one_object ? "" : "csv";  // a prefix names no format
    auto r = Check(s, one_object ? "x.csv" : "s3://b/x/", one_object);
    ASSERT_TRUE(r.ok()) << word << ": " << r.status().ToString();
    EXPECT_EQ(WriteModeName(r->mode), word);
  }
  s = WriteSettings{};
  s.compression = "lzma9";
  EXPECT_NE(CheckError(s, "x.parquet", true, &blamed).find("compression lzma9"),
            std::string::npos);
  EXPECT_EQ(blamed, "compression");
  s.compression = "zstd";
  auto z = Check(s, "x.parquet", true);
  ASSERT_TRUE(z.ok());
  EXPECT_EQ(z->format_options.parquet.codec, BlockCodec::kZstd);
  s = WriteSettings{};
  s.json_non_finite = "nan";
  EXPECT_EQ(CheckError(s, "x.json", true, &blamed).rfind("json_non_finite: ", 0), 0u);
}

TEST(WriteSettingsTest, DatasetSettingsNeedAPrefix) {
  WriteSettings s;
  s.partition_by = {"day"};
  std::string blamed;
  EXPECT_EQ(CheckError(s, "s3://b/out.parquet", true, &blamed),
            "partition_by writes a dataset of many files, and 's3://b/out.parquet' names one "
            "object: give a prefix (path_prefix, or a URI ending in '/')");
  EXPECT_EQ(blamed, "partition_by");
  s.format = "parquet";
  s.max_file_size = "64MiB";
  s.max_rows_per_file = 1000;
  s.max_partitions = 100;
  s.file_name = "part-{run}-{part}{ext}";
  s.memory = "1GiB";
  s.mode = "overwrite_partitions";
  auto ok = Check(s, "s3://b/out/", false);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->max_file_size, 64u << 20);
  EXPECT_EQ(ok->max_rows_per_file, 1000);
  EXPECT_EQ(ok->memory, 1ull << 30);
  EXPECT_EQ(ok->mode, WriteMode::kOverwritePartitions);
}

TEST(WriteSettingsTest, LayoutMistakes) {
  WriteSettings s;
  s.format = "csv";
  s.mode = "overwrite_partitions";
  EXPECT_EQ(CheckError(s, "p/", false), "mode overwrite_partitions needs partition_by");
  s.mode = "append";
  std::string blamed;
  EXPECT_EQ(CheckError(s, "s3://b/one.csv", true, &blamed),
            "mode append adds files beside the old ones, and 's3://b/one.csv' names one object: "
            "give a prefix (path_prefix, or a URI ending in '/'), or mode replace");
  EXPECT_EQ(blamed, "mode");
  EXPECT_EQ(CheckError(s, "p/", false), "ok");
  s = WriteSettings{};
  s.format = "csv";
  s.partition_by = {"a", "a"};
  EXPECT_EQ(CheckError(s, "p/", false), "partition_by: column 'a' is given twice");
  s.partition_by = {};
  s.file_name = "x-{date}.csv";
  EXPECT_EQ(CheckError(s, "p/", false),
            "file_name: file name template 'x-{date}.csv': unknown token {date} (known: {run} "
            "{task} {part} {uuid} {partition} {ext})");
  s.file_name = "{part}.csv";
  EXPECT_EQ(CheckError(s, "p/", false),
            "file_name: file name template '{part}.csv': names must hold the run id: use {run}");
  s.file_name = "";
  s.max_rows_per_file = 0;
  EXPECT_EQ(CheckError(s, "p/", false),
            "max_rows_per_file must be at least 1 (or -1 for no limit), got 0");
  s.max_rows_per_file = -1;
  s.row_group_rows = 0;
  EXPECT_EQ(CheckError(s, "p/", false), "row_group_rows must be at least 1, got 0");
}

}  // namespace
}  // namespace s3c::pipeline
