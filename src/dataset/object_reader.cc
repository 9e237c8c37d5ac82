// FormatOf and OpenObjectReader (dataset_reader.h).
#include <fmt/format.h>

#include "s3c/dataset/dataset_reader.h"

namespace s3c::dataset {

Result<formats::FileFormat> FormatOf(const ObjectInfo& object,
                                     const std::optional<formats::FileFormat>& format) {
  if (format) return *format;
  std::optional<formats::FileFormat> from_name = formats::FormatFromName(object.key);
  if (!from_name) {
    return InvalidArgumentError(fmt::format(
        "{}: cannot tell the format from the name; give it (csv, tsv, json, jsonl, parquet, "
        "text)",
        object.key));
  }
  return *from_name;
}

Result<std::unique_ptr<formats::BatchReader>> OpenObjectReader(
    ObjectStore& store, const ObjectInfo& object, formats::FileFormat format,
    const formats::FormatReadOptions& options, size_t readahead_bytes) {
  formats::ReadSource source;
  source.name = store.UriFor(object.key);
  ObjectStore* s = &store;
  ObjectInfo info = object;
  source.open_input = [s, info, readahead_bytes]() {
    // One version of the object from the first byte to the last: the listed ETag, or (for a
    // key not looked at yet) the one the stream's first response gives.
    ReadOptions read;
    read.readahead_bytes = readahead_bytes;
    if (info.details_known) read.if_match = info.etag;
    return s->OpenInput(info.key, read);
  };
  // Without a listing entry the footer's suffix GET brings the size and the ETag (no HEAD).
  const uint64_t footer_guess = options.parquet.footer_guess;
  source.open_random_access = [s, info,
                               footer_guess]() -> Result<std::shared_ptr<RandomAccessFile>> {
    S3C_ASSIGN_OR_RETURN(auto file, s->OpenRandomAccess(info.key, info, footer_guess));
    return std::shared_ptr<RandomAccessFile>(std::move(file));
  };
  return formats::OpenFormatReader(source, format, options);
}

}  // namespace s3c::dataset
