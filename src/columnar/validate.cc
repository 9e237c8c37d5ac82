#include "s3c/columnar/validate.h"

#include <fmt/format.h>

#include "s3c/columnar/array_primitive.h"
#include "s3c/columnar/decimal.h"

namespace s3c::columnar {
namespace {

class Validator {
 public:
  explicit Validator(const ValidateOptions& options) : options_(options) {}

  Status Validate(const ArrayData& data, const std::string& path) {
    path_ = path;
    type_ = &data.type;
    S3C_RETURN_IF_ERROR(CheckShape(data));
    S3C_RETURN_IF_ERROR(CheckValidity(data));
    S3C_RETURN_IF_ERROR(CheckValues(data));
    return CheckChildren(data);
  }

 private:
  template <typename... Args>
  Status Error(fmt::format_string<Args...> format, Args&&... args) {
    std::string where = path_.empty() ? "" : fmt::format(" at '{}'", path_);
    return InvalidArgumentError(fmt::format("invalid {} array{}: {}", type_->ToString(), where,
                                            fmt::format(format, std::forward<Args>(args)...)));
  }

  Status CheckBufferSize(const ArrayData& data, int i, int64_t needed, const char* what) {
    const auto& b = data.buffers[static_cast<size_t>(i)];
    if (needed == 0) return Status::OK();
    if (b == nullptr) return Error("{} buffer is missing", what);
    if (b->size() < needed) {
      return Error("{} buffer has {} bytes, needs at least {}", what, b->size(), needed);
    }
    return Status::OK();
  }

  Status CheckShape(const ArrayData& data) {
    if (data.length < 0 || data.offset < 0) {
      return Error("negative length ({}) or offset ({})", data.length, data.offset);
    }
    if (data.null_count < 0 || data.null_count > data.length) {
      return Error("null count {} outside [0, {}]", data.null_count, data.length);
    }
    TypeId id = data.type.id();
    auto expected = static_cast<size_t>(NumBuffers(id));
    if (data.buffers.size() != expected) {
      return Error("has {} buffers, the layout needs {}", data.buffers.size(), expected);
    }
    size_t children = id == TypeId::kStruct                         ? data.type.fields().size()
                      : (id == TypeId::kList || id == TypeId::kMap) ? 1
                                                                    : 0;
    if (data.children.size() != children) {
      return Error("has {} children, the type needs {}", data.children.size(), children);
    }
    for (size_t i = 0; i < children; ++i) {
      if (data.children[i] == nullptr) return Error("child {} is missing", i);
      if (!data.children[i]->type.Equals(data.type.field(static_cast<int>(i)).type())) {
        return Error("child {} has type {}, expected {}", i, data.children[i]->type.ToString(),
                     data.type.field(static_cast<int>(i)).type().ToString());
      }
    }
    switch (id) {
      case TypeId::kDecimal128:
        if (data.type.precision() < 1 || data.type.precision() > kMaxDecimal128Precision ||
            data.type.scale() > data.type.precision()) {
          return Error("precision must be in [1, 38] and scale at most the precision");
        }
        break;
      case TypeId::kTime32:
        if (data.type.unit() != TimeUnit::kSecond && data.type.unit() != TimeUnit::kMilli) {
          return Error("time32 unit must be s or ms");
        }
        break;
      case TypeId::kTime64:
        if (data.type.unit() != TimeUnit::kMicro && data.type.unit() != TimeUnit::kNano) {
          return Error("time64 unit must be us or ns");
        }
        break;
      case TypeId::kMap: {
        const DataType& entries = data.type.value_type();
        if (entries.id() != TypeId::kStruct || entries.num_fields() != 2) {
          return Error("map entries must be a struct of key and value");
        }
        break;
      }
      default:
        break;
    }
    return Status::OK();
  }

  Status CheckValidity(const ArrayData& data) {
    if (data.type.id() == TypeId::kNull) {
      if (data.null_count != data.length) return Error("null array with null count below length");
      return Status::OK();
    }
    const auto& bitmap = data.buffers[0];
    if (bitmap == nullptr) {
      if (data.null_count != 0)
        return Error("null count {} without a validity bitmap", data.null_count);
      return Status::OK();
    }
    S3C_RETURN_IF_ERROR(
        CheckBufferSize(data, 0, bit_util::BytesForBits(data.offset + data.length), "validity"));
    if (options_.full || options_.check_utf8) {
      int64_t nulls =
          data.length - bit_util::CountSetBits(bitmap->data(), data.offset, data.length);
      if (nulls != data.null_count) {
        return Error("null count is {} but the validity bitmap has {} nulls", data.null_count,
                     nulls);
      }
    }
    return Status::OK();
  }

  template <typename OffsetT>
  Status CheckOffsets(const ArrayData& data, int64_t limit, const char* limit_what) {
    if (data.length == 0 && (data.buffers[1] == nullptr || data.buffers[1]->size() == 0)) {
      return Status::OK();
    }
    auto width = static_cast<int64_t>(sizeof(OffsetT));
    S3C_RETURN_IF_ERROR(
        CheckBufferSize(data, 1, (data.offset + data.length + 1) * width, "offsets"));
    const OffsetT* offsets = data.GetValues<OffsetT>(1);
    int64_t first = offsets[0];
    int64_t last = offsets[data.length];
    if (first < 0 || first > last || last > limit) {
      return Error("offsets [{}, {}] outside the {} of {}", first, last, limit_what, limit);
    }
    if (options_.full || options_.check_utf8) {
      for (int64_t i = 0; i < data.length; ++i) {
        if (offsets[i + 1] < offsets[i]) {
          return Error("offset {} ({}) is less than offset {} ({})", i + 1,
                       static_cast<int64_t>(offsets[i + 1]), i, static_cast<int64_t>(offsets[i]));
        }
      }
    }
    return Status::OK();
  }

