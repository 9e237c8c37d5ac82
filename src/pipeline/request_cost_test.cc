#include "s3c/pipeline/request_cost.h"

#include <gtest/gtest.h>

namespace s3c::pipeline {
namespace {

TEST(RequestCostTest, TiersFollowS3Billing) {
  EXPECT_EQ(TierOf("PutObject"), RequestTier::kTier1);
  EXPECT_EQ(TierOf("UploadPart"), RequestTier::kTier1);
  EXPECT_EQ(TierOf("CompleteMultipartUpload"), RequestTier::kTier1);
  EXPECT_EQ(TierOf("ListObjectsV2"), RequestTier::kTier1);
  EXPECT_EQ(TierOf("ListMultipartUploads"), RequestTier::kTier1);
  EXPECT_EQ(TierOf("CopyObject"), RequestTier::kTier1);
  EXPECT_EQ(TierOf("GetObject"), RequestTier::kTier2);
  EXPECT_EQ(TierOf("HeadObject"), RequestTier::kTier2);
  EXPECT_EQ(TierOf("SomethingNew"), RequestTier::kTier2);
  EXPECT_EQ(TierOf("DeleteObjects"), RequestTier::kFree);
  EXPECT_EQ(TierOf("AbortMultipartUpload"), RequestTier::kFree);
}

TEST(RequestCostTest, DefaultPricesPerThousand) {
  RequestCost cost = EstimateRequestCost(
      {{"ListObjectsV2", 2000}, {"PutObject", 1000}, {"GetObject", 10000}, {"DeleteObjects", 7}});
  EXPECT_EQ(cost.tier1_requests, 3000u);
  EXPECT_EQ(cost.tier2_requests, 10000u);
  EXPECT_EQ(cost.free_requests, 7u);
  EXPECT_NEAR(cost.usd, 3 * 0.005 + 10 * 0.0004, 1e-12);
  RequestPrices ia{0.01, 0.001};
  EXPECT_NEAR(EstimateRequestCost({{"PutObject", 500}, {"HeadObject", 500}}, ia).usd,
              0.5 * 0.01 + 0.5 * 0.001, 1e-12);
  EXPECT_EQ(EstimateRequestCost({}).usd, 0.0);
}

}  // namespace
}  // namespace s3c::pipeline
