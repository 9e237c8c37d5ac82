// Every format x codec round-trips (docs/architecture.md section 5): a batch with
// awkward values is written through the format registry with each stream codec (text formats)
// or page codec (Parquet), read back through the registry (codec detected, schema given for the
// text formats so inference choices do not blur the check) and compared value for value.
#include <gtest/gtest.h>

#include <tuple>

#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/builder_nested.h"
#include "s3c/columnar/builder_primitive.h"
#include "s3c/columnar/compare.h"
#include "s3c/columnar/pretty_print.h"
#include "s3c/formats/format_registry.h"
#include "s3c/io/local_file.h"

namespace s3c::formats {
namespace {

using columnar::DataType;
using columnar::Field;

constexpr int64_t kRows = 3000;  // several read chunks and batches

// Flat columns every text format can hold, with quotes, delimiters, newlines, unicode, empty
// strings, nulls, negative and large numbers, dates before 1970 and timestamps with fractions.
std::shared_ptr<RecordBatch> FlatBatch() {
  columnar::Int64Builder id;
  columnar::StringBuilder name;
  columnar::Float64Builder score;
  columnar::BooleanBuilder flag;
  columnar::Date32Builder day;
  columnar::TimestampBuilder at(columnar::Timestamp(columnar::TimeUnit::kMicro));
  const char* names[] = {"plain", "with,comma", "with \"quotes\"", "two\nlines", "crlf\r\nline",
                         "tab\there", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "", " padded "};
  for (int64_t i = 0; i < kRows; ++i) {
    id.Append(i % 7 == 0 ? -i * 1'000'000'007 : i);
    name.Append(names[i % 9]);
    if (i % 5 == 0) {
      score.AppendNull();
    } else {
      score.Append(static_cast<double>(i) / 8.0 - 100.125);
    }
    if (i % 11 == 0) {
      flag.AppendNull();
    } else {
      flag.Append(i % 2 == 0);
    }
    day.Append(static_cast<int32_t>(i * 37 % 40000) - 20000);
    at.Append(1'700'000'000'000'000 + i * 1'000'123);
  }
  auto schema = columnar::MakeSchema({Field("id", columnar::Int64(), false),
                                      Field("name", columnar::String()),
                                      Field("score", columnar::Float64()),
                                      Field("flag", columnar::Bool()),
                                      Field("day", columnar::Date32()),
                                      Field("at", columnar::Timestamp(columnar::TimeUnit::kMicro))});
  std::vector<std::shared_ptr<columnar::Array>> columns{
      *id.Finish(), *name.Finish(), *score.Finish(), *flag.Finish(), *day.Finish(), *at.Finish()};
  return *RecordBatch::Make(schema, columns);
}

// FlatBatch plus a list and a struct column (JSON and Parquet hold nested values).
std::shared_ptr<RecordBatch> NestedBatch() {
  auto flat = FlatBatch();
  columnar::ListBuilder tags(columnar::List(columnar::Int64()));
  auto* items = tags.value_builder_as<columnar::Int64Builder>();
  DataType point_type = columnar::Struct({Field("x", columnar::Int64()), Field("label", columnar::String())});
  columnar::StructBuilder point(point_type);
  for (int64_t i = 0; i < kRows; ++i) {
    if (i % 13 == 0) {
      tags.AppendNull();
    } else {
      tags.Append();
      for (int64_t k = 0; k < i % 4; ++k) items->Append(i * 10 + k);
    }
    if (i % 17 == 0) {
      point.AppendNull();
    } else {
      point.Append();
      point.field_builder_as<columnar::Int64Builder>(0)->Append(-i);
      if (i % 3 == 0) {
        point.field_builder_as<columnar::StringBuilder>(1)->AppendNull();
      } else {
        point.field_builder_as<columnar::StringBuilder>(1)->Append("p" + std::to_string(i));
      }
    }
  }
  std::vector<Field> fields = flat->schema()->fields();
  fields.emplace_back("tags", columnar::List(columnar::Int64()));
  fields.emplace_back("point", point_type);
  std::vector<std::shared_ptr<columnar::Array>> columns = flat->columns();
  columns.push_back(*tags.Finish());
  columns.push_back(*point.Finish());
  return *RecordBatch::Make(columnar::MakeSchema(fields), columns);
}

std::string TempPath(const std::string& name) { return ::testing::TempDir() + "/fmtcodec_" + name; }

Status WriteFile(const std::string& path, FileFormat format, const RecordBatch& batch,
                 const FormatWriteOptions& options) {
  S3C_ASSIGN_OR_RETURN(auto out, OpenLocalOutput(path));
  S3C_ASSIGN_OR_RETURN(auto writer, OpenFormatWriter(std::move(out), format, batch.schema(), options));
  // Two writes: writers must continue a file across batches.
  S3C_RETURN_IF_ERROR(writer->Write(*batch.Slice(0, kRows / 3)));
  S3C_RETURN_IF_ERROR(writer->Write(*batch.Slice(kRows / 3)));
  return writer->Close();
}

Result<std::shared_ptr<RecordBatch>> ReadFile(const std::string& path, FileFormat format,
                                              FormatReadOptions options) {
  ReadSource source;
  source.name = path;
  source.open_input = [path] { return OpenLocalInput(path); };
  source.open_random_access = [path]() -> Result<std::shared_ptr<RandomAccessFile>> {
    S3C_ASSIGN_OR_RETURN(auto f, OpenLocalRandomAccess(path));
    return std::shared_ptr<RandomAccessFile>(std::move(f));
  };
  S3C_ASSIGN_OR_RETURN(auto reader, OpenFormatReader(source, format, options));
  std::vector<std::shared_ptr<RecordBatch>> batches;
  while (true) {
    S3C_ASSIGN_OR_RETURN(auto batch, reader->Next());
    if (!batch) break;
    batches.push_back(batch);
  }
  // Concatenate through the columnar builders is not needed: compare slice by slice instead.
  if (batches.empty()) return InternalError("no batches");
  if (batches.size() == 1) return batches[0];
  return InternalError("more than one batch; raise batch_rows");
}

void ExpectSameRows(const RecordBatch& want, const RecordBatch& got) {
  ASSERT_EQ(got.num_rows(), want.num_rows());
  ASSERT_EQ(got.num_columns(), want.num_columns());
  for (int c = 0; c < want.num_columns(); ++c) {
    EXPECT_TRUE(got.column(c)->Equals(*want.column(c)))
        << "column " << want.schema()->field(c).name() << "\nwant "
        << columnar::ToString(*want.column(c)->Slice(0, 12)) << "\ngot  "
        << columnar::ToString(*got.column(c)->Slice(0, 12));
  }
}

const Codec kStreamCodecs[] = {Codec::kNone, Codec::kGzip, Codec::kBzip2, Codec::kXz,
                               Codec::kZstd, Codec::kLz4,  Codec::kSnappy};

class TextFormatCodecTest : public ::testing::TestWithParam<std::tuple<FileFormat, Codec>> {};

TEST_P(TextFormatCodecTest, RoundTrips) {
  auto [format, codec] = GetParam();
  bool nested = format == FileFormat::kJson || format == FileFormat::kJsonLines;
  auto batch = nested ? NestedBatch() : FlatBatch();
  std::string path = TempPath(std::string(FileFormatName(format)) + "." + FileFormatName(format) +
                              CodecExtension(codec));
  FormatWriteOptions write;
  write.compression = codec;
  ASSERT_TRUE(WriteFile(path, format, *batch, write).ok());
  FormatReadOptions read;
  read.csv.schema_mode = csv::SchemaMode::kFull;
  read.csv.schema = batch->schema();
  read.csv.batch_rows = kRows;
  read.json.schema_mode = JsonSchemaMode::kFull;
  read.json.schema = batch->schema();
  read.json.batch_rows = kRows;
  auto got = ReadFile(path, format, read);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ExpectSameRows(*batch, **got);
  std::remove(path.c_str());
}

INSTANTIATE_TEST_SUITE_P(
    EveryTextFormatAndCodec, TextFormatCodecTest,
    ::testing::Combine(::testing::Values(FileFormat::kCsv, FileFormat::kTsv, FileFormat::kJson,
                                         FileFormat::kJsonLines),
                       ::testing::ValuesIn(kStreamCodecs)),
    [](const auto& info) {
      return std::string(FileFormatName(std::get<0>(info.param))) + "_" +
             CodecName(std::get<1>(info.param));
    });

class TextLinesCodecTest : public ::testing::TestWithParam<Codec> {};

// Text is read-only: its input is made with the codec directly.
TEST_P(TextLinesCodecTest, ReadsLines) {
  Codec codec = GetParam();
  std::string text;
  for (int i = 0; i < kRows; ++i) text += "line " + std::to_string(i) + (i % 2 ? "\r\n" : "\n");
  std::string path = TempPath(std::string("lines.txt") + CodecExtension(codec));
  {
    auto out = OpenLocalOutput(path);
    ASSERT_TRUE(out.ok());
    auto compressed = Compress(codec, text);
    ASSERT_TRUE(compressed.ok());
    ASSERT_TRUE((*out)->Write(*compressed).ok());
    ASSERT_TRUE((*out)->Close().ok());
  }
  FormatReadOptions read;
  read.text.batch_rows = kRows;
  auto got = ReadFile(path, FileFormat::kText, read);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_EQ((*got)->num_rows(), kRows);
  EXPECT_EQ(columnar::FormatElement(*(*got)->column(0), kRows - 1),
            "\"line " + std::to_string(kRows - 1) + "\"");
  std::remove(path.c_str());
}

INSTANTIATE_TEST_SUITE_P(EveryCodec, TextLinesCodecTest, ::testing::ValuesIn(kStreamCodecs),
                         [](const auto& info) { return std::string(CodecName(info.param)); });

class ParquetCodecTest : public ::testing::TestWithParam<std::tuple<BlockCodec, bool>> {};

TEST_P(ParquetCodecTest, RoundTrips) {
  auto [codec, v2] = GetParam();
  auto batch = NestedBatch();
  std::string path = TempPath(std::string("p_") + BlockCodecName(codec) + (v2 ? "_v2" : "") +
                              ".parquet");
  FormatWriteOptions write;
  write.parquet.codec = codec;
  write.parquet.data_page_v2 = v2;
  write.parquet.page_bytes = 16 << 10;  // several pages per column chunk
  ASSERT_TRUE(WriteFile(path, FileFormat::kParquet, *batch, write).ok());
  FormatReadOptions read;
  read.parquet.batch_rows = kRows;
  auto got = ReadFile(path, FileFormat::kParquet, read);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ExpectSameRows(*batch, **got);
  std::remove(path.c_str());
}

INSTANTIATE_TEST_SUITE_P(
    EveryPageCodec, ParquetCodecTest,
    ::testing::Combine(::testing::Values(BlockCodec::kNone, BlockCodec::kSnappy, BlockCodec::kGzip,
                                         BlockCodec::kZstd, BlockCodec::kLz4Raw,
                                         BlockCodec::kBrotli),
                       ::testing::Bool()),
    [](const auto& info) {
      return std::string(BlockCodecName(std::get<0>(info.param))) +
             (std::get<1>(info.param) ? "_v2" : "_v1");
    });

}  // namespace
}  // namespace s3c::formats
