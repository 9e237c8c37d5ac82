#include "s3c/formats/format_registry.h"

#include <gtest/gtest.h>

#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/builder_primitive.h"
#include "s3c/formats/parquet/parquet_reader.h"
#include "s3c/io/local_file.h"
#include "support/corpus.h"

namespace s3c::formats {
namespace {

TEST(FormatNames, ParseAndPrint) {
  for (FileFormat f : {FileFormat::kCsv, FileFormat::kTsv, FileFormat::kJson,
                       FileFormat::kJsonLines, FileFormat::kParquet, FileFormat::kText}) {
    auto parsed = ParseFileFormat(FileFormatName(f));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, f);
  }
  EXPECT_EQ(*ParseFileFormat("NDJSON"), FileFormat::kJsonLines);
  EXPECT_EQ(*ParseFileFormat("txt"), FileFormat::kText);
  auto bad = ParseFileFormat("xlsx");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("'xlsx'"), std::string::npos);
}

TEST(FormatNames, FromObjectNames) {
  EXPECT_EQ(FormatFromName("a/b/data.csv"), FileFormat::kCsv);
  EXPECT_EQ(FormatFromName("data.CSV.GZ"), FileFormat::kCsv);
  EXPECT_EQ(FormatFromName("x.tsv.zst"), FileFormat::kTsv);
  EXPECT_EQ(FormatFromName("x.ndjson.bz2"), FileFormat::kJsonLines);
  EXPECT_EQ(FormatFromName("x.jsonl"), FileFormat::kJsonLines);
  EXPECT_EQ(FormatFromName("x.json.gzip"), FileFormat::kJson);
  EXPECT_EQ(FormatFromName("part-0.parquet"), FileFormat::kParquet);
  EXPECT_EQ(FormatFromName("app.log.xz"), FileFormat::kText);
  EXPECT_EQ(FormatFromName("README"), std::nullopt);
  EXPECT_EQ(FormatFromName("x.gz"), std::nullopt);
}

ReadSource StringSource(std::string name, std::string data) {
  ReadSource source;
  source.name = std::move(name);
  source.open_input = [data]() -> Result<std::unique_ptr<InputStream>> {
    return MakeStringInput(data);
  };
  return source;
}

TEST(FormatRegistry, ReadsCompressedTsvAndProjects) {
  auto gz = Compress(Codec::kGzip, "a\tb\tc\n1\tx\ttrue\n2\ty\tfalse\n");
  ASSERT_TRUE(gz.ok());
  FormatReadOptions options;
  options.columns = {"c", "a"};
  auto reader = OpenFormatReader(StringSource("t.tsv.gz", *gz), FileFormat::kTsv, options);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->schema()->ToString(), "c: bool\na: int64");
  auto batch = (*reader)->Next();
  ASSERT_TRUE(batch.ok() && *batch);
  EXPECT_EQ((*batch)->num_rows(), 2);
  EXPECT_EQ((*batch)->column(1)->length(), 2);
}

TEST(FormatRegistry, UnknownProjectedColumnListsTheAvailableOnes) {
  FormatReadOptions options;
  options.columns = {"zz"};
  auto reader = OpenFormatReader(StringSource("t.csv", "a,b\n1,2\n"), FileFormat::kCsv, options);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().message(), "t.csv: no column 'zz' (columns: a, b)");
}

TEST(FormatRegistry, TextIsReadOnlyAndParquetRefusesStreamCompression) {
  auto schema = columnar::MakeSchema({columnar::Field("a", columnar::Int64())});
  auto out = OpenLocalOutput(::testing::TempDir() + "/registry_never_written");
  ASSERT_TRUE(out.ok());
  EXPECT_FALSE(OpenFormatWriter(std::move(*out), FileFormat::kText, schema, {}).ok());
  FormatWriteOptions options;
  options.compression = Codec::kGzip;
  out = OpenLocalOutput(::testing::TempDir() + "/registry_never_written");
  ASSERT_TRUE(out.ok());
  auto writer = OpenFormatWriter(std::move(*out), FileFormat::kParquet, schema, options);
  ASSERT_FALSE(writer.ok());
  EXPECT_NE(writer.status().message().find("Parquet compresses its pages"), std::string::npos);
}

// `batches` batches of `rows` rows: an id and a text that needs quoting now and then.
std::vector<std::shared_ptr<RecordBatch>> QuotedBatches(int batches, int rows) {
  std::vector<std::shared_ptr<RecordBatch>> out;
  auto schema = columnar::MakeSchema(
      {columnar::Field("id", columnar::Int64()), columnar::Field("note", columnar::String())});
  for (int b = 0; b < batches; ++b) {
    columnar::Int64Builder ids;
    columnar::StringBuilder notes;
    for (int r = 0; r < rows; ++r) {
      const int64_t id = int64_t{b} * rows + r;
      ids.Append(id);
      if (id % 7 == 3) {
        notes.AppendNull();
      } else {
        notes.Append(id % 5 == 0 ? "a, \"quoted\"\nline" : "n" + std::to_string(id));
      }
    }
    auto batch = RecordBatch::Make(schema, {*ids.Finish(), *notes.Finish()}, rows);
    EXPECT_TRUE(batch.ok());
    out.push_back(*batch);
  }
  return out;
}

