// The Parquet reader against the loopback RGW: exact GET counts for the footer and the planned
// column-chunk ranges (computed here from the metadata, independently of range_planner.cc),
// bytes fetched against the projected chunk bytes, row-group pruning removing GETs, and ETag
// pinning between the footer and the data reads. The file is written by DuckDB (tests/oracle),
// which also checks the rows read.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "conformance/store_instances.h"
#include "formats/parquet/page_index_test_expect.h"
#include "formats/parquet/parquet_metadata.h"
#include "s3c/formats/parquet/parquet_reader.h"
#include "support/corpus.h"
#include "support/duckdb_oracle.h"
#include "support/rgw_env.h"

namespace s3c::formats::parquet {
namespace {

constexpr int64_t kRows = 200000;
constexpr int64_t kRowGroupRows = 50000;

struct Fixture {
  std::string local_path;
  std::string bytes;
  FileMetaData md;
  uint32_t metadata_length = 0;
};

// Writes the 8-column test file with DuckDB once per process.
const Fixture* TestFile(std::string* error) {
  static Fixture* fixture = [error]() -> Fixture* {
    static testing::TempDir dir;
    auto f = std::make_unique<Fixture>();
    f->local_path = dir.path() + "/eight.parquet";
    auto r = testing::DuckDbQuery(
        "COPY (SELECT i AS id, (i % 1000)::INTEGER AS c1, i * 0.5 AS c2, "
        "'s' || (i % 5000) AS c3, (i * 7919) % 1000003 AS c4, DATE '2000-01-01' + (i % "
        "9000)::INTEGER "
        "AS c5, md5(i::VARCHAR) AS c6, i % 3 = 0 AS c7 FROM range(0, " +
        std::to_string(kRows) + ") t(i)) TO " + testing::SqlQuote(f->local_path) +
        " (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE " + std::to_string(kRowGroupRows) +
        ")");
    if (!r.ok()) {
      *error = r.status().ToString();
      return nullptr;
    }
    std::ifstream in(f->local_path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    f->bytes = ss.str();
    std::memcpy(&f->metadata_length, f->bytes.data() + f->bytes.size() - 8, 4);
    auto md = DecodeFileMetaData(std::string_view(f->bytes).substr(
                                     f->bytes.size() - 8 - f->metadata_length, f->metadata_length),
                                 "eight.parquet");
    if (!md.ok()) {
      *error = md.status().ToString();
      return nullptr;
    }
    f->md = std::move(*md);
    return f.release();
  }();
  return fixture;
}

// The chunk byte range of leaf `c` in row group `g` (parquet-format: a chunk starts at its
// dictionary page when there is one).
std::pair<int64_t, int64_t> Chunk(const FileMetaData& md, size_t g, size_t c) {
  const ColumnMetaData& m = *md.row_groups[g].columns[c].meta_data;
  int64_t start = m.data_page_offset;
  if (m.dictionary_page_offset && *m.dictionary_page_offset > 0) {
    start = std::min(start, *m.dictionary_page_offset);
  }
  return {start, start + m.total_compressed_size};
}

// GETs the reader should send for `columns` of the row groups in `groups` with merge_gap. A
// merged range starting at or after `held_from` costs none: the open brought those bytes.
int64_t ExpectedDataGets(const FileMetaData& md, const std::vector<size_t>& groups,
                         const std::vector<size_t>& columns, int64_t merge_gap,
                         int64_t held_from = INT64_MAX) {
  int64_t gets = 0;
  for (size_t g : groups) {
    std::vector<std::pair<int64_t, int64_t>> ranges;
    for (size_t c : columns) ranges.push_back(Chunk(md, g, c));
    std::sort(ranges.begin(), ranges.end());
    std::vector<int64_t> starts;  // of the merged ranges
    int64_t end = -1;
    for (const auto& [s, e] : ranges) {
      if (end < 0 || s - end > merge_gap) starts.push_back(s);
      end = std::max(end, e);
    }
    for (int64_t start : starts) gets += start < held_from ? 1 : 0;
  }
  return gets;
}

class ParquetRemoteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string skip, error;
    inst_ = testing::MakeStoreInstance("s3", &skip, &error);
    if (!inst_) {
      if (!skip.empty()) {
        if (testing::RgwRequired()) FAIL() << skip;
        GTEST_SKIP() << skip;
      }
      FAIL() << error;
    }
    std::string why;
    if (!testing::DuckDbAvailable(&why)) {
      if (testing::DuckDbRequired()) FAIL() << why;
      GTEST_SKIP() << why;
    }
    std::string file_error;
    file_ = TestFile(&file_error);
    ASSERT_NE(file_, nullptr) << file_error;
    ASSERT_GE(file_->md.row_groups.size(), 3u);
    key_ = inst_->prefix() + "eight.parquet";
    ASSERT_TRUE(inst_->store().Put(key_, file_->bytes).ok());
    auto listed = inst_->store().ListAll(ListOptions{key_, "", "", 0});
    ASSERT_TRUE(listed.ok() && listed->size() == 1);
    info_ = (*listed)[0];
  }

