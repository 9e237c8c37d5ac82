// Quote-parity chunk cuts (chunk_splitter.h).
#include "formats/csv/chunk_splitter.h"

#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace s3c::formats::csv {
namespace {

// Number of bytes equal to q in s (escaped ones excluded when esc != 0).
uint64_t CountQuotes(std::string_view s, char q, char esc) {
  uint64_t count = 0;
  size_t i = 0;
  const size_t n = s.size();
  if (esc == '\0' || esc == q) {
#if defined(__SSE2__)
    // Per-byte counters (a match is -1) summed with SAD before they can wrap.
    const __m128i vq = _mm_set1_epi8(q);
    const __m128i zero = _mm_setzero_si128();
    while (i + 16 <= n) {
      __m128i acc = zero;
      for (int k = 0; k < 255 && i + 16 <= n; ++k, i += 16) {
        __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
        acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(v, vq));
      }
      __m128i sums = _mm_sad_epu8(acc, zero);
      count += static_cast<uint64_t>(_mm_cvtsi128_si64(sums)) +
               static_cast<uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
    }
#endif
    for (; i < n; ++i) count += s[i] == q;
    return count;
  }
  for (; i < n; ++i) count += s[i] == q && !(i > 0 && s[i - 1] == esc);
  return count;
}

}  // namespace

size_t FindChunkSplit(std::string_view text, const CsvDialect& d) {
  const char q = d.quote;
  const char esc = d.escape == d.quote ? '\0' : d.escape;
  unsigned parity = q == '\0' ? 0 : static_cast<unsigned>(CountQuotes(text, q, esc) & 1);
  for (size_t i = text.size(); i-- > 0;) {
    const char c = text[i];
    const bool escaped = esc != '\0' && i > 0 && text[i - 1] == esc;
    if (c == '\n' && parity == 0 && !escaped) return i + 1;
    if (q != '\0' && c == q && !escaped) parity ^= 1;
  }
  return 0;
}

}  // namespace s3c::formats::csv
