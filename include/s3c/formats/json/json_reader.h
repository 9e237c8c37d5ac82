// JSON and JSON Lines reader (RFC 8259; JSON Lines / NDJSON: one value per line).
//
// Accepted layouts: a top-level array of objects, a single object, objects concatenated with
// any whitespace between them, and JSONL (blank lines allowed). Each object is one row. Nested
// objects become structs and arrays become lists (element types unified), or with `flatten`
// nested objects become dotted columns ("a.b.c") up to flatten_max_depth levels. Keys are united
// by name across records (missing -> null). Numbers are int64 when integral and in range,
// float64 otherwise; numbers that fit neither keep their exact text (a string column).
// Strings holding ISO 8601 dates / timestamps become date32 / timestamp (inference options).
//
// Types come from inference over the first inference.max_rows records, or a user schema.
// Values that do not fit the schema, and (outside a top-level array) records that do not parse,
// follow bad_records; errors name the object, line, byte offset and what was expected. After a
// record that does not parse, reading resumes at the line after the record's first line. Keys
// that first appear after the inference sample are ignored (the schema is fixed at open).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "s3c/formats/batch_io.h"
#include "s3c/formats/inference.h"
#include "s3c/io/streams.h"

namespace s3c::formats {

enum class JsonFormat {
  kAuto,       // '[' first: array of objects; otherwise a stream of values (JSONL / concatenated)
  kJson,       // same detection as kAuto
  kJsonLines,  // a stream of values; a top-level array is a bad record
};

enum class JsonSchemaMode {
  kInfer,       // inferred from the first inference.max_rows records
  kFull,        // exactly `schema`; keys not in it are ignored
  kPartial,     // inferred, then `schema`'s fields replace (or are appended to) the inferred ones
  kAllStrings,  // inferred column names, every column string (nested values as JSON text)
};

struct JsonReadOptions {
  std::string object_name;  // for errors and RejectedRecord::object
  JsonFormat format = JsonFormat::kAuto;
  int64_t batch_rows = 64 * 1024;
  InferenceOptions inference;  // max_rows = records sampled (-1: the whole input)
  JsonSchemaMode schema_mode = JsonSchemaMode::kInfer;
  std::shared_ptr<Schema> schema;  // kFull, kPartial
  bool flatten = false;
  int flatten_max_depth = 8;  // nested object levels turned into dotted names
  int max_depth = 512;        // nesting limit of the parser
  int64_t max_record_bytes = 64 << 20;
  // Accept the bare words NaN, Infinity and -Infinity as float numbers (not RFC 8259, but
  // what Python's json module, DuckDB and the s3c JSON writer produce). Off: they are errors.
  bool non_finite_tokens = true;
  BadRecordOptions bad_records;
  // Parsing threads; 0 = all cores (the shared CPU pool's size), 1 = the caller's thread only.
  // With more than one, a stream of values (JSON Lines, concatenated documents) or the
  // elements of a top-level array are cut after newlines into chunks of about
  // parallel_chunk_bytes, parsed by threads - 1 pool tasks and the caller's thread, and emitted
  // in input order; a record spread over lines across a cut makes the rest of the object read
  // on the caller's thread (json_parallel.h). Rows, types, errors, line numbers, byte offsets,
  // rejected records and counts are the same as with one thread; batches hold at most
  // batch_rows rows and end at chunk ends, so when a read fails midway (kFail, max_errors) the
  // rows and rejected records before the error may be fewer or more than with one thread.
  // At most 2 * threads chunks are held; when at most parallel_chunk_bytes are left after the
  // inference sample, the caller's thread reads them.
  int threads = 0;
  size_t parallel_chunk_bytes = size_t{4} << 20;
};

// Reads the schema (inferring it when needed) and returns the reader. `input` is already
// decompressed. Fails with InvalidArgument on a bad option or a record error under kFail.
Result<std::unique_ptr<BatchReader>> OpenJsonReader(std::unique_ptr<InputStream> input,
                                                    JsonReadOptions options);

}  // namespace s3c::formats