  // Opens through OpenRandomAccess with the listing's ObjectInfo (no HEAD).
  Result<std::unique_ptr<ParquetFileReader>> Open(ParquetReadOptions options) {
    S3C_ASSIGN_OR_RETURN(auto file, inst_->store().OpenRandomAccess(key_, info_));
    options.object_name = inst_->store().UriFor(key_);
    return ParquetFileReader::Open(std::shared_ptr<RandomAccessFile>(std::move(file)), options);
  }

  // Opens by the key alone (ObjectInfo::KeyOnly, as a single key a read names): the footer's
  // suffix-range GET gives the size and the ETag.
  Result<std::unique_ptr<ParquetFileReader>> OpenByKey(ParquetReadOptions options) {
    S3C_ASSIGN_OR_RETURN(auto file, inst_->store().OpenRandomAccess(
                                        key_, ObjectInfo::KeyOnly(key_), options.footer_guess));
    options.object_name = inst_->store().UriFor(key_);
    return ParquetFileReader::Open(std::shared_ptr<RandomAccessFile>(std::move(file)), options);
  }

  uint64_t Gets() { return inst_->stats()->Snapshot().requests["GetObject"]; }
  uint64_t Heads() { return inst_->stats()->Snapshot().requests["HeadObject"]; }
  uint64_t BytesDown() { return inst_->stats()->Snapshot().bytes_downloaded; }

