// The writer's commit contract (parquet_writer.h, docs/architecture.md convention 7): nothing is
// published before Close(); Abort(), destruction and errors abort the OutputStream; the first
// error sticks. Also: row groups reach the stream as they fill (bounded memory).
#include <gtest/gtest.h>

#include <filesystem>

#include "formats/parquet/writer_test_data.h"
#include "s3c/columnar/builder_primitive.h"
#include "s3c/formats/parquet/parquet_writer.h"
#include "s3c/io/local_file.h"

namespace s3c::formats::parquet {
namespace {

using columnar::RecordBatch;

// Counts bytes and calls; fails Write once more than fail_after bytes were written.
class RecordingStream final : public OutputStream {
 public:
  struct Log {
    int64_t bytes = 0;
    int writes = 0;
    int closes = 0;
    int aborts = 0;
  };
  RecordingStream(Log* log, int64_t fail_after = -1, bool fail_close = false)
      : log_(log), fail_after_(fail_after), fail_close_(fail_close) {}
  Status Write(const void*, size_t n) override {
    ++log_->writes;
    if (fail_after_ >= 0 && log_->bytes + static_cast<int64_t>(n) > fail_after_) {
      return UnavailableError("injected write failure");
    }
    log_->bytes += static_cast<int64_t>(n);
    return Status::OK();
  }
  Status Close() override {
    ++log_->closes;
    return fail_close_ ? UnavailableError("injected close failure") : Status::OK();
  }
  void Abort() override { ++log_->aborts; }

 private:
  Log* log_;
  int64_t fail_after_;
  bool fail_close_;
};

std::shared_ptr<RecordBatch> Batch(int64_t rows, uint64_t seed) {
  return testdata::RandomBatch(testdata::FlatSchema(), rows, seed);
}

bool DirHasOnly(const std::filesystem::path& dir, size_t count) {
  size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    (void)e;
    ++n;
  }
  return n == count;
}

TEST(ParquetWriterLifecycle, AbortAndDestroyBeforeClosePublishNothing) {
  auto dir = std::filesystem::path(testdata::TempPath("abort")).replace_extension("");
  std::filesystem::create_directories(dir);
  std::string aborted = (dir / "aborted.parquet").string();
  std::string destroyed = (dir / "destroyed.parquet").string();
  {
    auto out = OpenLocalOutput(aborted);
    ASSERT_TRUE(out.ok());
    auto w = OpenParquetWriter(std::move(*out), testdata::FlatSchema(), {});
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->Write(*Batch(500, 1)).ok());
    (*w)->Abort();
    Status again = (*w)->Write(*Batch(10, 2));
    EXPECT_EQ(again.code(), StatusCode::kAborted);
    EXPECT_EQ((*w)->Close().code(), StatusCode::kAborted);
  }
  {
    ParquetWriteOptions o;
    o.row_group_rows = 100;  // row groups already written when it is destroyed
    auto out = OpenLocalOutput(destroyed);
    ASSERT_TRUE(out.ok());
    auto w = OpenParquetWriter(std::move(*out), testdata::FlatSchema(), o);
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->Write(*Batch(500, 3)).ok());
  }
  EXPECT_FALSE(std::filesystem::exists(aborted));
  EXPECT_FALSE(std::filesystem::exists(destroyed));
  EXPECT_TRUE(DirHasOnly(dir, 0));  // temp files removed too
  std::filesystem::remove_all(dir);
}

TEST(ParquetWriterLifecycle, DestructionAbortsTheStreamOnce) {
  RecordingStream::Log log;
  {
    auto w = OpenParquetWriter(std::make_unique<RecordingStream>(&log), testdata::FlatSchema(), {});
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->Write(*Batch(50, 4)).ok());
  }
  EXPECT_EQ(log.aborts, 1);
  EXPECT_EQ(log.closes, 0);

  RecordingStream::Log closed;
  {
    auto w =
        OpenParquetWriter(std::make_unique<RecordingStream>(&closed), testdata::FlatSchema(), {});
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->Write(*Batch(50, 4)).ok());
    ASSERT_TRUE((*w)->Close().ok());
    EXPECT_EQ((*w)->Close().code(), StatusCode::kFailedPrecondition);
    (*w)->Abort();  // after Close: no effect
  }
  EXPECT_EQ(closed.aborts, 0);
  EXPECT_EQ(closed.closes, 1);
}

