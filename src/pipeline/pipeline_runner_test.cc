// RunPipelineFile over local folders: the steps, several destinations from one read, each mode
// on a second run, dry runs, and a failed run that leaves its destinations as they were.
#include "s3c/pipeline/pipeline_runner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "pipeline/pipeline_test_util.h"
#include "s3c/dataset/lake_read.h"
#include "s3c/formats/format_registry.h"
#include "s3c/io/local_file.h"

namespace s3c::pipeline {
namespace {

namespace fs = std::filesystem;

class PipelineRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("s3c-runner-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
    WriteInput("a.csv",
               "id,country,amount,status\n1,DE,10.5,paid\n2,FR,3.25,open\n"
               "3,DE,7,paid\n4,US,,paid\n");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void WriteInput(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / "in" / name) << text;
  }
  // The file with DIR standing for the test's folder.
  Result<PipelineFile> LoadText(std::string text) {
    for (size_t at; (at = text.find("DIR")) != std::string::npos;) text.replace(at, 3, dir_);
    return testing::Load(text);
  }
  Result<RunReport> Run(const PipelineFile& file, RunOptions options = {},
                        RunReport* partial = nullptr) {
    options.env = &testing::TestEnv();
    return RunPipelineFile(file, options, partial);
  }
  // Every row under `path` (a folder or file) as CSV lines sorted, partition columns last.
  std::string Rows(const std::string& path) {
    auto stores = StoreResolver::Make({}, testing::TestEnv());
    EXPECT_TRUE(stores.ok());
    auto lake = dataset::OpenLakeRead(**stores, (dir_ / path).string(), {});
    if (!lake.ok()) return lake.status().ToString();
    std::string csv;
    formats::FormatWriteOptions options;
    options.csv.header = false;
    auto writer = formats::OpenFormatWriter(MakeStringOutput(&csv), formats::FileFormat::kCsv,
                                            lake->scan->schema(), options);
    if (!writer.ok()) return writer.status().ToString();
    while (true) {
      auto batch = lake->scan->Next();
      if (!batch.ok()) return batch.status().ToString();
      if (*batch == nullptr) break;
      EXPECT_TRUE((*writer)->Write(**batch).ok());
    }
    EXPECT_TRUE((*writer)->Close().ok());
    std::vector<std::string> lines = Split(csv, '\n');
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const std::string& line : lines) {
      if (!line.empty()) out += line + "\n";
    }
    return out;
  }
  fs::path dir_;
};

constexpr char kPaidToTwo[] = R"y(sources:
  orders: {uri: DIR/in/, format: csv}
destinations:
  by_country:
    uri: DIR/out/
    format: parquet
    partition_by: [country]
  flat:
    uri: DIR/flat.csv
pipelines:
  paid:
    from: orders
    to: [by_country, flat]
    where: "status = 'paid'"
    select: [id, country, amount]
    rename: {amount: amt}
    cast: {amt: "decimal(10,2)"}
)y";

TEST_F(PipelineRunnerTest, StepsAppliedOnceAndWrittenToEveryDestination) {
  auto file = LoadText(kPaidToTwo);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  auto report = Run(*file);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->pipelines.size(), 1u);
  const PipelineReport& p = report->pipelines[0];
  EXPECT_EQ(p.objects_read, 1);
  EXPECT_EQ(p.rows_read, 4);
  EXPECT_EQ(p.rows_filtered, 1);
  EXPECT_EQ(p.rows_out, 3);
  ASSERT_EQ(p.destinations.size(), 2u);
  EXPECT_EQ(p.destinations[0].outcome, DestinationOutcome::kWritten);
  EXPECT_EQ(p.destinations[0].files, 2);  // DE and US
  EXPECT_EQ(p.destinations[0].commit_sequence, 0);
  EXPECT_EQ(p.destinations[1].files, 1);
  EXPECT_EQ(p.destinations[1].rows, 3);
  EXPECT_EQ(Rows("out/"), "1,10.50,DE\n3,7.00,DE\n4,,US\n");
  // Read back, the CSV's "10.50" is inferred as a double.
  EXPECT_EQ(Rows("flat.csv"), "1,DE,10.5\n3,DE,7\n4,US,\n");
  EXPECT_TRUE(fs::exists(dir_ / "out" / "_SUCCESS"));
  EXPECT_NE(RunReportText(*report).find("paid: 3 rows out of 4"), std::string::npos)
      << RunReportText(*report);
  EXPECT_NE(RunReportJson(*report).find("\"rows_out\":3"), std::string::npos);
}

TEST_F(PipelineRunnerTest, ErrorModeFailsBeforeReadingAndIgnoreSkipsTheRead) {
  auto file = LoadText(kPaidToTwo);
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE(Run(*file).ok());
  RunReport partial;
  auto again = Run(*file, {}, &partial);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition) << again.status().ToString();
  EXPECT_NE(again.status().message().find("pipeline paid: "), std::string::npos);
  EXPECT_TRUE(partial.pipelines.empty());

  std::string text = kPaidToTwo;
  text.replace(text.find("    partition_by"), 0, "    mode: ignore\n");
  text.replace(text.find("    uri: DIR/flat.csv\n"), 0, "    mode: ignore\n");
  auto ignoring = LoadText(text);
  ASSERT_TRUE(ignoring.ok()) << ignoring.status().ToString();
  auto skipped = Run(*ignoring);
  ASSERT_TRUE(skipped.ok()) << skipped.status().ToString();
  const PipelineReport& p = skipped->pipelines[0];
  EXPECT_EQ(p.objects_read, 0);  // every destination skipped: the source is not even listed
  EXPECT_EQ(p.objects_listed, 0);
  EXPECT_EQ(p.destinations[0].outcome, DestinationOutcome::kSkipped);
  EXPECT_EQ(p.destinations[1].outcome, DestinationOutcome::kSkipped);
}

