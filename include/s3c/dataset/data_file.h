// DataFile: one data file of a dataset that s3c wrote, as its commit record lists it
// (docs/architecture.md: write, "Commit protocol"). The writer's tasks return these; the commit
// publishes them; readers of a committed prefix read exactly the files the records claim.
// Shaped like a Delta Lake `add` action (path relative to the table root, partitionValues as
// strings with null for NULL, size, modificationTime in milliseconds, stats with numRecords,
// minValues, maxValues and nullCount), so a Delta log can later be written from the records.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "s3c/common/clock.h"

namespace s3c::dataset {

struct DataFile {
  // Key relative to the dataset root, '/'-separated, with the Hive folders as written
  // ("day=2024-01-05/part-00001-<run>.parquet"); the root is not part of it.
  std::string path;
  // The partition columns in partition_by order with their values unescaped; nullopt = NULL
  // (written as __HIVE_DEFAULT_PARTITION__). Empty for an unpartitioned dataset.
  std::vector<std::pair<std::string, std::optional<std::string>>> partition_values;
  uint64_t size = 0;   // bytes as stored (after compression)
  int64_t rows = 0;
  std::string etag;    // as the store returned it on publish ("" for stores without ETags)
  WallTime modification_time{};
  // Delta's stats JSON: {"numRecords":N,"minValues":{..},"maxValues":{..},"nullCount":{..}}
  // (columns without known bounds are left out of minValues / maxValues).
  std::string stats_json;
};

}  // namespace s3c::dataset
