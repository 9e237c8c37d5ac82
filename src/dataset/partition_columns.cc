// AppendPartitionColumns (dataset/partitioning.h).
#include <fmt/format.h>

#include <chrono>
#include <functional>

#include "s3c/columnar/array_binary.h"
#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/cast.h"
#include "s3c/columnar/builder_primitive.h"
#include "s3c/common/strings.h"
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

bool IsObjectDetailColumn(std::string_view name) {
  return IEquals(name, "_size") || IEquals(name, "_last_modified") || IEquals(name, "_etag");
}

Status AddVirtualColumns(const std::vector<std::string>& names,
                         const std::vector<ObjectInfo>& objects, PartitionTable* table) {
  table->values.resize(objects.size());
  for (const std::string& name : names) {
    for (const auto& f : table->fields) {
      if (f.name() == name) {
        return InvalidArgumentError(
            fmt::format("virtual column '{}' is also a partition key of the dataset", name));
      }
    }
    if (IsObjectDetailColumn(name)) {
      for (const ObjectInfo& o : objects) {
        if (!o.details_known) {
          return FailedPreconditionError(fmt::format(
              "virtual column '{}' of {}: the object's size, ETag and time were not fetched",
              name, o.key));
        }
      }
    }
    DataType type;
    std::function<columnar::StatValue(const ObjectInfo&)> value;
    if (name == "_key") {
      type = columnar::String();
      value = [](const ObjectInfo& o) { return columnar::StatValue(o.key); };
    } else if (name == "_size") {
      type = columnar::Int64();
      value = [](const ObjectInfo& o) { return columnar::StatValue(static_cast<int64_t>(o.size)); };
    } else if (name == "_last_modified") {
      type = columnar::Timestamp(columnar::TimeUnit::kMicro, "UTC");
      value = [](const ObjectInfo& o) {
        auto us = std::chrono::duration_cast<std::chrono::microseconds>(
            o.last_modified.time_since_epoch());
        return columnar::StatValue(static_cast<int64_t>(us.count()));
      };
    } else if (name == "_etag") {
      type = columnar::String();
      value = [](const ObjectInfo& o) { return columnar::StatValue(o.etag); };
    } else {
      return InvalidArgumentError(fmt::format(
          "unknown virtual column '{}': give _key, _size, _last_modified or _etag", name));
    }
    table->fields.emplace_back(name, type, false);
    for (size_t i = 0; i < objects.size(); ++i) {
      PartitionValue v;
      v.value = value(objects[i]);
      table->values[i].push_back(std::move(v));
    }
  }
  return Status::OK();
}

Status CheckColumnMatchesPartition(const columnar::Array& column, const columnar::Field& field,
                                   const PartitionValue& value, const std::string& object) {
  std::shared_ptr<Array> cast;
  if (!column.type().Equals(field.type())) {
    auto c = columnar::Cast(column, field.type());
    if (!c.ok()) {
      return DataLossError(fmt::format(
          "{}: column '{}' of the file is also a partition key ({}='{}'), and its values are "
          "not {}: {}",
          object, field.name(), field.name(), value.spelling, field.type().ToString(),
          c.status().message()));
    }
    cast = *c;
  }
  const Array& a = cast ? *cast : column;
  // The n-th row equals the folder's value (both NULL counts as equal).
  auto equal_at = [&](int64_t i) -> bool {
    if (a.IsNull(i) || value.is_null()) return a.IsNull(i) && value.is_null();
    switch (a.type().id()) {
      case TypeId::kInt64:
        return static_cast<const columnar::Int64Array&>(a).Value(i) ==
               std::get<int64_t>(value.value);
      case TypeId::kDate32:
        return static_cast<const columnar::Date32Array&>(a).Value(i) ==
               std::get<int64_t>(value.value);
      case TypeId::kTimestamp:
        return static_cast<const columnar::TimestampArray&>(a).Value(i) ==
               std::get<int64_t>(value.value);
      case TypeId::kString:
        return static_cast<const columnar::StringArray&>(a).GetView(i) ==
               std::get<std::string>(value.value);
      default:
        return false;
    }
  };
  auto text_at = [&](int64_t i) -> std::string {
    if (a.IsNull(i)) return "NULL";
    if (a.type().id() == TypeId::kInt64) {
      return std::to_string(static_cast<const columnar::Int64Array&>(a).Value(i));
    }
    if (a.type().id() == TypeId::kString) {
      return fmt::format("'{}'", static_cast<const columnar::StringArray&>(a).GetView(i));
    }
    return "another value";
  };
  for (int64_t i = 0; i < a.length(); ++i) {
    if (!equal_at(i)) {
      return DataLossError(fmt::format(
          "{}: column '{}' of the file is also a partition key, and row {} of the batch holds "
          "{} where the folder says {}='{}'",
          object, field.name(), i + 1, text_at(i), field.name(),
          value.spelling));
    }
  }
  return Status::OK();
}

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
