// AppendPartitionColumns (dataset/partitioning.h).
#include <fmt/format.h>

#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/builder_primitive.h"
#include "s3c/dataset/partitioning.h"

namespace s3c::dataset {
namespace {

using columnar::Array;
using columnar::DataType;
using columnar::TypeId;

template <typename Tag>
Result<std::shared_ptr<Array>> Repeat(const DataType& type, const PartitionValue& v, int64_t n) {
  columnar::NumericBuilder<Tag> b(type);
  if (v.is_null()) {
    b.AppendNulls(n);
  } else {
    b.Reserve(n);
    auto value = static_cast<typename Tag::c_type>(std::get<int64_t>(v.value));
    for (int64_t i = 0; i < n; ++i) b.UnsafeAppend(value);
  }
  return b.Finish();
}

Result<std::shared_ptr<Array>> ConstantColumn(const DataType& type, const PartitionValue& v,
                                              int64_t n) {
  switch (type.id()) {
    case TypeId::kInt64:
      return Repeat<columnar::Int64Type>(type, v, n);
    case TypeId::kDate32:
      return Repeat<columnar::Date32Type>(type, v, n);
    case TypeId::kTimestamp:
      return Repeat<columnar::TimestampType>(type, v, n);
    case TypeId::kString: {
      columnar::StringBuilder b;
      if (v.is_null()) {
        b.AppendNulls(n);
      } else {
        const std::string& s = std::get<std::string>(v.value);
        for (int64_t i = 0; i < n; ++i) b.Append(s);
      }
      return b.Finish();
    }
    default:
      return InternalError(fmt::format("partition column of type {}", type.ToString()));
  }
}

}  // namespace

Result<std::shared_ptr<columnar::RecordBatch>> AppendPartitionColumns(
    const columnar::RecordBatch& batch, std::shared_ptr<columnar::Schema> out_schema,
    const std::vector<PartitionValue>& values) {
  std::vector<std::shared_ptr<Array>> columns = batch.columns();
  size_t first = columns.size();
  if (out_schema->fields().size() != first + values.size()) {
    return InternalError("partition columns: the schema does not match the batch and values");
  }
  for (size_t i = 0; i < values.size(); ++i) {
    const DataType& type = out_schema->fields()[first + i].type();
    S3C_ASSIGN_OR_RETURN(auto col, ConstantColumn(type, values[i], batch.num_rows()));
    columns.push_back(std::move(col));
  }
  return columnar::RecordBatch::Make(std::move(out_schema), std::move(columns), batch.num_rows());
}

}  // namespace s3c::dataset
