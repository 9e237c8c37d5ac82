// EscapeHivePathValue and HivePartitionSegment (write/partition_path.h).
#include "s3c/write/partition_path.h"

#include <optional>

#include "s3c/common/strings.h"

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

// The length of the well-formed UTF-8 sequence at value[i] (lead byte >= 0x80), 0 if none.
size_t Utf8SequenceAt(std::string_view value, size_t i) {
  std::optional<Utf8Lead> lead = Utf8LeadByte(static_cast<uint8_t>(value[i]));
  if (!lead || i + static_cast<size_t>(lead->continuation) >= value.size()) return 0;
  for (int k = 1; k <= lead->continuation; ++k) {
    auto c = static_cast<uint8_t>(value[i + static_cast<size_t>(k)]);
    uint8_t lo = k == 1 ? lead->first_lo : 0x80;
    uint8_t hi = k == 1 ? lead->first_hi : 0xBF;
    if (c < lo || c > hi) return 0;
  }
  return static_cast<size_t>(lead->continuation) + 1;
}

}  // namespace

std::string EscapeHivePathValue(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    auto c = static_cast<unsigned char>(value[i]);
    if (c >= 0x80) {
      if (size_t n = Utf8SequenceAt(value, i); n > 0) {
        out.append(value.substr(i, n));
        i += n - 1;
        continue;
      }
    } else if (!NeedsEscape(c)) {
      out.push_back(value[i]);
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
