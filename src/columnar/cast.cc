#include "s3c/columnar/cast.h"

#include <fmt/format.h>

#include "cast_internal.h"
#include "value_text_internal.h"

namespace s3c::columnar {
namespace internal {

Status CastValueError(const Array& from, int64_t row, const DataType& to, std::string_view reason) {
  std::string text;
  AppendValueText(from, row, &text);
  constexpr size_t kMaxShown = 64;
  if (text.size() > kMaxShown) text = text.substr(0, kMaxShown) + "...";
  return InvalidArgumentError(fmt::format("cannot cast '{}' at row {} to {}{}{}", text, row,
                                          to.ToString(), reason.empty() ? "" : ": ", reason));
}

std::shared_ptr<Buffer> CopyValidity(const Array& array) {
  if (array.null_count() == 0 || array.null_bitmap_data() == nullptr) return nullptr;
  auto bits = Buffer::Allocate(bit_util::BytesForBits(array.length()));
  bit_util::CopyBitmap(array.null_bitmap_data(), array.offset(), array.length(),
                       bits->mutable_data(), 0);
  return bits;
}

std::shared_ptr<Array> WithValues(const Array& from, const DataType& to,
                                  std::shared_ptr<Buffer> values) {
  return MakeArray(ArrayData::Make(to, from.length(), {CopyValidity(from), std::move(values)},
                                   from.null_count()));
}

}  // namespace internal

bool CanCast(const DataType& from, const DataType& to) {
  return from.Equals(to) || from.id() == TypeId::kNull || internal::CanCastNumeric(from, to) ||
         internal::CanCastString(from, to) || internal::CanCastTemporal(from, to);
}

Result<std::shared_ptr<Array>> Cast(const Array& array, const DataType& to,
                                    const CastOptions& options) {
  const DataType& from = array.type();
  if (from.Equals(to)) return MakeArray(array.data());
  if (from.id() == TypeId::kNull) return MakeArrayOfNulls(to, array.length());
  if (internal::CanCastNumeric(from, to)) return internal::CastNumeric(array, to, options);
  if (internal::CanCastString(from, to)) return internal::CastString(array, to, options);
  if (internal::CanCastTemporal(from, to)) return internal::CastTemporal(array, to, options);
  return UnimplementedError(fmt::format("cannot cast {} to {}", from.ToString(), to.ToString()));
}

}  // namespace s3c::columnar
