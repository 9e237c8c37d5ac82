// OpenParquetWriter (parquet_writer.h): file layout per parquet-format README.md "File Format":
// "PAR1", row groups (column chunks in schema order), page indexes (PageIndex.md), FileMetaData,
// its length (uint32 LE), "PAR1".
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <utility>

#include "formats/parquet/column_writer.h"
#include "formats/parquet/level_shredding.h"
#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/schema_to_parquet.h"
#include "s3c/formats/parquet/parquet_writer.h"

namespace s3c::formats::parquet {

namespace {

constexpr char kMagic[] = "PAR1";
constexpr int64_t kMaxSliceRows = 64 * 1024;

struct ChunkIndexes {
  std::optional<ColumnIndex> column_index;
  OffsetIndex offset_index;
};

// Picks each leaf's non-dictionary encoding from options.column_encodings: an entry naming the
// leaf's dotted path must apply to it; an entry naming the top-level column applies to the
// leaves of that column it can encode.
Result<std::vector<Encoding>> ResolveEncodings(const ParquetSchemaPlan& plan,
                                               const columnar::Schema& schema,
                                               const ParquetWriteOptions& options) {
  std::vector<Encoding> out(plan.leaves.size(), Encoding::kPlain);
  for (const auto& [column, name] : options.column_encodings) {
    S3C_ASSIGN_OR_RETURN(Encoding e, ParseValueEncoding(name));
    bool matched = false;
    for (size_t i = 0; i < plan.leaves.size(); ++i) {
      const ParquetLeaf& leaf = plan.leaves[i];
      if (leaf.dotted_path() == column) {
        if (!EncodingSupports(e, leaf.physical_type)) {
          return InvalidArgumentError(
              fmt::format("column '{}': encoding {} does not apply to its values ({})", column,
                          name, leaf.type.ToString()));
        }
        out[i] = e;
        matched = true;
      } else if (schema.field(leaf.top_level_field).name() == column) {
        if (EncodingSupports(e, leaf.physical_type)) out[i] = e;
        matched = true;
      }
    }
    if (!matched) {
      return InvalidArgumentError(fmt::format(
          "column_encodings names column '{}', which the schema does not have", column));
    }
  }
  return out;
}

class ParquetFileWriter final : public BatchWriter {
 public:
  ParquetFileWriter(std::unique_ptr<OutputStream> output, std::shared_ptr<columnar::Schema> schema,
                    ParquetWriteOptions options, ParquetSchemaPlan plan,
                    std::vector<std::unique_ptr<ColumnWriter>> writers)
      : output_(std::move(output)),
        schema_(std::move(schema)),
        options_(std::move(options)),
        plan_(std::move(plan)),
        writers_(std::move(writers)) {
    first_leaf_.assign(static_cast<size_t>(schema_->num_fields()) + 1, 0);
    for (const ParquetLeaf& leaf : plan_.leaves) ++first_leaf_[leaf.top_level_field + 1];
    for (size_t i = 1; i < first_leaf_.size(); ++i) first_leaf_[i] += first_leaf_[i - 1];
  }

  ~ParquetFileWriter() override {
    if (!closed_ && !aborted_) output_->Abort();
  }

  Status Start() { return Fail(WriteBytes(kMagic, 4)); }

  Status Write(const RecordBatch& batch) override {
    S3C_RETURN_IF_ERROR(Usable());
    return Fail(DoWrite(batch));
  }

  Status Close() override {
    S3C_RETURN_IF_ERROR(Usable());
    S3C_RETURN_IF_ERROR(Fail(DoClose()));
    closed_ = true;
    return Status::OK();
  }

  // The memory the column writers hold (several times the row group's PLAIN size for
  // dictionary columns), not BufferedBytes(): a budget counting the PLAIN estimate let 1000
  // partitions hold ~4x what it granted.
  uint64_t buffered_bytes() const override {
    int64_t held = 0;
    for (const auto& w : writers_) held += w->memory_bytes();
    return static_cast<uint64_t>(held) + output_->buffered_bytes();
  }

  uint64_t pending_output_bytes() const override {
    return static_cast<uint64_t>(BufferedBytes());
  }

  Status FlushBuffered() override {
    S3C_RETURN_IF_ERROR(Usable());
    return Fail(FlushRowGroup());
  }

  void Abort() override {
    if (closed_ || aborted_) return;
    output_->Abort();
    aborted_ = true;
    if (status_.ok()) status_ = AbortedError(fmt::format("{}: Parquet writer aborted", Name()));
  }

 private:
  std::string Name() const {
    return options_.object_name.empty() ? std::string("parquet output") : options_.object_name;
  }

