// The --stats FILE report: JSON with request counts per S3 operation, retries, bytes and time.
#pragma once

#include <string>

#include "s3c/common/status.h"
#include "s3c/dataset/read_pipeline_stats.h"
#include "s3c/formats/batch_io.h"
#include "s3c/store/store_resolver.h"

namespace s3c::cli {

// What a lake read's listing skipped (data commands only).
struct PruningReport {
  std::string plan;              // how the listing went: "flat listing", "walk 2 folder level(s)..."
  int64_t folders_pruned = 0;    // partition folders never listed
  int64_t objects_pruned = 0;    // listed objects whose partition values rule them out
  int64_t objects_filtered = 0;  // dropped by --exclude, --regex, sizes, modified times
  int64_t rows_filtered = 0;     // rows --where dropped
  formats::PruningCounters formats;  // Parquet row groups and pages skipped by statistics
  // The parallel scan (zeros when the objects were read one after another).
  dataset::ObjectPipelineStats scan;
};

// {"requests":{"GetObject":3,...},"total_requests":3,"retries":0,"bytes_downloaded":N,
//  "bytes_uploaded":N,"objects":N,"elapsed_seconds":1.25,"exit_code":0}, plus for data
// commands "pruning":{"plan":"...","folders_pruned":N,"objects_pruned":N,
// "objects_filtered":N,"rows_filtered":N,"row_groups_total":N,"row_groups_skipped":N,
// "pages_total":N,"pages_skipped":N} and "scan":{"peak_objects_in_flight":N,
// "peak_decoding":N,"peak_memory_bytes":N}.
std::string StatsJson(const StoreRequestStats& stats, uint64_t objects, double elapsed_seconds,
                      int exit_code, const PruningReport* pruning = nullptr);
Status WriteStatsFile(const std::string& path, const std::string& json);

}  // namespace s3c::cli
