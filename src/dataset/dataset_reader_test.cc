#include "s3c/dataset/dataset_reader.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "dataset/dataset_test_util.h"
#include "s3c/columnar/pretty_print.h"
#include "s3c/dataset/discovery.h"
#include "s3c/store/memory_object_store.h"

namespace s3c::dataset {
namespace {

class DatasetReaderTest : public ::testing::Test {
 protected:
  std::vector<ObjectInfo> Objects(std::string_view key) {
    auto found = DiscoverObjects(store_, key);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    return found.ok() ? *found : std::vector<ObjectInfo>{};
  }
  MemoryObjectStore store_{"dataset"};
};

TEST_F(DatasetReaderTest, UnitesSchemasAndAlignsColumns) {
  ASSERT_TRUE(store_.Put("t/1.csv", "id,v\n1,2\n2,3\n").ok());
  ASSERT_TRUE(store_.Put("t/2.csv", "id,v,extra\n3,4.5,x\n").ok());
  ASSERT_TRUE(store_.Put("t/3.jsonl", "{\"id\": 4}\n").ok());
  auto reader = DatasetReader::Open(store_, Objects("t/"), {});
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->schema()->ToString(), "id: int64\nv: double\nextra: string");
  ASSERT_EQ((*reader)->drift().size(), 4u);
  EXPECT_EQ((*reader)->drift()[0].ToString(), "mem://dataset/t/2.csv: column v widened int64 -> double");
  EXPECT_EQ((*reader)->drift()[3].ToString(), "mem://dataset/t/3.jsonl: column extra missing");
  EXPECT_EQ(ReadAllText(**reader),
            "[1, 2]\n[2, 3]\n[null, null]\n[3]\n[4.5]\n[\"x\"]\n[4]\n[null]\n[null]\n");
  EXPECT_EQ((*reader)->rows_read(), 4);
  EXPECT_EQ((*reader)->objects_read(), 3);
}

// Two objects under `prefix`, read with the schema inferred from the first one only.
#define S3C_READ_FIRST_INFERRED(text, prefix, first, second)                      \
  ASSERT_TRUE(store_.Put(prefix "1.csv", first).ok());                            \
  ASSERT_TRUE(store_.Put(prefix "2.csv", second).ok());                           \
  DatasetReadOptions options;                                                     \
  options.infer_files = 1;                                                        \
  auto reader = DatasetReader::Open(store_, Objects(prefix), options);            \
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();                         \
  const std::string text = ReadAllText(**reader)

TEST_F(DatasetReaderTest, ColumnOutsideTheInferredSchemaIsAnError) {
  S3C_READ_FIRST_INFERRED(text, "u/", "a\n1\n", "a,b\n2,3\n");
  EXPECT_NE(text.find("DataLoss: mem://dataset/u/2.csv: column 'b' is not in the schema inferred "
                      "from the first 1 object(s)"),
            std::string::npos)
      << text;
}

TEST_F(DatasetReaderTest, ValueOfALaterObjectThatDoesNotFitIsDataLoss) {
  S3C_READ_FIRST_INFERRED(text, "w/", "a\n1\n", "a\n2.5\n");
  EXPECT_NE(text.find("DataLoss: mem://dataset/w/2.csv: column 'a': "), std::string::npos) << text;
}

// csv.detect_dialect: the dialect the sampled objects agree on reads the later ones, which
// are not sniffed again; without agreement every object is sniffed.
TEST_F(DatasetReaderTest, ALaterObjectTakesTheDialectTheSampleAgreedOn) {
  for (int i = 1; i <= 5; ++i) {
    ASSERT_TRUE(store_.Put(fmt::format("d/{}.csv", i), fmt::format("a;b\n{};x\n", i)).ok());
  }
  ASSERT_TRUE(store_.Put("m/1.csv", "a;b\n1;x\n").ok());
  ASSERT_TRUE(store_.Put("m/2.csv", "a,b\n2,y\n").ok());
  ASSERT_TRUE(store_.Put("m/3.csv", "a,b\n3,z\n").ok());
  int detected = 0;
  DatasetReadOptions options;
  options.infer_files = 2;
  options.read.csv.detect_dialect = true;
  options.read.csv.on_dialect_detected = [&detected](const formats::csv::CsvDialect& d) {
    EXPECT_TRUE(d.delimiter == ';' || d.delimiter == ',');
    ++detected;
  };
  auto agreed = DatasetReader::Open(store_, Objects("d/"), options);
  ASSERT_TRUE(agreed.ok()) << agreed.status().ToString();
  EXPECT_EQ(ReadAllText(**agreed),
            "[1]\n[\"x\"]\n[2]\n[\"x\"]\n[3]\n[\"x\"]\n[4]\n[\"x\"]\n[5]\n[\"x\"]\n");
  EXPECT_EQ(detected, 2);  // the sample alone
  // ';' then ',': no agreement, the third object is sniffed too and read right.
  detected = 0;
  auto mixed = DatasetReader::Open(store_, Objects("m/"), options);
  ASSERT_TRUE(mixed.ok()) << mixed.status().ToString();
  EXPECT_EQ(ReadAllText(**mixed), "[1]\n[\"x\"]\n[2]\n[\"y\"]\n[3]\n[\"z\"]\n");
  EXPECT_EQ(detected, 3);
  // A later object in another dialect than the agreed one fails on its columns, naming it.
  ASSERT_TRUE(store_.Put("d/6.csv", "a,b\n6,x\n").ok());
  auto later = DatasetReader::Open(store_, Objects("d/"), options);
  ASSERT_TRUE(later.ok()) << later.status().ToString();
  const std::string text = ReadAllText(**later);
  EXPECT_NE(text.find("DataLoss: mem://dataset/d/6.csv: column 'a,b' is not in the schema "
                      "inferred from the first 2 object(s) (it was read with the delimiter ';' "
                      "and quote '\"' detected in those objects; if it is written otherwise, "
                      "pass --delimiter and --quote, or read it apart)"),
            std::string::npos)
      << text;
}

TEST_F(DatasetReaderTest, SchemaOfTheFirstInferFilesObjects) {
  ASSERT_TRUE(store_.Put("x/1.csv", "a\n1\n").ok());
  ASSERT_TRUE(store_.Put("x/2.csv", "a,b\n2,3\n").ok());
  ASSERT_TRUE(store_.Put("x/3.csv", "a,c\n2,3\n").ok());
  DatasetReadOptions options;
  options.infer_files = 2;
  auto two = InferDatasetSchema(store_, Objects("x/"), options);
  ASSERT_TRUE(two.ok()) << two.status().ToString();
  EXPECT_EQ(two->files.size(), 2u);
  EXPECT_EQ(two->objects_total, 3);
  EXPECT_EQ(two->united.schema->ToString(), "a: int64\nb: int64");
  options.infer_files = -1;
  auto all = InferDatasetSchema(store_, Objects("x/"), options);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->files.size(), 3u);
  EXPECT_EQ(all->united.schema->num_fields(), 3);
}

