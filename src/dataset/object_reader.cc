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
    ReadOptions read;
    read.readahead_bytes = readahead_bytes;
    read.if_match = info.etag;  // one version of the object from the first byte to the last
    return s->OpenInput(info.key, read);
  };
  source.open_random_access = [s, info]() -> Result<std::shared_ptr<RandomAccessFile>> {
    S3C_ASSIGN_OR_RETURN(auto file, s->OpenRandomAccess(info.key, info));
    return std::shared_ptr<RandomAccessFile>(std::move(file));
  };
  return formats::OpenFormatReader(source, format, options);
}

}  // namespace s3c::dataset
