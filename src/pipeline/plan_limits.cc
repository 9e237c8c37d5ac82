// SourceLimitsCheck (run_plan.h): a source's max_requests and max_cost_usd, judged on the
// run's own listing before it reads anything.
#include <fmt/format.h>

#include "s3c/common/strings.h"
#include "s3c/pipeline/run_plan.h"

namespace s3c::pipeline {
namespace {

Status JudgeLimits(const PipelineFile& file, const SourceSpec& source, const SourcePlan& plan) {
  const ReadSettings& limits = source.read;
  RequestCounts planned = plan.listing;
  for (const auto& [op, n] : plan.reads) planned[op] += n;
  uint64_t requests = 0;
  for (const auto& [op, n] : planned) requests += n;
  if (limits.max_requests >= 0 && requests > static_cast<uint64_t>(limits.max_requests)) {
    return FailedPreconditionError(fmt::format(
        "source {}: the plan makes {} requests; max_requests is {}: nothing was read", source.name,
        FormatCount(requests), FormatCount(static_cast<uint64_t>(limits.max_requests))));
  }
  const double usd = EstimateRequestCost(planned, file.prices).usd +
                     TransferCost(plan.read_bytes, file.prices);
  if (limits.max_cost_usd >= 0 && usd > limits.max_cost_usd) {
    return FailedPreconditionError(
        fmt::format("source {}: the plan costs ${:.6f}; max_cost_usd is {:.6f}: nothing was read",
                    source.name, usd, limits.max_cost_usd));
  }
  return Status::OK();
}

}  // namespace

dataset::LakeReadOptions::BeforeScan SourceLimitsCheck(const PipelineFile& file,
                                                       const SourceSpec& source,
                                                       const SourceReadSpec& read,
                                                       StoreResolver& stores,
                                                       RequestCounts listing_from) {
  if (source.read.max_requests < 0 && source.read.max_cost_usd < 0) return nullptr;
  return [&file, &source, read, &stores, from = std::move(listing_from)](
             const dataset::DatasetInput& input, const dataset::DiscoveredDataset& listing) {
    SourcePlan plan;
    plan.listing = Sent(from, stores.RequestStatistics().requests);
    SourceReadSpec spec = read;
    spec.root_prefix = listing.root_prefix;
    S3C_RETURN_IF_ERROR(PlanSource(*input.store, listing.objects, spec, plan));
    return JudgeLimits(file, source, plan);
  };
}

}  // namespace s3c::pipeline
