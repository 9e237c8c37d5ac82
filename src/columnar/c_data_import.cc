// Import through the Arrow C Data Interface
// (https://arrow.apache.org/docs/format/CDataInterface.html, "Memory management": the consumer
// moves the struct, then calls its release exactly once when done).
#include <fmt/format.h>

#include <charconv>
#include <cstring>

#include "s3c/columnar/array_data.h"
#include "s3c/columnar/c_bridge.h"
#include "s3c/columnar/validate.h"

namespace s3c::columnar {
namespace {

// Moves a C struct out of the producer's hands and releases it when destroyed.
struct SchemaGuard {
  explicit SchemaGuard(ArrowSchema* source) : schema(*source) { source->release = nullptr; }
  ~SchemaGuard() {
    if (schema.release != nullptr) schema.release(&schema);
  }
  ArrowSchema schema;
};

struct ImportedArray {
  explicit ImportedArray(ArrowArray* source) : array(*source) { source->release = nullptr; }
  ~ImportedArray() {
    if (array.release != nullptr) array.release(&array);
  }
  ArrowArray array;
};

Result<KeyValueMetadata> DecodeMetadata(const char* bytes) {
  KeyValueMetadata out;
  if (bytes == nullptr) return out;
  auto get32 = [&bytes]() {
    int32_t v;
    std::memcpy(&v, bytes, sizeof(v));
    bytes += sizeof(v);
    return v;
  };
  int32_t pairs = get32();
  if (pairs < 0) return InvalidArgumentError("negative metadata pair count");
  for (int32_t i = 0; i < pairs; ++i) {
    int32_t klen = get32();
    if (klen < 0) return InvalidArgumentError("negative metadata key length");
    std::string key(bytes, static_cast<size_t>(klen));
    bytes += klen;
    int32_t vlen = get32();
    if (vlen < 0) return InvalidArgumentError("negative metadata value length");
    std::string value(bytes, static_cast<size_t>(vlen));
    bytes += vlen;
    out.emplace_back(std::move(key), std::move(value));
  }
  return out;
}

Result<TimeUnit> ParseUnit(char c, std::string_view format) {
  switch (c) {
    case 's':
      return TimeUnit::kSecond;
    case 'm':
      return TimeUnit::kMilli;
    case 'u':
      return TimeUnit::kMicro;
    case 'n':
      return TimeUnit::kNano;
    default:
      return InvalidArgumentError(fmt::format("bad time unit in format '{}'", format));
  }
}

Result<Field> FieldFromSchema(const ArrowSchema& schema);

Result<std::vector<Field>> ChildFields(const ArrowSchema& schema) {
  std::vector<Field> fields;
  for (int64_t i = 0; i < schema.n_children; ++i) {
    if (schema.children == nullptr || schema.children[i] == nullptr) {
      return InvalidArgumentError("schema child is missing");
    }
    S3C_ASSIGN_OR_RETURN(Field f, FieldFromSchema(*schema.children[i]));
    fields.push_back(std::move(f));
  }
  return fields;
}

Result<DataType> TypeFromSchema(const ArrowSchema& schema) {
  if (schema.format == nullptr) return InvalidArgumentError("schema without a format string");
  if (schema.dictionary != nullptr) {
    return UnimplementedError("dictionary-encoded arrays are not supported");
  }
  std::string_view f = schema.format;
  static const std::pair<std::string_view, DataType (*)()> kSimple[] = {
      {"n", Null},   {"b", Bool},   {"c", Int8},        {"C", UInt8},
      {"s", Int16},  {"S", UInt16}, {"i", Int32},       {"I", UInt32},
      {"l", Int64},  {"L", UInt64}, {"f", Float32},     {"g", Float64},
      {"z", Binary}, {"u", String}, {"U", LargeString}, {"tdD", Date32}};
  for (const auto& [code, make] : kSimple) {
    if (f == code) return make();
  }
  if (f == "tts" || f == "ttm") return Time32(f[2] == 's' ? TimeUnit::kSecond : TimeUnit::kMilli);
  if (f == "ttu" || f == "ttn") return Time64(f[2] == 'u' ? TimeUnit::kMicro : TimeUnit::kNano);
  if (f.size() >= 4 && f.substr(0, 2) == "ts" && f[3] == ':') {
    S3C_ASSIGN_OR_RETURN(TimeUnit unit, ParseUnit(f[2], f));
    return Timestamp(unit, std::string(f.substr(4)));
  }
  if (f.substr(0, 2) == "d:") {
    int32_t precision = 0, scale = 0, bits = 128;
    const char* p = f.data() + 2;
    const char* end = f.data() + f.size();
    auto r1 = std::from_chars(p, end, precision);
    bool ok = r1.ec == std::errc() && r1.ptr < end && *r1.ptr == ',';
    if (ok) {
      auto r2 = std::from_chars(r1.ptr + 1, end, scale);
      ok = r2.ec == std::errc();
      if (ok && r2.ptr < end) {
        ok = *r2.ptr == ',';
        if (ok) {
          auto r3 = std::from_chars(r2.ptr + 1, end, bits);
          ok = r3.ec == std::errc() && r3.ptr == end;
        }
      } else {
        ok = ok && r2.ptr == end;
      }
    }
    if (!ok) return InvalidArgumentError(fmt::format("bad decimal format '{}'", f));
    if (bits != 128) return UnimplementedError(fmt::format("decimal{} is not supported", bits));
    return Decimal128(precision, scale);
  }
  if (f == "+l" || f == "+s" || f == "+m") {
    S3C_ASSIGN_OR_RETURN(std::vector<Field> fields, ChildFields(schema));
    if (f == "+s") return Struct(std::move(fields));
    if (fields.size() != 1) return InvalidArgumentError(fmt::format("'{}' needs one child", f));
    if (f == "+l") return List(std::move(fields[0]));
    const DataType& entries = fields[0].type();
    if (entries.id() != TypeId::kStruct || entries.num_fields() != 2) {
      return InvalidArgumentError("map entries must be a struct of two fields");
    }
    return Map(entries.field(0).type(), entries.field(1).type(),
               (schema.flags & ARROW_FLAG_MAP_KEYS_SORTED) != 0);
  }
  return UnimplementedError(fmt::format("unsupported format string '{}'", f));
}

Result<Field> FieldFromSchema(const ArrowSchema& schema) {
  S3C_ASSIGN_OR_RETURN(DataType type, TypeFromSchema(schema));
  S3C_ASSIGN_OR_RETURN(KeyValueMetadata metadata, DecodeMetadata(schema.metadata));
  return Field(schema.name ? schema.name : "", std::move(type),
               (schema.flags & ARROW_FLAG_NULLABLE) != 0, std::move(metadata));
}

// Builds ArrayData over the producer's buffers; `owner` keeps the whole import alive.
Result<std::shared_ptr<ArrayData>> DataFromArray(const ArrowArray& a, const DataType& type,
                                                 const std::shared_ptr<ImportedArray>& owner) {
  const TypeId id = type.id();
  if (a.length < 0 || a.offset < 0) return InvalidArgumentError("negative length or offset");
  if (a.n_buffers != NumBuffers(id)) {
    return InvalidArgumentError(fmt::format("{} array with {} buffers, expected {}",
                                            type.ToString(), a.n_buffers, NumBuffers(id)));
  }
  if (a.dictionary != nullptr) return UnimplementedError("dictionary arrays are not supported");
  size_t n_children = id == TypeId::kStruct                         ? type.fields().size()
                      : (id == TypeId::kList || id == TypeId::kMap) ? 1
                                                                    : 0;
  if (a.n_children != static_cast<int64_t>(n_children)) {
    return InvalidArgumentError(fmt::format("{} array with {} children, expected {}",
                                            type.ToString(), a.n_children, n_children));
  }
  const int64_t end = a.offset + a.length;
  auto buffer = [&](int i) { return a.buffers != nullptr ? a.buffers[i] : nullptr; };
  auto wrap = [&](int i, int64_t size) -> std::shared_ptr<Buffer> {
    const void* p = buffer(i);
    if (p == nullptr) return nullptr;
    return Buffer::Wrap(p, size, owner);
  };
  std::vector<std::shared_ptr<Buffer>> buffers;
  if (id != TypeId::kNull) buffers.push_back(wrap(0, bit_util::BytesForBits(end)));
  auto need = [&](int i, int64_t size) -> Status {
    if (size > 0 && buffer(i) == nullptr) {
      return InvalidArgumentError(fmt::format("{} array: buffer {} is null", type.ToString(), i));
    }
    return Status::OK();
  };
  switch (id) {
    case TypeId::kNull:
    case TypeId::kStruct:
      break;
    case TypeId::kBool:
      S3C_RETURN_IF_ERROR(need(1, bit_util::BytesForBits(end)));
      buffers.push_back(wrap(1, bit_util::BytesForBits(end)));
      break;
    case TypeId::kString:
    case TypeId::kBinary:
    case TypeId::kLargeString: {
      int64_t width = id == TypeId::kLargeString ? 8 : 4;
      int64_t offsets_size = a.length > 0 ? (end + 1) * width : 0;
      S3C_RETURN_IF_ERROR(need(1, offsets_size));
      int64_t data_size = 0;
      if (a.length > 0) {
        const auto* offsets = static_cast<const uint8_t*>(buffer(1));
        if (width == 8) {
          std::memcpy(&data_size, offsets + end * 8, 8);
        } else {
          int32_t v;
          std::memcpy(&v, offsets + end * 4, 4);
          data_size = v;
        }
        if (data_size < 0) return InvalidArgumentError("negative string offset");
      }
      S3C_RETURN_IF_ERROR(need(2, data_size));
      buffers.push_back(wrap(1, offsets_size));
      buffers.push_back(wrap(2, data_size));
      break;
    }
    case TypeId::kList:
    case TypeId::kMap: {
      int64_t offsets_size = a.length > 0 ? (end + 1) * 4 : 0;
      S3C_RETURN_IF_ERROR(need(1, offsets_size));
      buffers.push_back(wrap(1, offsets_size));
      break;
    }
    default: {
      int64_t size = end * (type.bit_width() / 8);
      S3C_RETURN_IF_ERROR(need(1, size));
      buffers.push_back(wrap(1, size));
      break;
    }
  }
  std::vector<std::shared_ptr<ArrayData>> children;
  for (size_t i = 0; i < n_children; ++i) {
    if (a.children == nullptr || a.children[i] == nullptr) {
      return InvalidArgumentError("array child is missing");
    }
    S3C_ASSIGN_OR_RETURN(
        auto child, DataFromArray(*a.children[i], type.field(static_cast<int>(i)).type(), owner));
    children.push_back(std::move(child));
  }
  int64_t null_count = a.null_count;
  if (id == TypeId::kNull) {
    null_count = a.length;
  } else if (buffers[0] == nullptr) {
    null_count = 0;
  } else if (null_count < 0) {  // -1: unknown, computed here
    null_count = a.length - bit_util::CountSetBits(buffers[0]->data(), a.offset, a.length);
  }
  return ArrayData::Make(type, a.length, std::move(buffers), null_count, a.offset,
                         std::move(children));
}

}  // namespace

Result<DataType> ImportType(ArrowSchema* schema) {
  if (schema == nullptr || schema->release == nullptr) {
    return InvalidArgumentError("ArrowSchema is null or already released");
  }
  SchemaGuard guard(schema);
  return TypeFromSchema(guard.schema);
}

Result<Field> ImportField(ArrowSchema* schema) {
  if (schema == nullptr || schema->release == nullptr) {
    return InvalidArgumentError("ArrowSchema is null or already released");
  }
  SchemaGuard guard(schema);
  return FieldFromSchema(guard.schema);
}

Result<std::shared_ptr<Schema>> ImportSchema(ArrowSchema* schema) {
  if (schema == nullptr || schema->release == nullptr) {
    return InvalidArgumentError("ArrowSchema is null or already released");
  }
  SchemaGuard guard(schema);
  if (guard.schema.format == nullptr || std::string_view(guard.schema.format) != "+s") {
    return InvalidArgumentError("a schema must be exported as a struct ('+s')");
  }
  S3C_ASSIGN_OR_RETURN(std::vector<Field> fields, ChildFields(guard.schema));
  S3C_ASSIGN_OR_RETURN(KeyValueMetadata metadata, DecodeMetadata(guard.schema.metadata));
  return MakeSchema(std::move(fields), std::move(metadata));
}

Result<std::shared_ptr<Array>> ImportArray(ArrowArray* array, const DataType& type) {
  if (array == nullptr || array->release == nullptr) {
    return InvalidArgumentError("ArrowArray is null or already released");
  }
  auto owner = std::make_shared<ImportedArray>(array);
  S3C_ASSIGN_OR_RETURN(std::shared_ptr<ArrayData> data, DataFromArray(owner->array, type, owner));
  S3C_RETURN_IF_ERROR(ValidateArrayData(*data, ValidateOptions{.full = false}));
  return MakeArray(std::move(data));
}

Result<std::shared_ptr<Array>> ImportArray(ArrowArray* array, ArrowSchema* schema) {
  Result<DataType> type = ImportType(schema);
  if (!type.ok()) {
    if (array != nullptr && array->release != nullptr) ImportedArray drop(array);
    return type.status();
  }
  return ImportArray(array, *type);
}

Result<std::shared_ptr<RecordBatch>> ImportRecordBatch(ArrowArray* array,
                                                       std::shared_ptr<Schema> schema) {
  S3C_ASSIGN_OR_RETURN(std::shared_ptr<Array> st, ImportArray(array, Struct(schema->fields())));
  if (st->null_count() != 0) return InvalidArgumentError("a record batch struct has nulls");
  std::vector<std::shared_ptr<Array>> columns;
  const auto& data = st->data();
  for (const auto& child : data->children) {
    columns.push_back(MakeArray(child->Slice(data->offset, data->length)));
  }
  return RecordBatch::Make(std::move(schema), std::move(columns), st->length());
}

Result<std::shared_ptr<RecordBatch>> ImportRecordBatch(ArrowArray* array, ArrowSchema* schema) {
  Result<std::shared_ptr<Schema>> imported = ImportSchema(schema);
  if (!imported.ok()) {
    if (array != nullptr && array->release != nullptr) ImportedArray drop(array);
    return imported.status();
  }
  return ImportRecordBatch(array, std::move(*imported));
}

}  // namespace s3c::columnar
