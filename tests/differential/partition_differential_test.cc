// Hive partition columns (dataset/partitioning.h) against DuckDB's read_csv(...,
// hive_partitioning = true) on the same local folders: the same column types (DuckDB's
// hive_types_autocast) and the same rows.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>

#include "differential_util.h"
#include "s3c/dataset/dataset_reader.h"
#include "s3c/dataset/discovery.h"
#include "s3c/store/local_object_store.h"
#include "support/duckdb_oracle.h"
#include "support/duckdb_types.h"
#include "support/rgw_env.h"

namespace s3c::testing {
namespace {

// One folder layout: each file's partition segments ("k=v"), relative to the dataset root.
using Layout = std::vector<std::vector<std::string>>;

Status WriteLayout(const std::string& root, const Layout& layout) {
  int n = 0;
  for (const auto& segments : layout) {
    std::string dir = root;
    for (const auto& s : segments) dir += "/" + s;
    std::filesystem::create_directories(dir);
    S3C_RETURN_IF_ERROR(WriteFile(dir + "/part-" + std::to_string(n) + ".csv",
                                  "v\n" + std::to_string(n) + "\n"));
    ++n;
  }
  return Status::OK();
}

struct Side {
  std::vector<OracleColumn> duck_columns;
  std::shared_ptr<columnar::Schema> schema;
  std::vector<std::string> duck_rows;
  std::vector<std::string> our_rows;
};

Result<Batches> ReadWithS3c(const std::string& root) {
  S3C_ASSIGN_OR_RETURN(auto store, LocalObjectStore::Open(root));
  S3C_ASSIGN_OR_RETURN(auto objects, dataset::DiscoverObjects(*store, ""));
  S3C_ASSIGN_OR_RETURN(auto reader, dataset::DatasetReader::Open(*store, objects, {}));
  S3C_ASSIGN_OR_RETURN(Batches batches, ReadAll(*reader));
  if (batches.empty()) return InternalError("no batches");
  return batches;
}

std::string DuckSql(const std::string& root) {
  return "SELECT * FROM read_csv(" + SqlQuote(root + "/**/*.csv") +
         ", hive_partitioning = true, header = true, columns = {'v': 'BIGINT'})";
}

// Each folder value of the classification cases, alone in a key of its own: the type DuckDB
// gives it must be ours. The values are the spellings that decide between the types.
const std::vector<std::string> kSingleValues = {
    "2024-03-05", "2024-3-5", "2024-02-30", "2024-03-05 10:00", "2024-03-05 10:00:00.5",
    "2024-03-05T10:00:00", "20240305", "0", "-12", "9223372036854775807",
    "9223372036854775808", "01", "+5", "-0", "-01", "-00", "1e3", "1.5", "true", "", "a%3Db", "%41",
    "__HIVE_DEFAULT_PARTITION__", "x y",
};

// Layouts with several keys and files: mixed types in a key, NULLs among typed values.
std::vector<Layout> MixedLayouts(uint64_t seed) {
  std::mt19937_64 rng(seed);
  const std::vector<std::vector<std::string>> pools = {
      {"1", "22", "-3", "__HIVE_DEFAULT_PARTITION__"},        // int64 with NULL
      {"2024-01-01", "2023-12-31", "2024-2-29"},              // date
      {"2024-01-01 00:00:01", "2024-06-30 23:59:59.25"},      // timestamp
      {"eu", "us%2Deast", "a b", "01"},                       // string
      {"7", "2024-01-01"},                                    // mixed -> string
      {"2024-01-01", "2024-01-01 10:00"},                     // date + timestamp -> string
  };
  std::vector<Layout> layouts;
  for (int l = 0; l < 4; ++l) {
    Layout layout;
    for (int f = 0; f < 12; ++f) {
      std::vector<std::string> segs;
      for (size_t k = 0; k < pools.size(); ++k) {
        const auto& pool = pools[k];
        segs.push_back("k" + std::to_string(k) + "=" + pool[rng() % pool.size()]);
      }
      layout.push_back(std::move(segs));
    }
    layouts.push_back(std::move(layout));
  }
  return layouts;
}

TEST(PartitionDifferential, TypesAndRowsMatchDuckDbHivePartitioning) {
  S3C_REQUIRE_DUCKDB();
  TempDir dir;
  std::vector<Layout> layouts;
  for (const std::string& v : kSingleValues) layouts.push_back({{"k=" + v}});
  for (Layout& l : MixedLayouts(42)) layouts.push_back(std::move(l));

  std::vector<std::string> roots, sqls;
  for (size_t i = 0; i < layouts.size(); ++i) {
    roots.push_back(dir.path() + "/layout" + std::to_string(i));
    ASSERT_TRUE(WriteLayout(roots.back(), layouts[i]).ok());
    sqls.push_back(DuckSql(roots.back()));
  }
  auto duck = DuckDbQueries(sqls);
  ASSERT_EQ(duck.size(), layouts.size());
  for (size_t i = 0; i < layouts.size(); ++i) {
    SCOPED_TRACE(layouts[i][0].empty() ? roots[i] : roots[i] + " " + layouts[i][0][0]);
    ASSERT_TRUE(duck[i].ok()) << duck[i].status().ToString();
    auto ours = ReadWithS3c(roots[i]);
    ASSERT_TRUE(ours.ok()) << ours.status().ToString();
    EXPECT_TRUE(TypesEqual(duck[i]->columns, *(*ours)[0]->schema()));
    std::vector<std::string> want = duck[i]->rows, got = CanonicalRows(*ours);
    std::sort(want.begin(), want.end());
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, want);
  }
}

}  // namespace
}  // namespace s3c::testing
