// The Parquet writer against s3c's own reader: every type x codec x encoding x page version x
// nesting round-trips; row groups, dictionary fallback, page index, CRC, abort and error paths.
#include "s3c/formats/parquet/parquet_writer.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <tuple>

#include "formats/parquet/writer_test_data.h"
#include "s3c/columnar/cast.h"
#include "s3c/columnar/compare.h"
#include "s3c/io/local_file.h"

namespace s3c::formats::parquet {
namespace {

using columnar::Array;
using columnar::RecordBatch;
using testdata::ReadParquet;
using testdata::TempPath;
using testdata::WriteParquet;

// Same physical layout, field names aside (list item "element" vs "item").
bool SameLayout(const columnar::DataType& a, const columnar::DataType& b) {
  if (a.id() != b.id() || a.num_fields() != b.num_fields()) return false;
  if (a.num_fields() == 0) return a.Equals(b);
  for (int i = 0; i < a.num_fields(); ++i) {
    if (a.field(i).nullable() != b.field(i).nullable()) return false;
    if (!SameLayout(a.field(i).type(), b.field(i).type())) return false;
  }
  return true;
}

std::shared_ptr<columnar::ArrayData> Retype(const std::shared_ptr<columnar::ArrayData>& data,
                                            const columnar::DataType& to) {
  std::vector<std::shared_ptr<columnar::ArrayData>> children;
  for (size_t i = 0; i < data->children.size(); ++i) {
    children.push_back(Retype(data->children[i], to.field(static_cast<int>(i)).type()));
  }
  return columnar::ArrayData::Make(to, data->length, data->buffers, data->null_count,
                                   data->offset, std::move(children));
}

// Row-by-row equality of two batch lists with possibly different batch boundaries. Expected
// columns whose type the file cannot keep exactly (seconds, large_string, zone names) are
// cast to the type read back first.
::testing::AssertionResult SameRows(const std::vector<std::shared_ptr<RecordBatch>>& expected,
                                    const std::vector<std::shared_ptr<RecordBatch>>& actual) {
  int64_t want = 0;
  int64_t got = 0;
  for (const auto& b : expected) want += b->num_rows();
  for (const auto& b : actual) got += b->num_rows();
  if (want != got) return ::testing::AssertionFailure() << "rows " << got << " != " << want;
  if (want == 0) return ::testing::AssertionSuccess();
  const auto& schema = actual[0]->schema();
  for (int c = 0; c < schema->num_fields(); ++c) {
    size_t eb = 0;
    size_t ab = 0;
    int64_t ei = 0;
    int64_t ai = 0;
    std::shared_ptr<Array> ecol;
    for (int64_t row = 0; row < want; ++row) {
      while (ei >= expected[eb]->num_rows()) {
        ++eb;
        ei = 0;
        ecol = nullptr;
      }
      while (ai >= actual[ab]->num_rows()) {
        ++ab;
        ai = 0;
      }
      if (ecol == nullptr) {
        ecol = expected[eb]->column(c);
        const auto& to = actual[ab]->column(c)->type();
        if (!ecol->type().Equals(to) && SameLayout(ecol->type(), to)) {
          ecol = columnar::MakeArray(Retype(ecol->data(), to));
        } else if (!ecol->type().Equals(to)) {
          auto cast = columnar::Cast(*ecol, to);
          if (!cast.ok()) {
            return ::testing::AssertionFailure()
                   << schema->field(c).name() << ": " << cast.status().ToString();
          }
          ecol = *cast;
        }
      }
      const Array& acol = *actual[ab]->column(c);
      if (!columnar::ValuesEqual(*ecol, ei, acol, ai)) {
        return ::testing::AssertionFailure()
               << "column " << schema->field(c).name() << " row " << row << ": expected "
               << ecol->Slice(ei, 1)->ToString() << " got " << acol.Slice(ai, 1)->ToString();
      }
      ++ei;
      ++ai;
    }
  }
  return ::testing::AssertionSuccess();
}

std::vector<std::shared_ptr<RecordBatch>> Batches(const std::shared_ptr<columnar::Schema>& schema,
                                                  int count, int64_t rows, uint64_t seed) {
  std::vector<std::shared_ptr<RecordBatch>> out;
  for (int i = 0; i < count; ++i) out.push_back(testdata::RandomBatch(schema, rows, seed + i));
  return out;
}

void RoundTrip(const std::vector<std::shared_ptr<RecordBatch>>& batches,
               const ParquetWriteOptions& options, const std::string& label) {
  std::string path = TempPath(label);
  Status st = WriteParquet(path, batches, options);
  ASSERT_TRUE(st.ok()) << label << ": " << st.ToString();
  auto read = ReadParquet(path);
  ASSERT_TRUE(read.ok()) << label << ": " << read.status().ToString();
  EXPECT_TRUE(SameRows(batches, read->batches)) << label;
  std::filesystem::remove(path);
}

TEST(ParquetWriter, FlatAndNestedEveryCodecPageVersionAndDictionaryMode) {
  auto flat = Batches(testdata::FlatSchema(), 2, 700, 11);
  auto nested = Batches(testdata::NestedSchema(), 2, 500, 21);
  for (const auto& mode : testdata::EveryWriteMode()) {
    RoundTrip(flat, mode.options, "flat-" + mode.label);
    RoundTrip(nested, mode.options, "nested-" + mode.label);
  }
}

TEST(ParquetWriter, ExplicitEncodingsPerColumn) {
  auto flat = Batches(testdata::FlatSchema(), 2, 600, 31);
  auto nested = Batches(testdata::NestedSchema(), 1, 400, 41);
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"DELTA_BINARY_PACKED",
       {"i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "dec5", "dec15", "date", "t_s",
        "t_ms", "t_us", "t_ns", "ts_s", "ts_ns", "ts_ms_utc", "req_i64"}},
      {"DELTA_LENGTH_BYTE_ARRAY", {"s", "ls", "bin", "req_s"}},
      {"DELTA_BYTE_ARRAY", {"s", "ls", "bin", "req_s"}},
      {"BYTE_STREAM_SPLIT", {"f32", "f64", "i32", "i64", "dec30", "dec38", "u64", "ts_us"}},
      {"PLAIN", {"b", "s", "f64", "dec38"}},
  };
  for (const auto& [encoding, columns] : cases) {
    for (bool v2 : {false, true}) {
      for (bool dictionary : {false, true}) {
        ParquetWriteOptions o;
        o.codec = BlockCodec::kZstd;
        o.data_page_v2 = v2;
        o.dictionary = dictionary;
        o.dictionary_page_bytes = 512;  // dictionary falls back to the explicit encoding
        o.page_bytes = 2048;
        for (const auto& c : columns) o.column_encodings.emplace_back(c, encoding);
        std::string label = fmt::format("{}-{}-{}", encoding, v2, dictionary);
        RoundTrip(flat, o, "flat-" + label);
        ParquetWriteOptions on = o;
        on.column_encodings.clear();
        for (const char* c : {"l_i", "st", "m", "l_st", "l_l", "m_l", "st_req"}) {
          on.column_encodings.emplace_back(c, encoding);
        }
        RoundTrip(nested, on, "nested-" + label);
      }
    }
  }
}

