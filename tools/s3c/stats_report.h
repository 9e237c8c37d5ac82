// The --stats FILE report: JSON with request counts per S3 operation, retries, bytes and time.
#pragma once

#include <string>

#include "s3c/common/status.h"
#include "s3c/s3/request_stats.h"

namespace s3c::cli {

// {"requests":{"GetObject":3,...},"total_requests":3,"retries":0,"bytes_downloaded":N,
//  "bytes_uploaded":N,"objects":N,"elapsed_seconds":1.25,"exit_code":0}
std::string StatsJson(const RequestStatsSnapshot& stats, uint64_t objects, double elapsed_seconds,
                      int exit_code);
Status WriteStatsFile(const std::string& path, const std::string& json);

}  // namespace s3c::cli
