// What a run's S3 requests cost, estimated from the requests it made or plans (per operation,
// as StoreRequestStats counts them). S3 bills requests in two tiers, per 1,000 requests (S3
// Standard, US East (N. Virginia)): PUT, COPY, POST and LIST at $0.005 (tier 1); GET, HEAD and
// every other request at $0.0004 (tier 2); DELETE and the abort of a multipart upload are free.
// Other regions and storage classes price differently: the prices are settings, these are
// their defaults. Retried attempts are billed like first ones (the stats count attempts).
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace s3c::pipeline {

struct RequestPrices {
  double tier1_per_1000 = 0.005;   // PUT, COPY, POST, LIST
  double tier2_per_1000 = 0.0004;  // GET, HEAD, others
  // Data transfer out of S3 per GB (2^30 bytes, as AWS bills it). 0: reads from the same region
  // (S3 charges no transfer to EC2 in the bucket's region); set it for reads across regions or
  // out to the internet. Charged on the bytes the reads fetch (a plan's estimate).
  double transfer_per_gb = 0;
};

// The transfer price of `bytes` fetched.
double TransferCost(uint64_t bytes, const RequestPrices& prices);

enum class RequestTier { kTier1, kTier2, kFree };

// The tier of an S3 operation by its API name ("PutObject", "ListObjectsV2", ...). Unknown
// names are tier 2 ("all other requests").
RequestTier TierOf(const std::string& operation);

struct RequestCost {
  uint64_t tier1_requests = 0;
  uint64_t tier2_requests = 0;
  uint64_t free_requests = 0;
  double usd = 0;
};

RequestCost EstimateRequestCost(const std::map<std::string, uint64_t>& requests,
                                const RequestPrices& prices = {});

}  // namespace s3c::pipeline