TEST(ParquetWriter, EncodingThatDoesNotApplyIsRejected) {
  auto schema = testdata::FlatSchema();
  ParquetWriteOptions o;
  o.column_encodings = {{"s", "BYTE_STREAM_SPLIT"}};
  auto out = OpenLocalOutput(TempPath("bad-encoding"));
  ASSERT_TRUE(out.ok());
  auto w = OpenParquetWriter(std::move(*out), schema, o);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(w.status().message().find("'s'"), std::string::npos) << w.status().ToString();

  o.column_encodings = {{"nope", "PLAIN"}};
  auto w2 = OpenParquetWriter(std::move(*OpenLocalOutput(TempPath("bad-col"))), schema, o);
  ASSERT_FALSE(w2.ok());
  EXPECT_NE(w2.status().message().find("'nope'"), std::string::npos);

  o.column_encodings = {{"s", "RLE_SOMETHING"}};
  auto w3 = OpenParquetWriter(std::move(*OpenLocalOutput(TempPath("bad-name"))), schema, o);
  ASSERT_FALSE(w3.ok());
  EXPECT_EQ(w3.status().code(), StatusCode::kInvalidArgument);
}

TEST(ParquetWriter, PageIndexAndCrcFilesReadBack) {
  auto flat = Batches(testdata::FlatSchema(), 2, 800, 51);
  auto nested = Batches(testdata::NestedSchema(), 2, 400, 61);
  for (bool v2 : {false, true}) {
    ParquetWriteOptions o;
    o.page_index = true;
    o.page_crc = true;
    o.data_page_v2 = v2;
    o.page_bytes = 1024;
    o.row_group_rows = 500;
    RoundTrip(flat, o, "flat-index");
    RoundTrip(nested, o, "nested-index");

    std::string path = TempPath("index-meta");
    ASSERT_TRUE(WriteParquet(path, nested, o).ok());
    auto md = testdata::ReadFooter(path);
    ASSERT_TRUE(md.ok()) << md.status().ToString();
    ASSERT_EQ(md->row_groups.size(), 2u);
    for (const RowGroup& rg : md->row_groups) {
      for (const ColumnChunk& cc : rg.columns) {
        ASSERT_TRUE(cc.offset_index_offset.has_value());
        ASSERT_TRUE(cc.offset_index_length.has_value());
      }
    }
  }
}

