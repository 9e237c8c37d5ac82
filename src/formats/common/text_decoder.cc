// Input transcoding to UTF-8 (s3c/formats/text_decoder.h).
#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "s3c/common/strings.h"
#include "s3c/formats/text_decoder.h"

namespace s3c::formats {
namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";

// Windows-1252 0x80..0x9F (WHATWG encoding index); 0 marks the five undefined bytes, which
// map to the C1 control of the same value as in the WHATWG decoder.
constexpr uint16_t kCp1252[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                  0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// Length of the valid UTF-8 character at s[i], or 0 with *bad_len = maximal subpart length.
// `incomplete` is set when the data ends inside an otherwise valid prefix.
size_t Utf8CharLen(std::string_view s, size_t i, size_t* bad_len, bool* incomplete) {
  auto b = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  const std::optional<Utf8Lead> lead = Utf8LeadByte(b(i));
  if (!lead) {
    *bad_len = 1;
    return 0;
  }
  const size_t need = static_cast<size_t>(lead->continuation) + 1;
  size_t k = 1;
  for (; k < need; ++k) {
    if (i + k >= s.size()) {
      *incomplete = true;
      *bad_len = k;
      return 0;
    }
    uint8_t x = b(i + k);
    uint8_t l = k == 1 ? lead->first_lo : 0x80, h = k == 1 ? lead->first_hi : 0xBF;
    if (x < l || x > h) break;
  }
  if (k == need) return need;
  *bad_len = k;
  return 0;
}

size_t DecodeUtf8(std::string_view in, InvalidUtf8Policy policy, bool at_eof, std::string* out,
                  size_t* bad_at) {
  size_t i = 0, run = 0;
  const size_t n = in.size();
  while (true) {
    i += ValidUtf8Prefix(in.substr(i));
    if (i >= n) break;
    size_t bad_len = 0;
    bool incomplete = false;
    Utf8CharLen(in, i, &bad_len, &incomplete);
    if (incomplete && !at_eof) {
      out->append(in.data() + run, i - run);
      return i;
    }
    if (policy == InvalidUtf8Policy::kError) {
      *bad_at = i;
      return SIZE_MAX;
    }
    out->append(in.data() + run, i - run);
    out->append(kReplacement);
    i += bad_len;
    run = i;
  }
  out->append(in.data() + run, n - run);
  return n;
}

size_t DecodeUtf16(std::string_view in, bool big_endian, InvalidUtf8Policy policy, bool at_eof,
                   std::string* out, size_t* bad_at) {
  auto unit = [&](size_t k) -> uint32_t {
    auto a = static_cast<uint8_t>(in[k]), b = static_cast<uint8_t>(in[k + 1]);
    return big_endian ? (a << 8 | b) : (b << 8 | a);
  };
  size_t i = 0;
  const size_t n = in.size();
  while (i + 2 <= n) {
    uint32_t u = unit(i);
    if (u < 0xD800 || u > 0xDFFF) {
      AppendUtf8(u, out);
      i += 2;
      continue;
    }
    if (u <= 0xDBFF) {
      if (i + 4 > n && !at_eof) return i;
      if (i + 4 <= n) {
        uint32_t v = unit(i + 2);
        if (v >= 0xDC00 && v <= 0xDFFF) {
          AppendUtf8(0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00), out);
          i += 4;
          continue;
        }
      }
    }
    if (policy == InvalidUtf8Policy::kError) {
      *bad_at = i;
      return SIZE_MAX;
    }
    out->append(kReplacement);
    i += 2;
  }
  if (i < n) {
    if (!at_eof) return i;
    if (policy == InvalidUtf8Policy::kError) {
      *bad_at = i;
      return SIZE_MAX;
    }
    out->append(kReplacement);
  }
  return n;
}

}  // namespace

size_t ValidUtf8Prefix(std::string_view in) {
  const size_t n = in.size();
  size_t i = 0;
  while (i < n) {
#if defined(__SSE2__)
    while (i + 16 <= n) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in.data() + i));
      const auto high = static_cast<unsigned>(_mm_movemask_epi8(v));
      if (high != 0) {
        i += static_cast<size_t>(__builtin_ctz(high));
        break;
      }
      i += 16;
    }
#endif
    while (i < n && static_cast<uint8_t>(in[i]) < 0x80) ++i;
    if (i >= n) break;
    size_t bad_len = 0;
    bool incomplete = false;
    const size_t len = Utf8CharLen(in, i, &bad_len, &incomplete);
    if (len == 0) return i;
    i += len;
  }
  return n;
}

