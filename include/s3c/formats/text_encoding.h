// How input bytes become text, for the readers of text formats (CSV, text; the CSV names
// csv::CsvEncoding and csv::InvalidUtf8Policy are aliases of these).
#pragma once

namespace s3c::formats {

// Input encoding; kAuto: UTF-16 when a UTF-16 BOM is present, else UTF-8 (a UTF-8 BOM is
// stripped).
enum class TextEncoding { kAuto, kUtf8, kUtf16LE, kUtf16BE, kLatin1, kWindows1252 };
enum class InvalidUtf8Policy { kError, kReplace };  // kReplace writes U+FFFD per bad sequence

}  // namespace s3c::formats
