// ParquetFileReader::Open: footer, metadata checks, schema and projection
// (parquet-format README "File Format" and "Metadata").
#include <fmt/format.h>

#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "formats/parquet/footer_reader.h"
#include "formats/parquet/parquet_reader_state.h"
#include "s3c/common/strings.h"
#include "s3c/formats/parquet/parquet_reader.h"

namespace s3c::formats::parquet {
namespace {

class ParquetFileReaderImpl final : public ParquetFileReader {
 public:
  explicit ParquetFileReaderImpl(std::shared_ptr<ReaderState> state) : state_(std::move(state)) {
    std::vector<int> every(state_->metadata().row_groups.size());
    for (size_t g = 0; g < every.size(); ++g) every[g] = static_cast<int>(g);
    working_bytes_ = state_->WorkingBytes(every);
  }

  std::shared_ptr<columnar::Schema> schema() const override { return state_->projected_schema(); }
  std::shared_ptr<columnar::Schema> file_schema() const override { return state_->schema().schema; }
  int64_t num_rows() const override { return state_->metadata().num_rows; }
  int num_row_groups() const override {
    return static_cast<int>(state_->metadata().row_groups.size());
  }
  std::vector<std::pair<std::string, std::string>> key_value_metadata() const override {
    std::vector<std::pair<std::string, std::string>> out;
    for (const KeyValue& kv : state_->metadata().key_value_metadata) {
      out.emplace_back(kv.key, kv.value.value_or(""));
    }
    return out;
  }
  std::string Describe() const override { return DescribeParquetFile(*state_); }

  Result<std::unique_ptr<BatchReader>> ReadBatches() override {
    return MakeParquetBatchReader(state_, state_->SelectRowGroups());
  }

  Result<std::shared_ptr<columnar::RecordBatch>> ReadRowGroup(int index) override {
    if (index < 0 || index >= num_row_groups()) {
      return OutOfRangeError(fmt::format("{}: row group {} does not exist (the file has {})",
                                         state_->name(), index, num_row_groups()));
    }
    // The predicate is ignored here: no page pruning either.
    S3C_ASSIGN_OR_RETURN(FetchedRowGroup fetched, state_->Fetch(index, /*prune_pages=*/false));
    S3C_ASSIGN_OR_RETURN(std::vector<std::shared_ptr<columnar::RecordBatch>> batches,
                         state_->Decode(fetched));
    if (batches.size() != 1) {
      return UnimplementedError(fmt::format(
          "{}: row group {} holds more than 2 GiB of binary/string values in one column, more "
          "than one batch can hold: read it with ReadBatches",
          state_->name(), index));
    }
    return std::move(batches.front());
  }

  ParquetReadStats stats() const override { return state_->stats(); }
  Result<ParquetReadPlan> PlanWholeRead(bool with_predicate) const override {
    return state_->PlanWholeRead(with_predicate);
  }
  uint64_t working_bytes() const override { return working_bytes_; }
  Result<ParquetReadPlan> PlanRead(std::shared_ptr<const RowGroupPredicate> predicate) override {
    return state_->PlanRead(std::move(predicate));
  }

