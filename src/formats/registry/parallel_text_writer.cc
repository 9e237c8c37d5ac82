// OpenParallelTextWriter (format_registry.h): batches rendered to text on the shared CPU pool,
// written in order.
#include <condition_variable>
#include <deque>
#include <mutex>

#include "s3c/common/executor.h"
#include "s3c/formats/format_registry.h"
#include "s3c/io/local_file.h"

namespace s3c::formats {
namespace {

// One batch's text, rendered by a pool task.
struct Rendering {
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;       // guarded by mu
  Result<std::string> text = std::string();  // set before done
};

// The text of `batch` alone (with the CSV header when `header`), as OpenFormatWriter writes it.
Result<std::string> Render(const RecordBatch* batch, FileFormat format,
                           const std::shared_ptr<Schema>& schema, FormatWriteOptions options,
                           bool header) {
  std::string text;
  options.csv.header = header;
  S3C_ASSIGN_OR_RETURN(auto writer,
                       OpenFormatWriter(MakeStringOutput(&text), format, schema, options));
  if (batch != nullptr) S3C_RETURN_IF_ERROR(writer->Write(*batch));
  S3C_RETURN_IF_ERROR(writer->Close());
  return text;
}

class ParallelTextWriter final : public BatchWriter {
 public:
  ParallelTextWriter(std::unique_ptr<OutputStream> output, FileFormat format,
                     std::shared_ptr<Schema> schema, const FormatWriteOptions& options,
                     size_t max_in_flight)
      : output_(std::move(output)),
        format_(format),
        schema_(std::move(schema)),
        options_(options),
        max_in_flight_(max_in_flight) {}

  ~ParallelTextWriter() override {
    if (!closed_) Abort();
  }

  Status Write(const RecordBatch& batch) override {
    S3C_RETURN_IF_ERROR(failed_);
    while (pending_.size() >= max_in_flight_) S3C_RETURN_IF_ERROR(WriteOldest());
    auto rendering = std::make_shared<Rendering>();
    auto rows = std::make_shared<RecordBatch>(batch);  // shares the arrays
    const bool header = !started_ && options_.csv.header;
    started_ = true;
    Executor::Shared().Submit([rendering, rows, format = format_, schema = schema_,
                               options = options_, header] {
      Result<std::string> text = Render(rows.get(), format, schema, options, header);
      std::lock_guard<std::mutex> lock(rendering->mu);
      rendering->text = std::move(text);
      rendering->done = true;
      rendering->cv.notify_all();
    });
    pending_.push_back(std::move(rendering));
    return Status::OK();
  }

  Status Close() override {
    S3C_RETURN_IF_ERROR(failed_);
    while (!pending_.empty()) S3C_RETURN_IF_ERROR(WriteOldest());
    if (!started_) {  // no rows: the header alone, as the plain writer writes it
      S3C_ASSIGN_OR_RETURN(std::string text,
                           Render(nullptr, format_, schema_, options_, options_.csv.header));
      S3C_RETURN_IF_ERROR(Fail(output_->Write(text)));
    }
    closed_ = true;
    return Fail(output_->Close());
  }

  void Abort() override {
    closed_ = true;
    pending_.clear();  // the tasks own what they use; their results are dropped
    output_->Abort();
  }

 private:
  Status WriteOldest() {
    std::shared_ptr<Rendering> oldest = std::move(pending_.front());
    pending_.pop_front();
    std::unique_lock<std::mutex> lock(oldest->mu);
    oldest->cv.wait(lock, [&] { return oldest->done; });
    S3C_RETURN_IF_ERROR(Fail(oldest->text.status()));
    return Fail(output_->Write(*oldest->text));
  }

  // Latches the first error (later calls return it) and aborts the output.
  Status Fail(Status st) {
    if (!st.ok() && failed_.ok()) {
      failed_ = st;
      Abort();
    }
    return st;
  }

  std::unique_ptr<OutputStream> output_;
  const FileFormat format_;
  const std::shared_ptr<Schema> schema_;
  const FormatWriteOptions options_;
  const size_t max_in_flight_;
  std::deque<std::shared_ptr<Rendering>> pending_;  // in batch order
  bool started_ = false;
  bool closed_ = false;
  Status failed_;
};

}  // namespace

Result<std::unique_ptr<BatchWriter>> OpenParallelTextWriter(std::unique_ptr<OutputStream> output,
                                                            FileFormat format,
                                                            std::shared_ptr<Schema> schema,
                                                            const FormatWriteOptions& options,
                                                            int threads) {
  const bool text = format == FileFormat::kCsv || format == FileFormat::kTsv ||
                    format == FileFormat::kJsonLines;
  const int t = threads > 0 ? threads : Executor::Shared().size();
  if (!text || options.compression != Codec::kNone || t <= 1) {
    return OpenFormatWriter(std::move(output), format, std::move(schema), options);
  }
  // Checks the options as the plain writer does, before any row.
  S3C_RETURN_IF_ERROR(Render(nullptr, format, schema, options, false).status());
  return std::unique_ptr<BatchWriter>(new ParallelTextWriter(
      std::move(output), format, std::move(schema), options, 2 * static_cast<size_t>(t)));
}

}  // namespace s3c::formats