  Status Usable() const {
    if (!status_.ok()) return status_;
    if (closed_) return FailedPreconditionError(fmt::format("{}: writer is closed", Name()));
    return Status::OK();
  }

  // Latches the first error and aborts the output: nothing partial is ever published.
  Status Fail(Status st) {
    if (!st.ok() && status_.ok()) {
      status_ = st;
      if (!aborted_) {
        output_->Abort();
        aborted_ = true;
      }
    }
    return st;
  }

  Status WriteBytes(const void* data, size_t n) {
    S3C_RETURN_IF_ERROR(output_->Write(data, n));
    pos_ += static_cast<int64_t>(n);
    return Status::OK();
  }

  Status CheckSchema(const RecordBatch& batch) const {
    const columnar::Schema& got = *batch.schema();
    if (got.num_fields() != schema_->num_fields()) {
      return InvalidArgumentError(fmt::format("{}: the batch has {} columns, the file has {}",
                                              Name(), got.num_fields(), schema_->num_fields()));
    }
    for (int i = 0; i < got.num_fields(); ++i) {
      const columnar::Field& want = schema_->field(i);
      const columnar::Field& have = got.field(i);
      if (have.name() != want.name()) {
        return InvalidArgumentError(
            fmt::format("{}: column {} is '{}' in the batch, '{}' in the file", Name(), i,
                        have.name(), want.name()));
      }
      if (!have.type().Equals(want.type())) {
        return InvalidArgumentError(
            fmt::format("{}: column '{}' has type {} in the batch, {} in the file", Name(),
                        want.name(), have.type().ToString(), want.type().ToString()));
      }
    }
    return Status::OK();
  }

  Status DoWrite(const RecordBatch& batch) {
    S3C_RETURN_IF_ERROR(CheckSchema(batch));
    int64_t n = batch.num_rows();
    int64_t pos = 0;
    while (pos < n) {
      int64_t take = std::min({n - pos, options_.row_group_rows - group_rows_, kMaxSliceRows});
      for (int c = 0; c < schema_->num_fields(); ++c) {
        std::shared_ptr<columnar::Array> column = batch.column(c);
        if (pos != 0 || take != n) column = column->Slice(pos, take);
        S3C_ASSIGN_OR_RETURN(std::vector<ShreddedLeaf> leaves,
                             ShredColumn(schema_->field(c), column));
        for (size_t j = 0; j < leaves.size(); ++j) {
          S3C_RETURN_IF_ERROR(writers_[static_cast<size_t>(first_leaf_[c]) + j]->Append(leaves[j]));
        }
      }
      group_rows_ += take;
      pos += take;
      if (group_rows_ >= options_.row_group_rows || BufferedBytes() >= options_.row_group_bytes) {
        S3C_RETURN_IF_ERROR(FlushRowGroup());
      }
    }
    return Status::OK();
  }

  int64_t BufferedBytes() const {
    int64_t total = 0;
    for (const auto& w : writers_) total += w->buffered_bytes();
    return total;
  }

  Status FlushRowGroup() {
    if (group_rows_ == 0) return Status::OK();
    RowGroup rg;
    rg.num_rows = group_rows_;
    rg.file_offset = pos_;
    if (metadata_.row_groups.size() <= 32767) {  // ordinal is an i16 in parquet.thrift
      rg.ordinal = static_cast<int16_t>(metadata_.row_groups.size());
    }
    int64_t compressed = 0;
    std::vector<ChunkIndexes> indexes;
    for (auto& w : writers_) {
      S3C_ASSIGN_OR_RETURN(ChunkResult r, w->FinishChunk(*output_, pos_));
      pos_ += r.bytes_written;
      compressed += r.bytes_written;
      rg.total_byte_size += r.chunk.meta_data->total_uncompressed_size;
      rg.columns.push_back(std::move(r.chunk));
      indexes.push_back({std::move(r.column_index), std::move(r.offset_index)});
    }
    rg.total_compressed_size = compressed;
    metadata_.num_rows += group_rows_;
    metadata_.row_groups.push_back(std::move(rg));
    if (options_.page_index) page_indexes_.push_back(std::move(indexes));
    group_rows_ = 0;
    return Status::OK();
  }