TEST(ParquetWriterLifecycle, StreamWriteErrorSurfacesAndSticks) {
  RecordingStream::Log log;
  ParquetWriteOptions o;
  o.row_group_rows = 100;
  auto w =
      OpenParquetWriter(std::make_unique<RecordingStream>(&log, 10'000), testdata::FlatSchema(), o);
  ASSERT_TRUE(w.ok());
  Status st = (*w)->Write(*Batch(1000, 5));
  ASSERT_EQ(st.code(), StatusCode::kUnavailable) << st.ToString();
  EXPECT_NE(st.message().find("injected write failure"), std::string::npos);
  EXPECT_EQ(log.aborts, 1);
  EXPECT_EQ((*w)->Write(*Batch(10, 6)).code(), StatusCode::kUnavailable);
  EXPECT_EQ((*w)->Close().code(), StatusCode::kUnavailable);
  EXPECT_EQ(log.closes, 0);
  w->reset();
  EXPECT_EQ(log.aborts, 1);
}

TEST(ParquetWriterLifecycle, ErrorsInCloseSurface) {
  // The footer write fails.
  RecordingStream::Log log;
  auto w = OpenParquetWriter(std::make_unique<RecordingStream>(&log, 20'000),
                             testdata::FlatSchema(), {});
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE((*w)->Write(*Batch(100, 7)).ok());  // buffered: one row group of 1 M rows
  EXPECT_EQ(log.bytes, 4);                        // only "PAR1" so far
  EXPECT_EQ((*w)->Close().code(), StatusCode::kUnavailable);
  EXPECT_EQ(log.aborts, 1);

  // The stream's own Close fails.
  RecordingStream::Log log2;
  auto w2 = OpenParquetWriter(std::make_unique<RecordingStream>(&log2, -1, true),
                              testdata::FlatSchema(), {});
  ASSERT_TRUE(w2.ok());
  ASSERT_TRUE((*w2)->Write(*Batch(100, 8)).ok());
  Status st = (*w2)->Close();
  EXPECT_EQ(st.code(), StatusCode::kUnavailable);
  EXPECT_NE(st.message().find("injected close failure"), std::string::npos);
  EXPECT_EQ(log2.aborts, 1);
}

TEST(ParquetWriterLifecycle, SchemaMismatchNamesTheColumn) {
  RecordingStream::Log log;
  auto schema = testdata::FlatSchema();
  auto w = OpenParquetWriter(std::make_unique<RecordingStream>(&log), schema, {});
  ASSERT_TRUE(w.ok());
  std::vector<columnar::Field> fields = schema->fields();
  fields[3] = columnar::Field("i32", columnar::Int64());
  auto other = columnar::MakeSchema(fields);
  auto good = Batch(5, 9);
  std::vector<std::shared_ptr<columnar::Array>> columns = good->columns();
  columns[3] = columns[4];
  auto bad = RecordBatch::Make(other, columns);
  ASSERT_TRUE(bad.ok());
  Status st = (*w)->Write(**bad);
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("'i32'"), std::string::npos) << st.ToString();
  EXPECT_EQ((*w)->Write(*good).code(), StatusCode::kInvalidArgument);  // sticky
}

TEST(ParquetWriterLifecycle, NullInNonNullableColumnIsRejected) {
  RecordingStream::Log log;
  auto schema = columnar::MakeSchema({columnar::Field("x", columnar::Int32(), false)});
  auto w = OpenParquetWriter(std::make_unique<RecordingStream>(&log), schema, {});
  ASSERT_TRUE(w.ok());
  columnar::Int32Builder b;
  b.Append(1);
  b.AppendNull();
  auto batch = RecordBatch::Make(columnar::MakeSchema({columnar::Field("x", columnar::Int32())}),
                                 {*b.Finish()});
  ASSERT_TRUE(batch.ok());
  // Same name and type, nullable in the batch: the null itself is the error.
  auto relabeled = RecordBatch::Make(schema, (*batch)->columns());
  ASSERT_TRUE(relabeled.ok());
  Status st = (*w)->Write(**relabeled);
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("'x'"), std::string::npos) << st.ToString();
}

TEST(ParquetWriterLifecycle, RowGroupsReachTheStreamBeforeClose) {
  // 2 M rows in 64 K-row batches, 256 K-row row groups: bytes must flow as groups fill.
  auto schema = columnar::MakeSchema({columnar::Field("id", columnar::Int64(), false),
                                      columnar::Field("v", columnar::Float64()),
                                      columnar::Field("s", columnar::String())});
  auto batch = testdata::RandomBatch(schema, 64 * 1024, 10);
  RecordingStream::Log log;
  ParquetWriteOptions o;
  o.row_group_rows = 256 * 1024;
  auto w = OpenParquetWriter(std::make_unique<RecordingStream>(&log), schema, o);
  ASSERT_TRUE(w.ok());
  std::vector<int64_t> bytes_after;
  for (int i = 0; i < 32; ++i) {
    ASSERT_TRUE((*w)->Write(*batch).ok());
    bytes_after.push_back(log.bytes);
  }
  // Nothing but the magic until the 4th batch fills the first row group; then every 4th.
  EXPECT_EQ(bytes_after[2], 4);
  EXPECT_GT(bytes_after[3], 1 << 20);
  EXPECT_EQ(bytes_after[6], bytes_after[4]);
  EXPECT_GT(bytes_after[7], bytes_after[6]);
  int64_t before_close = log.bytes;
  EXPECT_GT(before_close, 8 * (1 << 20));
  ASSERT_TRUE((*w)->Close().ok());
  EXPECT_LT(log.bytes - before_close, 64 << 10);  // Close adds only the footer
  EXPECT_EQ(log.closes, 1);
}

}  // namespace
}  // namespace s3c::formats::parquet