std::string WriteWith(bool parallel, FileFormat format,
                      const std::vector<std::shared_ptr<RecordBatch>>& batches,
                      std::shared_ptr<Schema> schema) {
  std::string text;
  FormatWriteOptions options;
  auto writer = parallel
                    ? OpenParallelTextWriter(MakeStringOutput(&text), format, schema, options, 3)
                    : OpenFormatWriter(MakeStringOutput(&text), format, schema, options);
  EXPECT_TRUE(writer.ok()) << writer.status().ToString();
  for (const auto& b : batches) EXPECT_TRUE((*writer)->Write(*b).ok());
  EXPECT_TRUE((*writer)->Close().ok());
  return text;
}

// Batches rendered on the pool come out as the plain writer writes them: in order, one header,
// and the header alone when there are no rows.
TEST(FormatRegistry, ParallelTextWriterWritesTheSameBytes) {
  auto batches = QuotedBatches(25, 300);
  for (FileFormat f : {FileFormat::kCsv, FileFormat::kTsv, FileFormat::kJsonLines}) {
    SCOPED_TRACE(FileFormatName(f));
    const std::string plain = WriteWith(false, f, batches, batches[0]->schema());
    EXPECT_GT(plain.size(), 25u * 300u * 3u);
    EXPECT_EQ(WriteWith(true, f, batches, batches[0]->schema()), plain);
    EXPECT_EQ(WriteWith(true, f, {}, batches[0]->schema()),
              WriteWith(false, f, {}, batches[0]->schema()));
  }
  EXPECT_EQ(WriteWith(true, FileFormat::kCsv, {}, batches[0]->schema()), "id,note\n");
}

TEST(FormatRegistry, ParquetNeedsPositionalReads) {
  auto reader = OpenFormatReader(StringSource("x.parquet", "PAR1"), FileFormat::kParquet, {});
  ASSERT_FALSE(reader.ok());
  EXPECT_NE(reader.status().message().find("positional reads"), std::string::npos);
}

// Keeps what may hold an id below `limit` (alltypes_tiny_pages: id INT32, 7300 rows).
class IdBelow : public columnar::RowGroupPredicate {
 public:
  explicit IdBelow(int64_t limit) : limit_(limit) {}
  bool MayMatch(const std::vector<columnar::ColumnStatistics>& stats, int64_t) const override {
    for (const auto& s : stats) {
      const auto* min = std::get_if<int64_t>(&s.min);
      if (s.path == std::vector<std::string>{"id"} && min != nullptr && *min >= limit_) {
        return false;
      }
    }
    return true;
  }

 private:
  int64_t limit_;
};

// The reader the registry hands out reports what the Parquet reader skipped (row groups by
// their statistics, pages by the page index); other formats report zeros.
TEST(FormatRegistry, ReadersReportWhatTheyPruned) {
  S3C_CORPUS_DIR_OR_SKIP(dir, "parquet-testing/data");
  const std::string path = dir + "/alltypes_tiny_pages.parquet";
  ReadSource source;
  source.name = path;
  source.open_random_access = [path]() -> Result<std::shared_ptr<RandomAccessFile>> {
    S3C_ASSIGN_OR_RETURN(auto file, OpenLocalRandomAccess(path));
    return std::shared_ptr<RandomAccessFile>(std::move(file));
  };
  FormatReadOptions options;
  options.columns = {"id"};
  options.parquet.predicate = std::make_shared<IdBelow>(50);
  options.parquet.merge_gap = 0;
  auto reader = OpenFormatReader(source, FileFormat::kParquet, options);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  int64_t rows = 0;
  for (;;) {
    auto batch = (*reader)->Next();
    ASSERT_TRUE(batch.ok()) << batch.status().ToString();
    if (*batch == nullptr) break;
    rows += (*batch)->num_rows();
  }
  const PruningCounters pruned = (*reader)->pruning();
  EXPECT_EQ(pruned.row_groups_total, 1);
  EXPECT_EQ(pruned.row_groups_skipped, 0);
  EXPECT_GT(pruned.pages_skipped, 0);
  EXPECT_GT(pruned.pages_total, pruned.pages_skipped);
  EXPECT_LT(rows, 7300);
  EXPECT_GE(rows, 50);

  // The same read straight from the Parquet reader counts the same.
  auto file = OpenLocalRandomAccess(path);
  ASSERT_TRUE(file.ok());
  parquet::ParquetReadOptions direct = options.parquet;
  direct.columns = options.columns;
  auto parquet_reader = parquet::ParquetFileReader::Open(
      std::shared_ptr<RandomAccessFile>(std::move(*file)), direct);
  ASSERT_TRUE(parquet_reader.ok());
  auto batches = (*parquet_reader)->ReadBatches();
  ASSERT_TRUE(batches.ok());
  while (true) {
    auto batch = (*batches)->Next();
    ASSERT_TRUE(batch.ok());
    if (*batch == nullptr) break;
  }
  EXPECT_EQ((*parquet_reader)->stats().pages_skipped, pruned.pages_skipped);
  EXPECT_EQ((*parquet_reader)->stats().pages_total, pruned.pages_total);

  auto csv = OpenFormatReader(StringSource("t.csv", "a\n1\n"), FileFormat::kCsv, {});
  ASSERT_TRUE(csv.ok());
  ASSERT_TRUE((*csv)->Next().ok());
  EXPECT_EQ((*csv)->pruning().pages_total, 0);
  EXPECT_EQ((*csv)->pruning().row_groups_total, 0);
}

}  // namespace
}  // namespace s3c::formats
