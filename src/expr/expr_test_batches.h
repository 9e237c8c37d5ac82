// Test helpers: small batches from literal columns, and binding + selecting in one call.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/builder_primitive.h"
#include "s3c/columnar/record_batch.h"
#include "s3c/expr/evaluate.h"

namespace s3c::expr::testing {

template <typename Builder, typename T>
std::shared_ptr<columnar::Array> Column(Builder builder, const std::vector<std::optional<T>>& v) {
  for (const auto& x : v) {
    if (x) {
      builder.Append(*x);
    } else {
      builder.AppendNull();
    }
  }
  return *builder.Finish();
}

inline std::shared_ptr<columnar::Array> Ints(const std::vector<std::optional<int64_t>>& v) {
  return Column(columnar::Int64Builder(), v);
}
inline std::shared_ptr<columnar::Array> Doubles(const std::vector<std::optional<double>>& v) {
  return Column(columnar::Float64Builder(), v);
}
inline std::shared_ptr<columnar::Array> Strings(const std::vector<std::optional<std::string>>& v) {
  return Column(columnar::StringBuilder(), v);
}
inline std::shared_ptr<columnar::Array> Bools(const std::vector<std::optional<bool>>& v) {
  return Column(columnar::BooleanBuilder(), v);
}
inline std::shared_ptr<columnar::Array> Dates(const std::vector<std::optional<int32_t>>& v) {
  return Column(columnar::Date32Builder(), v);
}
inline std::shared_ptr<columnar::Array> Micros(const std::vector<std::optional<int64_t>>& v) {
  return Column(columnar::TimestampBuilder(columnar::Timestamp(columnar::TimeUnit::kMicro)), v);
}

inline std::shared_ptr<columnar::RecordBatch> Batch(
    std::vector<std::pair<std::string, std::shared_ptr<columnar::Array>>> columns) {
  std::vector<columnar::Field> fields;
  std::vector<std::shared_ptr<columnar::Array>> arrays;
  for (auto& [name, array] : columns) {
    fields.emplace_back(name, array->type());
    arrays.push_back(array);
  }
  return *columnar::RecordBatch::Make(columnar::MakeSchema(std::move(fields)), std::move(arrays));
}

// The rows `text` keeps, or {-1} with a test failure when binding or evaluation fails.
inline std::vector<int64_t> Keep(const std::string& text, const columnar::RecordBatch& batch,
                                 const EvalContext& context = {}) {
  auto filter = Filter::Bind(text, *batch.schema());
  if (!filter.ok()) {
    ADD_FAILURE() << text << ": " << filter.status().ToString();
    return {-1};
  }
  auto rows = Select(**filter, batch, context);
  if (!rows.ok()) {
    ADD_FAILURE() << text << ": " << rows.status().ToString();
    return {-1};
  }
  return *rows;
}

// The error message binding `text` gives, or "" (with a failure) when it binds.
inline std::string BindError(const std::string& text, const columnar::Schema& schema) {
  auto filter = Filter::Bind(text, schema);
  if (filter.ok()) {
    ADD_FAILURE() << text << " bound without an error";
    return "";
  }
  return filter.status().message();
}

}  // namespace s3c::expr::testing
