// Skipping unknown Thrift values of any type (decoders skip fields s3c does not keep, and
// fields newer writers add).
#include <fmt/format.h>

#include "formats/parquet/thrift_compact_reader.h"

namespace s3c::formats::parquet {

Status ThriftCompactReader::SkipElements(ThriftType type, uint64_t count) {
  uint64_t width = 0;
  switch (type) {
    case ThriftType::kStop:
      return Status::OK();  // empty list of no type
    case ThriftType::kBoolTrue:
    case ThriftType::kBoolFalse:
    case ThriftType::kI8:
      width = 1;
      break;
    case ThriftType::kDouble:
      width = 8;
      break;
    case ThriftType::kUuid:
      width = 16;
      break;
    default:
      break;
  }
  if (width != 0) {
    // The list or map header already checked count * width against the bytes left.
    if (count * width > size_ - pos_) return Truncated(pos_, "list elements", count * width);
    pos_ += count * width;
    return Status::OK();
  }
  for (uint64_t i = 0; i < count; ++i) S3C_RETURN_IF_ERROR(Skip(type));
  return Status::OK();
}

Status ThriftCompactReader::Skip(ThriftType type) {
  switch (type) {
    case ThriftType::kBoolTrue:
    case ThriftType::kBoolFalse:
      return Status::OK();  // a bool field's value is in its header
    case ThriftType::kI8: {
      uint8_t b = 0;
      return ReadByte(&b, "i8");
    }
    case ThriftType::kI16:
    case ThriftType::kI32:
    case ThriftType::kI64: {
      uint64_t v = 0;
      return ReadVarint64(&v, "integer");
    }
    case ThriftType::kDouble: {
      double d = 0;
      return ReadDoubleValue(&d, "double");
    }
    case ThriftType::kUuid:
      if (size_ - pos_ < 16) return Truncated(pos_, "uuid", 16);
      pos_ += 16;
      return Status::OK();
    case ThriftType::kBinary: {
      std::string_view v;
      return ReadBinaryValue(&v, "binary");
    }
    case ThriftType::kList:
    case ThriftType::kSet: {
      S3C_RETURN_IF_ERROR(Enter("list"));
      ThriftList list;
      S3C_RETURN_IF_ERROR(ReadListHeaderValue(&list, "list"));
      S3C_RETURN_IF_ERROR(SkipElements(list.element_type, list.size));
      Leave();
      return Status::OK();
    }
    case ThriftType::kMap: {
      S3C_RETURN_IF_ERROR(Enter("map"));
      ThriftType key = ThriftType::kStop, value = ThriftType::kStop;
      uint32_t size = 0;
      S3C_RETURN_IF_ERROR(ReadMapHeader(&key, &value, &size, "map"));
      for (uint32_t i = 0; i < size; ++i) {
        S3C_RETURN_IF_ERROR(SkipElements(key, 1));
        S3C_RETURN_IF_ERROR(SkipElements(value, 1));
      }
      Leave();
      return Status::OK();
    }
    case ThriftType::kStruct:
      return ReadStruct("struct", [this](const ThriftField& f) { return Skip(f.type); });
    case ThriftType::kStop:
      break;
  }
  return Malformed(
      pos_, fmt::format("cannot skip a value of {}", ThriftTypeName(static_cast<uint8_t>(type))));
}

}  // namespace s3c::formats::parquet