  // PageIndex.md: every ColumnIndex, then every OffsetIndex, after the row groups.
  Status WritePageIndexes() {
    for (size_t g = 0; g < page_indexes_.size(); ++g) {
      for (size_t c = 0; c < page_indexes_[g].size(); ++c) {
        const auto& ci = page_indexes_[g][c].column_index;
        if (!ci) continue;
        std::string bytes = EncodeColumnIndex(*ci);
        ColumnChunk& chunk = metadata_.row_groups[g].columns[c];
        chunk.column_index_offset = pos_;
        chunk.column_index_length = static_cast<int32_t>(bytes.size());
        S3C_RETURN_IF_ERROR(WriteBytes(bytes.data(), bytes.size()));
      }
    }
    for (size_t g = 0; g < page_indexes_.size(); ++g) {
      for (size_t c = 0; c < page_indexes_[g].size(); ++c) {
        std::string bytes = EncodeOffsetIndex(page_indexes_[g][c].offset_index);
        ColumnChunk& chunk = metadata_.row_groups[g].columns[c];
        chunk.offset_index_offset = pos_;
        chunk.offset_index_length = static_cast<int32_t>(bytes.size());
        S3C_RETURN_IF_ERROR(WriteBytes(bytes.data(), bytes.size()));
      }
    }
    return Status::OK();
  }

  Status DoClose() {
    S3C_RETURN_IF_ERROR(FlushRowGroup());
    S3C_RETURN_IF_ERROR(WritePageIndexes());
    metadata_.version = options_.data_page_v2 ? 2 : 1;
    metadata_.schema = plan_.elements;
    for (const auto& [k, v] : options_.key_value_metadata)
      metadata_.key_value_metadata.push_back({k, v});
    for (const auto& entry : schema_->metadata()) {
      const std::string& key = entry.first;  // named: clang 14 cannot capture a binding
      bool taken =
          std::any_of(options_.key_value_metadata.begin(), options_.key_value_metadata.end(),
                      [&](const auto& kv) { return kv.first == key; });
      if (!taken) metadata_.key_value_metadata.push_back({key, entry.second});
    }
    metadata_.created_by = options_.created_by;
    metadata_.column_orders_type_defined.assign(plan_.leaves.size(), true);
    std::string footer = EncodeFileMetaData(metadata_);
    auto len = static_cast<uint32_t>(footer.size());
    char tail[8];
    std::memcpy(tail, &len, 4);
    std::memcpy(tail + 4, kMagic, 4);
    footer.append(tail, 8);
    S3C_RETURN_IF_ERROR(WriteBytes(footer.data(), footer.size()));
    return output_->Close();
  }

  std::unique_ptr<OutputStream> output_;
  std::shared_ptr<columnar::Schema> schema_;
  ParquetWriteOptions options_;
  ParquetSchemaPlan plan_;
  std::vector<std::unique_ptr<ColumnWriter>> writers_;
  std::vector<int> first_leaf_;  // leaves of top-level field i: [first_leaf_[i], first_leaf_[i+1])
  FileMetaData metadata_;
  std::vector<std::vector<ChunkIndexes>> page_indexes_;
  int64_t group_rows_ = 0;
  int64_t pos_ = 0;
  Status status_;
  bool closed_ = false;
  bool aborted_ = false;
};

}  // namespace

Result<std::unique_ptr<BatchWriter>> OpenParquetWriter(std::unique_ptr<OutputStream> output,
                                                       std::shared_ptr<columnar::Schema> schema,
                                                       ParquetWriteOptions options) {
  auto reject = [&](Status st) {
    output->Abort();
    return st;
  };
  if (options.row_group_rows < 1 || options.row_group_bytes < 1 || options.page_bytes < 1 ||
      options.dictionary_page_bytes < 0) {
    return reject(InvalidArgumentError(
        "Parquet writer: row_group_rows, row_group_bytes and page_bytes must be positive"));
  }
  auto plan = SchemaToParquet(*schema);
  if (!plan.ok()) return reject(plan.status());
  auto encodings = ResolveEncodings(*plan, *schema, options);
  if (!encodings.ok()) return reject(encodings.status());
  std::vector<std::unique_ptr<ColumnWriter>> writers;
  for (size_t i = 0; i < plan->leaves.size(); ++i) {
    ColumnWriterOptions co;
    co.codec = options.codec;
    co.compression_level = options.compression_level;
    co.data_page_v2 = options.data_page_v2;
    co.page_bytes = options.page_bytes;
    co.dictionary = options.dictionary;
    co.dictionary_page_bytes = options.dictionary_page_bytes;
    co.statistics = options.statistics;
    co.page_index = options.page_index;
    co.page_crc = options.page_crc;
    co.encoding = (*encodings)[i];
    auto w = ColumnWriter::Make(plan->leaves[i], co);
    if (!w.ok()) return reject(w.status());
    writers.push_back(std::move(*w));
  }
  auto writer =
      std::make_unique<ParquetFileWriter>(std::move(output), std::move(schema), std::move(options),
                                          std::move(*plan), std::move(writers));
  S3C_RETURN_IF_ERROR(writer->Start());
  return std::unique_ptr<BatchWriter>(std::move(writer));
}

}  // namespace s3c::formats::parquet
