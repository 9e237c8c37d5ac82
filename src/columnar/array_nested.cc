#include "s3c/columnar/array_nested.h"

namespace s3c::columnar {

ListArray::ListArray(std::shared_ptr<ArrayData> data)
    : Array(std::move(data)),
      offsets_(data_->GetValues<int32_t>(1)),
      values_(MakeArray(data_->children[0])) {}

std::shared_ptr<Array> ListArray::value_slice(int64_t i) const {
  return values_->Slice(value_offset(i), value_length(i));
}

MapArray::MapArray(std::shared_ptr<ArrayData> data) : ListArray(std::move(data)) {
  const auto& entries = values()->data();
  keys_ = MakeArray(entries->children[0]->Slice(entries->offset, entries->length));
  items_ = MakeArray(entries->children[1]->Slice(entries->offset, entries->length));
}

StructArray::StructArray(std::shared_ptr<ArrayData> data) : Array(std::move(data)) {
  children_.reserve(data_->children.size());
  for (const auto& child : data_->children) children_.push_back(MakeArray(child));
}

std::shared_ptr<Array> StructArray::field(int i) const {
  const auto& child = children_[static_cast<size_t>(i)];
  if (data_->offset == 0 && child->length() == data_->length) return child;
  return child->Slice(data_->offset, data_->length);
}

std::shared_ptr<Array> StructArray::GetFieldByName(std::string_view name) const {
  const auto& fields = data_->type.fields();
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name() == name) return field(static_cast<int>(i));
  }
  return nullptr;
}

}  // namespace s3c::columnar
