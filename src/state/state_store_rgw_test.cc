// StateStore on the loopback RGW server: RGW honours If-None-Match and If-Match on PutObject
// (the conditional-write check passes), and of two runs saving over one loaded version exactly
// one wins.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "s3c/state/state_store.h"
#include "s3c/store/store_resolver.h"
#include "support/rgw_stack.h"

namespace s3c::state {
namespace {

class StateStoreRgwTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto rgw = testing::LoadRgwSettings();
    if (!rgw) GTEST_SKIP() << testing::RgwUnavailableReason();
    StoreResolverOptions options;
    options.s3 = testing::RgwStackOptions(*rgw);
    auto stores = StoreResolver::Make(options, testing::IsolatedAwsEnv());
    ASSERT_TRUE(stores.ok()) << stores.status().ToString();
    stores_ = std::move(*stores);
    auto loc = stores_->Resolve("s3://" + rgw->bucket + "/" + testing::UniqueName("state") + "/");
    ASSERT_TRUE(loc.ok()) << loc.status().ToString();
    store_ = loc->store;
    prefix_ = loc->key;
  }

  std::unique_ptr<StoreResolver> stores_;
  ObjectStore* store_ = nullptr;
  std::string prefix_;
};

TEST_F(StateStoreRgwTest, RgwHonoursBothConditions) {
  StateStore states(*store_, prefix_ + "p.json");
  Status st = states.CheckConditionalWrites("probe");
  EXPECT_TRUE(st.ok()) << st.ToString();
  const StoreRequestStats before = stores_->RequestStatistics();
  auto none = states.Load();
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_FALSE(none->exists());
  auto created = states.Save(*none, "{\"n\":1}");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  auto loaded = states.Load();
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->text, "{\"n\":1}");
  EXPECT_EQ(loaded->etag, created->etag);
  // A load is one GET (absent or present), a save one PUT; no HEAD.
  const StoreRequestStats after = stores_->RequestStatistics();
  auto sent = [&](const char* op) {
    auto count = [op](const StoreRequestStats& s) {
      auto it = s.requests.find(op);
      return it == s.requests.end() ? uint64_t{0} : it->second;
    };
    return count(after) - count(before);
  };
  EXPECT_EQ(sent("GetObject"), 2u);
  EXPECT_EQ(sent("PutObject"), 1u);
  EXPECT_EQ(sent("HeadObject"), 0u);
}

TEST_F(StateStoreRgwTest, OfEightRunsSavingOverOneVersionExactlyOneWins) {
  StateStore states(*store_, prefix_ + "race.json");
  auto none = states.Load();
  ASSERT_TRUE(none.ok());
  auto v1 = states.Save(*none, "{\"n\":0}");
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
  std::atomic<int> won{0}, refused{0}, other{0};
  std::vector<std::thread> runs;
  for (int i = 0; i < 8; ++i) {
    runs.emplace_back([&, i] {
      auto saved = states.Save(*v1, "{\"n\":" + std::to_string(i + 1) + "}");
      if (saved.ok()) {
        ++won;
      } else if (saved.status().code() == StatusCode::kFailedPrecondition) {
        ++refused;
      } else {
        ++other;
      }
    });
  }
  for (auto& t : runs) t.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(refused.load(), 7);
  EXPECT_EQ(other.load(), 0);
}

}  // namespace
}  // namespace s3c::state