  std::unique_ptr<testing::StoreInstance> inst_;
  const Fixture* file_ = nullptr;
  std::string key_;
  ObjectInfo info_;
};

Result<std::vector<std::shared_ptr<columnar::RecordBatch>>> ReadAll(ParquetFileReader& reader) {
  S3C_ASSIGN_OR_RETURN(auto batches, reader.ReadBatches());
  std::vector<std::shared_ptr<columnar::RecordBatch>> all;
  for (;;) {
    S3C_ASSIGN_OR_RETURN(auto b, batches->Next());
    if (b == nullptr) return all;
    all.push_back(std::move(b));
  }
}

TEST_F(ParquetRemoteTest, ProjectionFetchesOnlyItsChunks) {
  const FileMetaData& md = file_->md;
  std::vector<size_t> all_groups;
  int64_t projected = 0;
  for (size_t g = 0; g < md.row_groups.size(); ++g) {
    all_groups.push_back(g);
    for (size_t c : {2u, 6u}) projected += Chunk(md, g, c).second - Chunk(md, g, c).first;
  }
  ParquetReadOptions options;
  options.columns = {"c2", "c6"};
  options.merge_gap = 0;  // c3..c5 lie between them: never fetch them
  inst_->stats()->Reset();
  auto reader = Open(options);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ(Gets(), 1u);  // the footer: 64 KiB guess > metadata
  const uint64_t footer_bytes = BytesDown();
  EXPECT_EQ(footer_bytes, std::min<uint64_t>(file_->bytes.size(), 64 << 10));
  auto batches = ReadAll(**reader);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  const int64_t data_gets = ExpectedDataGets(md, all_groups, {2, 6}, 0);
  EXPECT_EQ(data_gets, 2 * static_cast<int64_t>(md.row_groups.size()));
  EXPECT_EQ(Gets(), 1u + static_cast<uint64_t>(data_gets));
  EXPECT_EQ(Heads(), 0u);
  EXPECT_LE(static_cast<double>(BytesDown()),
            1.1 * static_cast<double>(projected) + static_cast<double>(footer_bytes));
  const ParquetReadStats stats = (*reader)->stats();
  EXPECT_EQ(stats.reads, static_cast<int64_t>(Gets()));
  EXPECT_EQ(stats.bytes_read, static_cast<int64_t>(BytesDown()));
  EXPECT_EQ(stats.projected_chunk_bytes, projected);
  std::cout << "[ remote ] 2 of 8 columns: " << Gets() << " GETs, " << BytesDown()
            << " bytes fetched for " << projected << " projected chunk bytes (file "
            << file_->bytes.size() << " bytes, " << md.row_groups.size() << " row groups)"
            << std::endl;

  auto oracle = testing::DuckDbQuery("SELECT c2, c6 FROM read_parquet(" +
                                     testing::SqlQuote(file_->local_path) + ")");
  ASSERT_TRUE(oracle.ok()) << oracle.status().ToString();
  EXPECT_TRUE(testing::RowsEqual(oracle->rows, testing::CanonicalRows(*batches)));
}

TEST_F(ParquetRemoteTest, AdjacentChunksMergeIntoOneGetPerRowGroup) {
  const FileMetaData& md = file_->md;
  std::vector<size_t> groups;
  for (size_t g = 0; g < md.row_groups.size(); ++g) groups.push_back(g);
  ParquetReadOptions options;
  options.columns = {"c3", "c2"};  // adjacent in the file
  inst_->stats()->Reset();
  auto reader = Open(options);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto batches = ReadAll(**reader);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  EXPECT_EQ(ExpectedDataGets(md, groups, {2, 3}, 1 << 20), static_cast<int64_t>(groups.size()));
  EXPECT_EQ(Gets(), 1u + groups.size());
}

TEST_F(ParquetRemoteTest, SecondFooterGetOnlyWhenTheGuessIsTooSmall) {
  const uint64_t needed = file_->metadata_length + 8;
  // Opened with the listing's size, and by the key alone (the first read is a suffix GET).
  for (bool by_key : {false, true}) {
    for (uint64_t guess : {needed, needed - 1, uint64_t{1024}}) {
      ParquetReadOptions options;
      options.footer_guess = guess;
      inst_->stats()->Reset();
      auto reader = by_key ? OpenByKey(options) : Open(options);
      ASSERT_TRUE(reader.ok()) << reader.status().ToString();
      EXPECT_EQ(Gets(), guess >= needed ? 1u : 2u) << "footer_guess " << guess << " " << by_key;
      EXPECT_EQ(Heads(), 0u) << "footer_guess " << guess << " " << by_key;
      EXPECT_EQ(BytesDown(), std::max<uint64_t>(guess, needed))
          << "footer_guess " << guess << " " << by_key;
    }
  }
}

// Keeps the row groups whose id statistics reach `min_id`.
class IdAtLeast : public RowGroupPredicate {
 public:
  explicit IdAtLeast(int64_t v) : v_(v) {}
  bool MayMatch(const std::vector<ColumnStatistics>& stats, int64_t) const override {
    const auto* max = std::get_if<int64_t>(&stats[0].max);
    return max == nullptr || *max >= v_;
  }

 private:
  int64_t v_;
};

TEST_F(ParquetRemoteTest, PrunedRowGroupsCostNoGet) {
  const FileMetaData& md = file_->md;
  // Keep the last two row groups: the threshold is the first id of the second to last.
  const size_t n = md.row_groups.size();
  int64_t first_id = 0;
  for (size_t g = 0; g + 2 < n; ++g) first_id += md.row_groups[g].num_rows;
  ParquetReadOptions options;
  options.columns = {"c2", "c6"};
  options.merge_gap = 0;
  options.predicate = std::make_shared<IdAtLeast>(first_id);
  inst_->stats()->Reset();
  auto reader = Open(options);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  const uint64_t footer_bytes = BytesDown();
  auto batches = ReadAll(**reader);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  EXPECT_EQ((*reader)->stats().row_groups_skipped, static_cast<int64_t>(n - 2));
  const int64_t data_gets = ExpectedDataGets(md, {n - 2, n - 1}, {2, 6}, 0);
  EXPECT_EQ(Gets(), 1u + static_cast<uint64_t>(data_gets));
  // The plan of the same read: no index (this file has none), the two row groups' chunks.
  auto plan = (*reader)->PlanRead(options.predicate);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->reads, data_gets);
  EXPECT_EQ(plan->bytes, static_cast<int64_t>(BytesDown() - footer_bytes));
  int64_t rows = 0;
  for (auto& b : *batches) rows += b->num_rows();
  EXPECT_EQ(rows, kRows - first_id);
}

