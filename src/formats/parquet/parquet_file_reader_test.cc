#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_reader_state.h"
#include "formats/parquet/parquet_reader_test_util.h"
#include "formats/parquet/statistics_decoder.h"
#include "s3c/columnar/array_primitive.h"
#include "s3c/formats/parquet/parquet_reader.h"
#include "support/corpus.h"

namespace s3c::formats::parquet {
namespace {

Result<std::unique_ptr<ParquetFileReader>> OpenBytes(std::shared_ptr<MemFile> file,
                                                     ParquetReadOptions options = {}) {
  if (options.object_name.empty()) options.object_name = "mem://t/file.parquet";
  return ParquetFileReader::Open(std::move(file), std::move(options));
}

Result<std::vector<std::shared_ptr<columnar::RecordBatch>>> ReadAll(ParquetFileReader& reader,
                                                                    BatchReader** out = nullptr) {
  S3C_ASSIGN_OR_RETURN(auto batches, reader.ReadBatches());
  std::vector<std::shared_ptr<columnar::RecordBatch>> all;
  for (;;) {
    S3C_ASSIGN_OR_RETURN(auto b, batches->Next());
    if (b == nullptr) break;
    all.push_back(b);
  }
  EXPECT_EQ(batches->rows_read(), [&] {
    int64_t n = 0;
    for (auto& b : all) n += b->num_rows();
    return n;
  }());
  (void)out;
  return all;
}

void ExpectError(const Status& st, StatusCode code, const std::string& needle) {
  EXPECT_EQ(st.code(), code) << st.ToString();
  EXPECT_NE(st.message().find(needle), std::string::npos) << st.ToString();
}

TEST(ParquetFooterTest, FileShorterThanTwelveBytes) {
  auto r = OpenBytes(std::make_shared<MemFile>("PAR1PAR1"));
  ASSERT_FALSE(r.ok());
  ExpectError(r.status(), StatusCode::kInvalidArgument, "mem://t/file.parquet");
  ExpectError(r.status(), StatusCode::kInvalidArgument, "8 bytes");
}

TEST(ParquetFooterTest, BadMagicNamesTheObject) {
  std::string bytes = "PAR1 some text that is not parquet";
  bytes += std::string("\x04\0\0\0", 4) + "PAR2";
  auto file = std::make_shared<MemFile>(bytes);
  auto r = OpenBytes(file);
  ASSERT_FALSE(r.ok());
  ExpectError(r.status(), StatusCode::kInvalidArgument, "mem://t/file.parquet");
  EXPECT_EQ(file->reads.size(), 1u);
}

TEST(ParquetFooterTest, MetadataLengthBeyondTheFile) {
  std::string bytes = "PAR1xxxxxxxxxxxx";
  const uint32_t len = 1000;
  bytes.append(reinterpret_cast<const char*>(&len), 4);
  bytes += "PAR1";
  auto r = OpenBytes(std::make_shared<MemFile>(bytes));
  ASSERT_FALSE(r.ok());
  ExpectError(r.status(), StatusCode::kDataLoss, "mem://t/file.parquet");
  ExpectError(r.status(), StatusCode::kDataLoss, "metadata length 1000");
}

TEST(ParquetFooterTest, OneReadWhenTheGuessHoldsTheMetadata) {
  S3C_LOAD_CORPUS(bytes, "alltypes_plain.parquet");
  auto file = std::make_shared<MemFile>(bytes);
  ParquetReadOptions options;
  options.footer_guess = MetadataLength(bytes) + 8;  // exactly enough
  options.whole_object_bytes = 0;                    // else this small file is read whole
  auto r = OpenBytes(file, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(file->reads.size(), 1u);
  EXPECT_EQ(file->reads[0].first, bytes.size() - options.footer_guess);
  EXPECT_EQ(file->reads[0].second, options.footer_guess);
  EXPECT_EQ((*r)->stats().reads, 1);
  EXPECT_EQ((*r)->stats().bytes_read, static_cast<int64_t>(options.footer_guess));
}

TEST(ParquetFooterTest, GuessLargerThanTheFileReadsTheWholeFileOnce) {
  S3C_LOAD_CORPUS(bytes, "alltypes_plain.parquet");
  auto file = std::make_shared<MemFile>(bytes);
  ParquetReadOptions options;
  options.whole_object_bytes = 0;  // the guess alone: 64 KiB > 1851 bytes
  auto r = OpenBytes(file, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(file->reads.size(), 1u);
  EXPECT_EQ(file->reads[0], (std::pair<uint64_t, size_t>{0, bytes.size()}));
  // The column chunks come from the bytes that read brought.
  auto all = ReadAll(**r);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(file->reads.size(), 1u);
  EXPECT_EQ((*r)->stats().reads, 1);
  EXPECT_EQ((*r)->num_rows(), 8);
}

// whole_object_bytes: a file of at most that size is one read whatever the guess, and the
// plan of a whole read counts no further read; one byte over it, the guess and the chunks.
TEST(ParquetFooterTest, AFileOfAtMostWholeObjectBytesIsOneRead) {
  S3C_LOAD_CORPUS(bytes, "alltypes_plain.parquet");
  for (uint64_t whole : {uint64_t{bytes.size()}, uint64_t{bytes.size() - 1}}) {
    SCOPED_TRACE(whole);
    auto file = std::make_shared<MemFile>(bytes);
    ParquetReadOptions options;
    options.footer_guess = MetadataLength(bytes) + 8;
    options.whole_object_bytes = whole;
    options.columns = {"id", "string_col"};
    auto r = OpenBytes(file, options);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    const bool read_whole = whole >= bytes.size();
    ASSERT_EQ(file->reads.size(), 1u);
    EXPECT_EQ(file->reads[0].second, read_whole ? bytes.size() : options.footer_guess);
    auto plan = (*r)->PlanWholeRead(false);
    ASSERT_TRUE(plan.ok());
    auto all = ReadAll(**r);
    ASSERT_TRUE(all.ok()) << all.status().ToString();
    const int64_t data_reads = static_cast<int64_t>(file->reads.size()) - 1;
    EXPECT_EQ(data_reads, read_whole ? 0 : 1);  // one row group, its two chunks merged
    EXPECT_EQ(plan->reads, data_reads);
    EXPECT_EQ((*r)->stats().reads, 1 + data_reads);
    ASSERT_EQ(all->size(), 1u);
    EXPECT_EQ((*all)[0]->num_rows(), 8);
  }
}

// working_bytes: the footer read's bytes, twice the largest projected compressed row group and
// once the largest projected uncompressed one, from the metadata; the whole file when it was
// read whole.
TEST(ParquetFooterTest, WorkingBytesAreTheFooterReadAndTwoRowGroupsOfProjectedChunks) {
  S3C_LOAD_CORPUS(bytes, "alltypes_plain.parquet");
  const uint32_t length = MetadataLength(bytes);
  auto md = DecodeFileMetaData(std::string_view(bytes).substr(bytes.size() - 8 - length, length),
                               "alltypes_plain");
  ASSERT_TRUE(md.ok()) << md.status().ToString();
  ASSERT_EQ(md->row_groups.size(), 1u);
  const auto& columns = md->row_groups[0].columns;
  // Leaves 0 (id) and 9 (string_col) of this file's flat schema.
  const uint64_t compressed = static_cast<uint64_t>(columns[0].meta_data->total_compressed_size +
                                                    columns[9].meta_data->total_compressed_size);
  const uint64_t uncompressed =
      static_cast<uint64_t>(columns[0].meta_data->total_uncompressed_size +
                            columns[9].meta_data->total_uncompressed_size);
  ParquetReadOptions options;
  options.columns = {"id", "string_col"};
  options.footer_guess = length + 8;
  options.whole_object_bytes = 0;
  auto footer_only = OpenBytes(std::make_shared<MemFile>(bytes), options);
  ASSERT_TRUE(footer_only.ok()) << footer_only.status().ToString();
  EXPECT_EQ((*footer_only)->working_bytes(), length + 8 + 2 * compressed + uncompressed);
  options.whole_object_bytes = 1 << 20;
  auto whole = OpenBytes(std::make_shared<MemFile>(bytes), options);
  ASSERT_TRUE(whole.ok()) << whole.status().ToString();
  EXPECT_EQ((*whole)->working_bytes(), bytes.size() + 2 * compressed + uncompressed);
}

TEST(ParquetFooterTest, SecondReadFetchesExactlyTheMissingPart) {
  S3C_LOAD_CORPUS(bytes, "alltypes_plain.parquet");
  const uint32_t len = MetadataLength(bytes);
  auto file = std::make_shared<MemFile>(bytes);
  ParquetReadOptions options;
  options.footer_guess = 100;
  options.whole_object_bytes = 0;
  auto r = OpenBytes(file, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(file->reads.size(), 2u);
  EXPECT_EQ(file->reads[0], (std::pair<uint64_t, size_t>{bytes.size() - 100, 100}));
  EXPECT_EQ(file->reads[1], (std::pair<uint64_t, size_t>{bytes.size() - 8 - len, len + 8 - 100}));
  EXPECT_EQ((*r)->num_rows(), 8);
}

TEST(ParquetFooterTest, EncryptedFilesAreRejected) {
  for (const char* name : {"uniform_encryption.parquet.encrypted",
                           "encrypt_columns_plaintext_footer.parquet.encrypted"}) {
    S3C_LOAD_CORPUS(bytes, name);
    auto r = OpenBytes(std::make_shared<MemFile>(bytes));
    ASSERT_FALSE(r.ok()) << name;
    ExpectError(r.status(), StatusCode::kInvalidArgument, "encrypted Parquet is not supported");
    ExpectError(r.status(), StatusCode::kInvalidArgument, "mem://t/file.parquet");
  }
}

TEST(ParquetFooterTest, ChunkInAnotherFileIsUnimplemented) {
  S3C_LOAD_CORPUS(bytes, "alltypes_plain.parquet");
  FileMetaData md = DecodeFooter(bytes);
  ASSERT_FALSE(md.row_groups.empty());
  md.row_groups[0].columns[1].file_path = "other.parquet";
  auto r = OpenBytes(std::make_shared<MemFile>(WithFooter(bytes, md)));
  ASSERT_FALSE(r.ok());
  ExpectError(r.status(), StatusCode::kUnimplemented, "other.parquet");
}

TEST(ParquetFooterTest, ChunkBeyondTheFileIsDataLossWithoutARead) {
  S3C_LOAD_CORPUS(bytes, "alltypes_plain.parquet");
  FileMetaData md = DecodeFooter(bytes);
  md.row_groups[0].columns[0].meta_data->total_compressed_size = int64_t{1} << 40;
  auto file = std::make_shared<MemFile>(WithFooter(bytes, md));
  ParquetReadOptions options;
  options.columns = {"id"};
  auto r = OpenBytes(file, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const size_t reads_after_open = file->reads.size();
  auto batch = (*r)->ReadRowGroup(0);
  ASSERT_FALSE(batch.ok());
  ExpectError(batch.status(), StatusCode::kDataLoss, "column id of row group 0");
  EXPECT_EQ(file->reads.size(), reads_after_open);
}

TEST(ParquetProjectionTest, SelectsColumnsInTheGivenOrder) {
  S3C_LOAD_CORPUS(bytes, "alltypes_plain.parquet");
  auto file = std::make_shared<MemFile>(bytes);
  ParquetReadOptions options;
  options.columns = {"bool_col", "id"};
  auto r = OpenBytes(file, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ((*r)->schema()->num_fields(), 2);
  EXPECT_EQ((*r)->schema()->field(0).name(), "bool_col");
  EXPECT_EQ((*r)->schema()->field(1).name(), "id");
  EXPECT_EQ((*r)->file_schema()->num_fields(), 11);
  auto all = ReadAll(**r);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 1u);
  const auto& ids = static_cast<const columnar::Int32Array&>(*(*all)[0]->column(1));
  EXPECT_EQ((*all)[0]->num_rows(), 8);
  EXPECT_EQ(ids.Value(0), 4);  // alltypes_plain stores ids 4 5 6 7 2 3 0 1
  EXPECT_EQ(ids.Value(7), 1);
}

TEST(ParquetProjectionTest, UnknownColumnListsTheAvailableOnes) {
  S3C_LOAD_CORPUS(bytes, "alltypes_plain.parquet");
  ParquetReadOptions options;
  options.columns = {"id", "nope"};
  auto r = OpenBytes(std::make_shared<MemFile>(bytes), options);
  ASSERT_FALSE(r.ok());
  ExpectError(r.status(), StatusCode::kInvalidArgument, "'nope'");
  ExpectError(r.status(), StatusCode::kInvalidArgument, "id, bool_col, tinyint_col");
  options.columns = {"id", "id"};
  r = OpenBytes(std::make_shared<MemFile>(bytes), options);
  ASSERT_FALSE(r.ok());
  ExpectError(r.status(), StatusCode::kInvalidArgument, "twice");
}

// alltypes_plain with its one row group listed three times (all pointing at the same chunks),
// the id column's statistics set per copy: copy k holds ids [10k, 10k + 7].
std::string ThreeRowGroups(const std::string& bytes, bool type_order) {
  FileMetaData md = DecodeFooter(bytes);
  RowGroup rg = md.row_groups[0];
  md.row_groups.clear();
  for (int k = 0; k < 3; ++k) {
    RowGroup copy = rg;
    Statistics s;
    int32_t lo = 10 * k, hi = 10 * k + 7;
    std::string lo_bytes(reinterpret_cast<const char*>(&lo), 4);
    std::string hi_bytes(reinterpret_cast<const char*>(&hi), 4);
    if (type_order) {
      s.min_value = lo_bytes;
      s.max_value = hi_bytes;
    } else {
      s.min = lo_bytes;
      s.max = hi_bytes;
    }
    copy.columns[0].meta_data->statistics = s;
    md.row_groups.push_back(copy);
  }
  md.num_rows = 24;
  md.column_orders_type_defined.assign(type_order ? 11 : 0, true);
  return WithFooter(bytes, md);
}

class IdAtLeast : public RowGroupPredicate {
 public:
  explicit IdAtLeast(int64_t v) : v_(v) {}
  bool MayMatch(const std::vector<ColumnStatistics>& stats, int64_t num_rows) const override {
    EXPECT_EQ(num_rows, 8);
    EXPECT_EQ(stats.size(), 11u);
    EXPECT_EQ(stats[0].path, std::vector<std::string>{"id"});
    const auto* max = std::get_if<int64_t>(&stats[0].max);
    return max == nullptr || *max >= v_;
  }

 private:
  int64_t v_;
};

TEST(ParquetBatchesTest, SlicesRowGroupsIntoBatches) {
  S3C_LOAD_CORPUS(bytes, "alltypes_plain.parquet");
  ParquetReadOptions options;
  options.batch_rows = 3;
  options.columns = {"id"};
  auto r = OpenBytes(std::make_shared<MemFile>(ThreeRowGroups(bytes, true)), options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)->num_row_groups(), 3);
  auto all = ReadAll(**r);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  std::vector<int64_t> sizes;
  for (auto& b : *all) sizes.push_back(b->num_rows());
  EXPECT_EQ(sizes, (std::vector<int64_t>{3, 3, 2, 3, 3, 2, 3, 3, 2}));
  const auto& last = static_cast<const columnar::Int32Array&>(*all->back()->column(0));
  EXPECT_EQ(last.Value(1), 1);  // rows 7 and 8 of the copy: ids 0, 1
}

TEST(ParquetBatchesTest, PredicateSkipsRowGroupsAndTheirReads) {
  S3C_LOAD_CORPUS(bytes, "alltypes_plain.parquet");
  for (bool type_order : {true, false}) {
    auto file = std::make_shared<MemFile>(ThreeRowGroups(bytes, type_order));
    ParquetReadOptions options;
    options.columns = {"id"};
    options.predicate = std::make_shared<IdAtLeast>(15);  // skips copy 0 ([0, 7])
    options.footer_guess = 8;  // the open holds no chunk: each kept one is a read
    options.whole_object_bytes = 0;
    auto r = OpenBytes(file, options);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    const size_t footer_reads = file->reads.size();
    auto all = ReadAll(**r);
    ASSERT_TRUE(all.ok()) << all.status().ToString();
    EXPECT_EQ(all->size(), 2u);
    EXPECT_EQ((*r)->stats().row_groups_total, 3);
    EXPECT_EQ((*r)->stats().row_groups_skipped, 1);
    // One read per kept row group (one projected chunk each).
    EXPECT_EQ(file->reads.size() - footer_reads, 2u) << type_order;
  }
}

TEST(ParquetBatchesTest, ReadRowGroupIgnoresThePredicateAndChecksTheIndex) {
  S3C_LOAD_CORPUS(bytes, "alltypes_plain.parquet");
  ParquetReadOptions options;
  options.predicate = std::make_shared<IdAtLeast>(1000);
  auto r = OpenBytes(std::make_shared<MemFile>(ThreeRowGroups(bytes, true)), options);
  ASSERT_TRUE(r.ok());
  auto rg = (*r)->ReadRowGroup(2);
  ASSERT_TRUE(rg.ok()) << rg.status().ToString();
  EXPECT_EQ((*rg)->num_rows(), 8);
  EXPECT_EQ((*rg)->num_columns(), 11);
  auto bad = (*r)->ReadRowGroup(3);
  ExpectError(bad.status(), StatusCode::kOutOfRange, "row group 3");
  auto all = ReadAll(**r);
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE(all->empty());
  EXPECT_EQ((*r)->stats().row_groups_skipped, 3);
}

TEST(ParquetDescribeTest, ListsTypesRowGroupsAndChunks) {
  S3C_LOAD_CORPUS(bytes, "alltypes_plain.snappy.parquet");
  auto r = OpenBytes(std::make_shared<MemFile>(bytes));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const std::string text = (*r)->Describe();
  EXPECT_NE(text.find("id: INT32 -> int32"), std::string::npos) << text;
  EXPECT_NE(text.find("timestamp_col: INT96"), std::string::npos) << text;
  EXPECT_NE(text.find("row group 0: 2 rows"), std::string::npos) << text;
  EXPECT_NE(text.find("SNAPPY, encodings"), std::string::npos) << text;
  EXPECT_NE(text.find("bytes compressed"), std::string::npos) << text;
}

// ---- statistics ----

LeafColumn Leaf(PhysicalType pt, columnar::DataType type) {
  LeafColumn leaf;
  leaf.path = {"c"};
  leaf.physical_type = pt;
  leaf.type = std::move(type);
  return leaf;
}

ColumnChunk ChunkWithStats(Statistics s) {
  ColumnChunk c;
  c.meta_data = ColumnMetaData{};
  c.meta_data->num_values = 10;
  c.meta_data->statistics = std::move(s);
  return c;
}

std::string Le32(uint32_t v) { return std::string(reinterpret_cast<const char*>(&v), 4); }

TEST(StatisticsDecoderTest, PrefersMinValueMaxValueUnderTypeOrder) {
  Statistics s;
  s.min = Le32(1);
  s.max = Le32(2);
  s.min_value = Le32(static_cast<uint32_t>(-5));
  s.max_value = Le32(7);
  s.null_count = 3;
  auto stats = DecodeColumnStatistics(Leaf(PhysicalType::kInt32, columnar::Int32()),
                                      ChunkWithStats(s), true);
  EXPECT_EQ(std::get<int64_t>(stats.min), -5);
  EXPECT_EQ(std::get<int64_t>(stats.max), 7);
  EXPECT_EQ(stats.null_count, 3);
  EXPECT_EQ(stats.num_values, 10);
  // Without column_orders the new fields have no defined meaning: the old ones are used.
  stats = DecodeColumnStatistics(Leaf(PhysicalType::kInt32, columnar::Int32()), ChunkWithStats(s),
                                 false);
  EXPECT_EQ(std::get<int64_t>(stats.min), 1);
}

TEST(StatisticsDecoderTest, DeprecatedMinMaxOnlyWhereSignedOrderIsRight) {
  Statistics s;
  s.min = "abc";
  s.max = "\xc3\xa9";
  auto str = DecodeColumnStatistics(Leaf(PhysicalType::kByteArray, columnar::String()),
                                    ChunkWithStats(s), false);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(str.min));
  Statistics u;
  u.min = Le32(0);
  u.max = Le32(0xffffffffu);
  auto uns = DecodeColumnStatistics(Leaf(PhysicalType::kInt32, columnar::UInt32()),
                                    ChunkWithStats(u), false);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(uns.max));
  u.min_value = u.min;
  u.max_value = u.max;
  uns = DecodeColumnStatistics(Leaf(PhysicalType::kInt32, columnar::UInt32()), ChunkWithStats(u),
                               true);
  EXPECT_EQ(std::get<uint64_t>(uns.max), 0xffffffffu);
  s.min_value = s.min;
  s.max_value = s.max;
  str = DecodeColumnStatistics(Leaf(PhysicalType::kByteArray, columnar::String()),
                               ChunkWithStats(s), true);
  EXPECT_EQ(std::get<std::string>(str.max), "\xc3\xa9");
}

TEST(StatisticsDecoderTest, NanDropsBoundsAndZerosAreWidened) {
  Statistics s;
  double nan = std::nan(""), one = 1.0, zero = 0.0;
  s.min_value = std::string(reinterpret_cast<const char*>(&nan), 8);
  s.max_value = std::string(reinterpret_cast<const char*>(&one), 8);
  auto st = DecodeColumnStatistics(Leaf(PhysicalType::kDouble, columnar::Float64()),
                                   ChunkWithStats(s), true);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(st.min));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(st.max));
  s.min_value = std::string(reinterpret_cast<const char*>(&zero), 8);
  st = DecodeColumnStatistics(Leaf(PhysicalType::kDouble, columnar::Float64()), ChunkWithStats(s),
                              true);
  EXPECT_TRUE(std::signbit(std::get<double>(st.min)));
}

TEST(StatisticsDecoderTest, DecimalsAndTimestamps) {
  LeafColumn dec = Leaf(PhysicalType::kFixedLenByteArray, columnar::Decimal128(9, 2));
  EXPECT_EQ(std::get<int64_t>(DecodeStatBound(dec, std::string("\xff\xfe", 2))), -2);
  EXPECT_EQ(std::get<int64_t>(DecodeStatBound(dec, std::string("\x01\x00", 2))), 256);
  LeafColumn wide = Leaf(PhysicalType::kFixedLenByteArray, columnar::Decimal128(30, 2));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(DecodeStatBound(wide, "\x01")));
  LeafColumn ts = Leaf(PhysicalType::kInt64, columnar::Timestamp(columnar::TimeUnit::kMicro));
  ts.element.logical_type = LogicalType{};
  ts.element.logical_type->kind = LogicalType::Kind::kTimestamp;
  ts.element.logical_type->unit = TimeUnitKind::kMillis;
  int64_t ms = 1500;
  EXPECT_EQ(std::get<int64_t>(DecodeStatBound(ts, std::string(reinterpret_cast<char*>(&ms), 8))),
            1500000);
  LeafColumn int96 = Leaf(PhysicalType::kInt96, columnar::Timestamp(columnar::TimeUnit::kMicro));
  EXPECT_TRUE(
      std::holds_alternative<std::monostate>(DecodeStatBound(int96, std::string(12, '\0'))));
  LeafColumn half = Leaf(PhysicalType::kFixedLenByteArray, columnar::Float32());
  half.element.logical_type = LogicalType{};
  half.element.logical_type->kind = LogicalType::Kind::kFloat16;
  EXPECT_EQ(std::get<double>(DecodeStatBound(half, std::string("\x00\x3c", 2))), 1.0);
  EXPECT_EQ(std::get<double>(DecodeStatBound(half, std::string("\x00\xc0", 2))), -2.0);
}

TEST(ParquetReaderStateTest, Parquet816PaddingOnlyForOldParquetMr) {
  EXPECT_TRUE(NeedsDictionaryHeaderPadding("parquet-mr version 1.2.8"));
  EXPECT_TRUE(NeedsDictionaryHeaderPadding("parquet-mr version 1.1.0 (build abc)"));
  EXPECT_TRUE(NeedsDictionaryHeaderPadding("parquet-mr"));  // nation.dict-malformed.parquet
  EXPECT_FALSE(NeedsDictionaryHeaderPadding("parquet-mr version 1.2.9"));
  EXPECT_FALSE(NeedsDictionaryHeaderPadding("parquet-mr version 1.10.0 (build x)"));
  EXPECT_FALSE(NeedsDictionaryHeaderPadding("parquet-cpp version 1.0.0"));
  EXPECT_FALSE(NeedsDictionaryHeaderPadding(std::nullopt));
}

}  // namespace
}  // namespace s3c::formats::parquet
