// Printing batches for `s3c read`: an aligned table for people, or any writable format
// (csv, tsv, json, jsonl) on standard output for pipes.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "s3c/formats/batch_io.h"
#include "s3c/formats/format_registry.h"
#include "s3c/io/streams.h"

namespace CLI {
class App;
}

namespace s3c::cli {

// --json-non-finite tokens|null|strings: how JSON and JSON Lines output spell NaN and
// infinities (`read --output json|jsonl` and `convert` to JSON). Apply sets it in `options`,
// InvalidArgument naming the flag for another value.
void AddJsonOutputFlags(CLI::App& cmd, std::string* non_finite);
Status ApplyJsonOutputFlags(const std::string& non_finite, formats::FormatWriteOptions* options);

// An OutputStream over WriteStdout (a closed pipe is Cancelled, so `| head` exits quietly).
std::unique_ptr<OutputStream> MakeStdoutStream();

// Renders rows as an aligned text table with a header of names and types; cells longer than
// max_cell characters are cut with "...". NULL marks nulls.
std::string RenderTable(const formats::Schema& schema,
                        const std::vector<std::shared_ptr<formats::RecordBatch>>& batches,
                        size_t max_cell = 40);

}  // namespace s3c::cli
