// Batches of the selected row groups: each row group is decoded whole (into one batch, or a few
// when a column holds more than 2 GiB of binary values) and sliced into batches of batch_rows
// rows (zero-copy). While a row group is decoded and handed out, the next one is
// already being fetched (a task on the shared CPU pool, common/executor.h), so at most two row
// groups' projected chunks are in memory.
#include <deque>
#include <iterator>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "formats/parquet/parquet_reader_state.h"
#include "s3c/common/executor.h"

namespace s3c::formats::parquet {
namespace {

class ParquetBatchReader final : public BatchReader {
 public:
  ParquetBatchReader(std::shared_ptr<ReaderState> state, std::vector<int> row_groups)
      : state_(std::move(state)), row_groups_(std::move(row_groups)) {}

  std::shared_ptr<columnar::Schema> schema() const override { return state_->projected_schema(); }

  Result<std::shared_ptr<columnar::RecordBatch>> Next() override {
    if (!error_.ok()) return error_;
    while (current_ == nullptr || offset_ >= current_->num_rows()) {
      current_ = nullptr;
      offset_ = 0;
      if (decoded_.empty()) {
        if (next_ >= row_groups_.size()) return std::shared_ptr<columnar::RecordBatch>();
        auto batches = LoadNext();
        if (!batches.ok()) {
          error_ = batches.status();
          return error_;
        }
        decoded_.assign(std::make_move_iterator(batches->begin()),
                        std::make_move_iterator(batches->end()));
        if (decoded_.empty()) continue;
      }
      current_ = std::move(decoded_.front());
      decoded_.pop_front();
    }
    const int64_t n = std::min(state_->options().batch_rows, current_->num_rows() - offset_);
    std::shared_ptr<columnar::RecordBatch> out =
        (offset_ == 0 && n == current_->num_rows()) ? current_ : current_->Slice(offset_, n);
    offset_ += n;
    rows_read_ += n;
    return out;
  }

  int64_t rows_read() const override { return rows_read_; }
  // The file reader's totals (over every pass of its BatchReaders).
  PruningCounters pruning() const override {
    const ParquetReadStats stats = state_->stats();
    return {stats.row_groups_total, stats.row_groups_skipped, stats.pages_total,
            stats.pages_skipped};
  }

 private:
  // Fetches (or collects the prefetched) row group next_, starts fetching the one after it,
  // then decodes.
  Result<std::vector<std::shared_ptr<columnar::RecordBatch>>> LoadNext() {
    const int index = row_groups_[next_++];
    std::optional<Result<FetchedRowGroup>> fetched;
    if (prefetched_) {
      (void)prefetch_.Wait();  // runs the fetch here if no pool thread has started it
      fetched.swap(prefetched_);
    } else {
      fetched = state_->Fetch(index);
    }
    if (!fetched->ok()) return fetched->status();
    if (next_ < row_groups_.size()) {
      const int following = row_groups_[next_];
      prefetched_ = Result<FetchedRowGroup>(InternalError("row group not fetched"));
      prefetch_.Submit([this, following] {
        *prefetched_ = state_->Fetch(following);
        return Status::OK();  // the fetch's error is in prefetched_
      });
    }
    return state_->Decode(**fetched);
  }

  std::shared_ptr<ReaderState> state_;
  std::vector<int> row_groups_;
  size_t next_ = 0;  // position in row_groups_ of the next row group to decode
  // The next row group's fetch, written by the prefetch task; set while one was submitted.
  std::optional<Result<FetchedRowGroup>> prefetched_;
  std::deque<std::shared_ptr<columnar::RecordBatch>> decoded_;  // of the row group, after current_
  std::shared_ptr<columnar::RecordBatch> current_;
  int64_t offset_ = 0;
  int64_t rows_read_ = 0;
  Status error_;
  // Last: destroyed first, it drops a fetch not yet started and waits for one running.
  TaskGroup prefetch_{Executor::Shared(), 1};
};

}  // namespace

std::unique_ptr<BatchReader> MakeParquetBatchReader(std::shared_ptr<ReaderState> state,
                                                    std::vector<int> row_groups) {
  return std::make_unique<ParquetBatchReader>(std::move(state), std::move(row_groups));
}

}  // namespace s3c::formats::parquet