size_t DetectBom(std::string_view head, TextEncoding* encoding) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") {
    *encoding = TextEncoding::kUtf8;
    return 3;
  }
  if (head.substr(0, 2) == "\xFF\xFE") {
    *encoding = TextEncoding::kUtf16LE;
    return 2;
  }
  if (head.substr(0, 2) == "\xFE\xFF") {
    *encoding = TextEncoding::kUtf16BE;
    return 2;
  }
  *encoding = TextEncoding::kAuto;
  return 0;
}

size_t DecodeToUtf8(std::string_view in, TextEncoding encoding, InvalidUtf8Policy policy,
                    bool at_eof, std::string* out, size_t* bad_at) {
  switch (encoding) {
    case TextEncoding::kUtf16LE:
    case TextEncoding::kUtf16BE:
      return DecodeUtf16(in, encoding == TextEncoding::kUtf16BE, policy, at_eof, out, bad_at);
    case TextEncoding::kLatin1:
    case TextEncoding::kWindows1252:
      for (char ch : in) {
        auto c = static_cast<uint8_t>(ch);
        uint32_t cp = c;
        if (encoding == TextEncoding::kWindows1252 && c >= 0x80 && c <= 0x9F && kCp1252[c - 0x80]) {
          cp = kCp1252[c - 0x80];
        }
        AppendUtf8(cp, out);
      }
      return in.size();
    default:
      return DecodeUtf8(in, policy, at_eof, out, bad_at);
  }
}

Result<bool> TextSource::ReadMore(std::string* out, size_t chunk) {
  if (eof_ && pending_ == 0) return false;
  size_t have = pending_;
  if (!eof_) {
    if (pending_ + chunk > raw_capacity_) {
      const size_t cap = std::max(pending_ + chunk, 2 * raw_capacity_);
      std::unique_ptr<char[]> grown(new char[cap]);
      if (pending_ > 0) std::memcpy(grown.get(), raw_.get(), pending_);
      raw_ = std::move(grown);
      raw_capacity_ = cap;
    }
    S3C_ASSIGN_OR_RETURN(size_t got, in_->Read(raw_.get() + pending_, chunk));
    have += got;
    if (got == 0) eof_ = true;
  }
  std::string_view data(raw_.get(), have);
  if (!started_) {
    // Wait for enough bytes to see a BOM.
    if (data.size() < 3 && !eof_) {
      pending_ = have;
      return true;
    }
    started_ = true;
    TextEncoding bom_enc;
    size_t bom = DetectBom(data, &bom_enc);
    bool unicode = encoding_ == TextEncoding::kAuto || encoding_ == TextEncoding::kUtf8 ||
                   encoding_ == TextEncoding::kUtf16LE || encoding_ == TextEncoding::kUtf16BE;
    if (bom > 0 && unicode) {
      encoding_ = bom_enc;
      data.remove_prefix(bom);
      raw_offset_ += static_cast<int64_t>(bom);
      bom_ = static_cast<int64_t>(bom);
    }
  }
  size_t bad_at = 0;
  size_t used = DecodeToUtf8(data, encoding_, policy_, eof_, out, &bad_at);
  if (used == SIZE_MAX) {
    return DataLossError(fmt::format(
        "{}: invalid {} at byte offset {}", object_,
        encoding_ == TextEncoding::kUtf16LE || encoding_ == TextEncoding::kUtf16BE ? "UTF-16"
                                                                                 : "UTF-8",
        raw_offset_ + static_cast<int64_t>(bad_at)));
  }
  raw_offset_ += static_cast<int64_t>(used);
  pending_ = data.size() - used;  // a split character: at most 3 bytes
  if (pending_ > 0) std::memmove(raw_.get(), data.data() + used, pending_);
  if (eof_) pending_ = 0;
  return true;
}

bool TextSource::IsUtf8() const {
  return started_ && (encoding_ == TextEncoding::kAuto || encoding_ == TextEncoding::kUtf8);
}

Result<size_t> TextSource::ReadRaw(char* dst, size_t n) {
  if (pending_ > 0) {
    // Bytes of a character the last ReadMore left undecoded.
    const size_t k = std::min(pending_, n);
    std::memcpy(dst, raw_.get(), k);
    std::memmove(raw_.get(), raw_.get() + k, pending_ - k);
    pending_ -= k;
    return k;
  }
  if (eof_ || n == 0) return size_t{0};
  S3C_ASSIGN_OR_RETURN(size_t got, in_->Read(dst, n));
  if (got == 0) eof_ = true;
  return got;
}

Status TextSource::InvalidUtf8At(int64_t text_offset) const {
  return DataLossError(
      fmt::format("{}: invalid UTF-8 at byte offset {}", object_, bom_ + text_offset));
}

}  // namespace s3c::formats