// Page pruning on S3: GETs and bytes exactly those of the footer, one index read per row group
// and the runs of kept pages (page_index_test_expect.h computes them from the file).
TEST_F(ParquetRemoteTest, SkippedPagesCostNoGetBytes) {
  S3C_CORPUS_DIR_OR_SKIP(dir, "parquet-testing/data");
  std::ifstream in(dir + "/alltypes_tiny_pages.parquet", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string bytes = ss.str();
  ASSERT_FALSE(bytes.empty());
  uint32_t length = 0;
  std::memcpy(&length, bytes.data() + bytes.size() - 8, 4);
  auto md = DecodeFileMetaData(
      std::string_view(bytes).substr(bytes.size() - 8 - length, length), "tiny");
  ASSERT_TRUE(md.ok()) << md.status().ToString();
  key_ = inst_->prefix() + "alltypes_tiny_pages.parquet";
  ASSERT_TRUE(inst_->store().Put(key_, bytes).ok());
  auto listed = inst_->store().ListAll(ListOptions{key_, "", "", 0});
  ASSERT_TRUE(listed.ok() && listed->size() == 1);
  info_ = (*listed)[0];

  const std::vector<std::string> columns = {"id", "bigint_col", "string_col"};
  auto predicate = std::make_shared<page_index_expect::IntRanges>(
      std::vector<page_index_expect::Term>{{"id", 100, 300}});
  const page_index_expect::Expected expected =
      page_index_expect::Expect(bytes, *md, *predicate, columns);
  ParquetReadOptions options;
  options.columns = columns;
  options.merge_gap = 0;
  options.predicate = predicate;
  options.footer_guess = length + 8;  // the open holds the metadata alone
  options.whole_object_bytes = 0;     // (this file is smaller than the default)
  inst_->stats()->Reset();
  auto reader = Open(options);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  const uint64_t footer_gets = Gets(), footer_bytes = BytesDown();
  auto batches = ReadAll(**reader);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  const ParquetReadStats stats = (*reader)->stats();
  EXPECT_GT(stats.pages_skipped, 0);
  EXPECT_EQ(stats.pages_skipped, expected.pages_skipped);
  EXPECT_EQ(Gets(), footer_gets + static_cast<uint64_t>(expected.index_reads +
                                                        expected.data_reads));
  EXPECT_EQ(BytesDown(), footer_bytes + static_cast<uint64_t>(expected.index_bytes +
                                                              expected.data_bytes));
  EXPECT_LE(expected.data_bytes, stats.projected_chunk_bytes - expected.skipped_bytes);
  EXPECT_EQ(stats.reads, static_cast<int64_t>(Gets()));
  EXPECT_EQ(stats.bytes_read, static_cast<int64_t>(BytesDown()));
  // A plan (a reader opened without the predicate, given it after the footer) counts the same
  // reads and bytes after the footer, the index reads it makes included.
  options.predicate = nullptr;
  auto planner = Open(options);
  ASSERT_TRUE(planner.ok()) << planner.status().ToString();
  const int64_t planner_footer_reads = (*planner)->stats().reads;
  auto plan = (*planner)->PlanRead(predicate);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->reads, expected.index_reads + expected.data_reads);
  EXPECT_EQ(plan->bytes, expected.index_bytes + expected.data_bytes);
  EXPECT_EQ((*planner)->stats().reads, planner_footer_reads + expected.index_reads);
  int64_t rows = 0, kept = 0;
  for (const auto& b : *batches) {
    rows += b->num_rows();
    for (int64_t r = 0; r < b->num_rows(); ++r) kept += predicate->Row(*b, r);
  }
  for (const auto& group : expected.kept) rows -= std::count(group.begin(), group.end(), true);
  EXPECT_EQ(rows, 0);  // exactly the rows of the kept pages' intersection
  EXPECT_EQ(kept, 201);
  std::cout << "[ remote ] page index: " << stats.pages_skipped << " of " << stats.pages_total
            << " pages skipped, " << Gets() << " GETs, " << BytesDown() << " bytes ("
            << stats.page_index_bytes << " of index) for " << stats.projected_chunk_bytes
            << " projected chunk bytes" << std::endl;
}

