// DatasetScan (dataset_scan.h): filter, projection, virtual and partition columns.
#include "s3c/dataset/dataset_scan.h"

#include <gtest/gtest.h>

#include "dataset/dataset_test_util.h"

#include "s3c/columnar/pretty_print.h"
#include "s3c/dataset/discovery.h"
#include "s3c/store/memory_object_store.h"

namespace s3c::dataset {
namespace {

class DatasetScanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_.Put("t/dt=2024-03-05/a.csv", "id,name\n1,ann\n2,bob\n3,cy\n").ok());
    ASSERT_TRUE(store_.Put("t/dt=2024-03-06/b.csv", "id,name\n4,dee\n5,eve\n").ok());
  }
  Result<std::unique_ptr<DatasetScan>> Open(ScanOptions options) {
    S3C_ASSIGN_OR_RETURN(auto objects, DiscoverObjects(store_, "t/"));
    return DatasetScan::Open(store_, std::move(objects), std::move(options));
  }
  MemoryObjectStore store_{"scan"};
};

TEST_F(DatasetScanTest, FiltersRowsOnFileAndPartitionColumns) {
  ScanOptions o;
  o.where = "id % 2 = 1 AND dt >= DATE '2024-03-05' AND name <> 'cy'";
  auto scan = Open(o);
  ASSERT_TRUE(scan.ok()) << scan.status().ToString();
  EXPECT_EQ((*scan)->schema()->ToString(), "id: int64\nname: string\ndt: date32[day]");
  EXPECT_EQ(ReadAllText(**scan), "[1]\n[\"ann\"]\n[2024-03-05]\n[5]\n[\"eve\"]\n[2024-03-06]\n");
  EXPECT_EQ((*scan)->rows_filtered(), 3);
  EXPECT_EQ((*scan)->rows_read(), 5);
}

TEST_F(DatasetScanTest, ProjectsInTheOrderAskedWithVirtualColumns) {
  ScanOptions o;
  o.columns = {"_key", "dt", "name"};
  o.where = "_size > 20";  // only a.csv (24 bytes) is over 20
  auto scan = Open(o);
  ASSERT_TRUE(scan.ok()) << scan.status().ToString();
  EXPECT_EQ((*scan)->schema()->ToString(), "_key: string not null\ndt: date32[day]\nname: string");
  EXPECT_EQ(ReadAllText(**scan),
            "[\"t/dt=2024-03-05/a.csv\", \"t/dt=2024-03-05/a.csv\", \"t/dt=2024-03-05/a.csv\"]\n"
            "[2024-03-05, 2024-03-05, 2024-03-05]\n[\"ann\", \"bob\", \"cy\"]\n");
}

TEST_F(DatasetScanTest, VirtualColumnsOnlyForTheFilterStayOut) {
  ScanOptions o;
  o.where = "_key LIKE '%b.csv'";
  auto scan = Open(o);
  ASSERT_TRUE(scan.ok()) << scan.status().ToString();
  EXPECT_EQ((*scan)->schema()->ToString(), "id: int64\nname: string\ndt: date32[day]");
  EXPECT_EQ(ReadAllText(**scan), "[4, 5]\n[\"dee\", \"eve\"]\n[2024-03-06, 2024-03-06]\n");
}

TEST_F(DatasetScanTest, ErrorsNameWhatIsWrong) {
  ScanOptions bad_column;
  bad_column.where = "nmae = 'x'";
  auto a = Open(bad_column);
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("unknown column \"nmae\" at 1:1 (did you mean \"name\"?)"),
            std::string::npos)
      << a.status().message();
  ScanOptions bad_output;
  bad_output.columns = {"id", "_key", "nope"};
  auto b = Open(bad_output);
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("nope"), std::string::npos) << b.status().message();
}

}  // namespace
}  // namespace s3c::dataset
