// Batches from JSON records (json_batch_builder.h).
#include "formats/json/json_batch_builder.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "formats/json/json_convert.h"
#include "formats/json/json_types.h"
#include "s3c/columnar/builder.h"

namespace s3c::formats::json_internal {

JsonBatchBuilder::JsonBatchBuilder(const JsonReadOptions& options, std::shared_ptr<Schema> schema,
                                   const ColumnIndex* index, bool fast_path)
    : options_(options), schema_(std::move(schema)), index_(index), use_flat_(fast_path) {
  if (fast_path) {
    flat_ = std::make_unique<FlatRecordParser>(*schema_, options_.inference, options_.flatten,
                                               options_.max_depth);
  }
}

std::string JsonBatchBuilder::Where(const SourceRecord& rec) const {
  return fmt::format("{}: line {}, byte offset {}",
                     options_.object_name.empty() ? "input" : options_.object_name, rec.line,
                     rec.offset);
}

Result<std::shared_ptr<RecordBatch>> JsonBatchBuilder::Fill(const NextFn& next,
                                                            const RejectFn& reject,
                                                            int64_t* rows_read) {
  const int n = schema_->num_fields();
  std::vector<std::unique_ptr<columnar::ArrayBuilder>> builders;
  for (const columnar::Field& f : schema_->fields()) builders.push_back(columnar::MakeBuilder(f.type()));
  std::vector<const JsonValue*> slots(static_cast<size_t>(n));
  ColumnValues columns;
  int64_t rows = 0;
  int64_t flat_rows = 0;
  int64_t fallbacks = 0;  // records the fast path was tried on and handed to the full path
  FlatRecordParser* flat = use_flat_ ? flat_.get() : nullptr;  // null: off
  SourceRecord rec;
  while (rows < options_.batch_rows) {
    bool tried = false;
    S3C_ASSIGN_OR_RETURN(RecordKind kind, next(&rec, flat, &tried));
    if (kind == RecordKind::kEnd) break;
    if (kind == RecordKind::kRecord && tried) ++fallbacks;
    if (kind == RecordKind::kFlat) {
      S3C_RETURN_IF_ERROR(flat_->AppendRow(builders));
      ++flat_rows;
      ++rows;
      ++*rows_read;
      continue;
    }
    RecordColumns(rec.value, options_.flatten, options_.flatten_max_depth, &columns);
    std::fill(slots.begin(), slots.end(), nullptr);
    for (const auto& [name, value] : columns) {
      auto it = index_->find(name);
      if (it != index_->end()) slots[static_cast<size_t>(it->second)] = value;
    }
    Status bad;
    for (int i = 0; i < n && bad.ok(); ++i) {
      if (slots[i] == nullptr) continue;
      Status s = ConvertValue(*slots[i], schema_->field(i).type(), options_.inference, nullptr);
      if (!s.ok()) {
        bad = InvalidArgumentError(
            fmt::format("{}: column '{}': {}", Where(rec), schema_->field(i).name(), s.message()));
      }
    }
    if (!bad.ok()) {
      S3C_RETURN_IF_ERROR(
          reject({options_.object_name, rec.line, rec.offset, bad.message(), std::move(rec.raw)}));
      continue;
    }
    for (int i = 0; i < n; ++i) {
      if (slots[i] == nullptr) {
        builders[i]->AppendNull();
      } else {
        S3C_RETURN_IF_ERROR(ConvertValue(*slots[i], schema_->field(i).type(), options_.inference,
                                         builders[i].get()));
      }
    }
    ++rows;
    ++*rows_read;
  }
  use_flat_ = flat_ != nullptr && (flat == nullptr || fallbacks <= flat_rows);
  if (rows == 0) return std::shared_ptr<RecordBatch>();
  std::vector<std::shared_ptr<columnar::Array>> arrays;
  for (auto& b : builders) {
    S3C_ASSIGN_OR_RETURN(auto array, b->Finish());
    arrays.push_back(std::move(array));
  }
  return RecordBatch::Make(schema_, std::move(arrays), rows);
}

}  // namespace s3c::formats::json_internal
