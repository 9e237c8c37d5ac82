#include "s3c/columnar/pretty_print.h"

#include <fmt/format.h>

#include "s3c/columnar/array_binary.h"
#include "s3c/columnar/array_nested.h"
#include "s3c/common/json_escape.h"
#include "value_text_internal.h"

namespace s3c::columnar {
namespace {

void AppendElement(const Array& array, int64_t i, std::string* out);

void AppendRange(const Array& array, int64_t begin, int64_t end, std::string* out) {
  out->push_back('[');
  for (int64_t j = begin; j < end; ++j) {
    if (j > begin) out->append(", ");
    AppendElement(array, j, out);
  }
  out->push_back(']');
}

void AppendElement(const Array& array, int64_t i, std::string* out) {
  if (array.IsNull(i)) {
    out->append("null");
    return;
  }
  switch (array.type_id()) {
    case TypeId::kString:
      AppendJsonString(static_cast<const StringArray&>(array).GetView(i), out);
      return;
    case TypeId::kLargeString:
      AppendJsonString(static_cast<const LargeStringArray&>(array).GetView(i), out);
      return;
    case TypeId::kBinary: {
      out->append("x'");
      for (char c : static_cast<const BinaryArray&>(array).GetView(i)) {
        fmt::format_to(std::back_inserter(*out), "{:02x}", static_cast<unsigned char>(c));
      }
      out->push_back('\'');
      return;
    }
    case TypeId::kList: {
      const auto& list = static_cast<const ListArray&>(array);
      AppendRange(*list.values(), list.value_offset(i), list.value_offset(i + 1), out);
      return;
    }
    case TypeId::kMap: {
      const auto& map = static_cast<const MapArray&>(array);
      out->push_back('{');
      for (int32_t j = map.value_offset(i); j < map.value_offset(i + 1); ++j) {
        if (j > map.value_offset(i)) out->append(", ");
        AppendElement(*map.keys(), j, out);
        out->append(": ");
        AppendElement(*map.items(), j, out);
      }
      out->push_back('}');
      return;
    }
    case TypeId::kStruct: {
      const auto& st = static_cast<const StructArray&>(array);
      out->push_back('{');
      for (int f = 0; f < st.num_fields(); ++f) {
        if (f > 0) out->append(", ");
        out->append(st.type().field(f).name());
        out->append(": ");
        AppendElement(*st.child(f), st.offset() + i, out);
      }
      out->push_back('}');
      return;
    }
    default:
      internal::AppendValueText(array, i, out);
  }
}

}  // namespace

std::string FormatElement(const Array& array, int64_t i) {
  std::string out;
  AppendElement(array, i, &out);
  return out;
}

std::string ToString(const Array& array) {
  std::string out;
  AppendRange(array, 0, array.length(), &out);
  return out;
}

std::string ToString(const RecordBatch& batch) {
  std::string out = fmt::format("{} rows\n", batch.num_rows());
  for (int c = 0; c < batch.num_columns(); ++c) {
    const Field& f = batch.schema()->field(c);
    out += fmt::format("{}: {}\n", f.ToString(), ToString(*batch.column(c)));
  }
  return out;
}

std::string Array::ToString() const { return columnar::ToString(*this); }
std::string RecordBatch::ToString() const { return columnar::ToString(*this); }

}  // namespace s3c::columnar
