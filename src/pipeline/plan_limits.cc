// CheckPlanLimits (run_plan.h): a source's max_requests and max_cost_usd, judged on its plan
// before the run reads anything.
#include <fmt/format.h>

#include "s3c/common/strings.h"
#include "s3c/pipeline/run_plan.h"

namespace s3c::pipeline {

Status CheckPlanLimits(const PipelineFile& file, const PipelineSpec& spec,
                       StoreResolver& stores, WallTime now, const ListingNarrower& narrow) {
  const SourceSpec* source = file.FindSource(spec.from);
  if (source == nullptr) return NotFoundError("pipeline " + spec.name + ": no source " + spec.from);
  const ReadSettings& limits = source->read;
  if (limits.max_requests < 0 && limits.max_cost_usd < 0) return Status::OK();
  S3C_ASSIGN_OR_RETURN(SourcePlan plan, PlanPipelineSource(file, spec, stores, now, narrow));
  RequestCounts planned = plan.listing;
  for (const auto& [op, n] : plan.reads) planned[op] += n;
  uint64_t requests = 0;
  for (const auto& [op, n] : planned) requests += n;
  if (limits.max_requests >= 0 && requests > static_cast<uint64_t>(limits.max_requests)) {
    return FailedPreconditionError(fmt::format(
        "source {}: the plan makes {} requests; max_requests is {}: nothing was read",
        source->name, FormatCount(requests),
        FormatCount(static_cast<uint64_t>(limits.max_requests))));
  }
  const double usd = EstimateRequestCost(planned, file.prices).usd +
                     TransferCost(plan.read_bytes, file.prices);
  if (limits.max_cost_usd >= 0 && usd > limits.max_cost_usd) {
    return FailedPreconditionError(fmt::format(
        "source {}: the plan costs ${:.6f}; max_cost_usd is {:.6f}: nothing was read", source->name,
        usd, limits.max_cost_usd));
  }
  return Status::OK();
}

}  // namespace s3c::pipeline
