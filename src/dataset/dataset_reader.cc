// DatasetReader and InferDatasetSchema (dataset_reader.h).
#include "s3c/dataset/dataset_reader.h"

#include <fmt/format.h>

#include <mutex>

#include "dataset/object_pipeline.h"
#include "s3c/columnar/cast.h"
#include "s3c/common/executor.h"

namespace s3c::dataset {
namespace {

using formats::NamedSchema;

Result<std::unique_ptr<formats::BatchReader>> OpenAt(
    ObjectStore& store, const ObjectInfo& object, const DatasetReadOptions& options,
    size_t readahead_bytes = ReadOptions{}.readahead_bytes) {
  S3C_ASSIGN_OR_RETURN(formats::FileFormat format, FormatOf(object, options.format));
  return OpenObjectReader(store, object, format, options.read, readahead_bytes);
}

// The CSV dialects the sample's readers detected (from their threads).
class DialectVotes {
 public:
  void Add(const formats::csv::CsvDialect& d) {
    std::lock_guard<std::mutex> lock(mu_);
    seen_.push_back(d);
  }
  // The one dialect every vote named; nullopt without votes or with two different ones.
  std::optional<formats::csv::CsvDialect> Agreed() const {
    std::lock_guard<std::mutex> lock(mu_);
    if (seen_.empty()) return std::nullopt;
    for (const auto& d : seen_) {
      if (!(d == seen_[0])) return std::nullopt;
    }
    return seen_[0];
  }

