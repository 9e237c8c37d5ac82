// The cost plan over local folders (no requests there, so bytes and estimates are what these
// check; run_plan_rgw_test.cc checks request counts against real runs): objects and bytes
// after filters, Parquet bytes equal to what the reader then fetches, the destinations'
// estimates, `prices:`, and max_requests / max_cost_usd stopping a run before it reads.
#include "s3c/pipeline/run_plan.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "pipeline/pipeline_test_util.h"
#include "s3c/formats/parquet/parquet_reader.h"
#include "s3c/io/local_file.h"
#include "s3c/pipeline/pipeline_runner.h"
#include "s3c/store/local_object_store.h"

namespace s3c::pipeline {
namespace {

namespace fs = std::filesystem;

// The two CSV objects of SetUp, not the text file beside them.
constexpr char kCsvSource[] = R"y(sources:
  in: {uri: DIR/in/, format: csv, exclude: "*.txt"}
)y";

class RunPlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("s3c-plan-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
    std::ofstream(dir_ / "in" / "a.csv") << "id,amount\n1,10\n2,20\n";
    std::ofstream(dir_ / "in" / "b.csv") << "id,amount\n3,30\n";
    std::ofstream(dir_ / "in" / "skip.txt") << "not read\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  Result<PipelineFile> LoadText(std::string text) {
    for (size_t at; (at = text.find("DIR")) != std::string::npos;) text.replace(at, 3, dir_);
    return testing::Load(text);
  }
  Result<RunPlan> Plan(const PipelineFile& file) {
    PlanOptions options;
    options.env = &testing::TestEnv();
    return PlanPipelineFile(file, options);
  }
  uint64_t SizeOf(const std::string& name) { return fs::file_size(dir_ / "in" / name); }

  fs::path dir_;
};

TEST_F(RunPlanTest, LocalTextSourceReadsWholeObjectsAfterFiltersAndSendsNothing) {
  auto file = LoadText(kCsvSource + std::string(R"y(destinations:
  out: {uri: DIR/out/, format: csv}
)y"));
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  auto plan = Plan(*file);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->pipelines.size(), 1u);
  const SourcePlan& s = plan->pipelines[0].source;
  EXPECT_EQ(s.objects, 2);
  EXPECT_EQ(s.object_bytes, SizeOf("a.csv") + SizeOf("b.csv"));
  EXPECT_EQ(s.read_bytes, s.object_bytes);
  EXPECT_TRUE(s.reads.empty());
  EXPECT_TRUE(s.listing.empty());
  EXPECT_TRUE(s.exact);
  EXPECT_TRUE(plan->plan_requests.empty());
  EXPECT_TRUE(plan->pipelines[0].destinations[0].requests.empty());
  EXPECT_EQ(plan->usd, 0.0);
  // Planning read nothing and wrote nothing.
  EXPECT_FALSE(fs::exists(dir_ / "out"));
}

