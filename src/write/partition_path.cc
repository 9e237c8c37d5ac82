// EscapeHivePathValue and HivePartitionSegment (write/partition_path.h).
#include "s3c/write/partition_path.h"

namespace s3c::write {
namespace {

bool NeedsEscape(unsigned char c) {
  if (c < 0x20 || c == 0x7F) return true;
  switch (c) {
    case '"': case '#': case '%': case '\'': case '*': case '/': case ':': case '=': case '?':
    case '\\': case '{': case '[': case ']': case '^':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string EscapeHivePathValue(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size());
  for (char ch : value) {
    auto c = static_cast<unsigned char>(ch);
    if (!NeedsEscape(c)) {
      out.push_back(ch);
      continue;
    }
    out.push_back('%');
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0xF]);
  }
  return out;
}

std::string HivePartitionSegment(std::string_view column, const std::optional<std::string>& value) {
  std::string out = EscapeHivePathValue(column);
  out.push_back('=');
  if (!value || value->empty()) {
    out.append(kHiveNullPartition);
  } else {
    out.append(EscapeHivePathValue(*value));
  }
  return out;
}

}  // namespace s3c::write
