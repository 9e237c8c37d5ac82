// Schema settling for the CSV reader: header, inference sample, rewind (csv_reader_internal.h).
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "formats/csv/csv_reader_internal.h"

namespace s3c::formats::csv {

using columnar::Field;

Result<bool> CsvReader::SampleRecord(OwnedRecord* rec, int64_t* raw_bytes) {
  S3C_ASSIGN_OR_RETURN(bool got, buffer_.Tokenize(1, &tb_));
  if (!got) return false;
  const RecordSpan& r = tb_.records.front();
  const char* data = buffer_.data();
  std::string_view raw = StripLineEnd(std::string_view(data + r.begin, r.end - r.begin));
  if (r.error) {
    if (options_.bad_records.policy == BadRecordPolicy::kFail) {
      return DataLossError(
          fmt::format("{}: unterminated quoted field",
                      buffer_.Where(buffer_.line() + r.line, buffer_.offset() + r.begin)));
    }
    return false;  // rejected when the data is read
  }
  rec->fields.clear();
  rec->quoted.clear();
  for (uint32_t k = 0; k < r.num_fields; ++k) {
    rec->fields.emplace_back(tb_.Field(data, r.first_field + k));
    rec->quoted.push_back(tb_.fields[r.first_field + k].quoted() ? 1 : 0);
  }
  *raw_bytes = static_cast<int64_t>(raw.size());
  buffer_.Consume(tb_);
  return true;
}

Status CsvReader::DetectDialect() {
  // The sniffer looks at up to 1 MiB: one S3 range of the ramp, whatever the read chunk size.
  S3C_RETURN_IF_ERROR(buffer_.Prefetch(size_t{1} << 20));
  if (buffer_.Unread().empty()) return Status::OK();
  auto detected = DetectCsvDialect(buffer_.Unread(), options_.dialect, buffer_.at_eof());
  if (!detected.ok()) {
    return Status(detected.status().code(),
                  fmt::format("{}: {}", object_, detected.status().message()));
  }
  options_.dialect = *detected;
  if (options_.on_dialect_detected) options_.on_dialect_detected(options_.dialect);
  buffer_.SetDialect(options_.dialect);
  return Status::OK();
}

Status CsvReader::Project() {
  for (const std::string& name : options_.columns) {
    if (schema_->GetFieldIndex(name) < 0) {
      std::string available;
      for (int i = 0; i < schema_->num_fields(); ++i) {
        available += (i ? ", " : "") + schema_->field(i).name();
      }
      return InvalidArgumentError(
          fmt::format("{}: no column '{}' (columns: {})", object_, name, available));
    }
  }
  output_schema_ = ProjectedSchema(schema_, options_.columns);
  return Status::OK();
}

Status CsvReader::Init() {
  S3C_RETURN_IF_ERROR(Settle());
  return Project();
}

Status CsvReader::Settle() {
  S3C_RETURN_IF_ERROR(buffer_.Start());
  if (options_.detect_dialect) S3C_RETURN_IF_ERROR(DetectDialect());
  data_start_ = buffer_.Keep();
  OwnedRecord first;
  int64_t raw = 0;
  S3C_ASSIGN_OR_RETURN(bool got, SampleRecord(&first, &raw));
  if (options_.schema_mode == SchemaMode::kFull) {
    if (options_.schema == nullptr)
      return InvalidArgumentError("CSV: schema_mode kFull needs a schema");
    schema_ = options_.schema;
    if (got) {
      bool header = options_.header == HeaderMode::kYes;
      if (options_.header == HeaderMode::kAuto) {
        header = first.fields.size() == static_cast<size_t>(schema_->num_fields());
        for (size_t i = 0; header && i < first.fields.size(); ++i) {
          header = first.fields[i] == schema_->field(static_cast<int>(i)).name();
        }
      }
      if (header) data_start_ = RecordBuffer::Mark{buffer_.offset(), buffer_.line()};
      if (!header) pending_.push_back(std::move(first));
    }
    return SampleAndInfer({}, true);
  }
  std::vector<std::string> names;
  if (got) {
    if (options_.header == HeaderMode::kYes) {
      names = std::move(first.fields);
      data_start_ = RecordBuffer::Mark{buffer_.offset(), buffer_.line()};
    } else {
      pending_.push_back(std::move(first));
    }
  }
  return SampleAndInfer(std::move(names), options_.header != HeaderMode::kAuto);
}

Status CsvReader::SampleAndInfer(std::vector<std::string> names, bool header_decided) {
  const bool infer =
      options_.schema_mode == SchemaMode::kInfer || options_.schema_mode == SchemaMode::kPartial;
  InferenceOptions io = options_.inference;
  io.null_strings = options_.null_strings;
  io.true_strings = options_.true_strings;
  io.false_strings = options_.false_strings;
  if (infer || !header_decided) {
    int64_t bytes = 0;
    while ((io.max_rows < 0 || static_cast<int64_t>(pending_.size()) <= io.max_rows) &&
           (io.max_bytes < 0 || bytes < io.max_bytes)) {
      OwnedRecord r;
      int64_t raw = 0;
      S3C_ASSIGN_OR_RETURN(bool got, SampleRecord(&r, &raw));
      if (!got) break;
      pending_.push_back(std::move(r));
      bytes += raw;
    }
  }
  if (!header_decided && !pending_.empty()) {
    // Auto header: every cell of the first record is a distinct non-null text that is not a
    // number, bool or date (csv.h: sniffer rule).
    const OwnedRecord& first = pending_.front();
    std::set<std::string> seen;
    bool header = true;
    for (const std::string& f : first.fields) {
      header =
          header && seen.insert(f).second && ClassifyText(f, io).id() == columnar::TypeId::kString;
    }
    if (header) {
      names = first.fields;
      pending_.pop_front();
      // The header is the first record after the mark: restart just past it.
      buffer_.Rewind(data_start_);
      TokenBatch one;
      S3C_ASSIGN_OR_RETURN(bool got, buffer_.Tokenize(1, &one));
      if (got) buffer_.Consume(one);
      data_start_ = RecordBuffer::Mark{buffer_.offset(), buffer_.line()};
    }
  }
  buffer_.Rewind(data_start_);
  if (schema_ != nullptr) return Status::OK();
  size_t ncols = names.size();
  if (ncols == 0 && !pending_.empty()) ncols = pending_.front().fields.size();
  if (names.empty()) {
    for (size_t i = 0; i < ncols; ++i) {
      names.push_back(i < options_.column_names.size() ? options_.column_names[i]
                                                       : fmt::format("column{}", i + 1));
    }
  }
  std::set<std::string> used;
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty()) names[i] = fmt::format("column{}", i + 1);
    if (!used.insert(names[i]).second) names[i] = fmt::format("{}_{}", names[i], i + 1);
    used.insert(names[i]);
  }
  std::vector<Field> fields;
  for (size_t c = 0; c < ncols; ++c) {
    columnar::DataType type = columnar::String();
    // Columns the projection leaves out are never converted: not worth inferring.
    const bool projected =
        options_.columns.empty() ||
        std::find(options_.columns.begin(), options_.columns.end(), names[c]) !=
            options_.columns.end();
    if (infer && projected) {
      ColumnInferrer ci(&io);
      int64_t rows = 0;
      for (const OwnedRecord& r : pending_) {
        if (io.max_rows >= 0 && rows++ >= io.max_rows) break;
        if (c < r.fields.size() && !(r.quoted[c] && r.fields[c].empty())) ci.Observe(r.fields[c]);
      }
      type = ci.ResultOr(columnar::String());
    }
    fields.emplace_back(names[c], type);
  }
  pending_.clear();
  if (options_.schema_mode == SchemaMode::kPartial && options_.schema != nullptr) {
    for (const Field& f : options_.schema->fields()) {
      auto it = std::find_if(fields.begin(), fields.end(),
                             [&](const Field& x) { return x.name() == f.name(); });
      if (it == fields.end()) {
        return InvalidArgumentError(fmt::format(
            "{}: schema names column {} which the file does not have", object_, f.name()));
      }
      *it = f;
    }
  }
  schema_ = columnar::MakeSchema(std::move(fields));
  return Status::OK();
}

}  // namespace s3c::formats::csv
