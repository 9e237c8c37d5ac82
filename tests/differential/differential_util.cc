// Reading and writing helpers of the differential tests (differential_util.h).
#include "differential_util.h"

#include <fstream>

#include "s3c/codec/codec.h"
#include "s3c/io/local_file.h"

namespace s3c::testing {

Result<Batches> ReadAll(formats::BatchReader& reader) {
  Batches batches;
  while (true) {
    S3C_ASSIGN_OR_RETURN(std::shared_ptr<columnar::RecordBatch> batch, reader.Next());
    if (batch == nullptr) return batches;
    batches.push_back(std::move(batch));
  }
}

Result<std::unique_ptr<InputStream>> OpenDecompressedFile(const std::string& path) {
  S3C_ASSIGN_OR_RETURN(std::unique_ptr<InputStream> file, OpenLocalInput(path));
  return OpenAutoDecompressor(std::move(file), path);
}

Status WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  out.close();
  if (!out) return InternalError("cannot write " + path);
  return Status::OK();
}

Status WriteBatches(const std::string& path, const Batches& batches,
                    const std::function<Result<std::unique_ptr<formats::BatchWriter>>(
                        std::unique_ptr<OutputStream>)>& open_writer) {
  S3C_ASSIGN_OR_RETURN(std::unique_ptr<OutputStream> out, OpenLocalOutput(path));
  S3C_ASSIGN_OR_RETURN(std::unique_ptr<formats::BatchWriter> writer, open_writer(std::move(out)));
  for (const auto& b : batches) S3C_RETURN_IF_ERROR(writer->Write(*b));
  return writer->Close();
}

}  // namespace s3c::testing
