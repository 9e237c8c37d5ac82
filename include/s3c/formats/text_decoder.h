// Turns the raw input bytes into UTF-8 text: BOM detection, UTF-16 / Latin-1 / Windows-1252
// transcoding and UTF-8 validation (error or U+FFFD replacement, Unicode 15 section 3.9 "U+FFFD
// substitution of maximal subparts"). Shared by the readers of text formats (CSV, text), which
// is why it lives in formats/common; not meant for users of the readers.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "s3c/common/status.h"
#include "s3c/formats/text_encoding.h"
#include "s3c/io/streams.h"

namespace s3c::formats {

// Length of the byte order mark at the start of `head` and the encoding it names (kAuto when
// there is none). UTF-8 BOM: EF BB BF; UTF-16LE: FF FE; UTF-16BE: FE FF.
size_t DetectBom(std::string_view head, TextEncoding* encoding);

// Appends the UTF-8 form of `in` to *out. Returns the number of input bytes consumed: all of
// them unless !at_eof and `in` ends inside a character (the rest waits for more bytes).
// Invalid input under kError sets *bad_at (offset in `in`) and returns SIZE_MAX.
size_t DecodeToUtf8(std::string_view in, TextEncoding encoding, InvalidUtf8Policy policy,
                    bool at_eof, std::string* out, size_t* bad_at);

// Length of the longest prefix of `in` made of whole, valid UTF-8 characters (16 bytes of ASCII
// at a time).
size_t ValidUtf8Prefix(std::string_view in);

// Pulls decoded UTF-8 text from an input stream.
class TextSource {
 public:
  TextSource(std::unique_ptr<InputStream> in, TextEncoding encoding, InvalidUtf8Policy policy,
             std::string object)
      : in_(std::move(in)), encoding_(encoding), policy_(policy), object_(std::move(object)) {}
  // Appends up to about `chunk` more bytes of text to *out; false at the end of input.
  Result<bool> ReadMore(std::string* out, size_t chunk);

  // True once the input is known to be UTF-8 (after the first ReadMore): its text is then the
  // input's bytes after the BOM, and ReadRaw may replace ReadMore, leaving validation (or
  // U+FFFD replacement) to the caller. Raw bytes split no character at a '\n'.
  bool IsUtf8() const;
  // Copies up to `n` more undecoded input bytes to `dst`; 0 at the end of input.
  Result<size_t> ReadRaw(char* dst, size_t n);
  // The error ReadMore reports for invalid UTF-8 at `text_offset` of the text (kError policy:
  // all text before it is valid, so it is the input bytes after the BOM).
  Status InvalidUtf8At(int64_t text_offset) const;

 private:
  std::unique_ptr<InputStream> in_;
  TextEncoding encoding_;
  InvalidUtf8Policy policy_;
  std::string object_;
  // Read buffer, reused (no zero-fill per read); its first pending_ bytes are undecoded (a
  // character split by the previous read).
  std::unique_ptr<char[]> raw_;
  size_t raw_capacity_ = 0;
  size_t pending_ = 0;
  bool started_ = false;
  bool eof_ = false;
  int64_t raw_offset_ = 0;  // input bytes consumed so far
  int64_t bom_ = 0;         // BOM bytes skipped
};

}  // namespace s3c::formats
