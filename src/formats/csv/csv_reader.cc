// Batch production for the CSV reader and OpenCsvReader (csv_reader_internal.h).
#include <fmt/format.h>

#include <algorithm>

#include "formats/csv/csv_reader_internal.h"
#include "s3c/common/executor.h"

namespace s3c::formats::csv {

Status CsvReader::Reject(int64_t line, int64_t offset, const std::string& reason,
                         std::string_view raw) {
  const BadRecordOptions& bad = options_.bad_records;
  if (bad.policy == BadRecordPolicy::kFail) {
    return DataLossError(fmt::format("{}: {}", buffer_.Where(line, offset), reason));
  }
  ++rows_rejected_;
  if (bad.policy == BadRecordPolicy::kQuarantine && bad.quarantine) {
    S3C_RETURN_IF_ERROR(
        bad.quarantine(RejectedRecord{object_, line, offset, reason, std::string(raw)}));
  }
  if (bad.max_errors >= 0 && rows_rejected_ > bad.max_errors) {
    return DataLossError(
        fmt::format("{}: too many bad records ({} > max_errors {}); last: {}", object_,
                    rows_rejected_, bad.max_errors, reason));
  }
  return Status::OK();
}

Status CsvReader::CheckRatio() const {
  int64_t total = rows_read_ + rows_rejected_;
  double ratio = total == 0 ? 0.0 : static_cast<double>(rows_rejected_) / total;
  if (ratio > options_.bad_records.max_error_ratio) {
    return DataLossError(
        fmt::format("{}: too many bad records ({} of {}, ratio {:.3} > max_error_ratio {})",
                    object_, rows_rejected_, total, ratio, options_.bad_records.max_error_ratio));
  }
  return Status::OK();
}

Result<std::shared_ptr<RecordBatch>> CsvReader::NextSequential() {
  int64_t rows = 0;
  const int64_t limit = std::max<int64_t>(1, options_.batch_rows);
  bool first = true;
  while (rows < limit) {
    S3C_ASSIGN_OR_RETURN(bool got, buffer_.Tokenize(static_cast<size_t>(limit - rows), &tb_));
    if (!got) {
      done_ = true;
      break;
    }
    if (first) {
      // A full batch after a full one; otherwise room for twice the first piece.
      const auto k = static_cast<int64_t>(tb_.records.size());
      conv_->Reserve(last_batch_full_ ? limit : std::min(limit, 2 * k));
      first = false;
    }
    rejected_.clear();
    const char* data = buffer_.data();
    rows += conv_->Convert(RecordRange{&tb_, data, 0, tb_.records.size()}, &rejected_);
    for (const Rejection& r : rejected_) {
      const RecordSpan& rec = tb_.records[r.record];
      S3C_RETURN_IF_ERROR(
          Reject(buffer_.line() + rec.line, buffer_.offset() + static_cast<int64_t>(rec.begin),
                 r.reason, StripLineEnd(std::string_view(data + rec.begin, rec.end - rec.begin))));
    }
    buffer_.Consume(tb_);
  }
  rows_read_ += rows;
  last_batch_full_ = rows == limit;
  if (done_) {
    S3C_RETURN_IF_ERROR(CheckRatio());
    if (rows == 0) return std::shared_ptr<RecordBatch>();
  }
  return conv_->Finish(rows);
}

Result<std::shared_ptr<RecordBatch>> CsvReader::NextParallel() {
  while (ready_.empty()) {
    S3C_ASSIGN_OR_RETURN(auto out, parallel_->Next());
    if (out == nullptr) {
      done_ = true;
      S3C_RETURN_IF_ERROR(CheckRatio());
      return std::shared_ptr<RecordBatch>();
    }
    for (const auto& r : out->rejected) {
      S3C_RETURN_IF_ERROR(Reject(r.line, r.offset, r.reason, r.raw));
    }
    for (auto& b : out->batches) ready_.push_back(std::move(b));
  }
  std::shared_ptr<RecordBatch> b = std::move(ready_.front());
  ready_.pop_front();
  rows_read_ += b->num_rows();
  return b;
}

Result<std::shared_ptr<RecordBatch>> CsvReader::Next() {
  S3C_RETURN_IF_ERROR(failed_);
  if (done_ && ready_.empty()) return std::shared_ptr<RecordBatch>();
  int threads = options_.threads;
  if (threads == 0) threads = Executor::Shared().size();
  if (conv_ == nullptr && parallel_ == nullptr) {
    if (threads > 1 && !buffer_.AllBuffered(options_.parallel_chunk_bytes)) {
      bool eof = false;
      std::string rest = buffer_.TakeRest(&eof);
      S3C_ASSIGN_OR_RETURN(
          parallel_, ParallelParser::Make(options_, schema_, object_, &source_, std::move(rest),
                                          eof, buffer_.offset() - static_cast<int64_t>(rest.size()),
                                          buffer_.line(), threads));
    } else {
      S3C_ASSIGN_OR_RETURN(conv_, BatchConverter::Make(schema_, options_));
    }
  }
  auto r = parallel_ != nullptr ? NextParallel() : NextSequential();
  if (!r.ok()) failed_ = r.status();
  return r;
}

Result<std::unique_ptr<BatchReader>> OpenCsvReader(std::unique_ptr<InputStream> input,
                                                   std::string object, CsvReadOptions options) {
  if (input == nullptr) return InvalidArgumentError("CSV reader: no input");
  auto reader =
      std::make_unique<CsvReader>(std::move(input), std::move(object), std::move(options));
  S3C_RETURN_IF_ERROR(reader->Init());
  return std::unique_ptr<BatchReader>(std::move(reader));
}

}  // namespace s3c::formats::csv
