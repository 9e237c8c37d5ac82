#include "formats/parquet/column_writer.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include "formats/parquet/column_statistics.h"
#include "formats/parquet/encodings.h"
#include "formats/parquet/writer_test_data.h"
#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/builder_nested.h"
#include "s3c/columnar/builder_primitive.h"

namespace s3c::formats::parquet {
namespace {

using namespace s3c::columnar;  // NOLINT

class StringStream final : public OutputStream {
 public:
  Status Write(const void* d, size_t n) override {
    data.append(static_cast<const char*>(d), n);
    return Status::OK();
  }
  Status Close() override { return Status::OK(); }
  void Abort() override {}
  std::string data;
};

struct Page {
  PageHeader header;
  std::string body;
};

std::vector<Page> SplitPages(const std::string& chunk) {
  std::vector<Page> pages;
  size_t pos = 0;
  while (pos < chunk.size()) {
    size_t header_size = 0;
    auto h = DecodePageHeader(std::string_view(chunk).substr(pos), &header_size, "chunk");
    EXPECT_TRUE(h.ok()) << h.status().ToString();
    if (!h.ok()) break;
    pos += header_size;
    pages.push_back({*h, chunk.substr(pos, static_cast<size_t>(h->compressed_page_size))});
    pos += static_cast<size_t>(h->compressed_page_size);
  }
  return pages;
}

// list<int64> rows with 0..9 elements each.
std::shared_ptr<Array> Lists(int rows) {
  ListBuilder b(List(Int64()));
  auto* items = b.value_builder_as<Int64Builder>();
  for (int r = 0; r < rows; ++r) {
    b.Append();
    for (int j = 0; j < r % 10; ++j) items->Append(r * 100 + j);
  }
  return *b.Finish();
}

Result<std::pair<ChunkResult, std::string>> WriteChunk(const Field& field,
                                                       const std::shared_ptr<Array>& array,
                                                       const ColumnWriterOptions& options) {
  Schema schema({field});
  S3C_ASSIGN_OR_RETURN(ParquetSchemaPlan plan, SchemaToParquet(schema));
  S3C_ASSIGN_OR_RETURN(auto writer, ColumnWriter::Make(plan.leaves[0], options));
  S3C_ASSIGN_OR_RETURN(auto leaves, ShredColumn(field, array));
  S3C_RETURN_IF_ERROR(writer->Append(leaves[0]));
  StringStream out;
  out.data = "PAR1";
  S3C_ASSIGN_OR_RETURN(ChunkResult r, writer->FinishChunk(out, 4));
  return std::make_pair(std::move(r), out.data.substr(4));
}

TEST(ColumnWriter, V2PagesStartAtRecordBoundariesAndCountRows) {
  ColumnWriterOptions o;
  o.data_page_v2 = true;
  o.dictionary = false;
  o.page_bytes = 512;
  o.page_crc = true;
  auto written = WriteChunk(Field("l", List(Int64())), Lists(1000), o);
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  auto& [result, bytes] = *written;
  auto pages = SplitPages(bytes);
  ASSERT_GT(pages.size(), 5u);
  int64_t rows = 0;
  int64_t values = 0;
  for (const Page& p : pages) {
    ASSERT_TRUE(p.header.data_page_header_v2.has_value());
    const DataPageHeaderV2& h = *p.header.data_page_header_v2;
    std::vector<int16_t> reps(static_cast<size_t>(h.num_values));
    ASSERT_TRUE(DecodeLevelsV2(std::string_view(p.body).substr(
                                   0, static_cast<size_t>(h.repetition_levels_byte_length)),
                               1, reps.size(), reps.data())
                    .ok());
    EXPECT_EQ(reps[0], 0);
    int64_t starts = std::count(reps.begin(), reps.end(), 0);
    EXPECT_EQ(starts, h.num_rows);
    rows += h.num_rows;
    values += h.num_values;
    // CRC-32 of the page body as stored.
    uLong crc = crc32(0L, Z_NULL, 0);
    crc =
        crc32(crc, reinterpret_cast<const Bytef*>(p.body.data()), static_cast<uInt>(p.body.size()));
    ASSERT_TRUE(p.header.crc.has_value());
    EXPECT_EQ(static_cast<uint32_t>(*p.header.crc), static_cast<uint32_t>(crc));
  }
  EXPECT_EQ(rows, 1000);
  EXPECT_EQ(values, result.chunk.meta_data->num_values);
  // Offset index: one location per page, first rows ascending from 0.
  ASSERT_EQ(result.offset_index.page_locations.size(), pages.size());
  EXPECT_EQ(result.offset_index.page_locations[0].first_row_index, 0);
  EXPECT_EQ(result.offset_index.page_locations[0].offset, 4);
  for (size_t i = 1; i < pages.size(); ++i) {
    EXPECT_GT(result.offset_index.page_locations[i].first_row_index,
              result.offset_index.page_locations[i - 1].first_row_index);
  }
}

TEST(ColumnWriter, PagesAreCutNearPageBytes) {
  Int64Builder b;
  for (int i = 0; i < 100000; ++i) b.Append(i);
  ColumnWriterOptions o;
  o.dictionary = false;
  o.codec = BlockCodec::kNone;
  o.page_bytes = 64 << 10;
  auto written = WriteChunk(Field("x", Int64(), false), *b.Finish(), o);
  ASSERT_TRUE(written.ok());
  auto pages = SplitPages(written->second);
  // 800000 bytes of PLAIN int64 in pages of ~64 KiB.
  ASSERT_GE(pages.size(), 12u);
  ASSERT_LE(pages.size(), 14u);
  for (size_t i = 0; i + 1 < pages.size(); ++i) {
    EXPECT_GE(pages[i].header.uncompressed_page_size, 64 << 10);
    EXPECT_LT(pages[i].header.uncompressed_page_size, (64 << 10) + 8 * 8192 + 1);
  }
}

TEST(ColumnWriter, DictionaryPageFirstAndPageStatisticsUnsigned) {
  UInt32Builder b;
  for (int i = 0; i < 3000; ++i)
    b.Append(i % 2 == 0 ? 4'000'000'000u : static_cast<uint32_t>(i % 7));
  ColumnWriterOptions o;
  o.page_bytes = 256;
  auto written = WriteChunk(Field("u", UInt32(), false), *b.Finish(), o);
  ASSERT_TRUE(written.ok());
  auto pages = SplitPages(written->second);
  ASSERT_GT(pages.size(), 2u);
  EXPECT_EQ(pages[0].header.type, PageType::kDictionaryPage);
  EXPECT_EQ(pages[0].header.dictionary_page_header->num_values, 8);
  const ColumnMetaData& md = *written->first.chunk.meta_data;
  EXPECT_EQ(md.dictionary_page_offset, 4);
  EXPECT_GT(md.data_page_offset, 4);
  for (size_t i = 1; i < pages.size(); ++i) {
    const auto& h = *pages[i].header.data_page_header;
    EXPECT_EQ(h.encoding, Encoding::kRleDictionary);
    ASSERT_TRUE(h.statistics.has_value());
    uint32_t max = 0;
    std::memcpy(&max, h.statistics->max_value->data(), 4);
    EXPECT_EQ(max, 4'000'000'000u);               // unsigned order: not the smallest
    EXPECT_FALSE(h.statistics->max.has_value());  // no signed legacy bounds
  }
  ASSERT_TRUE(written->first.column_index.has_value());
  EXPECT_EQ(written->first.column_index->min_values.size(), pages.size() - 1);
}

TEST(ColumnStatisticsTest, ShortenedBoundsStayBoundsAndWholeCharacters) {
  const std::string long_ascii(100, 'b');
  EXPECT_EQ(LowerBoundPrefix(long_ascii, 64), std::string(64, 'b'));
  EXPECT_EQ(UpperBoundPrefix(long_ascii, 64), std::string(63, 'b') + "c");
  EXPECT_EQ(LowerBoundPrefix("short", 64), "short");
  EXPECT_EQ(UpperBoundPrefix("short", 64), "short");
  // "é" is 2 bytes: a cut inside it backs off to the character's start.
  std::string e_acute;
  for (int i = 0; i < 40; ++i) e_acute += "\xc3\xa9";
  const std::string mixed = "ab" + e_acute;  // byte 64 falls inside a character
  EXPECT_EQ(LowerBoundPrefix(mixed, 65), mixed.substr(0, 64));
  EXPECT_EQ(LowerBoundPrefix(mixed, 64), mixed.substr(0, 64));
  // The upper bound increments the last ASCII byte below 0x7F: "ac".
  EXPECT_EQ(UpperBoundPrefix(mixed, 64), "ac");
  EXPECT_LT(mixed, UpperBoundPrefix(mixed, 64));
  // Nothing to increment within the limit: the value itself.
  EXPECT_EQ(UpperBoundPrefix(e_acute, 64), e_acute);
  EXPECT_EQ(UpperBoundPrefix(std::string(70, '\x7f'), 64), std::string(70, '\x7f'));
}

// A string column of long values: every page header, the chunk's statistics and the column
// index hold 64-byte bounds (flagged inexact) that still bound the values.
TEST(ColumnWriter, LongStringBoundsAreShortened) {
  StringBuilder b;
  const std::string low = std::string(200, 'a') + "1", high = std::string(200, 'z') + "9";
  for (int i = 0; i < 1000; ++i) b.Append(i % 2 == 0 ? low : high);
  ColumnWriterOptions o;
  o.page_bytes = 4096;
  o.dictionary = false;
  auto written = WriteChunk(Field("s", String(), false), *b.Finish(), o);
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  const Statistics& st = *written->first.chunk.meta_data->statistics;
  EXPECT_EQ(*st.min_value, std::string(64, 'a'));
  EXPECT_EQ(*st.max_value, std::string(63, 'z') + "{");
  EXPECT_EQ(st.is_min_value_exact, false);
  EXPECT_EQ(st.is_max_value_exact, false);
  auto pages = SplitPages(written->second);
  ASSERT_FALSE(pages.empty());
  for (const Page& p : pages) {
    ASSERT_TRUE(p.header.data_page_header->statistics.has_value());
    EXPECT_LE(p.header.data_page_header->statistics->max_value->size(), 64u);
  }
  ASSERT_TRUE(written->first.column_index.has_value());
  for (const std::string& v : written->first.column_index->max_values) {
    EXPECT_EQ(v, std::string(63, 'z') + "{");
  }
  // Short values are written whole and exact.
  StringBuilder s;
  s.Append("x");
  s.Append("y");
  auto short_written = WriteChunk(Field("s", String(), false), *s.Finish(), o);
  ASSERT_TRUE(short_written.ok());
  const Statistics& exact = *short_written->first.chunk.meta_data->statistics;
  EXPECT_EQ(*exact.max_value, "y");
  EXPECT_EQ(exact.is_max_value_exact, true);
}

// memory_bytes counts what a dictionary column really holds, not its PLAIN size: 100,000
// distinct int64 are 800,000 bytes PLAIN, but the chunk keeps each value (8 bytes), its index
// on the page (4) and a share of the hash index (at least 2 slots of 4 bytes). FinishChunk gives
// it back.
TEST(ColumnWriter, MemoryBytesCountsTheDictionaryAndItsIndex) {
  Int64Builder b;
  for (int i = 0; i < 100000; ++i) b.Append(int64_t{i} * 7919);
  Field field("x", Int64(), false);
  Schema schema({field});
  auto plan = SchemaToParquet(schema);
  ASSERT_TRUE(plan.ok());
  ColumnWriterOptions o;
  o.dictionary_page_bytes = 8 << 20;  // stays a dictionary column
  auto writer = ColumnWriter::Make(plan->leaves[0], o);
  ASSERT_TRUE(writer.ok());
  auto leaves = ShredColumn(field, *b.Finish());
  ASSERT_TRUE(leaves.ok());
  ASSERT_TRUE((*writer)->Append((*leaves)[0]).ok());
  EXPECT_EQ((*writer)->buffered_bytes(), 800000);  // PLAIN: the size estimate
  EXPECT_GE((*writer)->memory_bytes(), 100000 * (8 + 4 + 2 * 4));
  StringStream out;
  ASSERT_TRUE((*writer)->FinishChunk(out, 0).ok());
  EXPECT_LT((*writer)->memory_bytes(), 64 << 10);  // the buffers given back
}

}  // namespace
}  // namespace s3c::formats::parquet