  template <typename OffsetT>
  Status CheckBinary(const ArrayData& data) {
    int64_t data_size = data.buffers[2] ? data.buffers[2]->size() : 0;
    S3C_RETURN_IF_ERROR(CheckOffsets<OffsetT>(data, data_size, "data buffer size"));
    if (options_.check_utf8 && data.type.id() != TypeId::kBinary && data.length > 0) {
      const OffsetT* offsets = data.GetValues<OffsetT>(1);
      const char* bytes = data.buffers[2] ? data.buffers[2]->data_as<char>() : "";
      const uint8_t* bits = data.validity();
      for (int64_t i = 0; i < data.length; ++i) {
        if (bits && !bit_util::GetBit(bits, data.offset + i)) continue;
        std::string_view v(bytes + offsets[i], static_cast<size_t>(offsets[i + 1] - offsets[i]));
        if (!IsValidUtf8(v)) return Error("value {} is not valid UTF-8", i);
      }
    }
    return Status::OK();
  }

  Status CheckValues(const ArrayData& data) {
    int64_t end = data.offset + data.length;
    switch (data.type.id()) {
      case TypeId::kNull:
      case TypeId::kStruct:
        return Status::OK();
      case TypeId::kBool:
        return CheckBufferSize(data, 1, bit_util::BytesForBits(end), "values");
      case TypeId::kString:
      case TypeId::kBinary:
        return CheckBinary<int32_t>(data);
      case TypeId::kLargeString:
        return CheckBinary<int64_t>(data);
      case TypeId::kList:
      case TypeId::kMap:
        return CheckOffsets<int32_t>(data, data.children[0]->length, "child length");
      case TypeId::kDecimal128: {
        S3C_RETURN_IF_ERROR(CheckBufferSize(data, 1, end * 16, "values"));
        if (options_.full && data.length > 0) {
          Decimal128Array array(std::make_shared<ArrayData>(data));
          for (int64_t i = 0; i < data.length; ++i) {
            if (array.IsValid(i) && !FitsPrecision(array.Value(i), data.type.precision())) {
              return Error("value {} ({}) has more than {} digits", i,
                           Int128ToString(array.Value(i)), data.type.precision());
            }
          }
        }
        return Status::OK();
      }
      default:
        return CheckBufferSize(data, 1, end * (data.type.bit_width() / 8), "values");
    }
  }

  Status CheckChildren(const ArrayData& data) {
    std::string path = path_;
    const DataType* type = type_;
    for (size_t i = 0; i < data.children.size(); ++i) {
      const ArrayData& child = *data.children[i];
      const Field& field = data.type.field(static_cast<int>(i));
      if (data.type.id() == TypeId::kStruct && child.length < data.offset + data.length) {
        return Error("field '{}' has {} values, needs {}", field.name(), child.length,
                     data.offset + data.length);
      }
      std::string child_path = path.empty() ? field.name() : path + "." + field.name();
      S3C_RETURN_IF_ERROR(Validate(child, child_path));
      path_ = path;
      type_ = type;
    }
    if (data.type.id() == TypeId::kMap && options_.full) {
      const ArrayData& entries = *data.children[0];
      const ArrayData& keys = *entries.children[0];
      if (entries.null_count != 0) return Error("map entries contain nulls");
      if (keys.null_count != 0 && keys.validity() != nullptr) {
        int64_t nulls =
            keys.length -
            bit_util::CountSetBits(keys.validity(), keys.offset + entries.offset, entries.length);
        if (nulls > 0) return Error("map has {} null keys", nulls);
      }
    }
    return Status::OK();
  }

  const ValidateOptions& options_;
  std::string path_;
  const DataType* type_ = nullptr;
};

}  // namespace

bool IsValidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    static const uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

Status ValidateArrayData(const ArrayData& data, const ValidateOptions& options) {
  return Validator(options).Validate(data, "");
}

Status ValidateArray(const Array& array, const ValidateOptions& options) {
  return ValidateArrayData(*array.data(), options);
}

Status ValidateRecordBatch(const RecordBatch& batch, const ValidateOptions& options) {
  const Schema& schema = *batch.schema();
  if (schema.num_fields() != batch.num_columns()) {
    return InvalidArgumentError(fmt::format("record batch has {} columns but its schema {} fields",
                                            batch.num_columns(), schema.num_fields()));
  }
  for (int c = 0; c < batch.num_columns(); ++c) {
    const Field& f = schema.field(c);
    const Array& column = *batch.column(c);
    if (!column.type().Equals(f.type()) || column.length() != batch.num_rows()) {
      return InvalidArgumentError(fmt::format(
          "column '{}' is {} with {} rows; the batch needs {} with {} rows", f.name(),
          column.type().ToString(), column.length(), f.type().ToString(), batch.num_rows()));
    }
    Status st = Validator(options).Validate(*column.data(), f.name());
    if (!st.ok()) return st;
  }
  return Status::OK();
}

}  // namespace s3c::columnar
