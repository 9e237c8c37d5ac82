// AddLakeFlags / BuildLakeReadOptions (read_options.h): the flags of reading a lake.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "read_options.h"
#include "s3c/common/strings.h"
#include "s3c/dataset/partitioning.h"

namespace s3c::cli {
namespace {

Result<std::optional<uint64_t>> ByteSizeFlag(std::string_view flag, const std::string& text) {
  if (text.empty()) return std::optional<uint64_t>();
  std::optional<uint64_t> size = ParseByteSize(text);
  if (!size) {
    return InvalidArgumentError(
        fmt::format("{} {}: give a size such as 500, 64KiB or 10MiB", flag, text));
  }
  return size;
}

Result<std::optional<WallTime>> InstantFlag(std::string_view flag, const std::string& text,
                                            WallTime now) {
  if (text.empty()) return std::optional<WallTime>();
  S3C_ASSIGN_OR_RETURN(WallTime t, PrefixError(fmt::format("{}: ", flag),
                                               dataset::ParseInstant(text, now)));
  return std::optional<WallTime>(t);
}

}  // namespace

void AddLakeFlags(CLI::App& cmd, ReadFlags& f) {
  auto* g = cmd.add_option_group("Lake: filter, partitions, listing");
  g->add_option("--where", f.where,
                "Keep rows where this SQL condition is true; also prunes partitions and "
                "Parquet row groups: \"dt >= '2024-03-01' AND amount > 10\"");
  g->add_option("--partitioning", f.partitioning,
                "hive (key=value folders), none, or a template such as '{year}/{month}/{day}'")
      ->capture_default_str();
  g->add_option("--partition-types", f.partition_types,
                "Types of partition columns: 'day:date,hour:int' (int, date, timestamp, string)");
  // One glob per --exclude (repeat the flag): a greedy list would swallow the URI after it.
  g->add_option("--exclude", f.exclude, "Skip keys matching this glob (repeatable)")
      ->allow_extra_args(false);
  g->add_option("--regex", f.regex, "Read only keys this regular expression (RE2) finds");
  g->add_option("--min-size", f.min_size, "Skip objects smaller than this (e.g. 1KiB)");
  g->add_option("--max-size", f.max_size, "Skip objects larger than this (e.g. 5GiB)");
  g->add_option("--modified-after", f.modified_after,
                "Only objects modified after this: 2024-03-05, 2024-03-05T10:00:00Z or 7d (ago)");
  g->add_option("--modified-before", f.modified_before, "Only objects modified before this");
  g->add_option("--max-files", f.max_files,
                "Fail before reading if the listing finds more objects than this");
  g->add_option("--max-bytes", f.max_bytes,
                "Fail before reading if the objects found hold more than this (e.g. 10GiB)");
  auto* p = cmd.add_option_group("Lake: parallel scan");
  p->add_option("--objects-in-flight", f.objects_in_flight,
                "Objects read at once (default: twice the cores, at least 4; 1 = one after "
                "another)")
      ->check(CLI::NonNegativeNumber);
  p->add_option("--decode-threads", f.decode_threads,
                "Objects decoded at once (default: the cores)")
      ->check(CLI::NonNegativeNumber);
  p->add_option("--memory", f.memory,
                "Read-ahead and decoded rows held ahead of the output (default 256MiB)");
  p->add_flag("--unordered", f.unordered,
              "Output rows as objects produce them instead of in object order");
}

Result<dataset::LakeReadOptions> BuildLakeReadOptions(const ReadFlags& f, WallTime now) {
  dataset::LakeReadOptions o;
  S3C_ASSIGN_OR_RETURN(o.scan.dataset, BuildReadOptions(f));
  o.scan.columns = SplitColumns(f.columns);
  o.scan.where = f.where;
  o.scan.eval = expr::EvalContext::At(now);
  S3C_ASSIGN_OR_RETURN(o.scan.dataset.partitioning, dataset::ParsePartitioning(f.partitioning));
  S3C_ASSIGN_OR_RETURN(o.scan.dataset.partitioning.types,
                       dataset::ParsePartitionTypes(f.partition_types));
  if (!f.partition_types.empty() &&
      o.scan.dataset.partitioning.kind == dataset::Partitioning::Kind::kNone) {
    return InvalidArgumentError("--partition-types needs partitions: drop --partitioning none");
  }
  o.objects.exclude = f.exclude;
  o.objects.regex = f.regex;
  S3C_ASSIGN_OR_RETURN(o.objects.min_size, ByteSizeFlag("--min-size", f.min_size));
  S3C_ASSIGN_OR_RETURN(o.objects.max_size, ByteSizeFlag("--max-size", f.max_size));
  S3C_ASSIGN_OR_RETURN(o.objects.modified_after,
                       InstantFlag("--modified-after", f.modified_after, now));
  S3C_ASSIGN_OR_RETURN(o.objects.modified_before,
                       InstantFlag("--modified-before", f.modified_before, now));
  if (f.max_files >= 0) o.limits.max_files = f.max_files;
  S3C_ASSIGN_OR_RETURN(o.limits.max_bytes, ByteSizeFlag("--max-bytes", f.max_bytes));
  dataset::ParallelReadOptions& parallel = o.scan.dataset.parallel;
  parallel.objects_in_flight = f.objects_in_flight;
  parallel.decode_threads = f.decode_threads;
  S3C_ASSIGN_OR_RETURN(std::optional<uint64_t> memory, ByteSizeFlag("--memory", f.memory));
  parallel.memory_bytes = memory.value_or(0);
  parallel.unordered = f.unordered;
  return o;
}

}  // namespace s3c::cli
