// OpenDataFile (open_data_file.h).
#include "write/open_data_file.h"

#include <fmt/format.h>

namespace s3c::write_internal {
namespace {

// Counts the bytes that reach the store's writer (after compression): the file's size so far.
class CountingOutput final : public OutputStream {
 public:
  CountingOutput(std::unique_ptr<OutputStream> inner, std::shared_ptr<uint64_t> count)
      : inner_(std::move(inner)), count_(std::move(count)) {}
  Status Write(const void* data, size_t n) override {
    S3C_RETURN_IF_ERROR(inner_->Write(data, n));
    *count_ += n;
    return Status::OK();
  }
  Status Close() override { return inner_->Close(); }
  void Abort() override { inner_->Abort(); }
  uint64_t buffered_bytes() const override { return inner_->buffered_bytes(); }

 private:
  std::unique_ptr<OutputStream> inner_;
  std::shared_ptr<uint64_t> count_;
};

}  // namespace

OpenDataFile::OpenDataFile(DataFileSpec spec, std::shared_ptr<columnar::Schema> schema)
    : spec_(std::move(spec)), stats_(std::move(schema)) {}

OpenDataFile::~OpenDataFile() { Abort(); }

Result<std::unique_ptr<OpenDataFile>> OpenDataFile::Open(
    ObjectStore& store, DataFileSpec spec, std::shared_ptr<columnar::Schema> schema,
    const formats::FormatWriteOptions& options, const Clock& clock) {
  std::unique_ptr<OpenDataFile> file(new OpenDataFile(std::move(spec), schema));
  WriteOptions write = file->spec_.write;
  std::shared_ptr<std::optional<ObjectInfo>> published = file->published_;
  write.on_published = [published](const ObjectInfo& info) { *published = info; };
  S3C_ASSIGN_OR_RETURN(auto out, store.OpenOutput(file->spec_.key, write));
  auto counted = std::make_unique<CountingOutput>(std::move(out), file->stored_bytes_);
  formats::FormatWriteOptions format_options = options;
  format_options.parquet.object_name = store.UriFor(file->spec_.key);
  S3C_ASSIGN_OR_RETURN(file->writer_,
                       formats::OpenFormatWriter(std::move(counted), file->spec_.format,
                                                 std::move(schema), format_options));
  file->clock_ = &clock;
  return file;
}

Status OpenDataFile::Write(const columnar::RecordBatch& batch) {
  S3C_RETURN_IF_ERROR(writer_->Write(batch));
  stats_.Add(batch);
  return Status::OK();
}

uint64_t OpenDataFile::size_estimate() const {
  return *stored_bytes_ + writer_->pending_output_bytes();
}

Result<dataset::DataFile> OpenDataFile::Close() {
  if (done_) return FailedPreconditionError("data file already closed: " + spec_.key);
  done_ = true;
  Status closed = writer_->Close();
  reservation_.Release();
  S3C_RETURN_IF_ERROR(closed);
  if (!published_->has_value()) {
    return InternalError("the store published " + spec_.key + " without reporting it");
  }
  const ObjectInfo& info = **published_;
  dataset::DataFile file;
  file.path = spec_.relative_path;
  file.partition_values = spec_.partition_values;
  file.size = info.size;
  file.rows = stats_.rows();
  file.etag = info.etag;
  // The store's time when it stamped one (local, memory), else the writer's clock at publish.
  file.modification_time = info.last_modified == WallTime{} ? clock_->Now() : info.last_modified;
  file.stats_json = stats_.ToDeltaJson();
  return file;
}

void OpenDataFile::Abort() {
  if (done_) return;
  done_ = true;
  if (writer_) writer_->Abort();
  reservation_.Release();
}

}  // namespace s3c::write_internal
