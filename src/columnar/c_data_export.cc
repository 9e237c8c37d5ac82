// Export through the Arrow C Data Interface
// (https://arrow.apache.org/docs/format/CDataInterface.html, "Format strings", "Memory
// management"). Each exported struct owns a heap-allocated private_data holding the strings,
// child structs and the shared_ptr that keeps our buffers alive.
#include <fmt/format.h>

#include <cstring>

#include "s3c/columnar/array_data.h"
#include "s3c/columnar/c_bridge.h"
#include "s3c/columnar/decimal.h"

namespace s3c::columnar {
namespace {

struct ExportedSchema {
  std::string format;
  std::string name;
  std::string metadata;
  std::vector<ArrowSchema> children;
  std::vector<ArrowSchema*> child_pointers;
};

void ReleaseSchema(ArrowSchema* schema) {
  if (schema == nullptr || schema->release == nullptr) return;
  for (int64_t i = 0; i < schema->n_children; ++i) {
    ArrowSchema* child = schema->children[i];
    if (child->release != nullptr) child->release(child);
  }
  delete static_cast<ExportedSchema*>(schema->private_data);
  schema->release = nullptr;
}

// Spec "Metadata": int32 pair count, then per pair int32 length + key bytes, int32 length +
// value bytes (native endianness).
std::string EncodeMetadata(const KeyValueMetadata& metadata) {
  if (metadata.empty()) return {};
  std::string out;
  auto put32 = [&out](size_t v) {
    auto n = static_cast<int32_t>(v);
    out.append(reinterpret_cast<const char*>(&n), sizeof(n));
  };
  put32(metadata.size());
  for (const auto& [key, value] : metadata) {
    put32(key.size());
    out += key;
    put32(value.size());
    out += value;
  }
  return out;
}

Status FillSchema(const DataType& type, const std::string& name, bool nullable,
                  const KeyValueMetadata& metadata, ArrowSchema* out) {
  auto priv = std::make_unique<ExportedSchema>();
  S3C_ASSIGN_OR_RETURN(priv->format, FormatString(type));
  priv->name = name;
  priv->metadata = EncodeMetadata(metadata);
  const auto& fields = type.fields();
  priv->children.resize(fields.size());
  for (size_t i = 0; i < fields.size(); ++i) {
    Status st = FillSchema(fields[i].type(), fields[i].name(), fields[i].nullable(),
                           fields[i].metadata(), &priv->children[i]);
    if (!st.ok()) {
      for (size_t j = 0; j < i; ++j) ReleaseSchema(&priv->children[j]);
      return st;
    }
    priv->child_pointers.push_back(&priv->children[i]);
  }
  out->format = priv->format.c_str();
  out->name = priv->name.c_str();
  out->metadata = priv->metadata.empty() ? nullptr : priv->metadata.data();
  out->flags = (nullable ? ARROW_FLAG_NULLABLE : 0) |
               (type.id() == TypeId::kMap && type.keys_sorted() ? ARROW_FLAG_MAP_KEYS_SORTED : 0);
  out->n_children = static_cast<int64_t>(fields.size());
  out->children = priv->child_pointers.empty() ? nullptr : priv->child_pointers.data();
  out->dictionary = nullptr;
  out->release = &ReleaseSchema;
  out->private_data = priv.release();
  return Status::OK();
}

struct ExportedArray {
  std::shared_ptr<ArrayData> data;  // keeps every buffer alive
  std::vector<const void*> buffers;
  std::vector<ArrowArray> children;
  std::vector<ArrowArray*> child_pointers;
};

void ReleaseArray(ArrowArray* array) {
  if (array == nullptr || array->release == nullptr) return;
  for (int64_t i = 0; i < array->n_children; ++i) {
    ArrowArray* child = array->children[i];
    if (child->release != nullptr) child->release(child);
  }
  delete static_cast<ExportedArray*>(array->private_data);
  array->release = nullptr;
}

void FillArray(const std::shared_ptr<ArrayData>& data, ArrowArray* out) {
  auto priv = std::make_unique<ExportedArray>();
  priv->data = data;
  for (const auto& b : data->buffers) priv->buffers.push_back(b ? b->data() : nullptr);
  priv->children.resize(data->children.size());
  for (size_t i = 0; i < data->children.size(); ++i) {
    FillArray(data->children[i], &priv->children[i]);
    priv->child_pointers.push_back(&priv->children[i]);
  }
  out->length = data->length;
  out->null_count = data->null_count;
  out->offset = data->offset;
  out->n_buffers = static_cast<int64_t>(priv->buffers.size());
  out->n_children = static_cast<int64_t>(priv->children.size());
  out->buffers = priv->buffers.empty() ? nullptr : priv->buffers.data();
  out->children = priv->child_pointers.empty() ? nullptr : priv->child_pointers.data();
  out->dictionary = nullptr;
  out->release = &ReleaseArray;
  out->private_data = priv.release();
}

Status CheckExportable(const DataType& type) { return FormatString(type).status(); }

}  // namespace

Result<std::string> FormatString(const DataType& type) {
  switch (type.id()) {
    case TypeId::kNull:
      return std::string("n");
    case TypeId::kBool:
      return std::string("b");
    case TypeId::kInt8:
      return std::string("c");
    case TypeId::kUInt8:
      return std::string("C");
    case TypeId::kInt16:
      return std::string("s");
    case TypeId::kUInt16:
      return std::string("S");
    case TypeId::kInt32:
      return std::string("i");
    case TypeId::kUInt32:
      return std::string("I");
    case TypeId::kInt64:
      return std::string("l");
    case TypeId::kUInt64:
      return std::string("L");
    case TypeId::kFloat32:
      return std::string("f");
    case TypeId::kFloat64:
      return std::string("g");
    case TypeId::kBinary:
      return std::string("z");
    case TypeId::kString:
      return std::string("u");
    case TypeId::kLargeString:
      return std::string("U");
    case TypeId::kDate32:
      return std::string("tdD");
    case TypeId::kDecimal128:
      if (type.precision() < 1 || type.precision() > kMaxDecimal128Precision) {
        return InvalidArgumentError(
            fmt::format("cannot export {}: precision must be in [1, 38]", type.ToString()));
      }
      return fmt::format("d:{},{}", type.precision(), type.scale());
    case TypeId::kTime32:
      if (type.unit() == TimeUnit::kSecond) return std::string("tts");
      if (type.unit() == TimeUnit::kMilli) return std::string("ttm");
      return InvalidArgumentError("time32 unit must be s or ms");
    case TypeId::kTime64:
      if (type.unit() == TimeUnit::kMicro) return std::string("ttu");
      if (type.unit() == TimeUnit::kNano) return std::string("ttn");
      return InvalidArgumentError("time64 unit must be us or ns");
    case TypeId::kTimestamp:
      return fmt::format("ts{}:{}", TimeUnitName(type.unit())[0], type.timezone());
    case TypeId::kList:
      return std::string("+l");
    case TypeId::kStruct:
      return std::string("+s");
    case TypeId::kMap:
      return std::string("+m");
  }
  return UnimplementedError("unknown type");
}

Status ExportType(const DataType& type, ArrowSchema* out) {
  return FillSchema(type, "", true, {}, out);
}

Status ExportField(const Field& field, ArrowSchema* out) {
  return FillSchema(field.type(), field.name(), field.nullable(), field.metadata(), out);
}

Status ExportSchema(const Schema& schema, ArrowSchema* out) {
  Status st = FillSchema(Struct(schema.fields()), "", false, schema.metadata(), out);
  return st;
}

Status ExportArray(const Array& array, ArrowArray* out, ArrowSchema* out_schema) {
  S3C_RETURN_IF_ERROR(CheckExportable(array.type()));
  if (out_schema != nullptr) S3C_RETURN_IF_ERROR(ExportType(array.type(), out_schema));
  FillArray(array.data(), out);
  return Status::OK();
}

Status ExportRecordBatch(const RecordBatch& batch, ArrowArray* out, ArrowSchema* out_schema) {
  std::vector<std::shared_ptr<ArrayData>> children;
  for (const auto& column : batch.columns()) children.push_back(column->data());
  DataType type = Struct(batch.schema()->fields());
  S3C_RETURN_IF_ERROR(CheckExportable(type));
  if (out_schema != nullptr) S3C_RETURN_IF_ERROR(ExportSchema(*batch.schema(), out_schema));
  FillArray(ArrayData::Make(type, batch.num_rows(), {nullptr}, 0, 0, std::move(children)), out);
  return Status::OK();
}

}  // namespace s3c::columnar
