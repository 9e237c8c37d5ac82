// SingleStepPipeline: the file it builds is the one a pipeline file with the same settings
// loads to, its errors are the loader's (named as the caller names settings), and it runs
// through RunPipelineFile, also into a stream (RunOptions::open_stream).
#include "s3c/pipeline/single_step.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "pipeline/pipeline_test_util.h"
#include "s3c/io/local_file.h"
#include "s3c/pipeline/pipeline_runner.h"

namespace s3c::pipeline {
namespace {

namespace fs = std::filesystem;

class SingleStepTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("s3c-single-step-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::ofstream(dir_ / "in.csv") << "id,day\n1,d1\n2,d2\n3,d1\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  SingleStep Step(const std::string& destination, bool dataset) const {
    SingleStep step;
    step.source_uri = (dir_ / "in.csv").string();
    step.destination_uri = (dir_ / destination).string();
    step.dataset = dataset;
    return step;
  }
  static Result<PipelineFile> Build(const SingleStep& step, SettingSpelling spelling) {
    return SingleStepPipeline(step, WallTime(), SettingNames(spelling), SettingNames(spelling));
  }
  // The message of `text`'s single error without its "p.yaml:L:C: " position.
  static std::string LoaderMessage(const std::string& text) {
    std::vector<std::string> errors = testing::Errors(text);
    if (errors.size() != 1) return "errors: " + std::to_string(errors.size());
    size_t at = errors[0].find(": ");
    return at == std::string::npos ? errors[0] : errors[0].substr(at + 2);
  }
  fs::path dir_;
};

TEST_F(SingleStepTest, BuildsWhatTheLoaderLoads) {
  SingleStep step = Step("out", true);
  step.write.format = "parquet";
  step.write.partition_by = {"day"};
  step.write.max_rows_per_file = 10;
  step.where = "id > 1";
  auto file = Build(step, SettingSpelling::kFlag);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  auto loaded = testing::Load("sources:\n  s: {uri: " + step.source_uri +
                              "}\ndestinations:\n  d:\n    uri: " + (dir_ / "out/").string() +
                              "\n    format: parquet\n    partition_by: [day]\n"
                              "    max_rows_per_file: 10\npipelines:\n  p: {from: s, to: [d], "
                              "where: \"id > 1\"}\n");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_EQ(file->destinations.size(), 1u);
  const DestinationSpec& built = file->destinations[0];
  const DestinationSpec& want = loaded->destinations[0];
  EXPECT_EQ(built.uri, want.uri);  // '/' added: a prefix
  EXPECT_EQ(built.single_object, want.single_object);
  EXPECT_EQ(built.connector, want.connector);
  EXPECT_EQ(built.checked.format, want.checked.format);
  EXPECT_EQ(built.checked.partition_by, want.checked.partition_by);
  EXPECT_EQ(built.checked.max_rows_per_file, want.checked.max_rows_per_file);
  EXPECT_EQ(built.checked.mode, want.checked.mode);
  ASSERT_EQ(file->pipelines.size(), 1u);
  EXPECT_EQ(file->pipelines[0].where, loaded->pipelines[0].where);
  EXPECT_EQ(file->pipelines[0].from, kSingleStepSource);
  EXPECT_EQ(file->pipelines[0].to, std::vector<std::string>{kSingleStepDestination});
}

TEST_F(SingleStepTest, ErrorsAreTheLoadersNamedAsTheCallerSpellsThem) {
  SingleStep step = Step("out/", true);
  step.write.format = "csv";
  step.write.max_rows_per_file = 0;
  auto as_key = Build(step, SettingSpelling::kKey);
  ASSERT_FALSE(as_key.ok());
  EXPECT_EQ(as_key.status().message(),
            LoaderMessage("sources:\n  s: {uri: in.csv}\ndestinations:\n  d: {uri: " +
                          step.destination_uri + ", format: csv, max_rows_per_file: 0}\n"));
  auto as_flag = Build(step, SettingSpelling::kFlag);
  ASSERT_FALSE(as_flag.ok());
  EXPECT_EQ(as_flag.status().message(),
            "--max-rows-per-file must be at least 1 (or -1 for no limit), got 0");

  SingleStep unnamed = Step("out/", true);
  SettingNames to(SettingSpelling::kFlag);
  to.Spell("format", "--to");
  auto no_format = SingleStepPipeline(unnamed, WallTime(), SettingNames(SettingSpelling::kFlag), to);
  ASSERT_FALSE(no_format.ok());
  EXPECT_EQ(no_format.status().message(),
            "cannot tell the output format from '" + unnamed.destination_uri +
                "': give --to csv, tsv, json, jsonl or parquet");

  SingleStep glob = Step("out-*.csv", false);
  auto globbed = Build(glob, SettingSpelling::kFlag);
  ASSERT_FALSE(globbed.ok());
  EXPECT_EQ(globbed.status().message(),
            LoaderMessage("sources:\n  s: {uri: in.csv}\ndestinations:\n  d: {uri: \"" +
                          glob.destination_uri + "\"}\n"));

  SingleStep bad_read = Step("out.csv", false);
  bad_read.read.header = "sometimes";
  auto read_error = Build(bad_read, SettingSpelling::kFlag);
  ASSERT_FALSE(read_error.ok());
  EXPECT_EQ(read_error.status().message().rfind("--header: ", 0), 0u)
      << read_error.status().message();

  // The step's filter is checked before anything runs, named as the caller names it.
  SingleStep bad_where = Step("out.csv", false);
  bad_where.where = "amount > ";
  auto where_error = Build(bad_where, SettingSpelling::kFlag);
  ASSERT_FALSE(where_error.ok());
  EXPECT_EQ(where_error.status().message(),
            "--where: expected an operand at 1:10, found end of input");
}

TEST_F(SingleStepTest, RunsIntoADatasetAndIntoAStream) {
  SingleStep step = Step("out/", true);
  step.write.format = "csv";
  step.write.partition_by = {"day"};
  step.where = "id <> 2";
  auto file = Build(step, SettingSpelling::kFlag);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  RunOptions options;
  options.env = &testing::TestEnv();
  auto report = RunPipelineFile(*file, options);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->pipelines[0].rows_out, 2);
  EXPECT_EQ(report->pipelines[0].destinations[0].files, 1);  // day=d1 only
  EXPECT_TRUE(fs::exists(dir_ / "out" / "_SUCCESS"));
  EXPECT_TRUE(fs::is_directory(dir_ / "out" / "day=d1"));
  EXPECT_FALSE(fs::exists(dir_ / "out" / "day=d2"));

  SingleStep to_stream = Step("", false);
  to_stream.destination_uri = "-";
  to_stream.write.format = "jsonl";
  to_stream.where = "day = 'd2'";
  auto streamed_file = Build(to_stream, SettingSpelling::kFlag);
  ASSERT_TRUE(streamed_file.ok()) << streamed_file.status().ToString();
  std::string written;
  std::string opened;
  options.open_stream = [&](const std::string& path) -> Result<std::unique_ptr<OutputStream>> {
    opened = path;
    return MakeStringOutput(&written);
  };
  auto streamed = RunPipelineFile(*streamed_file, options);
  ASSERT_TRUE(streamed.ok()) << streamed.status().ToString();
  EXPECT_EQ(opened, "-");
  EXPECT_EQ(written, "{\"id\":2,\"day\":\"d2\"}\n");
  const DestinationReport& d = streamed->pipelines[0].destinations[0];
  EXPECT_EQ(d.outcome, DestinationOutcome::kWritten);
  EXPECT_EQ(d.bytes, written.size());
  EXPECT_EQ(d.rows, 1);
}

}  // namespace
}  // namespace s3c::pipeline
