// Where a data read's input lives, from the URI a user names (an object, a prefix or a glob;
// local or remote), and the sink for rejected records (docs/architecture.md: dataset).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "s3c/common/status.h"
#include "s3c/formats/batch_io.h"
#include "s3c/store/store_resolver.h"

namespace s3c::dataset {

// The store and the key, prefix or glob inside it that DiscoverDataset lists.
struct DatasetInput {
  ObjectStore* store = nullptr;  // owned by the resolver
  std::string key;
};

// A local glob ("data/*.csv") roots its store at the literal folder before the first wildcard;
// standard input and devices are InvalidArgument (data is read from objects and files).
Result<DatasetInput> ResolveDatasetInput(StoreResolver& stores, const std::string& uri);

// A JSON Lines sink for rejected records (one object per record: object, line, byte_offset,
// reason, raw), published when Close() succeeds, discarded otherwise. Add may be called from
// the one thread that reads; not thread-safe.
class QuarantineSink {
 public:
  // InvalidArgument for a folder, prefix, '-' or device: the sink is one file or object.
  static Result<std::unique_ptr<QuarantineSink>> Open(StoreResolver& stores,
                                                      const std::string& uri);
  Status Add(const formats::RejectedRecord& record);
  Status Close();
  int64_t count() const { return count_; }

 private:
  explicit QuarantineSink(std::unique_ptr<OutputStream> out) : out_(std::move(out)) {}
  std::unique_ptr<OutputStream> out_;
  int64_t count_ = 0;
};

}  // namespace s3c::dataset
