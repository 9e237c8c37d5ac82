// RFC 4180 section 2 tokenizer with dialect extensions (csv_tokenizer_internal.h).
// Unquoted fields are spans of the input; only quoted fields with escapes or doubled quotes
// and fields with backslash escapes are copied (into the batch's scratch string). Runs of
// ordinary bytes are skipped 16 at a time with SSE2 where available.
#include <algorithm>
#include <cstring>

#include "formats/csv/csv_tokenizer_internal.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace s3c::formats::csv {
namespace {

bool IsTrimmable(char c, char delimiter) { return (c == ' ' || c == '\t') && c != delimiter; }

FieldSpan Span(size_t offset, size_t size, bool in_scratch, bool quoted) {
  return FieldSpan{static_cast<uint32_t>(offset), static_cast<uint32_t>(size) |
                                                      (in_scratch ? FieldSpan::kScratch : 0u) |
                                                      (quoted ? FieldSpan::kQuoted : 0u)};
}

// First index >= i of a byte equal to one of a..d (or n).
inline size_t FindAny(const char* p, size_t i, size_t n, char a, char b, char c, char d) {
#if defined(__SSE2__)
  const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), vc = _mm_set1_epi8(c),
                vd = _mm_set1_epi8(d);
  while (i + 16 <= n) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)),
                             _mm_or_si128(_mm_cmpeq_epi8(v, vc), _mm_cmpeq_epi8(v, vd)));
    int mask = _mm_movemask_epi8(m);
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    i += 16;
  }
#endif
  while (i < n && p[i] != a && p[i] != b && p[i] != c && p[i] != d) ++i;
  return i;
}

}  // namespace

CsvTokenizer::CsvTokenizer(const CsvDialect& dialect) : d_(dialect) {
  special_[static_cast<uint8_t>(d_.delimiter)] = 1;
  special_['\n'] = 1;
  special_['\r'] = 1;
  if (d_.escape != '\0') special_[static_cast<uint8_t>(d_.escape)] = 1;
}

size_t CsvTokenizer::FindSpecial(const char* p, size_t i, size_t n) const {
  const char esc = d_.escape != '\0' ? d_.escape : '\n';
  return FindAny(p, i, n, d_.delimiter, '\n', '\r', esc);
}

bool CsvTokenizer::ParseQuoted(const char* p, size_t n, bool at_eof, size_t* i, int64_t* lines,
                               TokenBatch* b, FieldSpan* span) {
  const char q = d_.quote;
  const char esc = d_.escape;
  const char find_esc = esc != '\0' ? esc : q;
  size_t pos = *i + 1;
  size_t seg = pos;
  bool in_scratch = false;
  const size_t sbegin = b->scratch.size();
  while (true) {
    size_t j = FindAny(p, pos, n, q, find_esc, '\n', '\r');
    if (j >= n) return false;
    const char c = p[j];
    if (c == '\n' || c == '\r') {
      if (c == '\n' || j + 1 >= n || p[j + 1] != '\n') ++*lines;
      pos = j + 1;
      continue;
    }
    if (c == esc && esc != q) {
      if (j + 1 >= n) return false;
      b->scratch.append(p + seg, j - seg);
      b->scratch.push_back(p[j + 1]);
      in_scratch = true;
      pos = seg = j + 2;
      continue;
    }
    if (d_.double_quote) {
      if (j + 1 >= n && !at_eof) return false;  // cannot tell "" from a closing quote yet
      if (j + 1 < n && p[j + 1] == q) {
        b->scratch.append(p + seg, j + 1 - seg);
        in_scratch = true;
        pos = seg = j + 2;
        continue;
      }
    }
    if (in_scratch) {
      b->scratch.append(p + seg, j - seg);
      *span = Span(sbegin, b->scratch.size() - sbegin, true, true);
    } else {
      *span = Span(seg, j - seg, false, true);
    }
    *i = j + 1;
    return true;
  }
}

bool CsvTokenizer::SkipIgnoredLines(const char* p, size_t n, bool at_eof, TokenBatch* b) {
  const std::string_view pre = d_.comment_prefix;
  size_t i = b->consumed;
  while (i < n) {
    std::string_view rest(p + i, n - i);
    bool comment = !pre.empty() && rest.substr(0, pre.size()) == pre;
    if (!pre.empty() && !comment && rest.size() < pre.size() && !at_eof &&
        pre.substr(0, rest.size()) == rest) {
      return false;
    }
    bool blank = d_.skip_blank_lines && (p[i] == '\n' || p[i] == '\r');
    if (!comment && !blank) return true;
    size_t j = i;
    while (j < n && p[j] != '\n' && p[j] != '\r') ++j;
    if (j >= n) {
      if (!at_eof) return false;
      i = n;
    } else if (p[j] == '\r' && j + 1 >= n && !at_eof) {
      return false;
    } else {
      i = j + 1 + (p[j] == '\r' && j + 1 < n && p[j + 1] == '\n');
    }
    b->consumed = i;
    ++b->lines;
  }
  return at_eof;
}