TEST_F(RunPlanTest, S3DestinationsAreEstimatedPerModeWithoutAnyRequest) {
  auto file = LoadText(kCsvSource + std::string(R"y(destinations:
  lake: {uri: "s3://bucket/lake/", format: csv}
  one: {uri: "s3://bucket/one.csv", mode: replace}
pipelines:
  p: {from: in, to: [lake, one], limit: 1}
)y"));
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  auto plan = Plan(*file);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  const PipelinePlan& p = plan->pipelines[0];
  ASSERT_EQ(p.destinations.size(), 2u);
  // error mode on a prefix: the check's LIST, one data file, the commit.
  EXPECT_EQ(p.destinations[0].requests,
            (RequestCounts{{"ListMultipartUploads", 1}, {"ListObjectsV2", 3}, {"PutObject", 3}}));
  // replace on a key: no check, one PutObject.
  EXPECT_EQ(p.destinations[1].requests, (RequestCounts{{"PutObject", 1}}));
  EXPECT_NE(p.destinations[0].note.find("estimate"), std::string::npos);
  EXPECT_EQ(p.run_requests,
            (RequestCounts{{"ListMultipartUploads", 1}, {"ListObjectsV2", 3}, {"PutObject", 4}}));
  EXPECT_NEAR(p.cost.usd, 8 * 0.005 / 1000, 1e-12);
  // A limit may stop the run early: said so.
  EXPECT_FALSE(p.source.exact);
  ASSERT_EQ(p.source.notes.size(), 1u);
  EXPECT_NE(p.source.notes[0].find("limit"), std::string::npos);
  EXPECT_NE(RunPlanText(*plan).find("not exact"), std::string::npos) << RunPlanText(*plan);
}

TEST_F(RunPlanTest, ParquetBytesEqualWhatTheReaderFetches) {
  auto written = LoadText(kCsvSource + std::string(R"y(destinations:
  pq: {uri: DIR/pq/, format: parquet}
)y"));
  ASSERT_TRUE(written.ok());
  RunOptions run;
  run.env = &testing::TestEnv();
  ASSERT_TRUE(RunPipelineFile(*written, run).ok());
  auto file = LoadText(R"y(sources:
  pq: {uri: DIR/pq/, format: parquet}
destinations:
  out: {uri: DIR/out.csv}
pipelines:
  p: {from: pq, to: [out], select: [amount]}
)y");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  auto plan = Plan(*file);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  const SourcePlan& s = plan->pipelines[0].source;
  ASSERT_EQ(s.objects, 1);
  EXPECT_TRUE(s.exact);
  // The same object read whole by the reader, projected as the plan projected it.
  std::string data_file;
  for (const auto& e : fs::directory_iterator(dir_ / "pq")) {
    if (e.path().extension() == ".parquet") data_file = e.path();
  }
  ASSERT_FALSE(data_file.empty());
  auto local = OpenLocalRandomAccess(data_file);
  ASSERT_TRUE(local.ok());
  formats::parquet::ParquetReadOptions options;
  options.columns = {"amount"};
  auto reader = formats::parquet::ParquetFileReader::Open(
      std::shared_ptr<RandomAccessFile>(std::move(*local)), options);
  ASSERT_TRUE(reader.ok());
  auto batches = (*reader)->ReadBatches();
  ASSERT_TRUE(batches.ok());
  while (true) {
    auto batch = (*batches)->Next();
    ASSERT_TRUE(batch.ok());
    if (*batch == nullptr) break;
  }
  EXPECT_EQ(s.read_bytes, static_cast<uint64_t>((*reader)->stats().bytes_read));
  // This small file is read whole by the footer's read; its chunk comes from those bytes.
  EXPECT_EQ(s.read_bytes, s.object_bytes);
  EXPECT_EQ((*reader)->stats().reads, 1);
}

// A filter on the files' columns is bound to each Parquet object's own columns: an object that
// lacks one cannot be judged as the run judges it, so it is counted read whole and the plan
// says it is not exact, naming the object; an object that has the column is planned exactly
// (its row group ruled out here: the footer alone).
TEST_F(RunPlanTest, ParquetObjectWithoutAFilteredColumnMakesThePlanNotExact) {
  auto written = LoadText(kCsvSource + std::string(R"y(destinations:
  both: {uri: DIR/pq/both/, format: parquet}
  ids: {uri: DIR/pq/ids/, format: parquet}
pipelines:
  both: {from: in, to: [both]}
  ids: {from: in, to: [ids], select: [id]}
)y"));
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  RunOptions run;
  run.env = &testing::TestEnv();
  ASSERT_TRUE(RunPipelineFile(*written, run).ok());
  auto store = LocalObjectStore::Open((dir_ / "pq").string());
  ASSERT_TRUE(store.ok());
  auto listed = (*store)->ListAll(ListOptions{});
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  std::vector<ObjectInfo> parquet;
  for (const ObjectInfo& o : *listed) {
    if (o.key.size() > 8 && o.key.substr(o.key.size() - 8) == ".parquet") parquet.push_back(o);
  }
  ASSERT_EQ(parquet.size(), 2u);
  SourceReadSpec read;
  read.scan.where = "amount > 1000";
  read.scan.dataset.format = formats::FileFormat::kParquet;
  read.scan.dataset.partitioning.kind = dataset::Partitioning::Kind::kNone;
  read.scan.dataset.read.parquet.whole_object_bytes = 0;  // open both, as objects over 1 MiB
  SourcePlan plan;
  ASSERT_TRUE(PlanSource(**store, parquet, read, plan).ok());
  EXPECT_FALSE(plan.exact);
  ASSERT_EQ(plan.notes.size(), 1u);
  EXPECT_NE(plan.notes[0].find("(amount) does not bind to the columns of 1 Parquet object(s)"),
            std::string::npos)
      << plan.notes[0];
  EXPECT_NE(plan.notes[0].find("/ids/"), std::string::npos) << plan.notes[0];
  // Why: the binding's own message, naming the column.
  EXPECT_NE(plan.notes[0].find("amount", plan.notes[0].find("/ids/")), std::string::npos)
      << plan.notes[0];
  // Each footer is one read of the file's tail (whole here: the files are smaller than the
  // guess); `both` stops there (amount never exceeds 30), `ids` adds its chunk (held: no more).
  EXPECT_EQ(plan.read_bytes, plan.object_bytes);

  read.scan.where = "id > 1000";  // a column both have: exact
  SourcePlan bound;
  ASSERT_TRUE(PlanSource(**store, parquet, read, bound).ok());
  EXPECT_TRUE(bound.exact);
  EXPECT_TRUE(bound.notes.empty());
}

TEST_F(RunPlanTest, PricesSectionSetsThePricesAndIsChecked) {
  auto file = LoadText(R"y(prices: {tier1_per_1000: 0.0054, tier2_per_1000: 0.00043, transfer_per_gb: 0.09}
sources:
  in: {uri: DIR/in/, format: csv}
destinations:
  out: {uri: DIR/out/, format: csv}
)y");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->prices.tier1_per_1000, 0.0054);
  EXPECT_EQ(file->prices.tier2_per_1000, 0.00043);
  EXPECT_EQ(file->prices.transfer_per_gb, 0.09);
  EXPECT_EQ(testing::Errors(R"y(prices: {tier1_per_100: 1, transfer_per_gb: -1}
sources:
  in: {uri: /tmp/x/}
destinations:
  out: {uri: /tmp/y/, format: csv}
)y"),
            (std::vector<std::string>{
                "p.yaml:1:10: unknown key 'tier1_per_100' in prices (did you mean "
                "'tier1_per_1000'?)",
                "p.yaml:1:45: prices.transfer_per_gb: a price is >= 0"}));
}

TEST_F(RunPlanTest, MaxCostStopsTheRunBeforeItReads) {
  // A local read costs no request, but bytes at a transfer price.
  auto file = LoadText(R"y(prices: {transfer_per_gb: 1000000000}
sources:
  in: {uri: DIR/in/, format: csv, exclude: "*.txt", max_cost_usd: 0.5, max_requests: 0}
destinations:
  out: {uri: DIR/out/, format: csv}
)y");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  const uint64_t bytes = SizeOf("a.csv") + SizeOf("b.csv");
  RunOptions run;
  run.env = &testing::TestEnv();
  auto ran = RunPipelineFile(*file, run);
  ASSERT_FALSE(ran.ok());
  EXPECT_EQ(ran.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(ran.status().message(),
            fmt::format("pipeline in_to_out: source in: the plan costs ${:.6f}; max_cost_usd is "
                        "0.500000: nothing was read",
                        static_cast<double>(bytes) / (1 << 30) * 1000000000));
  EXPECT_FALSE(fs::exists(dir_ / "out" / "_SUCCESS"));

  // Within the limits the run goes on.
  file->sources[0].read.max_cost_usd = 100;
  ASSERT_TRUE(RunPipelineFile(*file, run).ok());
  EXPECT_TRUE(fs::exists(dir_ / "out" / "_SUCCESS"));
}

}  // namespace
}  // namespace s3c::pipeline
