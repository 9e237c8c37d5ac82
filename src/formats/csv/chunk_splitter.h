// Where to cut CSV text for parallel parsing. A cut is a guess: the parser proves it (the
// chunk before it must end exactly on a record end) and re-cuts when it was wrong.
#pragma once

#include <string_view>

#include "s3c/formats/csv/csv_options.h"

namespace s3c::formats::csv {

// Offset just past the last '\n' of `text` that is preceded by an even number of quote bytes
// (text[0] is assumed to start a record) and not by the escape byte: the likely end of a
// record, since RFC 4180 quotes come in pairs ("" inside a field is two). 0 when there is none.
// Quotes preceded by the escape byte are not counted. With quoting disabled every unescaped
// '\n' qualifies.
size_t FindChunkSplit(std::string_view text, const CsvDialect& dialect);

}  // namespace s3c::formats::csv
