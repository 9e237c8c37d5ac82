#include <fmt/format.h>

#include "s3c/columnar/schema.h"

namespace s3c::columnar {

Schema::Schema(std::vector<Field> fields, KeyValueMetadata metadata)
    : fields_(std::move(fields)), metadata_(std::move(metadata)) {}

std::vector<std::string> Schema::field_names() const {
  std::vector<std::string> names;
  names.reserve(fields_.size());
  for (const Field& f : fields_) names.push_back(f.name());
  return names;
}

int Schema::GetFieldIndex(std::string_view name) const {
  int found = -1;
  for (int i = 0; i < num_fields(); ++i) {
    if (fields_[static_cast<size_t>(i)].name() == name) {
      if (found >= 0) return -1;
      found = i;
    }
  }
  return found;
}

const Field* Schema::GetFieldByName(std::string_view name) const {
  int i = GetFieldIndex(name);
  return i < 0 ? nullptr : &fields_[static_cast<size_t>(i)];
}

std::string Schema::ToString() const {
  std::string out;
  for (const Field& f : fields_) {
    if (!out.empty()) out += '\n';
    out += f.ToString();
  }
  return out;
}

bool Schema::Equals(const Schema& other, bool check_metadata) const {
  if (fields_.size() != other.fields_.size()) return false;
  if (check_metadata && metadata_ != other.metadata_) return false;
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (!fields_[i].Equals(other.fields_[i], check_metadata)) return false;
  }
  return true;
}

std::shared_ptr<Schema> MakeSchema(std::vector<Field> fields, KeyValueMetadata metadata) {
  return std::make_shared<Schema>(std::move(fields), std::move(metadata));
}

}  // namespace s3c::columnar
