// A filtered read of a Hive-partitioned folder (dataset/lake_read.h: partition pruning while
// listing, then the row filter) against DuckDB's read_csv(..., hive_partitioning = true) with the
// same WHERE on the same files: the same rows and types for filters over partition columns, file
// columns and both.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "differential_util.h"
#include "s3c/dataset/lake_read.h"
#include "support/duckdb_oracle.h"
#include "support/duckdb_types.h"
#include "s3c/store/tree_transfer.h"
#include "support/rgw_env.h"
#include "support/rgw_stack.h"

namespace s3c::testing {
namespace {

// 12 days x 3 regions (one of them NULL), 4 rows each: id, amount (some NULL), name.
Status WriteLake(const std::string& root) {
  const char* regions[] = {"eu", "us-east", "__HIVE_DEFAULT_PARTITION__"};
  int id = 0;
  for (int d = 1; d <= 12; ++d) {
    for (const char* r : regions) {
      std::string dir = root + "/dt=2024-05-" + (d < 10 ? "0" : "") + std::to_string(d) +
                        "/region=" + r;
      std::filesystem::create_directories(dir);
      std::string csv = "id,amount,name\n";
      for (int k = 0; k < 4; ++k, ++id) {
        csv += std::to_string(id) + "," + (id % 5 == 0 ? "" : std::to_string((id * 37) % 101)) +
               ",n" + std::to_string(id % 7) + "\n";
      }
      S3C_RETURN_IF_ERROR(WriteFile(dir + "/part-0.csv", csv));
    }
  }
  return Status::OK();
}

const std::vector<std::string> kFilters = {
    "dt = DATE '2024-05-03'",
    "dt = '2024-05-03' AND region = 'eu'",
    "dt IN ('2024-05-01', '2024-05-07', '2024-05-12')",
    "dt BETWEEN DATE '2024-05-04' AND DATE '2024-05-06' AND amount > 50",
    "region IS NULL",
    "region LIKE 'us%' OR amount IS NULL",
    "NOT (region = 'eu') AND id % 3 = 0",
    "month(dt) = 5 AND day(dt) > 10 AND name <> 'n3'",
    "dt > '2024-05-10' OR (region = 'eu' AND amount < 10)",
    "coalesce(region, 'none') = 'none' AND dt < DATE '2024-05-03'",
    "amount BETWEEN 20 AND 40",
    "region IN ('eu', 'asia') AND dt >= '2024-05-11'",
};

// DuckDB's rows for every filter over the local lake at `root`.
std::vector<Result<OracleTable>> DuckDbRows(const std::string& root) {
  std::vector<std::string> sqls;
  for (const std::string& f : kFilters) {
    sqls.push_back("SELECT * FROM read_csv(" + SqlQuote(root + "/**/*.csv") +
                   ", hive_partitioning = true, header = true, columns = {'id': 'BIGINT', "
                   "'amount': 'BIGINT', 'name': 'VARCHAR'}) WHERE " + f);
  }
  return DuckDbQueries(sqls);
}

// s3c's filtered read of `uri` (the lake, local or on S3) equals DuckDB's `duck`, rows and types.
void ExpectSameRowsAsDuckDb(StoreResolver& stores, const std::string& uri,
                            const std::vector<Result<OracleTable>>& duck) {
  ASSERT_EQ(duck.size(), kFilters.size());
  for (size_t i = 0; i < kFilters.size(); ++i) {
    SCOPED_TRACE(kFilters[i]);
    ASSERT_TRUE(duck[i].ok()) << duck[i].status().ToString();
    dataset::LakeReadOptions options;
    options.scan.where = kFilters[i];
    options.scan.dataset.read.csv.schema_mode = formats::csv::SchemaMode::kFull;
    options.scan.dataset.read.csv.schema = columnar::MakeSchema(
        {columnar::Field("id", columnar::Int64()), columnar::Field("amount", columnar::Int64()),
         columnar::Field("name", columnar::String())});
    auto lake = dataset::OpenLakeRead(stores, uri, options);
    ASSERT_TRUE(lake.ok()) << lake.status().ToString();
    auto batches = ReadAll(*lake->scan);
    ASSERT_TRUE(batches.ok()) << batches.status().ToString();
    std::vector<std::string> want = duck[i]->rows, got = CanonicalRows(*batches);
    std::sort(want.begin(), want.end());
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, want);
    EXPECT_FALSE(want.empty());
    if (!batches->empty()) {
      EXPECT_TRUE(TypesEqual(duck[i]->columns, *(*batches)[0]->schema()));
    }
  }
}

TEST(LakeWhereDifferential, FilteredRowsMatchDuckDbHivePartitioning) {
  S3C_REQUIRE_DUCKDB();
  TempDir dir;
  const std::string root = dir.path() + "/lake";
  ASSERT_TRUE(WriteLake(root).ok());
  auto duck = DuckDbRows(root);
  MapEnv env;  // local files only: no AWS settings are read
  auto stores = StoreResolver::Make({}, env);
  ASSERT_TRUE(stores.ok()) << stores.status().ToString();
  ExpectSameRowsAsDuckDb(**stores, root + "/", duck);
}

// The same lake uploaded to the RGW server, read from there (pruned listing, objects read at
// once), against DuckDB on the local copy.
TEST(LakeWhereDifferential, FilteredRowsFromS3MatchDuckDbOnALocalCopy) {
  S3C_REQUIRE_DUCKDB();
  S3C_REQUIRE_RGW(rgw);
  TempDir dir;
  const std::string root = dir.path() + "/lake";
  ASSERT_TRUE(WriteLake(root).ok());
  StoreResolverOptions options;
  options.s3 = RgwStackOptions(rgw);
  auto stores = StoreResolver::Make(options, IsolatedAwsEnv());
  ASSERT_TRUE(stores.ok()) << stores.status().ToString();
  const std::string uri = "s3://" + rgw.bucket + "/" + UniqueName("lake") + "/";
  auto from = (*stores)->Resolve(root + "/");
  auto to = (*stores)->Resolve(uri);
  ASSERT_TRUE(from.ok() && to.ok());
  auto plan = PlanTreeTransfer(*from, *to);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->items.size(), 36u);
  ASSERT_TRUE(TransferTree(*from, *to, *plan, 8, {}).ok());
  ExpectSameRowsAsDuckDb(**stores, uri, DuckDbRows(root));
}

}  // namespace
}  // namespace s3c::testing