 private:
  mutable std::mutex mu_;
  std::vector<formats::csv::CsvDialect> seen_;
};

// Objects whose schemas make the dataset's: the first infer_files (at least one), -1 = all.
size_t InferenceSample(size_t objects, int64_t infer_files) {
  if (infer_files < 0) return objects;
  return std::min(objects, static_cast<size_t>(std::max<int64_t>(1, infer_files)));
}

// Opens the readers of objects [0, sample): one after another when objects_in_flight is 1, else
// as many at once as objects are in flight (each open waits on its first response: a text
// object's first GET, a Parquet footer), on a pool of their own as the listing walks do, plus
// this thread. Every open runs to its end; the error of the lowest failing index is returned,
// so the message does not depend on timing.
Result<std::vector<std::unique_ptr<formats::BatchReader>>> OpenSample(
    ObjectStore& store, const std::vector<ObjectInfo>& objects, size_t sample,
    const DatasetReadOptions& options, size_t readahead_bytes) {
  // One object, or objects_in_flight 1, opens here alone (and never starts the shared pool,
  // which resolving the default would: `--threads 1` on one file runs one thread).
  const int in_flight = sample <= 1 || options.parallel.objects_in_flight == 1
                            ? 1
                            : ResolvePipelineOptions(options.parallel).objects_in_flight;
  std::vector<Result<std::unique_ptr<formats::BatchReader>>> opened;
  opened.reserve(sample);
  for (size_t i = 0; i < sample; ++i) opened.emplace_back(std::unique_ptr<formats::BatchReader>());
  auto open = [&](size_t i) {
    opened[i] = OpenAt(store, objects[i], options, readahead_bytes);
    return Status::OK();
  };
  const size_t at_once = std::min(sample, static_cast<size_t>(std::max(1, in_flight)));
  if (at_once <= 1) {
    for (size_t i = 0; i < sample; ++i) S3C_RETURN_IF_ERROR(open(i));  // OK: kept in `opened`
  } else {
    Executor pool(static_cast<int>(at_once) - 1);
    TaskGroup group(pool);
    for (size_t i = 0; i < sample; ++i) group.Submit([&open, i] { return open(i); });
    S3C_RETURN_IF_ERROR(group.Wait());
  }
  std::vector<std::unique_ptr<formats::BatchReader>> readers;
  readers.reserve(sample);
  for (auto& r : opened) {
    if (!r.ok()) return r.status();
    readers.push_back(std::move(*r));
  }
  return readers;
}

// The partition and virtual columns of `objects` (dataset_reader.h).
Result<PartitionTable> ObjectColumnsOf(const std::vector<ObjectInfo>& objects,
                                       const DatasetReadOptions& options) {
  const bool hive = options.partitioning.kind == Partitioning::Kind::kHive;
  S3C_ASSIGN_OR_RETURN(PartitionTable table,
                       BuildPartitionTable(options.partitioning, hive ? "" : options.root_prefix,
                                           objects));
  S3C_RETURN_IF_ERROR(AddVirtualColumns(options.virtual_columns, objects, &table));
  return table;
}

// `files` without the columns named like one of `extra` (those are read as partitions).
std::shared_ptr<formats::Schema> WithoutExtraNames(const formats::Schema& files,
                                                   const std::vector<columnar::Field>& extra) {
  std::vector<columnar::Field> kept;
  for (const auto& f : files.fields()) {
    bool taken = false;
    for (const auto& e : extra) taken = taken || e.name() == f.name();
    if (!taken) kept.push_back(f);
  }
  return columnar::MakeSchema(std::move(kept), files.metadata());
}

std::shared_ptr<formats::Schema> WithExtra(const formats::Schema& files,
                                           const std::vector<columnar::Field>& extra) {
  std::vector<columnar::Field> all = files.fields();
  all.insert(all.end(), extra.begin(), extra.end());
  return columnar::MakeSchema(std::move(all), files.metadata());
}

}  // namespace

DatasetReader::DatasetReader(ObjectStore& store, std::vector<ObjectInfo> objects,
                             DatasetReadOptions options)
    : store_(store), objects_(std::move(objects)), options_(std::move(options)) {
  if (ReadsInParallel()) {
    const ObjectPipelineOptions pipeline = ResolvePipelineOptions(options_.parallel);
    readahead_bytes_ = pipeline.read_ahead_bytes;
    // Objects decode side by side: by default each parses on its share of the cores, not on all
    // of them (which would run cores x decode_threads parse threads and hold 2 x cores chunks
    // per object; 16 gzip CSV objects to Parquet with one thread each took 3.9 s and 542 MB,
    // with every core each 4.4 s and 727 MB). An explicit thread count stands.
    const size_t side_by_side =
        std::min(objects_.size(), static_cast<size_t>(std::max(1, pipeline.decode_threads)));
    const int share = std::max(1, Executor::Shared().size() / static_cast<int>(side_by_side));
    for (int* threads : {&options_.read.csv.threads, &options_.read.json.threads}) {
      if (*threads == 0) *threads = share;
    }
    // The format readers run on pool threads: one quarantine call at a time. Wrapped before
    // any reader is opened, since each keeps a copy of the options.
    auto mu = std::make_shared<std::mutex>();
    for (auto* sink : {&options_.read.csv.bad_records.quarantine,
                       &options_.read.json.bad_records.quarantine}) {
      if (!*sink) continue;
      *sink = [mu, inner = std::move(*sink)](const formats::RejectedRecord& r) {
        std::lock_guard<std::mutex> lock(*mu);
        return inner(r);
      };
    }
  }
}

DatasetReader::~DatasetReader() = default;

Result<std::unique_ptr<DatasetReader>> DatasetReader::Open(ObjectStore& store,
                                                           std::vector<ObjectInfo> objects,
                                                           DatasetReadOptions options) {
  if (objects.empty()) return InvalidArgumentError("dataset: no objects to read");
  std::unique_ptr<DatasetReader> reader(
      new DatasetReader(store, std::move(objects), std::move(options)));
  const size_t sample = InferenceSample(reader->objects_.size(), reader->options_.infer_files);
  formats::csv::CsvReadOptions& csv = reader->options_.read.csv;
  auto dialects = std::make_shared<DialectVotes>();
  const auto told = csv.on_dialect_detected;  // the caller's, still told
  if (csv.detect_dialect) {
    csv.on_dialect_detected = [dialects, told](const formats::csv::CsvDialect& d) {
      dialects->Add(d);
      if (told) told(d);
    };
  }
  S3C_ASSIGN_OR_RETURN(reader->opened_,
                       OpenSample(store, reader->objects_, sample, reader->options_,
                                  reader->readahead_bytes_));
  // CSV: the later objects are read with the dialect every sampled object agreed on (each
  // would sniff its first MiB again, several passes of the tokenizer); without agreement each
  // object keeps detecting its own.
  csv.on_dialect_detected = told;
  if (std::optional<formats::csv::CsvDialect> agreed = dialects->Agreed()) {
    csv.dialect = *agreed;
    csv.detect_dialect = false;
    reader->dialect_from_sample_ = true;
  }
  std::vector<NamedSchema> schemas;
  for (size_t i = 0; i < sample; ++i) {
    schemas.push_back({store.UriFor(reader->objects_[i].key), reader->opened_[i]->schema()});
  }
  S3C_ASSIGN_OR_RETURN(formats::SchemaUnion united, formats::UnionSchemas(schemas));
  S3C_ASSIGN_OR_RETURN(reader->extra_, ObjectColumnsOf(reader->objects_, reader->options_));
  reader->file_schema_ = WithoutExtraNames(*united.schema, reader->extra_.fields);
  reader->schema_ = WithExtra(*reader->file_schema_, reader->extra_.fields);
  reader->drift_ = std::move(united.drift);
  return reader;
}

Result<std::shared_ptr<formats::Schema>> DatasetSchemaFor(const formats::Schema& files,
                                                          const std::vector<ObjectInfo>& objects,
                                                          const DatasetReadOptions& options) {
  S3C_ASSIGN_OR_RETURN(PartitionTable extra, ObjectColumnsOf(objects, options));
  return WithExtra(*WithoutExtraNames(files, extra.fields), extra.fields);
}

Result<std::unique_ptr<formats::BatchReader>> DatasetReader::ReaderFor(
    size_t index, std::vector<formats::SchemaDrift>* drift) {
  if (index < opened_.size()) return std::move(opened_[index]);
  S3C_ASSIGN_OR_RETURN(auto reader, OpenAt(store_, objects_[index], options_, readahead_bytes_));
  // Drift of a later object relative to the dataset schema; columns it adds cannot be read.
  S3C_ASSIGN_OR_RETURN(formats::SchemaUnion united,
                       formats::UnionSchemas({{"dataset", file_schema_},
                                              {store_.UriFor(objects_[index].key),
                                               reader->schema()}}));
  for (const formats::SchemaDrift& d : united.drift) {
    bool is_extra = false;
    for (const auto& e : extra_.fields) is_extra = is_extra || e.name() == d.column;
    if (is_extra) continue;  // read as the partition column (checked against it in Align)
    if (d.kind == formats::SchemaDrift::Kind::kColumnAdded) {
      // Data that does not fit the dataset's schema: a data error (exit 5), never dropped.
      const formats::csv::CsvDialect& dialect = options_.read.csv.dialect;
      const std::string sample_dialect =
          dialect_from_sample_
              ? fmt::format(
                    " (it was read with the delimiter '{}' and quote '{}' detected in "
                    "those objects; if it is written otherwise, pass --delimiter and "
                    "--quote, or read it apart)",
                    dialect.delimiter == '\t' ? std::string("\\t")
                                              : std::string(1, dialect.delimiter),
                    dialect.quote == '\0' ? std::string("none") : std::string(1, dialect.quote))
              : "";
      return DataLossError(fmt::format(
          "{}: column '{}' is not in the schema inferred from the first {} object(s){}; infer "
          "from more objects or give a schema",
          d.file, d.column, opened_.size(), sample_dialect));
    }
    drift->push_back(d);
  }
  return reader;
}

Status DatasetReader::OpenNext() {
  if (current_) {
    rows_done_ += current_->rows_read();
    rejected_done_ += current_->rows_rejected();
    pruning_done_ += current_->pruning();
    current_.reset();
  }
  if (static_cast<size_t>(next_object_) >= objects_.size()) return Status::OK();
  size_t index = static_cast<size_t>(next_object_++);
  current_index_ = index;
  S3C_ASSIGN_OR_RETURN(current_, ReaderFor(index, &drift_));
  return Status::OK();
}

Result<std::shared_ptr<formats::RecordBatch>> DatasetReader::Align(
    const formats::RecordBatch& batch, size_t index) const {
  const std::string& object = objects_[index].key;
  const std::vector<PartitionValue>& extra = extra_.values[index];
  for (size_t i = 0; i < extra_.fields.size(); ++i) {
    std::shared_ptr<columnar::Array> same_name = batch.GetColumnByName(extra_.fields[i].name());
    if (same_name) {
      S3C_RETURN_IF_ERROR(CheckColumnMatchesPartition(*same_name, extra_.fields[i], extra[i],
                                                      store_.UriFor(object)));
    }
  }
  std::vector<std::shared_ptr<columnar::Array>> columns;
  columns.reserve(static_cast<size_t>(file_schema_->num_fields()));
  for (int i = 0; i < file_schema_->num_fields(); ++i) {
    const columnar::Field& field = file_schema_->field(i);
    std::shared_ptr<columnar::Array> column = batch.GetColumnByName(field.name());
    if (!column) {
      columns.push_back(columnar::MakeArrayOfNulls(field.type(), batch.num_rows()));
      continue;
    }
    if (!column->type().Equals(field.type())) {
      Result<std::shared_ptr<columnar::Array>> cast = columnar::Cast(*column, field.type());
      if (!cast.ok()) {
        // A value of a later object that does not fit the inferred type is a data error.
        return DataLossError(fmt::format("{}: column '{}': {}", store_.UriFor(object),
                                         field.name(), cast.status().message()));
      }
      column = *cast;
    }
    columns.push_back(std::move(column));
  }
  S3C_ASSIGN_OR_RETURN(auto files,
                       formats::RecordBatch::Make(file_schema_, std::move(columns), batch.num_rows()));
  if (extra_.fields.empty()) return files;
  return AppendPartitionColumns(*files, schema_, extra);
}

Result<std::shared_ptr<formats::RecordBatch>> DatasetReader::Finish(
    std::shared_ptr<formats::RecordBatch> batch, size_t index) const {
  std::shared_ptr<formats::RecordBatch> aligned = std::move(batch);
  if (!extra_.fields.empty() || !aligned->schema()->Equals(*schema_)) {
    S3C_ASSIGN_OR_RETURN(aligned, Align(*aligned, index));
  }
  if (!transform_) return aligned;
  return transform_(std::move(aligned));
}

Result<std::shared_ptr<formats::RecordBatch>> DatasetReader::NextInOrder() {
  while (true) {
    if (!current_) {
      S3C_RETURN_IF_ERROR(OpenNext());
      if (!current_) return std::shared_ptr<formats::RecordBatch>();
    }
    S3C_ASSIGN_OR_RETURN(auto batch, current_->Next());
    if (!batch) {
      S3C_RETURN_IF_ERROR(OpenNext());
      if (!current_) return std::shared_ptr<formats::RecordBatch>();
      continue;
    }
    S3C_ASSIGN_OR_RETURN(auto out, Finish(std::move(batch), current_index_));
    if (transform_ && out->num_rows() == 0) continue;
    return out;
  }
}

Result<std::shared_ptr<formats::RecordBatch>> DatasetReader::Next() {
  if (!ReadsInParallel()) return NextInOrder();
  if (!pipeline_) StartPipeline();
  return pipeline_->Next();
}

int64_t DatasetReader::rows_read() const {
  return rows_done_ + (current_ ? current_->rows_read() : 0);
}

formats::PruningCounters DatasetReader::pruning() const {
  formats::PruningCounters total = pruning_done_;
  if (current_) total += current_->pruning();
  return total;
}

int64_t DatasetReader::rows_rejected() const {
  return rejected_done_ + (current_ ? current_->rows_rejected() : 0);
}

Result<DatasetSchema> InferDatasetSchema(ObjectStore& store, const std::vector<ObjectInfo>& objects,
                                         const DatasetReadOptions& options) {
  DatasetSchema out;
  out.objects_total = static_cast<int64_t>(objects.size());
  const size_t sample = InferenceSample(objects.size(), options.infer_files);
  S3C_ASSIGN_OR_RETURN(auto readers, OpenSample(store, objects, sample, options,
                                                ReadOptions{}.readahead_bytes));
  for (size_t i = 0; i < sample; ++i) {
    out.files.push_back({store.UriFor(objects[i].key), readers[i]->schema()});
  }
  S3C_ASSIGN_OR_RETURN(out.united, formats::UnionSchemas(out.files));
  S3C_ASSIGN_OR_RETURN(PartitionTable extra, ObjectColumnsOf(objects, options));
  out.partitions = std::move(extra.fields);
  return out;
}

}  // namespace s3c::dataset
