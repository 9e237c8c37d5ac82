// DiscoverObjects (discovery.h).
#include <fmt/format.h>

#include "s3c/dataset/discovery.h"

namespace s3c::dataset {
namespace {

// Folder markers, and files hidden by the Spark/Hive convention (_SUCCESS, _metadata, .crc).
bool IsHiddenUnderPrefix(const std::string& key) {
  if (key.empty() || key.back() == '/') return true;
  size_t slash = key.rfind('/');
  char first = key[slash == std::string::npos ? 0 : slash + 1];
  return first == '_' || first == '.';
}

Result<std::vector<ObjectInfo>> ListFiltered(ObjectStore& store, const std::string& prefix,
                                             const std::function<bool(const std::string&)>& keep) {
  std::vector<ObjectInfo> out;
  ListOptions options;
  options.prefix = prefix;
  S3C_RETURN_IF_ERROR(store.List(options, [&](const std::vector<ObjectInfo>& page) {
    for (const ObjectInfo& info : page) {
      if (!info.is_prefix && keep(info.key)) out.push_back(info);
    }
    return Status::OK();
  }));
  return out;
}

}  // namespace

Result<std::vector<ObjectInfo>> DiscoverObjects(ObjectStore& store, std::string_view key) {
  std::vector<ObjectInfo> found;
  if (HasGlobChars(key)) {
    std::string pattern(key);
    S3C_ASSIGN_OR_RETURN(found, ListFiltered(store, GlobListPrefix(pattern),
                                             [&](const std::string& k) {
                                               return GlobMatch(pattern, k) && k.back() != '/';
                                             }));
  } else if (key.empty() || key.back() == '/') {
    S3C_ASSIGN_OR_RETURN(found, ListFiltered(store, std::string(key), [](const std::string& k) {
      return !IsHiddenUnderPrefix(k);
    }));
  } else {
    Result<ObjectInfo> one = store.Stat(std::string(key));
    if (one.ok()) return std::vector<ObjectInfo>{*one};
    if (one.status().code() != StatusCode::kNotFound) return one.status();
    S3C_ASSIGN_OR_RETURN(found, ListFiltered(store, std::string(key) + "/",
                                             [](const std::string& k) {
                                               return !IsHiddenUnderPrefix(k);
                                             }));
  }
  if (found.empty()) {
    return NotFoundError(fmt::format("{}: no object matches", store.UriFor(std::string(key))));
  }
  return found;
}

}  // namespace s3c::dataset
