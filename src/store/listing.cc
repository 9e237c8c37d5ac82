#include "store/listing.h"

#include <algorithm>

#include "s3c/common/strings.h"

namespace s3c::store_internal {

std::string PrefixSuccessor(std::string_view prefix) {
  std::string s(prefix);
  while (!s.empty() && static_cast<unsigned char>(s.back()) == 0xff) s.pop_back();
  if (s.empty()) return s;
  s.back() = static_cast<char>(static_cast<unsigned char>(s.back()) + 1);
  return s;
}

std::string CommonPrefixFor(std::string_view key, std::string_view prefix,
                            std::string_view delimiter) {
  if (delimiter.empty() || key.size() < prefix.size()) return "";
  size_t pos = key.find(delimiter, prefix.size());
  if (pos == std::string_view::npos) return "";
  return std::string(key.substr(0, pos + delimiter.size()));
}

ListingBuilder::ListingBuilder(const ListOptions& options, size_t page_size,
                               const ListPageCallback& on_page)
    : options_(options), page_size_(std::max<size_t>(page_size, 1)), on_page_(on_page) {
  seek_ = options.prefix;
  if (!options.start_after.empty()) {
    // The smallest key after start_after (keys never contain NUL).
    std::string after = options.start_after + std::string(1, '\0');
    if (after > seek_) seek_ = std::move(after);
  }
}

Status ListingBuilder::Add(const ObjectInfo& object) {
  if (done_) return Status::OK();
  if (!StartsWith(object.key, options_.prefix)) {
    // Sources produce keys in order starting at or after the prefix: past it, nothing follows.
    if (object.key > options_.prefix) done_ = true;
    return Status::OK();
  }
  std::string common = CommonPrefixFor(object.key, options_.prefix, options_.delimiter);
  if (common.empty()) {
    seek_ = object.key + std::string(1, '\0');
    return Emit(object);
  }
  seek_ = PrefixSuccessor(common);
  if (seek_.empty()) done_ = true;
  if (common <= options_.start_after) return Status::OK();
  ObjectInfo info;
  info.key = std::move(common);
  info.is_prefix = true;
  return Emit(std::move(info));
}

Status ListingBuilder::Emit(ObjectInfo info) {
  page_.push_back(std::move(info));
  ++emitted_;
  if (options_.max_keys != 0 && emitted_ >= options_.max_keys) done_ = true;
  if (page_.size() >= page_size_) {
    std::vector<ObjectInfo> page;
    page.swap(page_);
    Status st = on_page_(page);
    if (!st.ok()) {
      done_ = true;
      return st;
    }
  }
  return Status::OK();
}

Status ListingBuilder::Finish() {
  if (page_.empty()) return Status::OK();
  std::vector<ObjectInfo> page;
  page.swap(page_);
  return on_page_(page);
}

}  // namespace s3c::store_internal