TEST(ParquetWriter, RowGroupsRollAtRowsAndBytes) {
  auto schema = testdata::FlatSchema();
  auto batches = Batches(schema, 3, 1000, 71);
  ParquetWriteOptions o;
  o.row_group_rows = 700;
  std::string path = TempPath("rows");
  ASSERT_TRUE(WriteParquet(path, batches, o).ok());
  auto md = testdata::ReadFooter(path);
  ASSERT_TRUE(md.ok());
  ASSERT_EQ(md->row_groups.size(), 5u);  // 3000 rows / 700
  for (size_t i = 0; i < 4; ++i) EXPECT_EQ(md->row_groups[i].num_rows, 700);
  EXPECT_EQ(md->row_groups[4].num_rows, 200);
  EXPECT_EQ(md->num_rows, 3000);
  auto read = ReadParquet(path);
  ASSERT_TRUE(read.ok());
  EXPECT_TRUE(SameRows(batches, read->batches));

  // Bytes: batches of 100 rows, a row group closes once its buffered values pass 64 KiB.
  std::vector<std::shared_ptr<RecordBatch>> small;
  for (int i = 0; i < 30; ++i) small.push_back(testdata::RandomBatch(schema, 100, 100 + i));
  ParquetWriteOptions ob;
  ob.row_group_bytes = 64 << 10;
  std::string bpath = TempPath("bytes");
  ASSERT_TRUE(WriteParquet(bpath, small, ob).ok());
  auto bmd = testdata::ReadFooter(bpath);
  ASSERT_TRUE(bmd.ok());
  EXPECT_GT(bmd->row_groups.size(), 2u);
  EXPECT_LT(bmd->row_groups.size(), 30u);
  for (size_t i = 0; i + 1 < bmd->row_groups.size(); ++i) {
    EXPECT_EQ(bmd->row_groups[i].num_rows % 100, 0);
  }
  auto bread = ReadParquet(bpath);
  ASSERT_TRUE(bread.ok());
  EXPECT_TRUE(SameRows(small, bread->batches));
}

