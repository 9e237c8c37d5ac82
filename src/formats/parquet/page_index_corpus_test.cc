// Page-level pruning on parquet-testing files that carry a page index (parquet-mr's
// alltypes_tiny_pages*, int32_with_null_pages). For each predicate the expectation is computed
// here, independently of page_index.cc and row_selection.cc: the index is decoded with the
// metadata decoders, each page judged on its own bounds, the rows kept marked one by one. The
// read must then emit exactly those rows of a read without predicate, skip exactly the pages
// holding none of them, fetch exactly the dictionary pages and kept pages (merge_gap 0), and
// its rows filtered must equal the full read filtered and DuckDB's WHERE.
#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "formats/parquet/page_index_test_expect.h"
#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_reader_test_util.h"
#include "s3c/columnar/array_primitive.h"
#include "s3c/formats/parquet/parquet_reader.h"
#include "support/duckdb_oracle.h"

namespace s3c::formats::parquet {
namespace {

using columnar::RecordBatch;
using page_index_expect::Expect;
using page_index_expect::Expected;
using page_index_expect::IntRanges;
using page_index_expect::LeafIndex;
using page_index_expect::Term;

std::vector<std::shared_ptr<RecordBatch>> ReadBatches(ParquetFileReader& reader) {
  std::vector<std::shared_ptr<RecordBatch>> all;
  auto batches = reader.ReadBatches();
  EXPECT_TRUE(batches.ok()) << batches.status().ToString();
  if (!batches.ok()) return all;
  for (;;) {
    auto b = (*batches)->Next();
    EXPECT_TRUE(b.ok()) << b.status().ToString();
    if (!b.ok() || *b == nullptr) return all;
    all.push_back(std::move(*b));
  }
}

// Canonical rows of `batches`, only those `keep` accepts.
template <typename Keep>
std::vector<std::string> RowsWhere(const std::vector<std::shared_ptr<RecordBatch>>& batches,
                                   Keep keep) {
  std::vector<std::string> out;
  int64_t global = 0;
  for (const auto& b : batches) {
    const std::vector<std::string> rows = testing::CanonicalRows(*b);
    for (int64_t r = 0; r < b->num_rows(); ++r, ++global) {
      if (keep(*b, r, global)) out.push_back(rows[static_cast<size_t>(r)]);
    }
  }
  return out;
}

struct Case {
  const char* file;
  std::vector<std::string> columns;
  std::vector<Term> terms;
  bool expect_skips;
};

class PageIndexCorpusTest : public ::testing::TestWithParam<Case> {};

TEST_P(PageIndexCorpusTest, ReadsOnlyThePagesThatMayMatch) {
  const Case& c = GetParam();
  S3C_LOAD_CORPUS(bytes, c.file);
  const FileMetaData md = DecodeFooter(bytes);
  // parquet-mr writes an OffsetIndex for every chunk, a ColumnIndex where the type has an
  // order (not INT96).
  for (const RowGroup& rg : md.row_groups) {
    for (const ColumnChunk& chunk : rg.columns) {
      ASSERT_TRUE(chunk.offset_index_offset) << c.file << " should carry offset indexes";
    }
    for (const Term& t : c.terms) {
      ASSERT_TRUE(rg.columns[static_cast<size_t>(LeafIndex(md, t.column))].column_index_offset)
          << c.file << " should carry a column index for " << t.column;
    }
  }
  const auto predicate = std::make_shared<IntRanges>(c.terms);
  const Expected expected = Expect(bytes, md, *predicate, c.columns);
  SCOPED_TRACE(std::string(c.file) + " WHERE " + predicate->Sql());

  ParquetReadOptions options;
  options.columns = c.columns;
  options.merge_gap = 0;
  options.batch_rows = 1000;
  options.footer_guess = 8;  // the open holds no index or page: each is a counted read
  options.whole_object_bytes = 0;
  auto full = ParquetFileReader::Open(std::make_shared<MemFile>(bytes), options);
  ASSERT_TRUE(full.ok()) << full.status().ToString();
  const auto all_batches = ReadBatches(**full);
  EXPECT_EQ((*full)->stats().pages_total, 0);  // no predicate: the index is not read

  options.predicate = predicate;
  auto file = std::make_shared<MemFile>(bytes);
  auto pruned = ParquetFileReader::Open(file, options);
  ASSERT_TRUE(pruned.ok()) << pruned.status().ToString();
  const ParquetReadStats at_open = (*pruned)->stats();
  const auto pruned_batches = ReadBatches(**pruned);
  const ParquetReadStats stats = (*pruned)->stats();

  // Exactly the kept rows of the full read, in order.
  std::vector<int64_t> group_start;
  int64_t start = 0;
  for (const RowGroup& rg : md.row_groups) {
    group_start.push_back(start);
    start += rg.num_rows;
  }
  auto kept = [&](int64_t global) {
    size_t g =
        std::upper_bound(group_start.begin(), group_start.end(), global) - group_start.begin() - 1;
    return bool(expected.kept[g][static_cast<size_t>(global - group_start[g])]);
  };
  const auto expected_rows =
      RowsWhere(all_batches, [&](const RecordBatch&, int64_t, int64_t g) { return kept(g); });
  const auto pruned_rows =
      RowsWhere(pruned_batches, [](const RecordBatch&, int64_t, int64_t) { return true; });
  EXPECT_TRUE(testing::RowsEqual(expected_rows, pruned_rows));

  // Filtered, equal to the full read filtered.
  auto filter = [&](const RecordBatch& b, int64_t r, int64_t) { return predicate->Row(b, r); };
  const auto filtered = RowsWhere(pruned_batches, filter);
  EXPECT_TRUE(testing::RowsEqual(RowsWhere(all_batches, filter), filtered));
  EXPECT_FALSE(filtered.empty());

  // Counters and bytes.
  EXPECT_EQ(stats.pages_total, expected.pages_total);
  EXPECT_EQ(stats.pages_skipped, expected.pages_skipped);
  EXPECT_EQ(stats.page_index_bytes, expected.index_bytes);
  if (c.expect_skips) {
    EXPECT_GT(stats.pages_skipped, 0);
  }
  const int64_t data_bytes = stats.bytes_read - at_open.bytes_read - stats.page_index_bytes;
  EXPECT_EQ(data_bytes, expected.data_bytes);
  EXPECT_LE(data_bytes, stats.projected_chunk_bytes - expected.skipped_bytes);
  // One read of the index per row group read, then the runs of kept pages.
  EXPECT_EQ(stats.reads - at_open.reads, expected.index_reads + expected.data_reads);
  EXPECT_EQ(static_cast<int64_t>(file->reads.size()), stats.reads);
  std::cout << "[ pages ] " << c.file << " WHERE " << predicate->Sql() << ": "
            << stats.pages_skipped << " of " << stats.pages_total << " pages skipped, "
            << data_bytes << " page bytes fetched of " << stats.projected_chunk_bytes
            << " projected, " << stats.page_index_bytes << " index bytes" << std::endl;
}

// parquet-mr files: id is INT32, bigint_col INT64, month INT32; alltypes_tiny_pages holds
// 7300 rows in pages of a few rows each.
INSTANTIATE_TEST_SUITE_P(
    Corpus, PageIndexCorpusTest,
    ::testing::Values(
        Case{
            "alltypes_tiny_pages.parquet", {"id", "bigint_col", "month"}, {{"id", 100, 300}}, true},
        Case{"alltypes_tiny_pages_plain.parquet",
             {"id", "bigint_col", "month", "string_col"},
             {{"id", 100, 300}},
             true},
        Case{"alltypes_tiny_pages.parquet",
             {"id", "month", "float_col"},
             {{"id", 3000, 5000}, {"month", 3, 3}},
             true},
        Case{"alltypes_tiny_pages_plain.parquet", {"id", "month"}, {{"month", 2, 3}}, true},
        Case{"alltypes_tiny_pages.parquet", {"id", "bigint_col"}, {{"id", 7000, 8000}}, true},
        Case{"alltypes_tiny_pages.parquet", {"bigint_col", "id"}, {{"bigint_col", 40, 40}}, false},
        // Every value: only the null page (page 2, 100 nulls of 100 rows) is skipped.
        Case{"int32_with_null_pages.parquet",
             {"int32_field"},
             {{"int32_field", INT32_MIN, INT32_MAX}},
             true},
        Case{
            "int32_with_null_pages.parquet", {"int32_field"}, {{"int32_field", 0, 1 << 30}}, true}),
    [](const ::testing::TestParamInfo<Case>& info) { return "case" + std::to_string(info.index); });

// The same filters against DuckDB's WHERE on the file.
TEST(PageIndexOracleTest, FilteredRowsEqualDuckDbWhere) {
  S3C_REQUIRE_DUCKDB();
  S3C_CORPUS_DIR_OR_SKIP(dir, "parquet-testing/data");
  const std::string path = dir + "/alltypes_tiny_pages.parquet";
  for (const std::vector<Term>& terms : {std::vector<Term>{{"id", 100, 300}},
                                         {{"id", 3000, 5000}, {"month", 3, 3}},
                                         {{"month", 2, 3}},
                                         {{"bigint_col", 40, 40}}}) {
    const IntRanges predicate(terms);
    ParquetReadOptions options;
    options.columns = {"id", "bigint_col", "month", "float_col"};
    options.predicate = std::make_shared<IntRanges>(terms);
    auto reader = ParquetFileReader::Open(std::make_shared<MemFile>(ReadFileBytes(path)), options);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    const auto batches = ReadBatches(**reader);
    auto rows = RowsWhere(
        batches, [&](const RecordBatch& b, int64_t r, int64_t) { return predicate.Row(b, r); });
    auto oracle =
        testing::DuckDbQuery("SELECT id, bigint_col, month, float_col FROM read_parquet(" +
                             testing::SqlQuote(path) + ") WHERE " + predicate.Sql());
    ASSERT_TRUE(oracle.ok()) << oracle.status().ToString();
    std::vector<std::string> want = oracle->rows;
    std::sort(want.begin(), want.end());
    std::sort(rows.begin(), rows.end());
    EXPECT_TRUE(testing::RowsEqual(want, rows)) << predicate.Sql();
  }
}

// A column whose ColumnIndex is gone from the footer cannot be judged: every page is read and
// the filter still returns the right rows.
TEST(PageIndexCorpusFallbackTest, ColumnWithoutIndexReadsEveryPage) {
  S3C_LOAD_CORPUS(bytes, "alltypes_tiny_pages.parquet");
  FileMetaData md = DecodeFooter(bytes);
  const int id = LeafIndex(md, "id");
  for (RowGroup& rg : md.row_groups) {
    rg.columns[static_cast<size_t>(id)].column_index_offset.reset();
    rg.columns[static_cast<size_t>(id)].column_index_length.reset();
  }
  const std::string stripped = WithFooter(bytes, md);
  const IntRanges predicate({{"id", 100, 300}});
  ParquetReadOptions options;
  options.columns = {"id", "month"};
  auto full = ParquetFileReader::Open(std::make_shared<MemFile>(stripped), options);
  ASSERT_TRUE(full.ok());
  const auto all = ReadBatches(**full);
  options.predicate = std::make_shared<IntRanges>(predicate);
  auto pruned = ParquetFileReader::Open(std::make_shared<MemFile>(stripped), options);
  ASSERT_TRUE(pruned.ok());
  const auto some = ReadBatches(**pruned);
  EXPECT_GT((*pruned)->stats().pages_total, 0);
  EXPECT_EQ((*pruned)->stats().pages_skipped, 0);
  auto filter = [&](const RecordBatch& b, int64_t r, int64_t) { return predicate.Row(b, r); };
  const auto rows = RowsWhere(some, filter);
  EXPECT_EQ(rows.size(), 201u);
  EXPECT_TRUE(testing::RowsEqual(RowsWhere(all, filter), rows));
}

// An OffsetIndex whose first rows disagree with the pages (every odd page moved one row later)
// would misalign the columns: the page headers' value counts catch it, DataLoss.
TEST(PageIndexCorpusFallbackTest, OffsetIndexDisagreeingWithThePagesIsDataLoss) {
  S3C_LOAD_CORPUS(bytes, "alltypes_tiny_pages.parquet");
  FileMetaData md = DecodeFooter(bytes);
  ColumnChunk& id = md.row_groups[0].columns[static_cast<size_t>(LeafIndex(md, "id"))];
  auto index = DecodeOffsetIndex(
      std::string_view(bytes).substr(*id.offset_index_offset, *id.offset_index_length), "oi");
  ASSERT_TRUE(index.ok());
  auto& pages = index->page_locations;
  for (size_t p = 1; p + 1 < pages.size(); p += 2) {
    if (pages[p].first_row_index + 1 < pages[p + 1].first_row_index) {
      ++pages[p].first_row_index;
    }
  }
  const std::string moved = EncodeOffsetIndex(*index);
  const size_t footer_start = bytes.size() - 8 - MetadataLength(bytes);
  id.offset_index_offset = static_cast<int64_t>(footer_start);
  id.offset_index_length = static_cast<int32_t>(moved.size());
  const std::string file =
      WithFooter(bytes.substr(0, footer_start) + moved + bytes.substr(footer_start), md);
  ParquetReadOptions options;
  options.columns = {"id", "month"};
  options.predicate = std::make_shared<IntRanges>(std::vector<Term>{{"id", 100, 300}});
  auto reader = ParquetFileReader::Open(std::make_shared<MemFile>(file), options);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto batches = (*reader)->ReadBatches();
  ASSERT_TRUE(batches.ok());
  Status status;
  for (;;) {
    auto b = (*batches)->Next();
    if (!b.ok()) {
      status = b.status();
      break;
    }
    if (*b == nullptr) break;
  }
  EXPECT_EQ(status.code(), StatusCode::kDataLoss) << status.ToString();
  EXPECT_NE(status.message().find("offset index puts"), std::string::npos) << status.ToString();
}

// ReadRowGroup ignores the predicate: every row, no page index read.
TEST(PageIndexCorpusFallbackTest, ReadRowGroupReadsEveryPage) {
  S3C_LOAD_CORPUS(bytes, "alltypes_tiny_pages.parquet");
  ParquetReadOptions options;
  options.columns = {"id"};
  options.predicate = std::make_shared<IntRanges>(std::vector<Term>{{"id", 100, 300}});
  auto reader = ParquetFileReader::Open(std::make_shared<MemFile>(bytes), options);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto group = (*reader)->ReadRowGroup(0);
  ASSERT_TRUE(group.ok()) << group.status().ToString();
  EXPECT_EQ((*group)->num_rows(), 7300);
  EXPECT_EQ((*reader)->stats().pages_total, 0);
  EXPECT_EQ((*reader)->stats().page_index_bytes, 0);
}

// INT96 timestamps have no defined order: their bounds are never used, nothing is skipped.
TEST(PageIndexCorpusFallbackTest, ColumnWithoutUsableBoundsReadsEveryPage) {
  S3C_LOAD_CORPUS(bytes, "alltypes_tiny_pages.parquet");
  class NoTimestampBefore : public RowGroupPredicate {
   public:
    bool MayMatch(const std::vector<ColumnStatistics>& stats, int64_t) const override {
      for (const ColumnStatistics& s : stats) {
        // Would drop everything if the timestamp had bounds.
        if (s.path == std::vector<std::string>{"timestamp_col"} &&
            !std::holds_alternative<std::monostate>(s.min)) {
          return false;
        }
      }
      return true;
    }
  };
  ParquetReadOptions options;
  options.columns = {"id", "timestamp_col"};
  options.predicate = std::make_shared<NoTimestampBefore>();
  auto reader = ParquetFileReader::Open(std::make_shared<MemFile>(bytes), options);
  ASSERT_TRUE(reader.ok());
  const auto batches = ReadBatches(**reader);
  int64_t rows = 0;
  for (const auto& b : batches) rows += b->num_rows();
  EXPECT_EQ(rows, 7300);
  EXPECT_GT((*reader)->stats().pages_total, 0);
  EXPECT_EQ((*reader)->stats().pages_skipped, 0);
}

}  // namespace
}  // namespace s3c::formats::parquet
