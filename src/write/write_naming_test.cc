// Partition folder escaping (partition_path.h) and file names (file_naming.h).
#include <gtest/gtest.h>

#include <optional>

#include "s3c/common/strings.h"
#include "s3c/dataset/commit_log.h"
#include "s3c/write/file_naming.h"
#include "s3c/write/partition_path.h"
#include "support/fake_clock.h"

namespace s3c::write {
namespace {

// Steps through a fixed cycle, so names are reproducible.
class CycleRandom final : public Random {
 public:
  double NextDouble() override {
    double v = static_cast<double>(next_ % 16) / 16.0;
    ++next_;
    return v;
  }

 private:
  int next_ = 0;
};

TEST(PartitionPathTest, EscapesWhatHiveEscapesAndNothingElse) {
  EXPECT_EQ(EscapeHivePathValue("a/b=c%d:e"), "a%2Fb%3Dc%25d%3Ae");
  EXPECT_EQ(EscapeHivePathValue("x\"#'*?\\{[]^"), "x%22%23%27%2A%3F%5C%7B%5B%5D%5E");
  EXPECT_EQ(EscapeHivePathValue(std::string("tab\there\x01\x7f")), "tab%09here%01%7F");
  EXPECT_EQ(EscapeHivePathValue("plain text-._~ ok"), "plain text-._~ ok");
  EXPECT_EQ(EscapeHivePathValue("Zürich 東京"), "Zürich 東京");  // UTF-8 stays
  EXPECT_EQ(EscapeHivePathValue(std::string("bin\xff\xc3(\xe6\x97")), "bin%FF%C3(%E6%97");
}

TEST(PartitionPathTest, EveryEscapedValueDecodesBackToItself) {
  std::string all;
  for (int c = 1; c < 256; ++c) all.push_back(static_cast<char>(c));
  std::string escaped = EscapeHivePathValue(all);
  EXPECT_EQ(escaped.find('/'), std::string::npos);
  EXPECT_EQ(escaped.find('='), std::string::npos);
  EXPECT_EQ(UriDecode(escaped), all);
}

TEST(PartitionPathTest, NullAndEmptyAreTheDefaultPartition) {
  EXPECT_EQ(HivePartitionSegment("day", std::string("2024-01-05")), "day=2024-01-05");
  EXPECT_EQ(HivePartitionSegment("day", std::nullopt), "day=__HIVE_DEFAULT_PARTITION__");
  EXPECT_EQ(HivePartitionSegment("day", std::string()), "day=__HIVE_DEFAULT_PARTITION__");
  EXPECT_EQ(HivePartitionSegment("a=b", std::string("c/d")), "a%3Db=c%2Fd");
}

TEST(FileNamingTest, RunIdStartsWithTheUtcTimeOfTheInjectedClock) {
  FakeClock clock(WallTime(std::chrono::seconds(1'796'635'812)));  // 2026-12-07T09:30:12Z
  CycleRandom random;
  EXPECT_EQ(MakeRunId(clock, random), "20261207T093012Z-0123456789ab");
}

TEST(FileNamingTest, RunIdsSortByTime) {
  FakeClock clock;
  SystemRandom& random = SystemRandom::Instance();
  std::string first = MakeRunId(clock, random);
  clock.Advance(std::chrono::seconds(1));
  EXPECT_LT(first, MakeRunId(clock, random));
}

// Readers tell s3c's data files by the run id in their names (no commit probe otherwise).
TEST(FileNamingTest, EveryNameHoldsTheRunIdReadersLookFor) {
  FakeClock clock;
  SystemRandom& random = SystemRandom::Instance();
  const std::string run = MakeRunId(clock, random);
  EXPECT_TRUE(dataset::NameHoldsRunId(run));
  auto t = FileNameTemplate::Parse("");
  ASSERT_TRUE(t.ok());
  FileNameFields fields;
  fields.run = run;
  fields.extension = ".parquet";
  EXPECT_TRUE(dataset::NameHoldsRunId("root/day=1/" + t->Render(fields, random)));
  auto without = FileNameTemplate::Parse("data-{part}{ext}");
  ASSERT_FALSE(without.ok());
  EXPECT_NE(without.status().message().find("names must hold the run id: use {run}"),
            std::string::npos);
}

TEST(FileNamingTest, ExtensionsFollowFormatAndCompression) {
  using formats::FileFormat;
  EXPECT_EQ(DataFileExtension(FileFormat::kCsv, Codec::kGzip), ".csv.gz");
  EXPECT_EQ(DataFileExtension(FileFormat::kTsv, Codec::kNone), ".tsv");
  EXPECT_EQ(DataFileExtension(FileFormat::kJsonLines, Codec::kZstd), ".jsonl.zst");
  EXPECT_EQ(DataFileExtension(FileFormat::kJson, Codec::kBzip2), ".json.bz2");
  EXPECT_EQ(DataFileExtension(FileFormat::kParquet, Codec::kNone), ".parquet");
}

TEST(FileNamingTest, DefaultTemplateSortsByRunTaskAndPart) {
  auto t = FileNameTemplate::Parse("");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  CycleRandom random;
  FileNameFields f{"20261207T093012Z-abc", 3, 12, "", ".csv.gz"};
  EXPECT_EQ(t->Render(f, random), "part-20261207T093012Z-abc-00003-00012.csv.gz");
}

TEST(FileNamingTest, EveryTokenRenders) {
  auto t = FileNameTemplate::Parse("{partition}_{run}_{task}_{part}_{uuid}{ext}.done{{x}}");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  CycleRandom random;
  FileNameFields f{"R", 1, 2, "eu-2024", ".jsonl"};
  EXPECT_EQ(t->Render(f, random),
            "eu-2024_R_00001_00002_01234567-89ab-4def-8123-456789abcdef.jsonl.done{x}");
}

TEST(FileNamingTest, ExtensionIsAppendedWhenNotPlaced) {
  auto t = FileNameTemplate::Parse("data-{run}-{part}");
  ASSERT_TRUE(t.ok());
  CycleRandom random;
  EXPECT_EQ(t->Render({"R", 0, 7, "", ".parquet"}, random), "data-R-00007.parquet");
}

TEST(FileNamingTest, BadTemplatesAreRefusedWithTheReason) {
  auto unknown = FileNameTemplate::Parse("x-{part}-{date}");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(unknown.status().message().find("unknown token {date}"), std::string::npos)
      << unknown.status().ToString();
  auto not_unique = FileNameTemplate::Parse("{run}");
  ASSERT_FALSE(not_unique.ok());
  EXPECT_NE(not_unique.status().message().find("{part} or {uuid}"), std::string::npos);
  EXPECT_FALSE(FileNameTemplate::Parse("a/{part}").ok());
  EXPECT_FALSE(FileNameTemplate::Parse("{part").ok());
  EXPECT_FALSE(FileNameTemplate::Parse("{part}}").ok());
}

}  // namespace
}  // namespace s3c::write
