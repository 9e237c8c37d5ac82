// ProjectColumns (format_registry.h): column selection for formats that cannot push it down.
#include <fmt/format.h>

#include "s3c/formats/format_registry.h"

namespace s3c::formats {
namespace {

class ProjectingReader final : public BatchReader {
 public:
  ProjectingReader(std::unique_ptr<BatchReader> inner, std::vector<int> indices,
                   std::shared_ptr<Schema> schema)
      : inner_(std::move(inner)), indices_(std::move(indices)), schema_(std::move(schema)) {}

  std::shared_ptr<Schema> schema() const override { return schema_; }
  int64_t rows_read() const override { return inner_->rows_read(); }
  int64_t rows_rejected() const override { return inner_->rows_rejected(); }

  Result<std::shared_ptr<RecordBatch>> Next() override {
    S3C_ASSIGN_OR_RETURN(auto batch, inner_->Next());
    if (!batch) return batch;
    std::vector<std::shared_ptr<columnar::Array>> columns;
    columns.reserve(indices_.size());
    for (int i : indices_) columns.push_back(batch->column(i));
    return RecordBatch::Make(schema_, std::move(columns), batch->num_rows());
  }

 private:
  std::unique_ptr<BatchReader> inner_;
  std::vector<int> indices_;
  std::shared_ptr<Schema> schema_;
};

}  // namespace

Result<std::unique_ptr<BatchReader>> ProjectColumns(std::unique_ptr<BatchReader> inner,
                                                    const std::vector<std::string>& columns,
                                                    std::string_view object) {
  if (columns.empty()) return inner;
  const Schema& schema = *inner->schema();
  std::vector<int> indices;
  std::vector<columnar::Field> fields;
  for (const std::string& name : columns) {
    int found = -1;
    for (int i = 0; i < schema.num_fields(); ++i) {
      if (schema.field(i).name() == name) found = i;
    }
    if (found < 0) {
      std::string available;
      for (int i = 0; i < schema.num_fields(); ++i) {
        available += (i ? ", " : "") + schema.field(i).name();
      }
      return InvalidArgumentError(
          fmt::format("{}: no column '{}' (columns: {})", object, name, available));
    }
    indices.push_back(found);
    fields.push_back(schema.field(found));
  }
  auto projected = columnar::MakeSchema(std::move(fields), schema.metadata());
  return std::unique_ptr<BatchReader>(
      new ProjectingReader(std::move(inner), std::move(indices), std::move(projected)));
}

}  // namespace s3c::formats
