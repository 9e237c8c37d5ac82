// BuildLakeReadOptions (read_settings.h): the settings of reading a lake.
#include <fmt/format.h>

#include "s3c/common/strings.h"
#include "s3c/dataset/partitioning.h"
#include "s3c/expr/partition_filter.h"
#include "s3c/pipeline/read_settings.h"

namespace s3c::pipeline {
namespace {

Result<std::optional<WallTime>> InstantSetting(const SettingNames& n, std::string_view key,
                                               const std::string& text, WallTime now) {
  if (text.empty()) return std::optional<WallTime>();
  S3C_ASSIGN_OR_RETURN(WallTime t, n.Prefixed(key, dataset::ParseInstant(text, now)));
  return std::optional<WallTime>(t);
}

}  // namespace

Status CheckWhereSyntax(const std::string& where, const SettingNames& names,
                        std::string_view key) {
  if (where.empty()) return Status::OK();
  return names.Prefixed(key, expr::ColumnsRead(where)).status();
}

Result<dataset::LakeReadOptions> BuildLakeReadOptions(const ReadSettings& f, WallTime now,
                                                      const SettingNames& n) {
  dataset::LakeReadOptions o;
  S3C_ASSIGN_OR_RETURN(o.scan.dataset, BuildReadOptions(f, n));
  o.scan.columns = SplitColumns(f.columns);
  o.scan.where = f.where;
  S3C_RETURN_IF_ERROR(CheckWhereSyntax(f.where, n));
  o.scan.eval = expr::EvalContext::At(now);
  S3C_ASSIGN_OR_RETURN(o.scan.dataset.partitioning,
                       n.Blame("partitioning", dataset::ParsePartitioning(f.partitioning)));
  S3C_ASSIGN_OR_RETURN(o.scan.dataset.partitioning.types,
                       n.Blame("partition_types", dataset::ParsePartitionTypes(f.partition_types)));
  if (!f.partition_types.empty() &&
      o.scan.dataset.partitioning.kind == dataset::Partitioning::Kind::kNone) {
    return n.Error("partition_types",
                   fmt::format("{} needs partitions: drop {} none", n.Name("partition_types"),
                               n.Name("partitioning")));
  }
  o.objects.exclude = f.exclude;
  o.objects.regex = f.regex;
  S3C_ASSIGN_OR_RETURN(o.objects.min_size, ByteSizeSetting(n, "min_size", f.min_size));
  S3C_ASSIGN_OR_RETURN(o.objects.max_size, ByteSizeSetting(n, "max_size", f.max_size));
  S3C_ASSIGN_OR_RETURN(o.objects.modified_after,
                       InstantSetting(n, "modified_after", f.modified_after, now));
  S3C_ASSIGN_OR_RETURN(o.objects.modified_before,
                       InstantSetting(n, "modified_before", f.modified_before, now));
  if (f.max_files >= 0) o.limits.max_files = f.max_files;
  S3C_ASSIGN_OR_RETURN(o.limits.max_bytes, ByteSizeSetting(n, "max_bytes", f.max_bytes));
  dataset::ParallelReadOptions& parallel = o.scan.dataset.parallel;
  parallel.objects_in_flight = f.objects_in_flight;
  parallel.decode_threads = f.decode_threads;
  S3C_ASSIGN_OR_RETURN(std::optional<uint64_t> memory, ByteSizeSetting(n, "memory", f.memory));
  parallel.memory_bytes = memory.value_or(0);
  parallel.unordered = f.unordered;
  o.ignore_commits = f.ignore_commits;
  return o;
}

}  // namespace s3c::pipeline
