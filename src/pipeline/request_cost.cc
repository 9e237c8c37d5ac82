// TierOf and EstimateRequestCost (request_cost.h).
#include "s3c/pipeline/request_cost.h"

#include <array>
#include <string_view>

namespace s3c::pipeline {

RequestTier TierOf(const std::string& operation) {
  // Writes and listings: PUT (objects, parts), COPY (objects, parts), POST (multipart create
  // and complete, DeleteObjects is a POST but billed as a delete), LIST (objects, uploads,
  // parts, buckets); creating a bucket is a PUT.
  static constexpr std::array<std::string_view, 10> kTier1 = {"PutObject",
                                                              "UploadPart",
                                                              "CopyObject",
                                                              "UploadPartCopy",
                                                              "CreateMultipartUpload",
                                                              "CompleteMultipartUpload",
                                                              "ListObjectsV2",
                                                              "ListMultipartUploads",
                                                              "ListParts",
                                                              "CreateBucket"};
  static constexpr std::array<std::string_view, 3> kFree = {"DeleteObjects", "DeleteObject",
                                                            "AbortMultipartUpload"};
  for (std::string_view name : kTier1) {
    if (operation == name) return RequestTier::kTier1;
  }
  for (std::string_view name : kFree) {
    if (operation == name) return RequestTier::kFree;
  }
  return RequestTier::kTier2;
}

RequestCost EstimateRequestCost(const std::map<std::string, uint64_t>& requests,
                                const RequestPrices& prices) {
  RequestCost cost;
  for (const auto& [operation, count] : requests) {
    switch (TierOf(operation)) {
      case RequestTier::kTier1:
        cost.tier1_requests += count;
        break;
      case RequestTier::kTier2:
        cost.tier2_requests += count;
        break;
      case RequestTier::kFree:
        cost.free_requests += count;
        break;
    }
  }
  cost.usd = static_cast<double>(cost.tier1_requests) / 1000.0 * prices.tier1_per_1000 +
             static_cast<double>(cost.tier2_requests) / 1000.0 * prices.tier2_per_1000;
  return cost;
}

double TransferCost(uint64_t bytes, const RequestPrices& prices) {
  return static_cast<double>(bytes) / static_cast<double>(1ull << 30) * prices.transfer_per_gb;
}

}  // namespace s3c::pipeline
