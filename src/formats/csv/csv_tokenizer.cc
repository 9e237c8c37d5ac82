// RFC 4180 section 2 tokenizer with dialect extensions (csv_tokenizer_internal.h).
// Unquoted fields are views into the input; only quoted fields with escapes and fields with
// backslash escapes are copied (into one scratch string per record).
#include <algorithm>
#include <cstring>

#include "formats/csv/csv_tokenizer_internal.h"

namespace s3c::formats::csv {
namespace {

bool IsTrimmable(char c, char delimiter) { return (c == ' ' || c == '\t') && c != delimiter; }

}  // namespace

CsvTokenizer::CsvTokenizer(const CsvDialect& dialect) : d_(dialect) {
  special_[static_cast<uint8_t>(d_.delimiter)] = 1;
  special_['\n'] = 1;
  special_['\r'] = 1;
  if (d_.escape != '\0') special_[static_cast<uint8_t>(d_.escape)] = 1;
}

bool CsvTokenizer::ParseQuoted(std::string_view data, bool at_eof, size_t* i, int64_t* lines,
                               Span* span) {
  const char q = d_.quote;
  const char esc = d_.escape;
  const size_t n = data.size();
  size_t pos = *i + 1;
  size_t seg = pos;
  bool in_scratch = false;
  size_t sbegin = scratch_.size();
  while (true) {
    size_t j = pos;
    while (j < n) {
      char c = data[j];
      if (c == q || (c == esc && esc != '\0')) break;
      if (c == '\n' || (c == '\r' && (j + 1 >= n || data[j + 1] != '\n'))) ++*lines;
      ++j;
    }
    if (j >= n) return false;
    if (data[j] == esc && esc != q) {
      if (j + 1 >= n) return false;
      scratch_.append(data.data() + seg, j - seg);
      scratch_.push_back(data[j + 1]);
      in_scratch = true;
      pos = seg = j + 2;
      continue;
    }
    if (d_.double_quote) {
      if (j + 1 >= n && !at_eof) return false;  // cannot tell "" from a closing quote yet
      if (j + 1 < n && data[j + 1] == q) {
        scratch_.append(data.data() + seg, j + 1 - seg);
        in_scratch = true;
        pos = seg = j + 2;
        continue;
      }
    }
    if (in_scratch) {
      scratch_.append(data.data() + seg, j - seg);
      *span = Span{sbegin, scratch_.size() - sbegin, true, true};
    } else {
      *span = Span{seg, j - seg, false, true};
    }
    *i = j + 1;
    return true;
  }
}

TokenizeStatus CsvTokenizer::Next(std::string_view data, bool at_eof, TokenizedRecord* rec,
                                  std::string* error) {
  rec->fields.clear();
  rec->quoted.clear();
  spans_.clear();
  scratch_.clear();
  const size_t n = data.size();
  const char* p = data.data();
  size_t i = 0;
  int64_t skipped = 0;
  // Comment and blank lines before the record.
  while (true) {
    if (i >= n) {
      if (!at_eof) return TokenizeStatus::kNeedMore;
      rec->begin = rec->end = i;
      rec->skipped_lines = skipped;
      rec->lines = 0;
      return TokenizeStatus::kEnd;
    }
    const std::string_view& pre = d_.comment_prefix;
    std::string_view rest = data.substr(i);
    bool comment = !pre.empty() && rest.substr(0, pre.size()) == pre;
    if (!pre.empty() && !comment && rest.size() < pre.size() && !at_eof &&
        pre.substr(0, rest.size()) == rest) {
      return TokenizeStatus::kNeedMore;
    }
    bool blank = d_.skip_blank_lines && (p[i] == '\n' || p[i] == '\r');
    if (!comment && !blank) break;
    size_t j = i;
    while (j < n && p[j] != '\n' && p[j] != '\r') ++j;
    if (j >= n) {
      if (!at_eof) return TokenizeStatus::kNeedMore;
      i = n;
    } else if (p[j] == '\r' && j + 1 >= n && !at_eof) {
      return TokenizeStatus::kNeedMore;
    } else {
      i = j + 1 + (p[j] == '\r' && j + 1 < n && p[j + 1] == '\n');
    }
    ++skipped;
  }
  rec->begin = i;
  rec->skipped_lines = skipped;
  int64_t lines = 0;
  while (true) {
    if (d_.trim_whitespace) {
      while (i < n && IsTrimmable(p[i], d_.delimiter)) ++i;
    }
    Span span{};
    size_t j;
    if (d_.quote != '\0' && i < n && p[i] == d_.quote) {
      if (!ParseQuoted(data, at_eof, &i, &lines, &span)) {
        if (!at_eof) return TokenizeStatus::kNeedMore;
        *error = "unterminated quoted field";
        rec->end = n;
        rec->lines = lines;
        return TokenizeStatus::kError;
      }
      j = i;
      if (d_.trim_whitespace) {
        while (j < n && IsTrimmable(p[j], d_.delimiter)) ++j;
      }
      // Text after the closing quote is kept literally (lenient, like Python's csv module).
      if (j < n && !special_[static_cast<uint8_t>(p[j])]) {
        if (!span.in_scratch) {
          size_t sb = scratch_.size();
          scratch_.append(p + span.begin, span.length);
          span = Span{sb, span.length, true, true};
        }
        size_t k = i;
        while (k < n && p[k] != d_.delimiter && p[k] != '\n' && p[k] != '\r') ++k;
        scratch_.append(p + i, k - i);
        span.length = scratch_.size() - span.begin;
        j = k;
      }
    } else {
      j = i;
      while (j < n && !special_[static_cast<uint8_t>(p[j])]) ++j;
      if (j < n && d_.escape != '\0' && p[j] == d_.escape) {
        size_t sb = scratch_.size();
        scratch_.append(p + i, j - i);
        while (j < n && p[j] == d_.escape) {
          if (j + 1 >= n) {
            if (!at_eof) return TokenizeStatus::kNeedMore;
            ++j;
            break;
          }
          scratch_.push_back(p[j + 1]);
          size_t k = j + 2;
          while (k < n && !special_[static_cast<uint8_t>(p[k])]) ++k;
          scratch_.append(p + j + 2, k - j - 2);
          j = k;
        }
        span = Span{sb, scratch_.size() - sb, true, false};
      } else {
        span = Span{i, j - i, false, false};
        if (d_.trim_whitespace) {
          while (span.length > 0 && IsTrimmable(p[span.begin + span.length - 1], d_.delimiter)) {
            --span.length;
          }
        }
      }
    }
    if (j >= n) {
      if (!at_eof) return TokenizeStatus::kNeedMore;
      spans_.push_back(span);
      rec->end = n;
      ++lines;
      break;
    }
    spans_.push_back(span);
    char c = p[j];
    if (c == d_.delimiter) {
      i = j + 1;
      continue;
    }
    ++lines;
    if (c == '\n') {
      rec->end = j + 1;
    } else {
      if (j + 1 >= n && !at_eof) return TokenizeStatus::kNeedMore;
      rec->end = j + 1 + (j + 1 < n && p[j + 1] == '\n');
    }
    break;
  }
  rec->lines = lines;
  rec->fields.reserve(spans_.size());
  for (const Span& s : spans_) {
    const char* base = s.in_scratch ? scratch_.data() : p;
    rec->fields.emplace_back(base + s.begin, s.length);
    rec->quoted.push_back(s.quoted ? 1 : 0);
  }
  return TokenizeStatus::kRecord;
}

int64_t CsvTokenizer::SkipLines(std::string_view data, int64_t lines, bool at_eof,
                                size_t* consumed) {
  size_t i = 0;
  int64_t done = 0;
  *consumed = 0;
  while (done < lines && i < data.size()) {
    const void* nl = std::memchr(data.data() + i, '\n', data.size() - i);
    const void* cr = std::memchr(data.data() + i, '\r', data.size() - i);
    if (nl == nullptr && cr == nullptr) {
      if (at_eof) {
        *consumed = data.size();
        ++done;
      }
      return done;
    }
    const char* e = static_cast<const char*>(nl == nullptr   ? cr
                                             : cr == nullptr ? nl
                                                             : std::min(nl, cr));
    size_t j = static_cast<size_t>(e - data.data());
    if (*e == '\r') {
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
