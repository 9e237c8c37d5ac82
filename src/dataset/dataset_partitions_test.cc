// DatasetReader with partition and virtual columns (dataset_reader.h, partitioning.h).
#include <gtest/gtest.h>

#include "dataset/dataset_test_util.h"

#include "s3c/columnar/pretty_print.h"
#include "s3c/dataset/dataset_reader.h"
#include "s3c/dataset/discovery.h"
#include "s3c/store/memory_object_store.h"

namespace s3c::dataset {
namespace {

class DatasetPartitionsTest : public ::testing::Test {
 protected:
  void Put(const std::string& key, const std::string& data) {
    ASSERT_TRUE(store_.Put(key, data).ok());
  }
  Result<std::unique_ptr<DatasetReader>> Open(std::string_view key, DatasetReadOptions options) {
    S3C_ASSIGN_OR_RETURN(auto objects, DiscoverObjects(store_, key));
    return DatasetReader::Open(store_, std::move(objects), std::move(options));
  }
  MemoryObjectStore store_{"lake"};
};

TEST_F(DatasetPartitionsTest, HiveColumnsFollowTheFilesColumns) {
  Put("t/dt=2024-03-05/region=eu/a.csv", "v\n1\n2\n");
  Put("t/dt=2024-03-06/region=us%20east/b.csv", "v\n3\n");
  Put("t/dt=2024-03-07/region=__HIVE_DEFAULT_PARTITION__/c.csv", "v\n4\n");
  auto reader = Open("t/", {});
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->schema()->ToString(), "v: int64\ndt: date32[day]\nregion: string");
  EXPECT_EQ(ReadAllText(**reader),
            "[1, 2]\n[2024-03-05, 2024-03-05]\n[\"eu\", \"eu\"]\n"
            "[3]\n[2024-03-06]\n[\"us east\"]\n"
            "[4]\n[2024-03-07]\n[null]\n");
}

TEST_F(DatasetPartitionsTest, NoneTurnsDetectionOff) {
  Put("t/dt=1/a.csv", "v\n1\n");
  DatasetReadOptions options;
  options.partitioning.kind = Partitioning::Kind::kNone;
  auto reader = Open("t/", options);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->schema()->ToString(), "v: int64");
}

TEST_F(DatasetPartitionsTest, TemplateBelowTheRootPrefix) {
  Put("logs/2024/03/events-a.jsonl", "{\"v\": 1}\n");
  Put("logs/2024/04/events-b.jsonl", "{\"v\": 2}\n");
  DatasetReadOptions options;
  auto p = ParsePartitioning("{year}/{month}/events-{part}.jsonl");
  ASSERT_TRUE(p.ok());
  options.partitioning = *p;
  options.root_prefix = "logs/";
  auto reader = Open("logs/", options);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->schema()->ToString(), "v: int64\nyear: int64\nmonth: string\npart: string");
  EXPECT_EQ(ReadAllText(**reader), "[1]\n[2024]\n[\"03\"]\n[\"a\"]\n[2]\n[2024]\n[\"04\"]\n[\"b\"]\n");
}

TEST_F(DatasetPartitionsTest, FileColumnMustAgreeWithTheFolder) {
  Put("t/k=5/a.csv", "v,k\n1,5\n2,5\n");
  auto agree = Open("t/", {});
  ASSERT_TRUE(agree.ok()) << agree.status().ToString();
  EXPECT_EQ((*agree)->schema()->ToString(), "v: int64\nk: int64");
  EXPECT_EQ(ReadAllText(**agree), "[1, 2]\n[5, 5]\n");

  Put("u/k=5/a.csv", "v,k\n1,5\n2,6\n");
  auto differ = Open("u/", {});
  ASSERT_TRUE(differ.ok());
  EXPECT_EQ(ReadAllText(**differ),
            "error: DataLoss: mem://lake/u/k=5/a.csv: column 'k' of the file is also a "
            "partition key, and row 2 of the batch holds 6 where the folder says "
            "k='5'");
}

TEST_F(DatasetPartitionsTest, VirtualColumnsFromTheListing) {
  Put("t/a.csv", "v\n1\n");
  Put("t/b.csv", "v\n2\n");
  DatasetReadOptions options;
  options.virtual_columns = {"_key", "_size"};
  auto reader = Open("t/", options);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->schema()->ToString(), "v: int64\n_key: string not null\n_size: int64 not null");
  EXPECT_EQ(ReadAllText(**reader), "[1]\n[\"t/a.csv\"]\n[4]\n[2]\n[\"t/b.csv\"]\n[4]\n");
  options.virtual_columns = {"_path"};
  auto bad = Open("t/", options);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("unknown virtual column '_path'"), std::string::npos);
}

TEST_F(DatasetPartitionsTest, SchemaListsPartitions) {
  Put("t/dt=2024-03-05/a.csv", "v\n1\n");
  auto objects = DiscoverObjects(store_, "t/");
  ASSERT_TRUE(objects.ok());
  DatasetReadOptions options;
  options.virtual_columns = {"_etag"};
  auto schema = InferDatasetSchema(store_, *objects, options);
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  ASSERT_EQ(schema->partitions.size(), 2u);
  EXPECT_EQ(schema->partitions[0].ToString(), "dt: date32[day]");
  EXPECT_EQ(schema->partitions[1].ToString(), "_etag: string not null");
}

}  // namespace
}  // namespace s3c::dataset
