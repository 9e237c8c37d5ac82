#include "stats_report.h"

#include <fmt/format.h>

#include "output.h"
#include "s3c/io/local_file.h"

namespace s3c::cli {
namespace {

std::string PruningJson(const PruningReport& p) {
  return fmt::format(
      ",\"pruning\":{{\"plan\":{},\"folders_pruned\":{},\"objects_pruned\":{},"
      "\"objects_filtered\":{},\"rows_filtered\":{},\"row_groups_total\":{},"
      "\"row_groups_skipped\":{},\"pages_total\":{},\"pages_skipped\":{}}},"
      "\"scan\":{{\"peak_objects_in_flight\":{},\"peak_decoding\":{},\"peak_memory_bytes\":{}}}",
      JsonQuote(p.plan), p.folders_pruned, p.objects_pruned, p.objects_filtered,
      p.rows_filtered, p.formats.row_groups_total, p.formats.row_groups_skipped,
      p.formats.pages_total, p.formats.pages_skipped, p.scan.peak_objects_in_flight,
      p.scan.peak_decoding, p.scan.peak_memory_bytes);
}

}  // namespace

std::string StatsJson(const StoreRequestStats& s, uint64_t objects, double elapsed_seconds,
                      int exit_code, const PruningReport* pruning) {
  std::string requests;
  for (const auto& [op, n] : s.requests) {
    requests += fmt::format("{}{}:{}", requests.empty() ? "" : ",", JsonQuote(op), n);
  }
  return fmt::format(
      "{{\"requests\":{{{}}},\"total_requests\":{},\"retries\":{},\"bytes_downloaded\":{},"
      "\"bytes_uploaded\":{},\"objects\":{},\"elapsed_seconds\":{:.3f},\"exit_code\":{}{}}}\n",
      requests, s.total_requests, s.retries, s.bytes_downloaded, s.bytes_uploaded, objects,
      elapsed_seconds, exit_code, pruning == nullptr ? "" : PruningJson(*pruning));
}

Status WriteStatsFile(const std::string& path, const std::string& json) {
  S3C_ASSIGN_OR_RETURN(auto out, OpenLocalOutput(path));
  S3C_RETURN_IF_ERROR(out->Write(json));
  return out->Close();
}

}  // namespace s3c::cli