TokenizeStatus CsvTokenizer::Tokenize(std::string_view data, bool at_eof, size_t max_records,
                                      TokenBatch* b) {
  const char* p = data.data();
  const size_t n = data.size();
  const char delim = d_.delimiter;
  const char quote = d_.quote;
  for (size_t produced = 0; produced < max_records; ++produced) {
    if (!SkipIgnoredLines(p, n, at_eof, b)) return TokenizeStatus::kNeedMore;
    size_t i = b->consumed;
    if (i >= n) return TokenizeStatus::kEnd;
    const size_t fields0 = b->fields.size();
    const size_t scratch0 = b->scratch.size();
    auto need_more = [&] {
      b->fields.resize(fields0);
      b->scratch.resize(scratch0);
      return TokenizeStatus::kNeedMore;
    };
    const size_t begin = i;
    int64_t lines = 0;
    size_t end;
    while (true) {
      if (d_.trim_whitespace) {
        while (i < n && IsTrimmable(p[i], delim)) ++i;
      }
      FieldSpan span;
      size_t j;
      if (quote != '\0' && i < n && p[i] == quote) {
        if (!ParseQuoted(p, n, at_eof, &i, &lines, b, &span)) {
          if (!at_eof) return need_more();
          b->fields.resize(fields0);
          b->scratch.resize(scratch0);
          b->records.push_back(
              RecordSpan{static_cast<uint32_t>(fields0), 0, begin, n, b->lines, true});
          b->consumed = n;
          b->lines += lines;
          return TokenizeStatus::kError;
        }
        j = i;
        if (d_.trim_whitespace) {
          while (j < n && IsTrimmable(p[j], delim)) ++j;
        }
        // Text after the closing quote is kept literally (lenient, like Python's csv module).
        if (j < n && !special_[static_cast<uint8_t>(p[j])]) {
          if (!(span.size_flags & FieldSpan::kScratch)) {
            size_t sb = b->scratch.size();
            b->scratch.append(p + span.offset, span.size());
            span = Span(sb, span.size(), true, true);
          }
          size_t k = FindAny(p, i, n, delim, '\n', '\r', delim);
          b->scratch.append(p + i, k - i);
          span = Span(span.offset, b->scratch.size() - span.offset, true, true);
          j = k;
        }
      } else {
        j = FindSpecial(p, i, n);
        if (j < n && d_.escape != '\0' && p[j] == d_.escape) {
          size_t sb = b->scratch.size();
          b->scratch.append(p + i, j - i);
          while (j < n && p[j] == d_.escape) {
            if (j + 1 >= n) {
              if (!at_eof) return need_more();
              ++j;
              break;
            }
            b->scratch.push_back(p[j + 1]);
            size_t k = FindSpecial(p, j + 2, n);
            b->scratch.append(p + j + 2, k - j - 2);
            j = k;
          }
          span = Span(sb, b->scratch.size() - sb, true, false);
        } else {
          size_t len = j - i;
          if (d_.trim_whitespace) {
            while (len > 0 && IsTrimmable(p[i + len - 1], delim)) --len;
          }
          span = Span(i, len, false, false);
        }
      }
      if (j >= n) {
        if (!at_eof) return need_more();
        b->fields.push_back(span);
        end = n;
        ++lines;
        break;
      }
      b->fields.push_back(span);
      const char c = p[j];
      if (c == delim) {
        i = j + 1;
        continue;
      }
      ++lines;
      if (c == '\n') {
        end = j + 1;
      } else {
        if (j + 1 >= n && !at_eof) return need_more();
        end = j + 1 + (j + 1 < n && p[j + 1] == '\n');
      }
      break;
    }
    b->records.push_back(RecordSpan{static_cast<uint32_t>(fields0),
                                    static_cast<uint32_t>(b->fields.size() - fields0), begin, end,
                                    b->lines, false});
    b->consumed = end;
    b->lines += lines;
  }
  return TokenizeStatus::kRecord;
}

TokenizeStatus CsvTokenizer::Next(std::string_view data, bool at_eof, TokenizedRecord* rec,
                                  std::string* error) {
  rec->fields.clear();
  rec->quoted.clear();
  one_.Clear();
  TokenizeStatus st = Tokenize(data, at_eof, 1, &one_);
  if (st == TokenizeStatus::kNeedMore) return st;
  if (one_.records.empty()) {
    rec->begin = rec->end = data.size();
    rec->skipped_lines = one_.lines;
    rec->lines = 0;
    return TokenizeStatus::kEnd;
  }
  const RecordSpan& r = one_.records.front();
  rec->begin = r.begin;
  rec->end = r.end;
  rec->skipped_lines = r.line;
  rec->lines = one_.lines - r.line;
  if (r.error) {
    *error = "unterminated quoted field";
    return TokenizeStatus::kError;
  }
  for (uint32_t k = 0; k < r.num_fields; ++k) {
    rec->fields.push_back(one_.Field(data.data(), r.first_field + k));
    rec->quoted.push_back(one_.fields[r.first_field + k].quoted() ? 1 : 0);
  }
  return TokenizeStatus::kRecord;
}

int64_t CsvTokenizer::SkipLines(std::string_view data, int64_t lines, bool at_eof,
                                size_t* consumed) {
  size_t i = 0;
  int64_t done = 0;
  *consumed = 0;
  while (done < lines && i < data.size()) {
    size_t j = FindAny(data.data(), i, data.size(), '\n', '\r', '\n', '\r');
    if (j >= data.size()) {
      if (at_eof) {
        *consumed = data.size();
        ++done;
      }
      return done;
    }
    if (data[j] == '\r') {
      if (j + 1 >= data.size() && !at_eof) return done;
      if (j + 1 < data.size() && data[j + 1] == '\n') ++j;
    }
    i = j + 1;
    *consumed = i;
    ++done;
  }
  return done;
}

}  // namespace s3c::formats::csv
