#include "s3c/store/object_store.h"

#include <fmt/format.h>

namespace s3c {

Result<std::vector<ObjectInfo>> ObjectStore::ListAll(const ListOptions& options) {
  std::vector<ObjectInfo> all;
  S3C_RETURN_IF_ERROR(List(options, [&all](const std::vector<ObjectInfo>& page) {
    all.insert(all.end(), page.begin(), page.end());
    return Status::OK();
  }));
  return all;
}

std::map<std::string, uint64_t> ObjectStore::WholeStreamReadRequests(uint64_t) const {
  return {};
}

Result<std::vector<PendingUpload>> ObjectStore::ListPendingUploads(const std::string&) {
  return std::vector<PendingUpload>{};
}

Status ObjectStore::AbortPendingUpload(const PendingUpload& upload) {
  return InvalidArgumentError(
      fmt::format("{} has no multipart uploads: upload '{}' of {} cannot be one of its",
                  UriFor(""), upload.upload_id, UriFor(upload.key)));
}

Result<ObjectInfo> ObjectStore::ReadInto(const std::string& key, const ReadOptions& options,
                                         const OffsetSink& sink,
                                         const std::function<void(const ObjectInfo&)>& on_info) {
  if (options.offset != 0 || options.length) {
    return InvalidArgumentError("ReadInto reads whole objects: " + UriFor(key));
  }
  S3C_ASSIGN_OR_RETURN(ObjectInfo info, Stat(key));
  if (on_info) on_info(info);
  ReadOptions pinned = options;
  if (pinned.if_match.empty()) pinned.if_match = info.etag;
  S3C_ASSIGN_OR_RETURN(std::unique_ptr<InputStream> in, OpenInput(key, pinned));
  uint64_t pos = 0;
  while (true) {
    S3C_ASSIGN_OR_RETURN(std::string_view view, in->ReadView(1 << 20));
    if (view.empty()) break;
    S3C_RETURN_IF_ERROR(sink(pos, view.data(), view.size()));
    pos += view.size();
  }
  if (pos != info.size) {
    return DataLossError(
        fmt::format("{}: read {} bytes, the object has {}", UriFor(key), pos, info.size));
  }
  return info;
}

std::optional<WallTime> ObjectStore::ServerTime() const { return std::chrono::system_clock::now(); }

}  // namespace s3c
