#include "s3c/columnar/builder_nested.h"

#include <fmt/format.h>

#include <limits>

namespace s3c::columnar {
namespace {

std::shared_ptr<Buffer> FinishOffsets(TypedBufferBuilder<int32_t>* offsets, int64_t end) {
  offsets->Append(static_cast<int32_t>(end));
  return offsets->Finish();
}

}  // namespace

ListBuilder::ListBuilder(DataType list_type)
    : ListBuilder(list_type, MakeBuilder(list_type.value_type())) {}

ListBuilder::ListBuilder(DataType list_type, std::unique_ptr<ArrayBuilder> value_builder)
    : ArrayBuilder(std::move(list_type)), values_(std::move(value_builder)) {}

Result<std::shared_ptr<Array>> ListBuilder::Finish() {
  int64_t length = validity_.length();
  int64_t nulls = validity_.null_count();
  int64_t end = values_->length();
  std::shared_ptr<Buffer> validity = validity_.Finish();
  std::shared_ptr<Buffer> offsets = FinishOffsets(&offsets_, end);
  S3C_ASSIGN_OR_RETURN(std::shared_ptr<Array> values, values_->Finish());
  if (end > std::numeric_limits<int32_t>::max()) {
    return InvalidArgumentError(fmt::format("list has {} child elements; limit is 2^31 - 1", end));
  }
  return MakeArray(ArrayData::Make(type_, length, {std::move(validity), std::move(offsets)}, nulls,
                                   0, {values->data()}));
}

StructBuilder::StructBuilder(DataType struct_type) : ArrayBuilder(std::move(struct_type)) {
  for (const Field& f : type_.fields()) fields_.push_back(MakeBuilder(f.type()));
}

StructBuilder::StructBuilder(DataType struct_type,
                             std::vector<std::unique_ptr<ArrayBuilder>> fields)
    : ArrayBuilder(std::move(struct_type)), fields_(std::move(fields)) {}

void StructBuilder::AppendNull() {
  validity_.AppendNull(1);
  for (auto& f : fields_) f->AppendNull();
}

void StructBuilder::AppendNulls(int64_t n) {
  validity_.AppendNull(n);
  for (auto& f : fields_) f->AppendNulls(n);
}

void StructBuilder::Reserve(int64_t additional) {
  validity_.Reserve(additional);
  for (auto& f : fields_) f->Reserve(additional);
}

Result<std::shared_ptr<Array>> StructBuilder::Finish() {
  int64_t length = validity_.length();
  int64_t nulls = validity_.null_count();
  Status mismatch;
  for (size_t i = 0; i < fields_.size() && mismatch.ok(); ++i) {
    if (fields_[i]->length() != length) {
      mismatch = InvalidArgumentError(
          fmt::format("struct field '{}' has {} values but the struct has {} rows",
                      type_.field(static_cast<int>(i)).name(), fields_[i]->length(), length));
    }
  }
  std::shared_ptr<Buffer> validity = validity_.Finish();
  std::vector<std::shared_ptr<ArrayData>> children;
  for (auto& f : fields_) {
    S3C_ASSIGN_OR_RETURN(std::shared_ptr<Array> child, f->Finish());
    children.push_back(child->data());
  }
  if (!mismatch.ok()) return mismatch;
  return MakeArray(
      ArrayData::Make(type_, length, {std::move(validity)}, nulls, 0, std::move(children)));
}

MapBuilder::MapBuilder(DataType map_type)
    : MapBuilder(map_type, MakeBuilder(map_type.key_type()), MakeBuilder(map_type.item_type())) {}

MapBuilder::MapBuilder(DataType map_type, std::unique_ptr<ArrayBuilder> key_builder,
                       std::unique_ptr<ArrayBuilder> item_builder)
    : ArrayBuilder(std::move(map_type)),
      keys_(std::move(key_builder)),
      items_(std::move(item_builder)) {}

Result<std::shared_ptr<Array>> MapBuilder::Finish() {
  int64_t length = validity_.length();
  int64_t nulls = validity_.null_count();
  int64_t entries = keys_->length();
  Status error;
  if (items_->length() != entries) {
    error = InvalidArgumentError(
        fmt::format("map has {} keys but {} items", entries, items_->length()));
  } else if (keys_->null_count() > 0) {
    error = InvalidArgumentError(fmt::format("map has {} null keys", keys_->null_count()));
  }
  std::shared_ptr<Buffer> validity = validity_.Finish();
  std::shared_ptr<Buffer> offsets = FinishOffsets(&offsets_, entries);
  S3C_ASSIGN_OR_RETURN(std::shared_ptr<Array> keys, keys_->Finish());
  S3C_ASSIGN_OR_RETURN(std::shared_ptr<Array> items, items_->Finish());
  if (!error.ok()) return error;
  auto entries_data =
      ArrayData::Make(type_.value_type(), entries, {nullptr}, 0, 0, {keys->data(), items->data()});
  return MakeArray(ArrayData::Make(type_, length, {std::move(validity), std::move(offsets)}, nulls,
                                   0, {std::move(entries_data)}));
}

}  // namespace s3c::columnar
