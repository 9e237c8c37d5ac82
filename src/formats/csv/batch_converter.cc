// Record batch conversion with whole-record rejection (batch_converter.h).
#include "formats/csv/batch_converter.h"

#include <fmt/format.h>

#include <algorithm>

namespace s3c::formats::csv {
namespace {

constexpr int32_t kRagged = -1;
constexpr int32_t kBroken = -2;  // unterminated quoted field

}  // namespace

std::vector<int> ProjectedFields(const columnar::Schema& schema,
                                 const std::vector<std::string>& columns) {
  std::vector<int> out;
  for (int i = 0; i < schema.num_fields(); ++i) {
    if (columns.empty() ||
        std::find(columns.begin(), columns.end(), schema.field(i).name()) != columns.end()) {
      out.push_back(i);
    }
  }
  return out;
}

std::shared_ptr<columnar::Schema> ProjectedSchema(std::shared_ptr<columnar::Schema> schema,
                                                  const std::vector<std::string>& columns) {
  if (columns.empty()) return schema;
  std::vector<columnar::Field> fields;
  for (int i : ProjectedFields(*schema, columns)) fields.push_back(schema->field(i));
  return columnar::MakeSchema(std::move(fields), schema->metadata());
}

Result<std::unique_ptr<BatchConverter>> BatchConverter::Make(
    std::shared_ptr<columnar::Schema> schema, const CsvReadOptions& options) {
  std::unique_ptr<BatchConverter> bc(new BatchConverter(schema, options.ragged));
  bc->fields_ = ProjectedFields(*schema, options.columns);
  for (int i : bc->fields_) {
    S3C_ASSIGN_OR_RETURN(auto c, ColumnConverter::Make(schema->field(i), options));
    bc->columns_.push_back(std::move(c));
  }
  bc->output_ = ProjectedSchema(schema, options.columns);
  return bc;
}

int64_t BatchConverter::Convert(const RecordRange& range, std::vector<Rejection>* rejected) {
  const size_t n = range.count;
  const size_t ncols = static_cast<size_t>(schema_->num_fields());
  const TokenBatch& b = *range.batch;
  bad_.assign(n, 0);
  bool any_bad = false;
  for (size_t r = 0; r < n; ++r) {
    const RecordSpan& rec = b.records[range.first + r];
    if (rec.error) {
      bad_[r] = kBroken;
      any_bad = true;
      continue;
    }
    if (rec.num_fields != ncols) {
      bool ok = ragged_ == RaggedRowPolicy::kTruncate ||
                (ragged_ == RaggedRowPolicy::kPadWithNulls && rec.num_fields < ncols);
      if (!ok) {
        bad_[r] = kRagged;
        any_bad = true;
      }
    }
  }
  for (size_t k = 0; k < columns_.size(); ++k) columns_[k]->Parse(range, fields_[k], bad_.data());
  if (!any_bad) {
    for (int32_t v : bad_) any_bad = any_bad || v != 0;
  }
  for (auto& c : columns_) c->Append(any_bad ? bad_.data() : nullptr);
  int64_t accepted = static_cast<int64_t>(n);
  if (!any_bad) return accepted;
  for (size_t r = 0; r < n; ++r) {
    const int32_t v = bad_[r];
    if (v == 0) continue;
    --accepted;
    const RecordSpan& rec = b.records[range.first + r];
    std::string reason;
    if (v == kBroken) {
      reason = "unterminated quoted field";
    } else if (v == kRagged) {
      reason = fmt::format("expected {} fields, got {}", ncols, rec.num_fields);
    } else {
      const columnar::Field& f = schema_->field(v - 1);
      reason = fmt::format("column {} (#{}): expected {}, got \"{}\"", f.name(), v,
                           f.type().ToString(), b.Field(range.data, rec.first_field + v - 1));
    }
    rejected->push_back(Rejection{range.first + r, std::move(reason)});
  }
  return accepted;
}

Result<std::shared_ptr<columnar::RecordBatch>> BatchConverter::Finish(int64_t rows) {
  std::vector<std::shared_ptr<columnar::Array>> cols;
  cols.reserve(columns_.size());
  for (auto& c : columns_) {
    S3C_ASSIGN_OR_RETURN(auto a, c->Finish());
    cols.push_back(std::move(a));
  }
  return columnar::RecordBatch::Make(output_, std::move(cols), rows);
}

}  // namespace s3c::formats::csv
