// ResolveDatasetInput and QuarantineSink (dataset/dataset_input.h).
#include "s3c/dataset/dataset_input.h"

#include <fmt/format.h>

#include "s3c/common/json_escape.h"
#include "s3c/dataset/discovery.h"

namespace s3c::dataset {

Result<DatasetInput> ResolveDatasetInput(StoreResolver& stores, const std::string& uri) {
  StoreLocation loc;
  std::string key;
  if (HasGlobChars(uri) && uri.find("://") == std::string::npos) {
    // A local glob: root the store at the literal folder before the first wildcard.
    std::string folder = GlobListPrefix(uri);
    S3C_ASSIGN_OR_RETURN(loc, stores.Resolve(folder.empty() ? "." : folder));
    key = uri.substr(folder.size());
  } else {
    S3C_ASSIGN_OR_RETURN(loc, stores.Resolve(uri));
    if (loc.is_stdio()) {
      return InvalidArgumentError(
          "reading data from standard input or a device is not supported; give a file");
    }
    key = loc.key;
  }
  DatasetInput input;
  input.store = loc.store;
  input.key = std::move(key);
  return input;
}

Result<std::unique_ptr<QuarantineSink>> QuarantineSink::Open(StoreResolver& stores,
                                                             const std::string& uri) {
  S3C_ASSIGN_OR_RETURN(StoreLocation loc, stores.Resolve(uri));
  if (loc.is_stdio() || loc.folder_like) {
    return InvalidArgumentError(fmt::format("--quarantine needs a file or object, got {}", uri));
  }
  WriteOptions options;
  options.content_type = "application/x-ndjson";
  S3C_ASSIGN_OR_RETURN(auto out, loc.store->OpenOutput(loc.key, options));
  return std::unique_ptr<QuarantineSink>(new QuarantineSink(std::move(out)));
}

Status QuarantineSink::Add(const formats::RejectedRecord& r) {
  ++count_;
  return out_->Write(fmt::format("{{\"object\":{},\"line\":{},\"byte_offset\":{},\"reason\":{},"
                                 "\"raw\":{}}}\n",
                                 JsonQuote(r.object), r.line, r.byte_offset, JsonQuote(r.reason),
                                 JsonQuote(r.raw)));
}

Status QuarantineSink::Close() { return out_->Close(); }

}  // namespace s3c::dataset