 private:
  std::shared_ptr<ReaderState> state_;
  uint64_t working_bytes_ = 0;
};

Status EncryptedError(std::string_view name) {
  return InvalidArgumentError(fmt::format("{}: encrypted Parquet is not supported", name));
}

std::string LeafName(const LeafColumn& leaf) { return Join(leaf.path, "."); }

// Every row group has one chunk per leaf, with metadata, in this file, unencrypted.
Status CheckRowGroups(const FileMetaData& md, const FileSchema& schema, std::string_view name) {
  for (size_t g = 0; g < md.row_groups.size(); ++g) {
    const RowGroup& rg = md.row_groups[g];
    if (rg.columns.size() != schema.leaves.size()) {
      return InvalidArgumentError(fmt::format(
          "{}: corrupt Parquet metadata: row group {} has {} column chunks but the schema has {} "
          "leaf columns",
          name, g, rg.columns.size(), schema.leaves.size()));
    }
    if (rg.num_rows < 0) {
      return InvalidArgumentError(fmt::format(
          "{}: corrupt Parquet metadata: row group {} has {} rows", name, g, rg.num_rows));
    }
    for (size_t c = 0; c < rg.columns.size(); ++c) {
      const ColumnChunk& chunk = rg.columns[c];
      const std::string column = LeafName(schema.leaves[c]);
      if (chunk.has_crypto_metadata) return EncryptedError(name);
      if (chunk.file_path && !chunk.file_path->empty()) {
        return UnimplementedError(fmt::format(
            "{}: column {} of row group {} is stored in another file ('{}'); column chunks in "
            "other files are not supported",
            name, column, g, *chunk.file_path));
      }
      if (!chunk.meta_data) {
        return InvalidArgumentError(fmt::format(
            "{}: corrupt Parquet metadata: column {} of row group {} has no column metadata", name,
            column, g));
      }
    }
  }
  return Status::OK();
}

Result<std::vector<int>> ResolveProjection(const FileSchema& schema,
                                           const std::vector<std::string>& columns,
                                           std::string_view name) {
  const std::vector<std::string> names = schema.schema->field_names();
  std::vector<int> out;
  if (columns.empty()) {
    for (int i = 0; i < static_cast<int>(names.size()); ++i) out.push_back(i);
    return out;
  }
  std::set<std::string> seen;
  for (const std::string& col : columns) {
    int found = -1;
    int matches = 0;
    for (int i = 0; i < static_cast<int>(names.size()); ++i) {
      if (names[static_cast<size_t>(i)] == col) {
        if (found < 0) found = i;
        ++matches;
      }
    }
    if (matches == 0) {
      return InvalidArgumentError(
          fmt::format("{}: no column named '{}'; the file has: {}", name, col, Join(names, ", ")));
    }
    if (matches > 1) {
      return InvalidArgumentError(
          fmt::format("{}: column name '{}' is ambiguous: the file has {} columns of that name",
                      name, col, matches));
    }
    if (!seen.insert(col).second) {
      return InvalidArgumentError(
          fmt::format("{}: column '{}' is listed twice in the projection", name, col));
    }
    out.push_back(found);
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<ParquetFileReader>> ParquetFileReader::Open(
    std::shared_ptr<RandomAccessFile> file, ParquetReadOptions options) {
  if (file == nullptr) return InvalidArgumentError("ParquetFileReader::Open: no file");
  if (options.object_name.empty()) options.object_name = "<parquet>";
  if (options.batch_rows <= 0) {
    return InvalidArgumentError(fmt::format("{}: batch_rows must be positive, not {}",
                                            options.object_name, options.batch_rows));
  }
  const std::string name = options.object_name;
  S3C_ASSIGN_OR_RETURN(uint64_t size, file->Size());
  FetchCounters counters;
  S3C_ASSIGN_OR_RETURN(FooterBytes footer, ReadFooter(*file, size, options.footer_guess,
                                                      options.whole_object_bytes, name, &counters));
  S3C_ASSIGN_OR_RETURN(FileMetaData md, DecodeFileMetaData(footer.metadata, name));
  if (md.has_encryption_algorithm) return EncryptedError(name);
  S3C_ASSIGN_OR_RETURN(FileSchema schema,
                       MapParquetSchema(md.schema, name, options.binary_as_string));
  S3C_RETURN_IF_ERROR(CheckRowGroups(md, schema, name));
  S3C_ASSIGN_OR_RETURN(std::vector<int> projection,
                       ResolveProjection(schema, options.columns, name));
  std::vector<columnar::Field> fields;
  for (int f : projection) fields.push_back(schema.schema->field(f));
  auto projected = columnar::MakeSchema(std::move(fields), schema.schema->metadata());
  auto state = std::make_shared<ReaderState>(
      std::move(file), std::move(options), size, std::move(md), std::move(schema),
      std::move(projection), std::move(projected), std::move(footer.held));
  state->AddCounters(counters, 0);
  return std::unique_ptr<ParquetFileReader>(new ParquetFileReaderImpl(std::move(state)));
}

}  // namespace s3c::formats::parquet
