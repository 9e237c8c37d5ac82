// What `s3c read` does around its rows: opening the dataset reader over a URI with the
// read flags (and the quarantine sink), and the run report printed to stderr at the end.
#pragma once

#include <memory>
#include <string>

#include "cli_context.h"
#include "read_options.h"
#include "s3c/dataset/dataset_input.h"
#include "s3c/dataset/lake_read.h"

namespace s3c::cli {

struct DataRun {
  std::unique_ptr<dataset::DatasetScan> reader;        // filtered and projected rows
  std::unique_ptr<dataset::QuarantineSink> quarantine;  // null unless --bad-records quarantine
  dataset::DiscoveredDataset listing;                   // what the listing found and pruned
  int64_t objects = 0;
};

Result<DataRun> OpenDataRun(CliContext& ctx, const std::string& uri, const ReadFlags& flags);

// Publishes the quarantine file and prints "N rows from M objects (K rejected, Q quarantined,
// F filtered)" plus schema drift to stderr unless --quiet. Rows never vanish without a line.
Status FinishDataRun(CliContext& ctx, DataRun& run, int64_t rows_out);

}  // namespace s3c::cli
