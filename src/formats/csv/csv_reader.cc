// The CSV BatchReader: decode -> tokenize -> (sample, infer) -> convert, with bad-record policy.
#include <fmt/format.h>

#include <deque>
#include <set>

#include "formats/csv/column_converter.h"
#include "formats/csv/csv_tokenizer_internal.h"
#include "formats/csv/text_decoder_internal.h"
#include "s3c/formats/csv/csv.h"

namespace s3c::formats::csv {
namespace {

using columnar::Field;

std::string_view StripLineEnd(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

struct OwnedRecord {
  std::vector<std::string> fields;
  std::vector<uint8_t> quoted;
  int64_t line = 0;
  int64_t offset = 0;
  std::string raw;
};

class CsvReader final : public BatchReader {
 public:
  CsvReader(std::unique_ptr<InputStream> input, std::string object, CsvReadOptions options)
      : options_(std::move(options)),
        object_(std::move(object)),
        source_(std::move(input), options_.encoding, options_.invalid_utf8, object_),
        tok_(options_.dialect) {}

  Status Init();
  std::shared_ptr<Schema> schema() const override { return schema_; }
  Result<std::shared_ptr<RecordBatch>> Next() override;
  int64_t rows_read() const override { return rows_read_; }
  int64_t rows_rejected() const override { return rows_rejected_; }

 private:
  Status Fill();
  Status SkipRows();
  // Tokenizes the next record into rec_ (and rec_line_/rec_offset_/rec_raw_); false at the end.
  Result<bool> NextRecord();
  OwnedRecord Own() const;
  Status SampleAndInfer(std::vector<std::string> names, bool header_decided);
  // Converts one record; false when it was rejected (skip / quarantine).
  Result<bool> Convert(const std::vector<std::string_view>& fields,
                       const std::vector<uint8_t>& quoted, int64_t line, int64_t offset,
                       std::string_view raw);
  Status Reject(int64_t line, int64_t offset, const std::string& reason, std::string_view raw);
  std::string Where(int64_t line, int64_t offset) const {
    return fmt::format("{}:{}: byte offset {}", object_, line, offset);
  }

  CsvReadOptions options_;
  std::string object_;
  TextSource source_;
  CsvTokenizer tok_;
  std::string buf_;
  size_t pos_ = 0;
  bool eof_ = false;
  int64_t base_offset_ = 0;  // text offset of buf_[0]
  int64_t line_ = 1;         // line number at pos_
  TokenizedRecord rec_;
  int64_t rec_line_ = 0, rec_offset_ = 0;
  std::string_view rec_raw_;
  bool done_ = false;

  std::deque<OwnedRecord> pending_;  // records read while sampling
  std::shared_ptr<Schema> schema_;
  std::vector<std::unique_ptr<ColumnConverter>> conv_;
  std::vector<CellValue> cells_;
  std::vector<std::string_view> fields_;
  std::vector<uint8_t> quoted_;
  int64_t rows_read_ = 0;
  int64_t rows_rejected_ = 0;
};

Status CsvReader::Fill() {
  if (pos_ > 0) {
    buf_.erase(0, pos_);
    base_offset_ += static_cast<int64_t>(pos_);
    pos_ = 0;
  }
  // Geometric growth keeps re-tokenizing a record longer than the buffer linear.
  // Streams may return short reads: keep reading until the whole chunk arrived.
  const size_t chunk = std::max(std::max<size_t>(options_.read_chunk_bytes, 1), buf_.size());
  const size_t before = buf_.size();
  while (!eof_ && buf_.size() - before < chunk) {
    S3C_ASSIGN_OR_RETURN(bool more, source_.ReadMore(&buf_, chunk - (buf_.size() - before)));
    if (!more) eof_ = true;
  }
  return Status::OK();
}

Status CsvReader::SkipRows() {
  int64_t left = options_.skip_rows;
  while (left > 0) {
    size_t consumed = 0;
    std::string_view data(buf_.data() + pos_, buf_.size() - pos_);
    int64_t n = CsvTokenizer::SkipLines(data, left, eof_, &consumed);
    pos_ += consumed;
    line_ += n;
    left -= n;
    if (left > 0) {
      if (eof_) break;
      S3C_RETURN_IF_ERROR(Fill());
    }
  }
  return Status::OK();
}

Result<bool> CsvReader::NextRecord() {
  while (true) {
    std::string_view data(buf_.data() + pos_, buf_.size() - pos_);
    std::string err;
    TokenizeStatus st = tok_.Next(data, eof_, &rec_, &err);
    if (st == TokenizeStatus::kNeedMore) {
      if (static_cast<int64_t>(data.size()) > options_.max_record_bytes) {
        return InvalidArgumentError(fmt::format(
            "{}: record longer than max_record_bytes {} (unterminated quote?)",
            Where(line_, base_offset_ + static_cast<int64_t>(pos_)), options_.max_record_bytes));
      }
      S3C_RETURN_IF_ERROR(Fill());
      continue;
    }
    rec_line_ = line_ + rec_.skipped_lines;
    rec_offset_ = base_offset_ + static_cast<int64_t>(pos_ + rec_.begin);
    rec_raw_ = StripLineEnd(data.substr(rec_.begin, rec_.end - rec_.begin));
    line_ += rec_.skipped_lines + rec_.lines;
    pos_ += rec_.end;
    if (st == TokenizeStatus::kEnd) return false;
    if (st == TokenizeStatus::kError) {
      S3C_RETURN_IF_ERROR(Reject(rec_line_, rec_offset_, err, rec_raw_));
      return false;  // the rest of the input was one broken record
    }
    return true;
  }
}

OwnedRecord CsvReader::Own() const {
  OwnedRecord r;
  r.fields.assign(rec_.fields.begin(), rec_.fields.end());
  r.quoted = rec_.quoted;
  r.line = rec_line_;
  r.offset = rec_offset_;
  r.raw = std::string(rec_raw_);
  return r;
}

Status CsvReader::Init() {
  S3C_RETURN_IF_ERROR(Fill());
  S3C_RETURN_IF_ERROR(SkipRows());
  if (options_.schema_mode == SchemaMode::kFull) {
    if (options_.schema == nullptr)
      return InvalidArgumentError("CSV: schema_mode kFull needs a schema");
    schema_ = options_.schema;
    S3C_ASSIGN_OR_RETURN(bool got, NextRecord());
    if (got) {
      bool header = options_.header == HeaderMode::kYes;
      if (options_.header == HeaderMode::kAuto) {
        header = rec_.fields.size() == static_cast<size_t>(schema_->num_fields());
        for (size_t i = 0; header && i < rec_.fields.size(); ++i) {
          header = rec_.fields[i] == schema_->field(static_cast<int>(i)).name();
        }
      }
      if (!header) pending_.push_back(Own());
    }
    return SampleAndInfer({}, true);
  }
  S3C_ASSIGN_OR_RETURN(bool got, NextRecord());
  std::vector<std::string> names;
  if (got) {
    if (options_.header == HeaderMode::kYes) {
      names.assign(rec_.fields.begin(), rec_.fields.end());
    } else {
      pending_.push_back(Own());
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
      S3C_ASSIGN_OR_RETURN(bool got, NextRecord());
      if (!got) break;
      pending_.push_back(Own());
      bytes += static_cast<int64_t>(pending_.back().raw.size());
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
    }
  }
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
    if (infer) {
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

Status CsvReader::Reject(int64_t line, int64_t offset, const std::string& reason,
                         std::string_view raw) {
  const BadRecordOptions& bad = options_.bad_records;
  if (bad.policy == BadRecordPolicy::kFail) {
    return InvalidArgumentError(fmt::format("{}: {}", Where(line, offset), reason));
  }
  ++rows_rejected_;
  if (bad.policy == BadRecordPolicy::kQuarantine && bad.quarantine) {
    S3C_RETURN_IF_ERROR(
        bad.quarantine(RejectedRecord{object_, line, offset, reason, std::string(raw)}));
  }
  if (bad.max_errors >= 0 && rows_rejected_ > bad.max_errors) {
    return InvalidArgumentError(
        fmt::format("{}: too many bad records ({} > max_errors {}); last: {}", object_,
                    rows_rejected_, bad.max_errors, reason));
  }
  return Status::OK();
}

Result<bool> CsvReader::Convert(const std::vector<std::string_view>& fields,
                                const std::vector<uint8_t>& quoted, int64_t line, int64_t offset,
                                std::string_view raw) {
  const size_t ncols = conv_.size();
  size_t have = fields.size();
  if (have != ncols) {
    RaggedRowPolicy rp = options_.ragged;
    bool ok =
        rp == RaggedRowPolicy::kTruncate || (rp == RaggedRowPolicy::kPadWithNulls && have < ncols);
    if (!ok) {
      S3C_RETURN_IF_ERROR(
          Reject(line, offset, fmt::format("expected {} fields, got {}", ncols, have), raw));
      return false;
    }
  }
  for (size_t c = 0; c < ncols; ++c) {
    if (c >= have) {
      cells_[c].is_null = true;
      continue;
    }
    if (!conv_[c]->Parse(fields[c], quoted[c] != 0, &cells_[c])) {
      const Field& f = schema_->field(static_cast<int>(c));
      S3C_RETURN_IF_ERROR(Reject(line, offset,
                                 fmt::format("column {} (#{}): expected {}, got \"{}\"", f.name(),
                                             c + 1, f.type().ToString(), fields[c]),
                                 raw));
      return false;
    }
  }
  for (size_t c = 0; c < ncols; ++c) conv_[c]->Append(cells_[c]);
  return true;
}

Result<std::shared_ptr<RecordBatch>> CsvReader::Next() {
  if (done_) return std::shared_ptr<RecordBatch>();
  if (conv_.empty()) {
    for (const Field& f : schema_->fields()) {
      S3C_ASSIGN_OR_RETURN(auto c, ColumnConverter::Make(f, options_));
      conv_.push_back(std::move(c));
    }
    cells_.resize(conv_.size());
  }
  int64_t rows = 0;
  const int64_t limit = std::max<int64_t>(1, options_.batch_rows);
  while (rows < limit) {
    bool ok;
    if (!pending_.empty()) {
      OwnedRecord r = std::move(pending_.front());
      pending_.pop_front();
      fields_.assign(r.fields.begin(), r.fields.end());
      S3C_ASSIGN_OR_RETURN(ok, Convert(fields_, r.quoted, r.line, r.offset, r.raw));
    } else {
      S3C_ASSIGN_OR_RETURN(bool got, NextRecord());
      if (!got) {
        done_ = true;
        break;
      }
      S3C_ASSIGN_OR_RETURN(ok, Convert(rec_.fields, rec_.quoted, rec_line_, rec_offset_, rec_raw_));
    }
    if (ok) ++rows;
  }
  rows_read_ += rows;
  if (done_) {
    int64_t total = rows_read_ + rows_rejected_;
    double ratio = total == 0 ? 0.0 : static_cast<double>(rows_rejected_) / total;
    if (ratio > options_.bad_records.max_error_ratio) {
      return InvalidArgumentError(
          fmt::format("{}: too many bad records ({} of {}, ratio {:.3} > max_error_ratio {})",
                      object_, rows_rejected_, total, ratio, options_.bad_records.max_error_ratio));
    }
    if (rows == 0) return std::shared_ptr<RecordBatch>();
  }
  std::vector<std::shared_ptr<columnar::Array>> cols;
  for (auto& c : conv_) {
    S3C_ASSIGN_OR_RETURN(auto a, c->Finish());
    cols.push_back(std::move(a));
  }
  return RecordBatch::Make(schema_, std::move(cols), rows);
}

}  // namespace

Result<std::unique_ptr<BatchReader>> OpenCsvReader(std::unique_ptr<InputStream> input,
                                                   std::string object, CsvReadOptions options) {
  if (input == nullptr) return InvalidArgumentError("CSV reader: no input");
  auto reader =
      std::make_unique<CsvReader>(std::move(input), std::move(object), std::move(options));
  S3C_RETURN_IF_ERROR(reader->Init());
  return std::unique_ptr<BatchReader>(std::move(reader));
}

}  // namespace s3c::formats::csv
