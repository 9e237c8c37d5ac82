#include "s3c/columnar/record_batch.h"

#include <fmt/format.h>

#include <algorithm>

namespace s3c::columnar {

Result<std::shared_ptr<RecordBatch>> RecordBatch::Make(std::shared_ptr<Schema> schema,
                                                       std::vector<std::shared_ptr<Array>> columns,
                                                       int64_t num_rows) {
  if (schema == nullptr) return InvalidArgumentError("record batch without a schema");
  if (static_cast<int>(columns.size()) != schema->num_fields()) {
    return InvalidArgumentError(fmt::format("schema has {} fields but {} columns were given",
                                            schema->num_fields(), columns.size()));
  }
  if (num_rows < 0) num_rows = columns.empty() ? 0 : columns[0]->length();
  for (size_t i = 0; i < columns.size(); ++i) {
    const Field& f = schema->field(static_cast<int>(i));
    if (columns[i] == nullptr) {
      return InvalidArgumentError(fmt::format("column '{}' is missing", f.name()));
    }
    if (!columns[i]->type().Equals(f.type())) {
      return InvalidArgumentError(fmt::format("column '{}' has type {} but the schema says {}",
                                              f.name(), columns[i]->type().ToString(),
                                              f.type().ToString()));
    }
    if (columns[i]->length() != num_rows) {
      return InvalidArgumentError(fmt::format("column '{}' has {} rows, expected {}", f.name(),
                                              columns[i]->length(), num_rows));
    }
  }
  return std::shared_ptr<RecordBatch>(
      new RecordBatch(std::move(schema), std::move(columns), num_rows));
}

std::shared_ptr<Array> RecordBatch::GetColumnByName(std::string_view name) const {
  int i = schema_->GetFieldIndex(name);
  return i < 0 ? nullptr : columns_[static_cast<size_t>(i)];
}

std::shared_ptr<RecordBatch> RecordBatch::Slice(int64_t offset, int64_t length) const {
  offset = std::clamp<int64_t>(offset, 0, num_rows_);
  length = std::clamp<int64_t>(length, 0, num_rows_ - offset);
  std::vector<std::shared_ptr<Array>> columns;
  columns.reserve(columns_.size());
  for (const auto& c : columns_) columns.push_back(c->Slice(offset, length));
  return std::shared_ptr<RecordBatch>(new RecordBatch(schema_, std::move(columns), length));
}

std::shared_ptr<RecordBatch> RecordBatch::Slice(int64_t offset) const {
  return Slice(offset, num_rows_ - offset);
}

namespace {

uint64_t ArrayDataBytes(const ArrayData& data) {
  uint64_t total = 0;
  for (const auto& b : data.buffers) {
    if (b) total += static_cast<uint64_t>(b->size());
  }
  for (const auto& c : data.children) {
    if (c) total += ArrayDataBytes(*c);
  }
  return total;
}

}  // namespace

uint64_t BufferBytes(const RecordBatch& batch) {
  uint64_t total = 0;
  for (int i = 0; i < batch.num_columns(); ++i) total += ArrayDataBytes(*batch.column(i)->data());
  return total;
}

}  // namespace s3c::columnar