TEST_F(ParquetRemoteTest, ObjectReplacedAfterTheFooterIsAborted) {
  // Opened with the listing's ETag, and by the key alone (pinned to the suffix GET's ETag).
  for (bool by_key : {false, true}) {
    ASSERT_TRUE(inst_->store().Put(key_, file_->bytes).ok());
    auto reader = by_key ? OpenByKey(ParquetReadOptions{}) : Open(ParquetReadOptions{});
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    // Equal content would get the same ETag (its MD5): replace it with other bytes.
    std::string other = file_->bytes;
    other[4] = static_cast<char>(other[4] ^ 0x5a);
    ASSERT_TRUE(inst_->store().Put(key_, other).ok());
    auto batches = (*reader)->ReadBatches();
    ASSERT_TRUE(batches.ok());
    auto first = (*batches)->Next();
    ASSERT_FALSE(first.ok()) << "by key: " << by_key;
    EXPECT_EQ(first.status().code(), StatusCode::kAborted) << first.status().ToString();
  }
}

TEST_F(ParquetRemoteTest, ByKeyTheFooterIsOneSuffixGetAndNoHead) {
  const FileMetaData& md = file_->md;
  std::vector<size_t> all_groups;
  for (size_t g = 0; g < md.row_groups.size(); ++g) all_groups.push_back(g);
  ParquetReadOptions options;
  options.columns = {"c2", "c6"};
  options.merge_gap = 0;
  inst_->stats()->Reset();
  auto reader = OpenByKey(options);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ(Gets(), 1u);
  EXPECT_EQ(Heads(), 0u);
  EXPECT_EQ(BytesDown(), std::min<uint64_t>(file_->bytes.size(), 64 << 10));
  auto batches = ReadAll(**reader);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  const int64_t held_from = static_cast<int64_t>(file_->bytes.size()) - (64 << 10);
  EXPECT_EQ(Gets(),
            1u + static_cast<uint64_t>(ExpectedDataGets(md, all_groups, {2, 6}, 0, held_from)));
  EXPECT_EQ(Heads(), 0u);
  auto oracle = testing::DuckDbQuery("SELECT c2, c6 FROM read_parquet(" +
                                     testing::SqlQuote(file_->local_path) + ")");
  ASSERT_TRUE(oracle.ok()) << oracle.status().ToString();
  EXPECT_TRUE(testing::RowsEqual(oracle->rows, testing::CanonicalRows(*batches)));
}

TEST_F(ParquetRemoteTest, ByKeyAFileShorterThanTheGuessIsOneGet) {
  ParquetReadOptions options;
  options.footer_guess = file_->bytes.size() + 1000;
  options.columns = {"id", "c7"};
  inst_->stats()->Reset();
  auto reader = OpenByKey(options);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto batches = ReadAll(**reader);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  EXPECT_EQ(Gets(), 1u);  // the whole object came with the open; chunks are read from it
  EXPECT_EQ(BytesDown(), file_->bytes.size());
  auto oracle = testing::DuckDbQuery("SELECT id, c7 FROM read_parquet(" +
                                     testing::SqlQuote(file_->local_path) + ")");
  ASSERT_TRUE(oracle.ok()) << oracle.status().ToString();
  EXPECT_TRUE(testing::RowsEqual(oracle->rows, testing::CanonicalRows(*batches)));
}

}  // namespace
}  // namespace s3c::formats::parquet
