// Names of the data files a write task creates (docs/architecture.md: write).
//
// A run id starts with the run's UTC start time, so names made from it sort by time (the
// incremental "key" strategy reads a prefix in key order): "20261207T093012Z-" followed by 12
// random hex digits, e.g. 20261207T093012Z-3fa85f64b2c1. The time comes from the injected Clock,
// the digits from the injected Random.
//
// A file name template holds literal text and these tokens:
//   {run}        the run id
//   {task}       the task's index in the run, 5 digits (tasks of one run share the run id)
//   {part}       the task's file counter, 5 digits from 00000, in the order files are started
//   {uuid}       a random UUID (version 4 form)
//   {partition}  the partition folders' values joined by '-' ("" when not partitioned), escaped
//                as partition folders are (partition_path.h)
//   {ext}        the extension of the format and compression (".csv.gz", ".parquet");
//                appended at the end when the template does not place it
// "{{" and "}}" are literal braces. An unknown token, an unclosed brace, a '/' (a name is one
// path segment), a template without {part} or {uuid} (names must be unique within the run)
// and one without {run} (readers tell s3c's data files by the run id in their names:
// dataset::NameHoldsRunId) are InvalidArgument naming the template.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "s3c/codec/codec.h"
#include "s3c/common/clock.h"
#include "s3c/common/status.h"
#include "s3c/formats/format_registry.h"

namespace s3c::write {

// The default: sorts by run (time), then task, then file.
inline constexpr std::string_view kDefaultFileNameTemplate = "part-{run}-{task}-{part}{ext}";

std::string MakeRunId(const Clock& clock, Random& random);
// 32 random hex digits as 8-4-4-4-12 with the version 4 and variant bits set.
std::string MakeUuid(Random& random);

// ".csv", ".tsv", ".json", ".jsonl", ".parquet", plus the codec's extension for text formats
// (".gz", ".bz2", ".xz", ".zst", ".lz4", ".sz").
std::string DataFileExtension(formats::FileFormat format, Codec compression);

// What a name is made from, for one file.
struct FileNameFields {
  std::string run;
  int task = 0;
  int64_t part = 0;
  std::string partition;  // already escaped
  std::string extension;
};

class FileNameTemplate {
 public:
  // Parses and checks `text` ("" = kDefaultFileNameTemplate).
  static Result<FileNameTemplate> Parse(std::string_view text);

  // The name for `fields`; `random` serves {uuid}.
  std::string Render(const FileNameFields& fields, Random& random) const;

 private:
  enum class Token { kLiteral, kRun, kTask, kPart, kUuid, kPartition, kExt };
  struct Piece {
    Token token;
    std::string literal;
  };
  std::vector<Piece> pieces_;
};

}  // namespace s3c::write
