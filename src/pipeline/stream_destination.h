// A destination that resolved to a stream ("-" for standard output, an existing device or FIFO):
// the rows go straight into it through a format writer. A stream has nothing to check before
// the read and nothing to publish atomically: what was written before an error has been seen
// by the reader of the stream (Abort stops writing, it cannot take bytes back).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "s3c/columnar/record_batch.h"
#include "s3c/common/status.h"
#include "s3c/formats/batch_io.h"
#include "s3c/formats/format_registry.h"
#include "s3c/pipeline/pipeline_runner.h"

namespace s3c::pipeline {

class StreamDestination {
 public:
  // `open_stream` null: OpenLocalOutput (io/local_file.h). The writer's messages name the stream
  // by `stream_path` ("stdout" for "-").
  static Result<std::unique_ptr<StreamDestination>> Open(const StreamOpener& open_stream,
                                                         const std::string& stream_path,
                                                         formats::FileFormat format,
                                                         std::shared_ptr<columnar::Schema> schema,
                                                         formats::FormatWriteOptions options);
  Status Write(const columnar::RecordBatch& batch) { return writer_->Write(batch); }
  // Flushes and closes the stream; the bytes it received.
  Result<uint64_t> Close();
  void Abort() { writer_->Abort(); }

 private:
  StreamDestination(std::unique_ptr<formats::BatchWriter> writer, const uint64_t* bytes)
      : writer_(std::move(writer)), bytes_(bytes) {}

  std::unique_ptr<formats::BatchWriter> writer_;
  const uint64_t* bytes_;  // the counter of the stream `writer_` owns
};

}  // namespace s3c::pipeline
