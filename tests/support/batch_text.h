// A reader's batches as text, for tests that compare rows: one line per column of every
// non-empty batch (columnar::ToString). Header-only: include it where s3c_columnar and the
// formats interfaces are linked.
#pragma once

#include <string>

#include "s3c/columnar/pretty_print.h"
#include "s3c/formats/batch_io.h"

namespace s3c::testing {

// At the first failure: the text so far followed by "error: " and the status.
inline std::string ReadAllText(formats::BatchReader& reader) {
  std::string out;
  while (true) {
    auto batch = reader.Next();
    if (!batch.ok()) return out + "error: " + batch.status().ToString();
    if (!*batch) break;
    if ((*batch)->num_rows() == 0) continue;
    for (int c = 0; c < (*batch)->num_columns(); ++c) {
      out += columnar::ToString(*(*batch)->column(c)) + "\n";
    }
  }
  return out;
}

}  // namespace s3c::testing
