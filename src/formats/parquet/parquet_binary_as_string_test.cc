// ParquetReadOptions::binary_as_string: BYTE_ARRAY leaves without a string annotation (as older
// Spark and Impala write text) read as string; annotated strings and other types are unchanged.
#include <gtest/gtest.h>

#include <cstdio>

#include "formats/parquet/writer_test_data.h"
#include "s3c/columnar/array_binary.h"
#include "s3c/columnar/array_nested.h"
#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/builder_nested.h"
#include "s3c/io/local_file.h"

namespace s3c::formats::parquet {
namespace {

namespace col = columnar;

// Columns: raw (binary, written with no annotation), text (string, UTF8-annotated) and
// raws (list<binary>).
std::string WriteLegacyFile() {
  col::BinaryBuilder raw;
  col::StringBuilder text;
  col::ListBuilder raws(col::List(col::Binary()));
  auto* items = raws.value_builder_as<col::BinaryBuilder>();
  raw.Append("caf\xc3\xa9");
  raw.AppendNull();
  text.Append("a");
  text.Append("b");
  raws.Append();
  items->Append("x");
  items->Append("yz");
  raws.AppendNull();
  auto schema = col::MakeSchema({col::Field("raw", col::Binary()), col::Field("text", col::String()),
                                 col::Field("raws", col::List(col::Binary()))});
  auto batch = *col::RecordBatch::Make(schema, {*raw.Finish(), *text.Finish(), *raws.Finish()});
  std::string path = testdata::TempPath("legacy-binary");
  EXPECT_TRUE(testdata::WriteParquet(path, {batch}, {}).ok());
  return path;
}

Result<std::shared_ptr<col::RecordBatch>> ReadFirst(const std::string& path, bool as_string) {
  S3C_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file, OpenLocalRandomAccess(path));
  ParquetReadOptions options;
  options.object_name = path;
  options.binary_as_string = as_string;
  S3C_ASSIGN_OR_RETURN(auto reader, ParquetFileReader::Open(std::move(file), options));
  S3C_ASSIGN_OR_RETURN(auto batches, reader->ReadBatches());
  return batches->Next();
}

TEST(ParquetBinaryAsString, UnannotatedByteArraysBecomeStrings) {
  const std::string path = WriteLegacyFile();
  // The file really is the legacy layout: no logical or converted type on the binary leaves.
  auto footer = testdata::ReadFooter(path);
  ASSERT_TRUE(footer.ok()) << footer.status().ToString();
  int unannotated = 0;
  for (const SchemaElement& e : footer->schema) {
    if (e.type && *e.type == PhysicalType::kByteArray && !e.logical_type && !e.converted_type) {
      ++unannotated;
    }
  }
  EXPECT_EQ(unannotated, 2);

  auto faithful = ReadFirst(path, false);
  ASSERT_TRUE(faithful.ok()) << faithful.status().ToString();
  EXPECT_EQ((*faithful)->schema()->ToString(),
            "raw: binary\ntext: string\nraws: list<item: binary>");

  auto strings = ReadFirst(path, true);
  ASSERT_TRUE(strings.ok()) << strings.status().ToString();
  const col::RecordBatch& b = **strings;
  EXPECT_EQ(b.schema()->ToString(), "raw: string\ntext: string\nraws: list<item: string>");
  const auto& raw = static_cast<const col::StringArray&>(*b.column(0));
  EXPECT_EQ(raw.GetView(0), "caf\xc3\xa9");
  EXPECT_TRUE(raw.IsNull(1));
  const auto& raws = static_cast<const col::ListArray&>(*b.column(2));
  const auto& items = static_cast<const col::StringArray&>(*raws.values());
  EXPECT_EQ(items.GetView(1), "yz");
  EXPECT_TRUE(raws.IsNull(1));
  std::remove(path.c_str());
}

}  // namespace
}  // namespace s3c::formats::parquet
