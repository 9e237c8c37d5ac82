// Schema: the ordered fields of a record batch plus schema-level metadata. Immutable once made
// (no non-const method), so one shared Schema is safe to read from many threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "s3c/columnar/data_type.h"

namespace s3c::columnar {

class Schema {
 public:
  explicit Schema(std::vector<Field> fields, KeyValueMetadata metadata = {});

  const std::vector<Field>& fields() const { return fields_; }
  int num_fields() const { return static_cast<int>(fields_.size()); }
  const Field& field(int i) const { return fields_[static_cast<size_t>(i)]; }
  const KeyValueMetadata& metadata() const { return metadata_; }
  std::vector<std::string> field_names() const;

  // Index of the field called `name`; -1 when there is none or more than one.
  int GetFieldIndex(std::string_view name) const;
  // The field called `name`, or nullptr (missing or ambiguous).
  const Field* GetFieldByName(std::string_view name) const;

  // One "name: type" line per field.
  std::string ToString() const;
  bool Equals(const Schema& other, bool check_metadata = false) const;

 private:
  std::vector<Field> fields_;
  KeyValueMetadata metadata_;
};

std::shared_ptr<Schema> MakeSchema(std::vector<Field> fields, KeyValueMetadata metadata = {});

}  // namespace s3c::columnar
