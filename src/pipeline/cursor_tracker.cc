// CursorTracker (cursor_tracker.h).
#include "pipeline/cursor_tracker.h"

#include <fmt/format.h>

#include "s3c/columnar/array_binary.h"
#include "s3c/columnar/array_primitive.h"
#include "s3c/columnar/cast.h"
#include "s3c/columnar/take.h"

namespace s3c::pipeline {
namespace {

using columnar::Array;
using columnar::TypeId;

std::string Quoted(const std::string& text) {  // an expr string literal
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string Column(const std::string& name) {  // an expr column reference
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// FNV-1a, 64 bits: a row's identity when there is no primary key (stable across runs and
// builds, unlike std::hash).
std::string RowHash(const std::string& text) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", h);
}

Result<std::shared_ptr<columnar::StringArray>> AsText(const Array& column) {
  S3C_ASSIGN_OR_RETURN(std::shared_ptr<Array> text, columnar::Cast(column, columnar::String()));
  return std::static_pointer_cast<columnar::StringArray>(text);
}

template <typename ArrayType>
int64_t IntegerAt(const Array& a, int64_t i) {
  return static_cast<int64_t>(static_cast<const ArrayType&>(a).Value(i));
}

}  // namespace

CursorTracker::CursorTracker(const CursorSettings& settings,
                             const state::IncrementalState& previous)
    : settings_(settings) {
  if (previous.cursor_value && previous.cursor_field == settings.field) {
    previous_value_ = previous.cursor_value;
    previous_rows_.insert(previous.boundary_rows.begin(), previous.boundary_rows.end());
  }
}

std::string CursorTracker::Where() const {
  std::vector<std::string> terms;
  const std::optional<std::string>& from = previous_value_ ? previous_value_ : settings_.start;
  if (from) terms.push_back(fmt::format("{} >= {}", Column(settings_.field), Quoted(*from)));
  if (settings_.end) {
    terms.push_back(fmt::format("{} < {}", Column(settings_.field), Quoted(*settings_.end)));
  }
  if (terms.empty()) return "";
  std::string where = terms.size() == 1 ? terms[0] : fmt::format("({}) AND ({})", terms[0], terms[1]);
  // NULL cursors fail the comparison: kept for `include`, and for `error` so it can report them.
  if (settings_.on_missing != OnCursorValueMissing::kExclude) {
    where = fmt::format("({}) OR {} IS NULL", where, Column(settings_.field));
  }
  return where;
}

bool CursorTracker::Less(const Key& a, const Key& b) {
  if (a.kind == 0) return a.i < b.i;
  if (a.kind == 1) return a.f < b.f;
  return a.text < b.text;
}

Result<std::shared_ptr<columnar::RecordBatch>> CursorTracker::Apply(
    std::shared_ptr<columnar::RecordBatch> batch) {
  const columnar::Schema& schema = *batch->schema();
  const int at = schema.GetFieldIndex(settings_.field);
  if (at < 0) {
    return InvalidArgumentError(fmt::format(
        "incremental.cursor_field {} is not a column of the rows read (is it in select?)",
        settings_.field));
  }
  const Array& cursor = *batch->column(at);
  const TypeId type = cursor.type().id();
  int kind = 0;
  switch (type) {
    case TypeId::kInt8: case TypeId::kInt16: case TypeId::kInt32: case TypeId::kInt64:
    case TypeId::kUInt8: case TypeId::kUInt16: case TypeId::kUInt32: case TypeId::kDate32:
    case TypeId::kTimestamp:
      kind = 0;
      break;
    case TypeId::kFloat32: case TypeId::kFloat64:
      kind = 1;
      break;
    case TypeId::kString: case TypeId::kLargeString:
      kind = 2;
      break;
    default:
      return InvalidArgumentError(fmt::format(
          "incremental.cursor_field {} has type {}: a cursor is an integer, float, date, "
          "timestamp or string column",
          settings_.field, cursor.type().ToString()));
  }
  auto key_at = [&](int64_t i) {
    Key k;
    k.kind = kind;
    switch (type) {
      case TypeId::kInt8: k.i = IntegerAt<columnar::Int8Array>(cursor, i); break;
      case TypeId::kInt16: k.i = IntegerAt<columnar::Int16Array>(cursor, i); break;
      case TypeId::kInt32: k.i = IntegerAt<columnar::Int32Array>(cursor, i); break;
      case TypeId::kInt64: k.i = IntegerAt<columnar::Int64Array>(cursor, i); break;
      case TypeId::kUInt8: k.i = IntegerAt<columnar::UInt8Array>(cursor, i); break;
      case TypeId::kUInt16: k.i = IntegerAt<columnar::UInt16Array>(cursor, i); break;
      case TypeId::kUInt32: k.i = IntegerAt<columnar::UInt32Array>(cursor, i); break;
      case TypeId::kDate32: k.i = IntegerAt<columnar::Date32Array>(cursor, i); break;
      case TypeId::kTimestamp: k.i = IntegerAt<columnar::TimestampArray>(cursor, i); break;
      case TypeId::kFloat32:
        k.f = static_cast<const columnar::Float32Array&>(cursor).Value(i);
        break;
      case TypeId::kFloat64:
        k.f = static_cast<const columnar::Float64Array&>(cursor).Value(i);
        break;
      default:
        break;  // text: the cast below
    }
    return k;
  };
  S3C_ASSIGN_OR_RETURN(auto cursor_text, AsText(cursor));
  // The row identities: the primary key's values, or a hash of every column's. Only rows at
  // the stored value or at the batch's maximum need one, so the columns are cast as text on
  // first need (most batches of a growing cursor need it for few rows, or one).
  std::vector<int> identity_columns;
  if (settings_.primary_key.empty()) {
    for (int c = 0; c < batch->num_columns(); ++c) identity_columns.push_back(c);
  } else {
    for (const std::string& name : settings_.primary_key) {
      const int c = schema.GetFieldIndex(name);
      if (c < 0) {
        return InvalidArgumentError(fmt::format(
            "incremental.primary_key {} is not a column of the rows read (is it in select?)",
            name));
      }
      identity_columns.push_back(c);
    }
  }
  std::vector<std::shared_ptr<columnar::StringArray>> identity;
  auto identity_of = [&](int64_t i) -> Result<std::string> {
    if (identity.empty()) {
      for (int c : identity_columns) {
        S3C_ASSIGN_OR_RETURN(auto text, AsText(*batch->column(c)));
        identity.push_back(std::move(text));
      }
    }
    std::string id;
    for (const auto& column : identity) {
      id += column->IsNull(i) ? std::string("\\N") : column->GetString(i);
      id += '\x1f';
    }
    return settings_.primary_key.empty() ? RowHash(id) : id;
  };

  std::vector<int64_t> keep;
  std::vector<int64_t> at_max;  // this batch's rows at the running maximum
  int64_t nulls = 0;
  for (int64_t i = 0; i < batch->num_rows(); ++i) {
    if (cursor.IsNull(i)) {
      ++nulls;
      if (settings_.on_missing == OnCursorValueMissing::kInclude) keep.push_back(i);
      continue;
    }
    std::string text = cursor_text->GetString(i);
    if (previous_value_ && text == *previous_value_) {
      S3C_ASSIGN_OR_RETURN(std::string id, identity_of(i));
      if (previous_rows_.count(id) > 0) {
        ++rows_dropped_;  // loaded by an earlier run at the boundary value
        continue;
      }
    }
    keep.push_back(i);
    Key k = key_at(i);
    if (kind == 2) k.text = text;
    if (!max_ || Less(*max_, k)) {
      max_ = std::move(k);
      max_text_ = std::move(text);
      max_rows_.clear();
      at_max.assign(1, i);
    } else if (!Less(k, *max_)) {
      at_max.push_back(i);
    }
  }
  for (int64_t i : at_max) {
    S3C_ASSIGN_OR_RETURN(std::string id, identity_of(i));
    max_rows_.insert(std::move(id));
  }
  if (nulls > 0 && settings_.on_missing == OnCursorValueMissing::kError) {
    return DataLossError(fmt::format(
        "incremental.cursor_field {} is NULL in {} row(s): on_cursor_value_missing: error stops "
        "here (include loads such rows on every run, exclude never)",
        settings_.field, nulls));
  }
  rows_kept_ += static_cast<int64_t>(keep.size());
  if (static_cast<int64_t>(keep.size()) == batch->num_rows()) return batch;
  return columnar::Take(*batch, keep);
}

void CursorTracker::Fill(state::IncrementalState* next) const {
  next->cursor_field = settings_.field;
  if (!max_) return;  // nothing new: the previous value and rows stay
  std::set<std::string> rows = max_rows_;
  if (previous_value_ && *previous_value_ == max_text_) rows.insert(previous_rows_.begin(), previous_rows_.end());
  next->cursor_value = max_text_;
  next->boundary_rows.assign(rows.begin(), rows.end());
}

}  // namespace s3c::pipeline
