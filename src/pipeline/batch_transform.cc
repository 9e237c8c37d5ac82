// BatchTransform (batch_transform.h).
#include "s3c/pipeline/batch_transform.h"

#include <fmt/format.h>

#include <algorithm>

#include "s3c/columnar/cast.h"
#include "s3c/common/name_suggest.h"

namespace s3c::pipeline {
namespace {

Result<int> FindColumn(const std::vector<std::string>& names, const std::string& name,
                       std::string_view what) {
  auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) {
    return InvalidArgumentError(
        fmt::format("{}: no column \"{}\"{}", what, name, DidYouMean(name, names)));
  }
  return static_cast<int>(it - names.begin());
}

}  // namespace

Result<BatchTransform> BatchTransform::Make(const columnar::Schema& input,
                                            const TransformSpec& spec) {
  std::vector<std::string> names = input.field_names();
  std::vector<bool> renamed(names.size(), false);
  for (const auto& [from, to] : spec.rename) {
    S3C_ASSIGN_OR_RETURN(int i, FindColumn(input.field_names(), from, "rename"));
    if (renamed[static_cast<size_t>(i)]) {
      return InvalidArgumentError(fmt::format("rename: column \"{}\" is renamed twice", from));
    }
    renamed[static_cast<size_t>(i)] = true;
    names[static_cast<size_t>(i)] = to;
  }
  for (size_t i = 0; i < names.size(); ++i) {
    for (size_t j = i + 1; j < names.size(); ++j) {
      if (names[i] == names[j]) {
        return InvalidArgumentError(fmt::format(
            "rename: two columns would be named \"{}\" (\"{}\" and \"{}\" before renaming)",
            names[i], input.field(static_cast<int>(i)).name(),
            input.field(static_cast<int>(j)).name()));
      }
    }
  }
  BatchTransform t;
  t.casts_.assign(names.size(), std::nullopt);
  for (const auto& [column, type] : spec.cast) {
    const int before = input.GetFieldIndex(column);
    if (before >= 0 && names[static_cast<size_t>(before)] != column) {
      return InvalidArgumentError(
          fmt::format("cast: column \"{}\" is renamed to \"{}\"; cast names columns after "
                      "renaming",
                      column, names[static_cast<size_t>(before)]));
    }
    S3C_ASSIGN_OR_RETURN(int i, FindColumn(names, column, "cast"));
    const auto slot = static_cast<size_t>(i);
    if (t.casts_[slot]) {
      return InvalidArgumentError(fmt::format("cast: column \"{}\" is cast twice", column));
    }
    const columnar::DataType& from = input.field(i).type();
    if (!from.Equals(type) && !columnar::CanCast(from, type)) {
      return InvalidArgumentError(fmt::format("cast: column \"{}\" cannot be cast from {} to {}",
                                              column, from.ToString(), type.ToString()));
    }
    if (!from.Equals(type)) t.casts_[slot] = type;
  }
  if (spec.limit && *spec.limit < 0) {
    return InvalidArgumentError(fmt::format("limit: {} is negative", *spec.limit));
  }
  std::vector<columnar::Field> fields;
  for (size_t i = 0; i < names.size(); ++i) {
    const columnar::Field& f = input.field(static_cast<int>(i));
    fields.emplace_back(names[i], t.casts_[i] ? *t.casts_[i] : f.type(), f.nullable(),
                        f.metadata());
  }
  t.output_ = columnar::MakeSchema(std::move(fields), input.metadata());
  t.spec_limit_ = spec.limit;
  return t;
}

Result<std::shared_ptr<columnar::RecordBatch>> BatchTransform::Apply(
    const columnar::RecordBatch& batch, const std::string& where) {
  int64_t rows = batch.num_rows();
  if (spec_limit_) rows = std::min(rows, *spec_limit_ - rows_out_);
  std::vector<std::shared_ptr<columnar::Array>> columns;
  columns.reserve(static_cast<size_t>(batch.num_columns()));
  for (int i = 0; i < batch.num_columns(); ++i) {
    std::shared_ptr<columnar::Array> column = batch.column(i);
    if (rows < batch.num_rows()) column = column->Slice(0, rows);
    const auto& cast = casts_[static_cast<size_t>(i)];
    if (cast) {
      Result<std::shared_ptr<columnar::Array>> converted = columnar::Cast(*column, *cast);
      if (!converted.ok()) {
        return DataLossError(fmt::format("{}: cast of column \"{}\" to {}: {}", where,
                                         output_->field(i).name(), cast->ToString(),
                                         converted.status().message()));
      }
      column = std::move(*converted);
    }
    columns.push_back(std::move(column));
  }
  rows_out_ += rows;
  return columnar::RecordBatch::Make(output_, std::move(columns), rows);
}

}  // namespace s3c::pipeline