TEST(ParquetWriter, DictionaryFallsBackWhenFull) {
  auto schema = columnar::MakeSchema(
      {columnar::Field("s", columnar::String()), columnar::Field("i", columnar::Int64())});
  auto batch = testdata::RandomBatch(schema, 5000, 81, 0.0);
  ParquetWriteOptions o;
  o.dictionary_page_bytes = 2000;
  o.page_bytes = 1000;
  o.column_encodings = {{"s", "DELTA_BYTE_ARRAY"}};
  std::string path = TempPath("fallback");
  ASSERT_TRUE(WriteParquet(path, {batch}, o).ok());
  auto md = testdata::ReadFooter(path);
  ASSERT_TRUE(md.ok());
  const ColumnMetaData& s = *md->row_groups[0].columns[0].meta_data;
  auto has = [](const ColumnMetaData& m, Encoding e) {
    return std::find(m.encodings.begin(), m.encodings.end(), e) != m.encodings.end();
  };
  EXPECT_TRUE(has(s, Encoding::kRleDictionary));
  EXPECT_TRUE(has(s, Encoding::kDeltaByteArray));
  EXPECT_TRUE(s.dictionary_page_offset.has_value());
  const ColumnMetaData& i = *md->row_groups[0].columns[1].meta_data;
  EXPECT_TRUE(has(i, Encoding::kRleDictionary));
  EXPECT_TRUE(has(i, Encoding::kPlain));
  auto read = ReadParquet(path);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_TRUE(SameRows({batch}, read->batches));

  // A small dictionary never falls back.
  o.column_encodings.clear();
  auto few = columnar::MakeSchema({columnar::Field("i", columnar::Int8())});
  std::string fpath = TempPath("no-fallback");
  ASSERT_TRUE(WriteParquet(fpath, {testdata::RandomBatch(few, 5000, 82, 0.0)}, o).ok());
  auto fmd = testdata::ReadFooter(fpath);
  ASSERT_TRUE(fmd.ok());
  const ColumnMetaData& fi = *fmd->row_groups[0].columns[0].meta_data;
  EXPECT_EQ(fi.encodings,
            (std::vector<Encoding>{Encoding::kPlain, Encoding::kRleDictionary, Encoding::kRle}));
  ASSERT_EQ(fi.encoding_stats.size(), 2u);
  EXPECT_EQ(fi.encoding_stats[1].encoding, Encoding::kRleDictionary);
}

TEST(ParquetWriter, MetadataFields) {
  auto schema = testdata::FlatSchema();
  ParquetWriteOptions o;
  o.key_value_metadata = {{"origin", "test"}};
  o.created_by = "s3c test";
  std::string path = TempPath("meta");
  ASSERT_TRUE(WriteParquet(path, {testdata::RandomBatch(schema, 10, 1)}, o).ok());
  auto md = testdata::ReadFooter(path);
  ASSERT_TRUE(md.ok());
  EXPECT_EQ(md->created_by, "s3c test");
  ASSERT_EQ(md->key_value_metadata.size(), 1u);
  EXPECT_EQ(md->key_value_metadata[0].key, "origin");
  EXPECT_EQ(md->column_orders_type_defined, std::vector<bool>(33, true));
  EXPECT_EQ(md->schema.size(), 34u);
  auto read = ReadParquet(path);
  ASSERT_TRUE(read.ok());
}

TEST(ParquetWriter, EmptyFileHasNoRowGroups) {
  auto schema = testdata::NestedSchema();
  std::string path = TempPath("empty");
  auto out = OpenLocalOutput(path);
  ASSERT_TRUE(out.ok());
  auto w = OpenParquetWriter(std::move(*out), schema, {});
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE((*w)->Close().ok());
  auto md = testdata::ReadFooter(path);
  ASSERT_TRUE(md.ok());
  EXPECT_EQ(md->num_rows, 0);
  EXPECT_TRUE(md->row_groups.empty());
  auto read = ReadParquet(path);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_TRUE(read->batches.empty() || read->batches[0]->num_rows() == 0);
}

TEST(ParquetWriter, ComparisonDetectsDifferentRows) {
  for (const auto& schema : {testdata::FlatSchema(), testdata::NestedSchema()}) {
    std::string path = TempPath("differs");
    auto a = testdata::RandomBatch(schema, 200, 1);
    ASSERT_TRUE(WriteParquet(path, {a}, {}).ok());
    auto read = ReadParquet(path);
    ASSERT_TRUE(read.ok());
    EXPECT_TRUE(SameRows({a}, read->batches));
    EXPECT_FALSE(SameRows({testdata::RandomBatch(schema, 200, 2)}, read->batches));
    EXPECT_FALSE(SameRows({a->Slice(1)}, read->batches));
  }
}

TEST(ParquetWriter, SlicedBatchesWriteTheirWindowOnly) {
  auto schema = testdata::NestedSchema();
  auto batch = testdata::RandomBatch(schema, 300, 91);
  std::vector<std::shared_ptr<RecordBatch>> slices = {batch->Slice(17, 100), batch->Slice(250)};
  for (bool v2 : {false, true}) {
    ParquetWriteOptions o;
    o.data_page_v2 = v2;
    RoundTrip(slices, o, "slices");
  }
}

}  // namespace
}  // namespace s3c::formats::parquet