TEST_F(DatasetReaderTest, ExplicitFormatAndUnknownFormat) {
  ASSERT_TRUE(store_.Put("v/data", "x|y\n1|2\n").ok());
  auto unknown = DatasetReader::Open(store_, Objects("v/data"), {});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("cannot tell the format"), std::string::npos);
  DatasetReadOptions options;
  options.format = formats::FileFormat::kCsv;
  options.read.csv.dialect.delimiter = '|';
  auto reader = DatasetReader::Open(store_, Objects("v/data"), options);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ(ReadAllText(**reader), "[1]\n[2]\n");
}

TEST_F(DatasetReaderTest, InferDatasetSchemaReportsEveryFile) {
  ASSERT_TRUE(store_.Put("w/1.jsonl", "{\"a\": 1}\n").ok());
  ASSERT_TRUE(store_.Put("w/2.jsonl", "{\"b\": \"x\"}\n").ok());
  auto schema = InferDatasetSchema(store_, Objects("w/*.jsonl"), {});
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  ASSERT_EQ(schema->files.size(), 2u);
  EXPECT_EQ(schema->united.schema->ToString(), "a: int64\nb: string");
  ASSERT_EQ(schema->united.drift.size(), 2u);
  EXPECT_EQ(schema->united.drift[0].ToString(), "mem://dataset/w/2.jsonl: column b added (string)");
  EXPECT_EQ(schema->united.drift[1].ToString(), "mem://dataset/w/2.jsonl: column a missing");
}

}  // namespace
}  // namespace s3c::dataset
