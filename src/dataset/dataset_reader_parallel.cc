// DatasetReader reading many objects at once (dataset_reader.h; the engine is
// object_pipeline.h): one ObjectSource per object pulls its format reader on a pool thread and
// aligns and transforms each batch there, so decoding, casts and the scan's filter run in
// parallel; drift and row counts are gathered on the caller's thread as objects are consumed.
#include "dataset/object_pipeline.h"
#include "s3c/codec/codec.h"
#include "s3c/dataset/dataset_reader.h"

namespace s3c::dataset {
namespace {

// What one object's text parser holds while it reads: 2 x threads chunks in flight (parallel
// parsing keeps that many), each chunk's text plus its parsed rows, counted as twice the text;
// but never more than twice the object's text: its size, or 16 times that when it is
// compressed. The format is the set one, else the object's name's (as the reader picks it).
// Parquet column chunks and the line reader's read chunk are not counted here.
uint64_t DecodeWorkingBytes(const DatasetReadOptions& options, const ObjectInfo& object) {
  auto chunks = [](int threads, size_t chunk_bytes) {
    const int t = threads == 0 ? Executor::Shared().size() : std::max(threads, 1);
    return t == 1 ? uint64_t{0} : 2 * uint64_t(t) * chunk_bytes * 2;
  };
  uint64_t working = 0;
  switch (options.format.value_or(
      formats::FormatFromName(object.key).value_or(formats::FileFormat::kCsv))) {
    case formats::FileFormat::kCsv:
    case formats::FileFormat::kTsv:
      working = chunks(options.read.csv.threads, options.read.csv.parallel_chunk_bytes);
      break;
    case formats::FileFormat::kJson:
    case formats::FileFormat::kJsonLines:
      working = chunks(options.read.json.threads, options.read.json.parallel_chunk_bytes);
      break;
    case formats::FileFormat::kParquet:
    case formats::FileFormat::kText:
      return 0;
  }
  const bool compressed =
      options.read.compression ? *options.read.compression != Codec::kNone
                               : CodecFromExtension(object.key) != Codec::kNone;
  const uint64_t text = object.size * (compressed ? 16 : 1);
  return std::min(working, 2 * text);
}

}  // namespace

// An object's reader is dropped as soon as it reports its end: a finished object may wait
// long for the consumer (its batches queued behind earlier objects), and its reader holds
// parse buffers, a decompressor and a stream (megabytes) that the budget does not count. Only
// the counts the consumer gathers are kept.
class DatasetReader::ObjectSource final : public ObjectBatchSource {
 public:
  struct Counts {
    int64_t rows = 0;
    int64_t rejected = 0;
    formats::PruningCounters pruning;
  };

  ObjectSource(const DatasetReader& owner, size_t index,
               std::unique_ptr<formats::BatchReader> reader,
               std::vector<formats::SchemaDrift> drift)
      : owner_(owner), index_(index), reader_(std::move(reader)), drift_(std::move(drift)) {}

  Result<std::shared_ptr<columnar::RecordBatch>> Next() override {
    while (reader_ != nullptr) {
      S3C_ASSIGN_OR_RETURN(auto batch, reader_->Next());
      if (!batch) {
        counts_ = {reader_->rows_read(), reader_->rows_rejected(), reader_->pruning()};
        reader_.reset();
        return batch;
      }
      S3C_ASSIGN_OR_RETURN(auto out, owner_.Finish(std::move(batch), index_));
      if (out->num_rows() > 0 || !owner_.transform_) return out;
    }
    return std::shared_ptr<columnar::RecordBatch>();
  }
  uint64_t working_bytes() const override { return reader_ ? reader_->working_bytes() : 0; }

  // The reader's counts: final once Next() has returned the end.
  Counts counts() const {
    if (reader_ == nullptr) return counts_;
    return {reader_->rows_read(), reader_->rows_rejected(), reader_->pruning()};
  }
  std::vector<formats::SchemaDrift>& drift() { return drift_; }

 private:
  const DatasetReader& owner_;
  const size_t index_;
  std::unique_ptr<formats::BatchReader> reader_;  // null after the end
  Counts counts_;
  std::vector<formats::SchemaDrift> drift_;
};

void DatasetReader::StartPipeline() {
  auto open = [this](size_t index) -> Result<std::unique_ptr<ObjectBatchSource>> {
    std::vector<formats::SchemaDrift> drift;
    S3C_ASSIGN_OR_RETURN(auto reader, ReaderFor(index, &drift));
    return std::unique_ptr<ObjectBatchSource>(
        new ObjectSource(*this, index, std::move(reader), std::move(drift)));
  };
  auto consumed = [this](size_t, ObjectBatchSource* source) {
    if (source == nullptr) return;
    auto& object = static_cast<ObjectSource&>(*source);
    const ObjectSource::Counts counts = object.counts();
    rows_done_ += counts.rows;
    rejected_done_ += counts.rejected;
    pruning_done_ += counts.pruning;
    drift_.insert(drift_.end(), object.drift().begin(), object.drift().end());
  };
  ObjectPipelineOptions pipeline = ResolvePipelineOptions(options_.parallel);
  pipeline.decode_working_bytes = [this](size_t index) {
    return DecodeWorkingBytes(options_, objects_[index]);
  };
  pipeline_ = std::make_unique<ObjectPipeline>(objects_.size(), std::move(pipeline),
                                               std::move(open), std::move(consumed));
}

int64_t DatasetReader::objects_read() const {
  if (!pipeline_) return next_object_;
  return static_cast<int64_t>(pipeline_->objects_reached());
}

ObjectPipelineStats DatasetReader::pipeline_stats() const {
  return pipeline_ ? pipeline_->stats() : ObjectPipelineStats{};
}

}  // namespace s3c::dataset
