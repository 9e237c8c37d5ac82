// DatasetScan (dataset/dataset_scan.h).
#include "s3c/dataset/dataset_scan.h"

#include <fmt/format.h>

#include <atomic>
#include <set>

#include "s3c/columnar/take.h"
#include "s3c/common/strings.h"
#include "s3c/expr/partition_filter.h"
#include "s3c/expr/prune.h"

namespace s3c::dataset {
namespace {

// A row-group predicate bound after the readers opened (the filter needs the dataset's schema,
// which needs the opened files): keeps every row group until then. Readers choose row groups
// at their first Next(), after the scan has set it.
class LatePredicate final : public columnar::RowGroupPredicate {
 public:
  void Set(std::shared_ptr<const columnar::RowGroupPredicate> inner) {
    std::atomic_store(&inner_, std::move(inner));
  }
  bool MayMatch(const std::vector<columnar::ColumnStatistics>& stats,
                int64_t num_rows) const override {
    auto inner = std::atomic_load(&inner_);
    return inner == nullptr || inner->MayMatch(stats, num_rows);
  }
  bool JudgesColumn(const std::vector<std::string>& path) const override {
    auto inner = std::atomic_load(&inner_);
    return inner == nullptr || inner->JudgesColumn(path);
  }

 private:
  std::shared_ptr<const columnar::RowGroupPredicate> inner_;
};

bool IsVirtual(std::string_view name, std::string* canonical) {
  for (const char* v : kVirtualColumns) {
    if (IEquals(name, v)) {
      *canonical = v;
      return true;
    }
  }
  return false;
}

// The virtual columns the output or the filter names, in their fixed order (kVirtualColumns).
std::vector<std::string> VirtualColumnsNamed(const ScanOptions& options,
                                             const std::set<std::string>& filter_columns) {
  std::set<std::string> wanted;
  std::string canonical;
  for (const auto& n : options.columns) {
    if (IsVirtual(n, &canonical)) wanted.insert(canonical);
  }
  for (const auto& n : filter_columns) {
    if (IsVirtual(n, &canonical)) wanted.insert(canonical);
  }
  std::vector<std::string> out;
  for (const char* v : kVirtualColumns) {
    if (wanted.count(v) > 0) out.push_back(v);
  }
  return out;
}

// The partition keys of the first object (the reader checks that every object has the same).
std::set<std::string> PartitionKeys(const std::vector<ObjectInfo>& objects,
                                    const DatasetReadOptions& options) {
  std::set<std::string> keys;
  if (objects.empty()) return keys;
  const bool hive = options.partitioning.kind == Partitioning::Kind::kHive;
  std::string_view rel = objects[0].key;
  if (!hive && StartsWith(rel, options.root_prefix)) rel.remove_prefix(options.root_prefix.size());
  auto values = ExtractPartitionValues(options.partitioning, rel);
  if (values.ok()) {
    for (const auto& v : *values) keys.insert(v.name);
  }
  return keys;
}

}  // namespace

Result<ScanFileColumns> FileColumnsOf(const std::vector<ObjectInfo>& objects,
                                      const ScanOptions& options) {
  std::set<std::string> filter_columns;
  if (!options.where.empty()) {
    S3C_ASSIGN_OR_RETURN(filter_columns, expr::ColumnsRead(options.where));
  }
  const std::set<std::string> keys = PartitionKeys(objects, options.dataset);
  std::string canonical;
  auto in_files = [&](const std::string& n) {
    return keys.count(n) == 0 && !IsVirtual(n, &canonical);
  };
  ScanFileColumns out;
  for (const auto& n : filter_columns) {
    if (in_files(n)) out.filtered.push_back(n);
  }
  // The files' columns to decode: the selected ones and those the filter reads.
  if (options.columns.empty()) return out;
  auto add = [&](const std::string& n) {
    if (!in_files(n)) return;
    for (const auto& r : out.read) {
      if (r == n) return;
    }
    out.read.push_back(n);
  };
  for (const auto& n : options.columns) add(n);
  for (const auto& n : filter_columns) add(n);
  return out;
}

Result<std::shared_ptr<const columnar::RowGroupPredicate>> BindRowGroupPredicate(
    const formats::Schema& files, const std::vector<ObjectInfo>& objects,
    const ScanOptions& options) {
  if (options.where.empty()) return std::shared_ptr<const columnar::RowGroupPredicate>();
  S3C_ASSIGN_OR_RETURN(std::set<std::string> filter_columns, expr::ColumnsRead(options.where));
  DatasetReadOptions dataset = options.dataset;
  dataset.virtual_columns = VirtualColumnsNamed(options, filter_columns);
  S3C_ASSIGN_OR_RETURN(std::shared_ptr<formats::Schema> schema,
                       DatasetSchemaFor(files, objects, dataset));
  S3C_ASSIGN_OR_RETURN(std::shared_ptr<const expr::Filter> filter,
                       expr::Filter::Bind(options.where, *schema));
  return expr::MakeRowGroupPredicate(filter, options.eval);
}

// The reader first: its threads run the transform, which uses the members below it.
DatasetScan::~DatasetScan() { reader_.reset(); }

const std::vector<formats::SchemaDrift>& DatasetScan::drift() const {
  static const std::vector<formats::SchemaDrift> kNone;
  return reader_ ? reader_->drift() : kNone;
}

Result<std::unique_ptr<DatasetScan>> DatasetScan::Open(ObjectStore& store,
                                                       std::vector<ObjectInfo> objects,
                                                       ScanOptions options) {
  std::set<std::string> filter_columns;
  if (!options.where.empty()) {
    S3C_ASSIGN_OR_RETURN(filter_columns, expr::ColumnsRead(options.where));
  }
  DatasetReadOptions& ds = options.dataset;
  ds.virtual_columns = VirtualColumnsNamed(options, filter_columns);
  std::string canonical;
  S3C_ASSIGN_OR_RETURN(ScanFileColumns file_columns, FileColumnsOf(objects, options));
  if (!options.columns.empty()) ds.read.columns = std::move(file_columns.read);
  auto late = std::make_shared<LatePredicate>();
  if (!options.where.empty() && ds.read.parquet.predicate == nullptr) {
    ds.read.parquet.predicate = late;
  }

  std::unique_ptr<DatasetScan> scan(new DatasetScan());
  scan->eval_ = options.eval;
  if (objects.empty()) {
    // Pruning or filters left nothing: no schema to bind to, and no rows.
    scan->schema_ = columnar::MakeSchema({});
    return scan;
  }
  S3C_ASSIGN_OR_RETURN(scan->reader_, DatasetReader::Open(store, std::move(objects), ds));
  const formats::Schema& full = *scan->reader_->schema();
  if (!options.where.empty()) {
    S3C_ASSIGN_OR_RETURN(scan->filter_, expr::Filter::Bind(options.where, full));
    late->Set(expr::MakeRowGroupPredicate(scan->filter_, options.eval));
  }
  // Output columns: as asked, else everything but the virtual columns added for the filter.
  std::vector<columnar::Field> fields;
  for (int i = 0; i < full.num_fields(); ++i) {
    const std::string& name = full.field(i).name();
    bool selected = options.columns.empty() ? !IsVirtual(name, &canonical) : false;
    if (selected) {
      scan->output_.push_back(i);
      fields.push_back(full.field(i));
    }
  }
  for (const std::string& n : options.columns) {
    int index = full.GetFieldIndex(n);
    if (index < 0) {
      return InvalidArgumentError(fmt::format(
          "--columns: no column '{}' in the dataset; it has: {}", n, Join(full.field_names(), ", ")));
    }
    scan->output_.push_back(index);
    fields.push_back(full.field(index));
  }
  scan->schema_ = columnar::MakeSchema(std::move(fields), full.metadata());
  DatasetScan* self = scan.get();
  scan->reader_->SetTransform([self](std::shared_ptr<formats::RecordBatch> batch) {
    return self->FilterAndProject(std::move(batch));
  });
  return scan;
}

Result<std::shared_ptr<formats::RecordBatch>> DatasetScan::FilterAndProject(
    std::shared_ptr<formats::RecordBatch> batch) const {
  std::vector<int64_t> rows;
  if (filter_) {
    S3C_ASSIGN_OR_RETURN(rows, expr::Select(*filter_, *batch, eval_));
  }
  std::vector<std::shared_ptr<columnar::Array>> columns;
  columns.reserve(output_.size());
  for (int i : output_) columns.push_back(batch->column(i));
  S3C_ASSIGN_OR_RETURN(std::shared_ptr<formats::RecordBatch> out,
                       formats::RecordBatch::Make(schema_, std::move(columns), batch->num_rows()));
  if (!filter_ || static_cast<int64_t>(rows.size()) == batch->num_rows()) return out;
  // Only the output's columns are gathered (a column the filter alone reads is not).
  rows_filtered_.fetch_add(batch->num_rows() - static_cast<int64_t>(rows.size()));
  return columnar::Take(*out, rows);
}

Result<std::shared_ptr<formats::RecordBatch>> DatasetScan::Next() {
  if (!reader_) return std::shared_ptr<formats::RecordBatch>();
  return reader_->Next();
}

}  // namespace s3c::dataset
