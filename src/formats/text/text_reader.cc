// The text BatchReader: UTF-8 text from TextSource (formats/common's decoder: BOM,
// transcoding, UTF-8 validation), split at LF into a string column.
#include "s3c/formats/text/text_reader.h"

#include <fmt/format.h>

#include <cstring>

#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/builder_primitive.h"
#include "s3c/formats/text_decoder.h"

namespace s3c::formats::text {
namespace {

using columnar::Field;

class TextReader final : public BatchReader {
 public:
  TextReader(std::unique_ptr<InputStream> input, std::string object, TextReadOptions options)
      : options_(std::move(options)),
        object_(std::move(object)),
        source_(std::move(input), options_.encoding, options_.invalid_utf8, object_) {
    std::vector<Field> fields{Field(options_.column_name, columnar::String(), false)};
    if (!options_.line_number_column.empty()) {
      fields.emplace_back(options_.line_number_column, columnar::Int64(), false);
    }
    schema_ = columnar::MakeSchema(std::move(fields));
  }

  std::shared_ptr<Schema> schema() const override { return schema_; }
  int64_t rows_read() const override { return rows_read_; }
  Result<std::shared_ptr<RecordBatch>> Next() override;

 private:
  // The next line without its terminator into *line (a view into buf_ valid until the next
  // call); false at the end of input.
  Result<bool> NextLine(std::string_view* line);

  TextReadOptions options_;
  std::string object_;
  TextSource source_;
  std::shared_ptr<Schema> schema_;
  std::string buf_;
  size_t pos_ = 0;           // start of the unread text in buf_
  bool eof_ = false;
  int64_t line_number_ = 0;  // of the last line returned
  int64_t offset_ = 0;       // byte offset (in the UTF-8 text) of buf_[pos_]
  int64_t rows_read_ = 0;
};

Result<bool> TextReader::NextLine(std::string_view* line) {
  size_t scan_from = pos_;
  while (true) {
    const char* start = buf_.data() + scan_from;
    const void* nl = std::memchr(start, '\n', buf_.size() - scan_from);
    if (nl != nullptr || (eof_ && pos_ < buf_.size())) {
      size_t end = nl ? static_cast<size_t>(static_cast<const char*>(nl) - buf_.data())
                      : buf_.size();
      std::string_view text(buf_.data() + pos_, end - pos_);
      if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
      if (static_cast<int64_t>(text.size()) > options_.max_line_bytes) break;
      size_t next = nl ? end + 1 : end;
      offset_ += static_cast<int64_t>(next - pos_);
      pos_ = next;
      ++line_number_;
      *line = text;
      return true;
    }
    if (eof_) return false;
    if (static_cast<int64_t>(buf_.size() - pos_) > options_.max_line_bytes) break;
    // Keep the unread tail, then read more text after it.
    buf_.erase(0, pos_);
    scan_from = buf_.size();
    pos_ = 0;
    S3C_ASSIGN_OR_RETURN(bool more, source_.ReadMore(&buf_, options_.read_chunk_bytes));
    if (!more) eof_ = true;
  }
  return DataLossError(fmt::format("{}:{}: byte offset {}: line longer than {} bytes", object_,
                                   line_number_ + 1, offset_, options_.max_line_bytes));
}

Result<std::shared_ptr<RecordBatch>> TextReader::Next() {
  columnar::StringBuilder lines;
  columnar::Int64Builder numbers;
  int64_t n = 0;
  std::string_view line;
  while (n < options_.batch_rows) {
    S3C_ASSIGN_OR_RETURN(bool got, NextLine(&line));
    if (!got) break;
    if (options_.skip_empty_lines && line.empty()) continue;
    lines.Append(line);
    if (!options_.line_number_column.empty()) numbers.Append(line_number_);
    ++n;
  }
  if (n == 0) return std::shared_ptr<RecordBatch>();
  rows_read_ += n;
  std::vector<std::shared_ptr<columnar::Array>> columns;
  S3C_ASSIGN_OR_RETURN(auto line_array, lines.Finish());
  columns.push_back(std::move(line_array));
  if (!options_.line_number_column.empty()) {
    S3C_ASSIGN_OR_RETURN(auto number_array, numbers.Finish());
    columns.push_back(std::move(number_array));
  }
  return RecordBatch::Make(schema_, std::move(columns), n);
}

}  // namespace

Result<std::unique_ptr<BatchReader>> OpenTextReader(std::unique_ptr<InputStream> input,
                                                    std::string object, TextReadOptions options) {
  if (options.batch_rows <= 0) return InvalidArgumentError("text: batch_rows must be positive");
  if (options.column_name.empty()) return InvalidArgumentError("text: empty column name");
  if (options.column_name == options.line_number_column) {
    return InvalidArgumentError(
        fmt::format("text: line and line-number columns are both named '{}'",
                    options.column_name));
  }
  return std::unique_ptr<BatchReader>(
      new TextReader(std::move(input), std::move(object), std::move(options)));
}

}  // namespace s3c::formats::text
