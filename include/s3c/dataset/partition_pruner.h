// A PartitionPruner (partition_listing.h) from a filter's text (expr): the filter's AND terms
// that read only partition columns decide whether a folder can hold matching rows.
//
// Types: before the listing is complete a partition's final type is not known (it is inferred
// from every value, partitioning.h). A value typed on its own as T ends up either T or string
// (when other values disagree), so the pruner rules a folder out only when the filter is
// false under every such typing of the values known so far (an override fixes the type).
// Thread-safety: the pruner's may_match may run on several threads at once (bindings are cached
// under a lock).
#pragma once

#include <string>

#include "s3c/common/status.h"
#include "s3c/dataset/partition_listing.h"
#include "s3c/expr/evaluate.h"

namespace s3c::dataset {

// InvalidArgument when `where` does not parse. A filter that reads no column and is not
// constant still gives a pruner (it prunes nothing).
Result<PartitionPruner> MakePartitionPruner(const std::string& where,
                                            const Partitioning& partitioning,
                                            const expr::EvalContext& context);

}  // namespace s3c::dataset
