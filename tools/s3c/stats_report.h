// The --stats FILE report: JSON with request counts per S3 operation, retries, bytes and time.
#pragma once

#include <string>

#include "s3c/common/status.h"
#include "s3c/store/store_resolver.h"

namespace s3c::cli {

// {"requests":{"GetObject":3,...},"total_requests":3,"retries":0,"bytes_downloaded":N,
//  "bytes_uploaded":N,"objects":N,"elapsed_seconds":1.25,"exit_code":0}
std::string StatsJson(const StoreRequestStats& stats, uint64_t objects, double elapsed_seconds,
                      int exit_code);
Status WriteStatsFile(const std::string& path, const std::string& json);

}  // namespace s3c::cli
