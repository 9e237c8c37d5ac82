// DatasetReader reading many objects at once (dataset_reader.h; the engine is
// object_pipeline.h): one ObjectSource per object pulls its format reader on a pool thread and
// aligns and transforms each batch there, so decoding, casts and the scan's filter run in
// parallel; drift and row counts are gathered on the caller's thread as objects are consumed.
#include "dataset/object_pipeline.h"
#include "s3c/dataset/dataset_reader.h"

namespace s3c::dataset {

class DatasetReader::ObjectSource final : public ObjectBatchSource {
 public:
  ObjectSource(const DatasetReader& owner, size_t index,
               std::unique_ptr<formats::BatchReader> reader,
               std::vector<formats::SchemaDrift> drift)
      : owner_(owner), index_(index), reader_(std::move(reader)), drift_(std::move(drift)) {}

  Result<std::shared_ptr<columnar::RecordBatch>> Next() override {
    while (true) {
      S3C_ASSIGN_OR_RETURN(auto batch, reader_->Next());
      if (!batch) return batch;
      S3C_ASSIGN_OR_RETURN(auto out, owner_.Finish(std::move(batch), index_));
      if (out->num_rows() > 0 || !owner_.transform_) return out;
    }
  }

  const formats::BatchReader& reader() const { return *reader_; }
  std::vector<formats::SchemaDrift>& drift() { return drift_; }

 private:
  const DatasetReader& owner_;
  const size_t index_;
  std::unique_ptr<formats::BatchReader> reader_;
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
    rows_done_ += object.reader().rows_read();
    rejected_done_ += object.reader().rows_rejected();
    pruning_done_ += object.reader().pruning();
    drift_.insert(drift_.end(), object.drift().begin(), object.drift().end());
  };
  pipeline_ = std::make_unique<ObjectPipeline>(objects_.size(), ResolvePipelineOptions(options_.parallel),
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