// A dataset destination under `mode`, fed by DIR/in/ with the where given.
std::string OneDestination(const std::string& mode, const std::string& where) {
  return R"y(sources:
  orders: {uri: DIR/in/, format: csv, where: ")y" +
         where + R"y("}
destinations:
  out: {uri: DIR/out/, format: csv, partition_by: [country], mode: )y" +
         mode + "}\n";
}

TEST_F(PipelineRunnerTest, AppendReplaceAndOverwritePartitionsOnASecondRun) {
  auto append = LoadText(OneDestination("append", "status = 'paid'"));
  ASSERT_TRUE(append.ok()) << append.status().ToString();
  ASSERT_TRUE(Run(*append).ok());
  ASSERT_TRUE(Run(*append).ok());
  EXPECT_EQ(Rows("out/"),
            "1,10.5,paid,DE\n1,10.5,paid,DE\n3,7,paid,DE\n3,7,paid,DE\n"
            "4,,paid,US\n4,,paid,US\n");

  auto replace = LoadText(OneDestination("replace", "status = 'paid'"));
  ASSERT_TRUE(replace.ok());
  ASSERT_TRUE(Run(*replace).ok());
  EXPECT_EQ(Rows("out/"), "1,10.5,paid,DE\n3,7,paid,DE\n4,,paid,US\n");

  // New data for FR and DE only: US keeps its rows.
  WriteInput("a.csv", "id,country,amount,status\n8,FR,1,paid\n9,DE,2,paid\n");
  auto overwrite = LoadText(OneDestination("overwrite_partitions", "status = 'paid'"));
  ASSERT_TRUE(overwrite.ok());
  auto report = Run(*overwrite);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(Rows("out/"), "4,,paid,US\n8,1,paid,FR\n9,2,paid,DE\n");
}

TEST_F(PipelineRunnerTest, ZeroRowsReplaceEmptiesTheTargetAndOverwriteChangesNothing) {
  auto first = LoadText(OneDestination("replace", "status = 'paid'"));
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(Run(*first).ok());
  auto none = LoadText(OneDestination("overwrite_partitions", "status = 'lost'"));
  ASSERT_TRUE(none.ok());
  auto unchanged = Run(*none);
  ASSERT_TRUE(unchanged.ok()) << unchanged.status().ToString();
  EXPECT_EQ(unchanged->pipelines[0].destinations[0].outcome, DestinationOutcome::kUnchanged);
  EXPECT_EQ(Rows("out/"), "1,10.5,paid,DE\n3,7,paid,DE\n4,,paid,US\n");
  auto empty = LoadText(OneDestination("replace", "status = 'lost'"));
  ASSERT_TRUE(empty.ok());
  ASSERT_TRUE(Run(*empty).ok());
  EXPECT_EQ(Rows("out/"), "");
}

TEST_F(PipelineRunnerTest, DryRunListsAndChecksButWritesNothing) {
  auto file = LoadText(kPaidToTwo);
  ASSERT_TRUE(file.ok());
  RunOptions options;
  options.dry_run = true;
  auto report = Run(*file, options);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->pipelines[0].objects_listed, 1);
  EXPECT_EQ(report->pipelines[0].objects_read, 0);
  EXPECT_EQ(report->pipelines[0].destinations[0].outcome, DestinationOutcome::kPlanned);
  EXPECT_FALSE(fs::exists(dir_ / "out"));
  EXPECT_FALSE(fs::exists(dir_ / "flat.csv"));
}

TEST_F(PipelineRunnerTest, AFailedRunLeavesTheDestinationsAsTheyWere) {
  auto first = LoadText(OneDestination("replace", "status = 'paid'"));
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(Run(*first).ok());
  const std::string before = Rows("out/");
  // A value that does not cast fails the run after some rows were written.
  WriteInput("b.csv", "id,country,amount,status\n5,DE,lots,paid\n");
  auto failing = LoadText(R"y(sources:
  orders: {uri: DIR/in/, format: csv, types: "amount:string"}
destinations:
  out: {uri: DIR/out/, format: csv, partition_by: [country], mode: replace}
pipelines:
  p: {from: orders, to: [out], cast: {amount: "double"}}
)y");
  ASSERT_TRUE(failing.ok()) << failing.status().ToString();
  auto ran = Run(*failing);
  ASSERT_FALSE(ran.ok());
  EXPECT_EQ(ran.status().code(), StatusCode::kDataLoss) << ran.status().ToString();
  // The source and the value are named (not yet the object: the scan's batches do not carry it).
  EXPECT_NE(ran.status().message().find("/in/: cast of column \"amount\" to double: cannot cast "
                                        "'lots'"),
            std::string::npos)
      << ran.status().ToString();
  EXPECT_EQ(Rows("out/"), before);
  // No data file of the failed run is left beside the committed ones.
  int data_files = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir_ / "out")) {
    if (e.is_regular_file() && e.path().string().find("_s3c") == std::string::npos &&
        e.path().filename() != "_SUCCESS") {
      ++data_files;
    }
  }
  EXPECT_EQ(data_files, 2);
}

TEST_F(PipelineRunnerTest, UnknownPipelineIsNamedWithTheClosest) {
  auto file = LoadText(kPaidToTwo);
  ASSERT_TRUE(file.ok());
  RunOptions options;
  options.pipeline = "payd";
  auto ran = Run(*file, options);
  ASSERT_FALSE(ran.ok());
  EXPECT_EQ(ran.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(ran.status().message(), "p.yaml: no pipeline \"payd\" (did you mean \"paid\"?)");
}

}  // namespace
}  // namespace s3c::pipeline
