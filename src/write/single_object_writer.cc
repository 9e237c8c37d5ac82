// SingleObjectWriter (write/dataset_writer.h): one object at exactly the key.
#include "s3c/write/dataset_writer.h"
#include "write/open_data_file.h"

namespace s3c::write {

class SingleObjectWriter::Impl {
 public:
  explicit Impl(std::unique_ptr<write_internal::OpenDataFile> file) : file_(std::move(file)) {}
  std::unique_ptr<write_internal::OpenDataFile> file_;
};

Result<std::unique_ptr<SingleObjectWriter>> SingleObjectWriter::Open(
    ObjectStore& store, std::string key, std::shared_ptr<columnar::Schema> schema,
    formats::FileFormat format, const formats::FormatWriteOptions& options,
    const WriteOptions& write_options, const Clock* clock) {
  if (key.empty() || key.back() == '/') {
    return InvalidArgumentError("a single-object write needs an object key, not a folder: '" +
                                key + "'");
  }
  write_internal::DataFileSpec spec;
  spec.relative_path = key;
  spec.key = std::move(key);
  spec.format = format;
  spec.write = write_options;
  S3C_ASSIGN_OR_RETURN(auto file, write_internal::OpenDataFile::Open(store, std::move(spec),
                                                                     std::move(schema), options,
                                                                     *clock));
  return std::unique_ptr<SingleObjectWriter>(
      new SingleObjectWriter(std::make_unique<Impl>(std::move(file))));
}

SingleObjectWriter::SingleObjectWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SingleObjectWriter::~SingleObjectWriter() = default;  // the open file aborts if not closed

Status SingleObjectWriter::Write(const columnar::RecordBatch& batch) {
  Status st = impl_->file_->Write(batch);
  if (!st.ok()) impl_->file_->Abort();
  return st;
}

Result<dataset::DataFile> SingleObjectWriter::Close() { return impl_->file_->Close(); }
void SingleObjectWriter::Abort() { impl_->file_->Abort(); }

}  // namespace s3c::write
