// Builders for list, struct and map arrays. Each owns the builders of its children; append the
// child values through them between the parent's Append() calls.
//
//   ListBuilder lb(List(Int64()));
//   auto* items = lb.value_builder_as<Int64Builder>();
//   lb.Append(); items->Append(1); items->Append(2);   // [1, 2]
//   lb.AppendNull();                                   // null
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "s3c/columnar/array_nested.h"
#include "s3c/columnar/builder.h"

namespace s3c::columnar {

class ListBuilder final : public ArrayBuilder {
 public:
  // Children builders come from MakeBuilder(list_type.value_type()).
  explicit ListBuilder(DataType list_type);
  ListBuilder(DataType list_type, std::unique_ptr<ArrayBuilder> value_builder);

  // Starts a new (valid) list: the elements appended to value_builder() until the next
  // Append/AppendNull belong to it.
  void Append() {
    offsets_.Append(static_cast<int32_t>(values_->length()));
    validity_.AppendValid(1);
  }
  void AppendNull() final {
    offsets_.Append(static_cast<int32_t>(values_->length()));
    validity_.AppendNull(1);
  }
  void AppendNulls(int64_t n) final {
    for (int64_t i = 0; i < n; ++i) AppendNull();
  }
  void Reserve(int64_t additional) final {
    offsets_.Reserve(additional);
    validity_.Reserve(additional);
  }
  ArrayBuilder* value_builder() const { return values_.get(); }
  template <typename B>
  B* value_builder_as() const {
    return static_cast<B*>(values_.get());
  }
  Result<std::shared_ptr<Array>> Finish() final;

 private:
  TypedBufferBuilder<int32_t> offsets_;
  std::unique_ptr<ArrayBuilder> values_;
};

class StructBuilder final : public ArrayBuilder {
 public:
  explicit StructBuilder(DataType struct_type);
  StructBuilder(DataType struct_type, std::vector<std::unique_ptr<ArrayBuilder>> fields);

  // Marks the next row valid; append exactly one value (or null) to every field builder.
  void Append() { validity_.AppendValid(1); }
  // Appends a null row and a null to every field builder.
  void AppendNull() final;
  void AppendNulls(int64_t n) final;
  void Reserve(int64_t additional) final;
  int num_fields() const { return static_cast<int>(fields_.size()); }
  ArrayBuilder* field_builder(int i) const { return fields_[static_cast<size_t>(i)].get(); }
  template <typename B>
  B* field_builder_as(int i) const {
    return static_cast<B*>(field_builder(i));
  }
  // Fails when a field builder's length differs from the number of rows.
  Result<std::shared_ptr<Array>> Finish() final;

 private:
  std::vector<std::unique_ptr<ArrayBuilder>> fields_;
};

class MapBuilder final : public ArrayBuilder {
 public:
  explicit MapBuilder(DataType map_type);
  MapBuilder(DataType map_type, std::unique_ptr<ArrayBuilder> key_builder,
             std::unique_ptr<ArrayBuilder> item_builder);

  // Starts a new (valid) map: append its entries to key_builder() and item_builder() in pairs.
  void Append() {
    offsets_.Append(static_cast<int32_t>(keys_->length()));
    validity_.AppendValid(1);
  }
  void AppendNull() final {
    offsets_.Append(static_cast<int32_t>(keys_->length()));
    validity_.AppendNull(1);
  }
  void AppendNulls(int64_t n) final {
    for (int64_t i = 0; i < n; ++i) AppendNull();
  }
  void Reserve(int64_t additional) final {
    offsets_.Reserve(additional);
    validity_.Reserve(additional);
  }
  ArrayBuilder* key_builder() const { return keys_.get(); }
  ArrayBuilder* item_builder() const { return items_.get(); }
  template <typename B>
  B* key_builder_as() const {
    return static_cast<B*>(keys_.get());
  }
  template <typename B>
  B* item_builder_as() const {
    return static_cast<B*>(items_.get());
  }
  // Fails when keys and items differ in length or a key is null.
  Result<std::shared_ptr<Array>> Finish() final;

 private:
  TypedBufferBuilder<int32_t> offsets_;
  std::unique_ptr<ArrayBuilder> keys_;
  std::unique_ptr<ArrayBuilder> items_;
};

}  // namespace s3c::columnar
