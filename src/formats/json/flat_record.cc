#include "formats/json/flat_record.h"

#include <cstring>

#include "formats/json/json_convert.h"
#include "formats/json/json_scan.h"
#include "s3c/common/byte_source.h"
#include "s3c/common/json_parser.h"

namespace s3c::formats::json_internal {
namespace {

// Bounds the key-order cache for records with very many distinct keys.
constexpr size_t kMaxCachedKeys = 4096;

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// memcmp(a, b, n) == 0, inline for the short keys of most records.
inline bool SameBytes(const char* a, const char* b, size_t n) {
  if (n > 16) return std::memcmp(a, b, n) == 0;
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace

inline const char* FlatRecordParser::Key(const char* p, const char* end, size_t k, int* col) {
  if (k < order_.size()) {
    const std::string& raw = order_[k].first;
    if (static_cast<size_t>(end - p) > raw.size() + 1 && p[raw.size() + 1] == '"' &&
        SameBytes(p + 1, raw.data(), raw.size())) {
      *col = order_[k].second;
      return p + raw.size() + 2;
    }
  }
  return NewKey(p, end, k, col);
}

const char* FlatRecordParser::NewKey(const char* p, const char* end, size_t k, int* col) {
  std::string_view key;
  const char* q = ScanString(p, end, &key_scratch_, &key);
  if (q == nullptr) return nullptr;
  auto it = index_.find(key);
  *col = it == index_.end() ? -1 : it->second;
  std::string_view raw(p + 1, static_cast<size_t>(q - p - 2));
  if (k < order_.size()) {
    order_[k].first.assign(raw);
    order_[k].second = *col;
  } else if (k == order_.size() && k < kMaxCachedKeys) {
    order_.emplace_back(std::string(raw), *col);
  }
  return q;
}

const char* FlatRecordParser::Value(const char* p, const char* end, int col) {
  Slot* slot = col >= 0 ? &slots_[static_cast<size_t>(col)] : nullptr;
  switch (*p) {
    case '"': {
      std::string_view text;
      p = ScanString(p, end, slot != nullptr ? &slot->scratch : &skip_scratch_, &text);
      if (p == nullptr) return nullptr;
      if (slot != nullptr && !StoreString(text, slot, columns_[static_cast<size_t>(col)])) {
        return nullptr;
      }
      return p;
    }
    case 't':
    case 'f': {
      bool value = *p == 't';
      std::string_view word = value ? "true" : "false";
      if (static_cast<size_t>(end - p) < word.size() ||
          std::memcmp(p, word.data(), word.size()) != 0) {
        return nullptr;
      }
      if (slot != nullptr) {
        Target t = columns_[static_cast<size_t>(col)].target;
        if (t == Target::kBool) {
          slot->i = value ? 1 : 0;
        } else if (t == Target::kString || t == Target::kLargeString) {
          slot->s = word;
        } else {
          return nullptr;
        }
        Set(slot);
      }
      return p + word.size();
    }
    case 'n':
      if (end - p < 4 || std::memcmp(p, "null", 4) != 0) return nullptr;
      if (slot != nullptr) {
        Set(slot);
        slot->null = true;
      }
      return p + 4;
    case '[':
    case '{':
      return Nested(p, end, col);
    default: {
      if (*p != '-' && !IsDigit(*p)) return nullptr;
      bool integral;
      const char* q = ScanNumber(p, end, &integral);
      if (q == nullptr) return nullptr;
      if (slot != nullptr && !StoreNumber(std::string_view(p, static_cast<size_t>(q - p)), integral,
                                          slot, columns_[static_cast<size_t>(col)])) {
        return nullptr;
      }
      return q;
    }
  }
}

const char* FlatRecordParser::Nested(const char* p, const char* end, int col) {
  // Flattening turns an object member into columns named after its members.
  if (flatten_ && *p == '{') return nullptr;
  Slot* slot = col >= 0 ? &slots_[static_cast<size_t>(col)] : nullptr;
  JsonValue* tree = slot != nullptr ? &slot->tree : &skip_tree_;
  *tree = JsonValue();
  ByteSource bytes(std::string_view(p, static_cast<size_t>(end - p)));
  // The member sits one level below the record: its own levels count from 2.
  JsonParser parser(&bytes, std::string(), JsonParseOptions{.max_depth = max_depth_ - 1});
  if (!parser.ParseValue(tree).ok()) return nullptr;
  if (slot != nullptr) {
    const Column& column = columns_[static_cast<size_t>(col)];
    if (!ConvertValue(*tree, column.type, options_, nullptr).ok()) return nullptr;
    Set(slot);
    slot->nested = true;
  }
  newlines_ += parser.line() - 1;
  return p + bytes.offset();
}

size_t FlatRecordParser::Parse(std::string_view text, int64_t* lines) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  const char* p = begin + 1;  // past '{'
  newlines_ = 0;
  ++row_;
  auto skip_space = [&] {
    for (; p < end; ++p) {
      auto c = static_cast<unsigned char>(*p);
      if (c > ' ') return true;
      if (c == '\n') {
        ++newlines_;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return true;
      }
    }
    return false;
  };
  if (!skip_space()) return 0;
  if (*p != '}') {
    for (size_t k = 0;; ++k) {
      if (*p != '"') return 0;
      int col;
      if ((p = Key(p, end, k, &col)) == nullptr) return 0;
      if (!skip_space() || *p != ':') return 0;
      ++p;
      if (!skip_space()) return 0;
      if ((p = Value(p, end, col)) == nullptr) return 0;
      if (!skip_space()) return 0;
      if (*p == '}') break;
      if (*p != ',') return 0;
      ++p;
      if (!skip_space()) return 0;
    }
  }
  *lines += newlines_;
  return static_cast<size_t>(p + 1 - begin);
}

}  // namespace s3c::formats::json_internal
