// Turns the URI a data command names (an object, a prefix, or a glob; local or remote) into
// the store and the objects to read (dataset/discovery.h).
#pragma once

#include <string>
#include <vector>

#include "cli_context.h"
#include "s3c/formats/batch_io.h"

namespace s3c::cli {

struct DatasetInput {
  ObjectStore* store = nullptr;
  std::vector<ObjectInfo> objects;
};

Result<DatasetInput> ResolveDatasetInput(CliContext& ctx, const std::string& uri);

// A JSON Lines sink for rejected records (one object per record: object, line, byte_offset,
// reason, raw), published when Close() succeeds, discarded otherwise.
class QuarantineSink {
 public:
  static Result<std::unique_ptr<QuarantineSink>> Open(CliContext& ctx, const std::string& uri);
  Status Add(const formats::RejectedRecord& record);
  Status Close();
  int64_t count() const { return count_; }

 private:
  explicit QuarantineSink(std::unique_ptr<OutputStream> out) : out_(std::move(out)) {}
  std::unique_ptr<OutputStream> out_;
  int64_t count_ = 0;
};

}  // namespace s3c::cli
