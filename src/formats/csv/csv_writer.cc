// The CSV BatchWriter (RFC 4180 section 2 quoting, csv_options.h styles).
#include <fmt/format.h>

#include "formats/csv/value_format.h"
#include "s3c/formats/csv/csv.h"

namespace s3c::formats::csv {
namespace {

using columnar::TypeId;

constexpr size_t kFlushBytes = 1 << 20;

bool IsNumericLike(TypeId id) { return columnar::IsNumeric(id) || id == TypeId::kDecimal128; }

class CsvWriter final : public BatchWriter {
 public:
  CsvWriter(std::unique_ptr<OutputStream> out, std::shared_ptr<columnar::Schema> schema,
            CsvWriteOptions options)
      : out_(std::move(out)), schema_(std::move(schema)), o_(std::move(options)) {
    for (char c : {o_.dialect.delimiter, o_.dialect.quote, o_.dialect.escape, '\n', '\r'}) {
      if (c != '\0') needs_quote_[static_cast<uint8_t>(c)] = 1;
    }
  }
  ~CsvWriter() override {
    if (!closed_) Abort();
  }

  Status Write(const RecordBatch& batch) override;
  Status Close() override;
  uint64_t buffered_bytes() const override {
    return buf_.capacity() + cell_.capacity() + (out_ ? out_->buffered_bytes() : 0);
  }
  uint64_t pending_output_bytes() const override { return buf_.size(); }
  Status FlushBuffered() override { return Flush(); }
  void Abort() override {
    if (out_ != nullptr) out_->Abort();
    closed_ = true;
  }

 private:
  void AppendField(std::string_view text, bool force_quote);
  void WriteHeaderOnce() {
    if (header_written_) return;
    header_written_ = true;
    if (!o_.header) return;
    for (int c = 0; c < schema_->num_fields(); ++c) {
      if (c > 0) buf_.push_back(o_.dialect.delimiter);
      AppendField(schema_->field(c).name(), o_.quoting != QuotingStyle::kMinimal);
    }
    buf_.append(o_.line_ending);
  }
  Status Flush() {
    if (buf_.empty()) return Status::OK();
    Status st = out_->Write(buf_);
    buf_.clear();
    return st;
  }

  std::unique_ptr<OutputStream> out_;
  std::shared_ptr<columnar::Schema> schema_;
  CsvWriteOptions o_;
  uint8_t needs_quote_[256] = {};
  std::string buf_;
  std::string cell_;
  bool header_written_ = false;
  bool closed_ = false;
};

void CsvWriter::AppendField(std::string_view text, bool force_quote) {
  const char q = o_.dialect.quote;
  bool quote = force_quote;
  if (!quote && q != '\0') {
    // An empty string must differ from the (empty) null string.
    quote = text.empty() && o_.null_string.empty();
    quote = quote || (!o_.null_string.empty() && text == o_.null_string);
    for (size_t k = 0; !quote && k < text.size(); ++k) {
      quote = needs_quote_[static_cast<uint8_t>(text[k])] != 0;
    }
    quote = quote || (!text.empty() && (text.front() == ' ' || text.back() == ' '));
    // A value starting with U+FEFF would read back as a byte order mark (and vanish) when it
    // is the first thing in the file.
    quote = quote || text.substr(0, 3) == "\xEF\xBB\xBF";
  }
  if (!quote || q == '\0') {
    if (o_.dialect.escape == '\0') {
      buf_.append(text);
      return;
    }
    for (char c : text) {
      if (needs_quote_[static_cast<uint8_t>(c)] && c != '\n' && c != '\r') {
        buf_.push_back(o_.dialect.escape);
      }
      buf_.push_back(c);
    }
    return;
  }
  buf_.push_back(q);
  const bool use_escape = o_.dialect.escape != '\0' && !o_.dialect.double_quote;
  for (char c : text) {
    if (c == q) {
      buf_.push_back(use_escape ? o_.dialect.escape : q);
    } else if (use_escape && c == o_.dialect.escape) {
      buf_.push_back(o_.dialect.escape);
    }
    buf_.push_back(c);
  }
  buf_.push_back(q);
}

Status CsvWriter::Write(const RecordBatch& batch) {
  if (closed_) return FailedPreconditionError("CSV writer: Write after Close or Abort");
  if (!batch.schema()->Equals(*schema_)) {
    return InvalidArgumentError(fmt::format("CSV writer: batch schema\n{}\ndiffers from\n{}",
                                            batch.schema()->ToString(), schema_->ToString()));
  }
  WriteHeaderOnce();
  const int ncols = batch.num_columns();
  for (int64_t r = 0; r < batch.num_rows(); ++r) {
    for (int c = 0; c < ncols; ++c) {
      if (c > 0) buf_.push_back(o_.dialect.delimiter);
      const columnar::Array& a = *batch.column(c);
      if (a.IsNull(r)) {
        buf_.append(o_.null_string);
        continue;
      }
      cell_.clear();
      AppendCellText(a, r, &cell_);
      bool force = o_.quoting == QuotingStyle::kAll ||
                   (o_.quoting == QuotingStyle::kNonNumeric && !IsNumericLike(a.type_id()));
      AppendField(cell_, force);
    }
    buf_.append(o_.line_ending);
    if (buf_.size() >= kFlushBytes) S3C_RETURN_IF_ERROR(Flush());
  }
  return Status::OK();
}

Status CsvWriter::Close() {
  if (closed_) return FailedPreconditionError("CSV writer: already closed");
  WriteHeaderOnce();
  Status st = Flush();
  if (st.ok()) st = out_->Close();
  closed_ = true;
  if (!st.ok()) out_->Abort();
  return st;
}

}  // namespace

Result<std::unique_ptr<BatchWriter>> OpenCsvWriter(std::unique_ptr<OutputStream> output,
                                                   std::shared_ptr<columnar::Schema> schema,
                                                   CsvWriteOptions options) {
  if (output == nullptr || schema == nullptr) {
    return InvalidArgumentError("CSV writer: output and schema are required");
  }
  return std::unique_ptr<BatchWriter>(
      new CsvWriter(std::move(output), std::move(schema), std::move(options)));
}

}  // namespace s3c::formats::csv
