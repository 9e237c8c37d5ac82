// StateStore on the in-memory and local-folder stores: create once, then compare-and-swap;
// the loser of two saves from one loaded version publishes nothing; the conditional-write
// check passes on stores that honour the conditions and fails on one that ignores them.
#include "s3c/state/state_store.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "s3c/store/local_object_store.h"
#include "s3c/store/memory_object_store.h"
#include "support/forwarding_store.h"

namespace s3c::state {
namespace {

void CompareAndSwap(ObjectStore& store) {
  StateStore states(store, "state/p/s--d.json");
  auto none = states.Load();
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_FALSE(none->exists());
  auto first = states.Save(*none, "{\"n\":1}");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  // A second creator lost: the document exists now.
  auto late_create = states.Save(*none, "{\"n\":99}");
  EXPECT_EQ(late_create.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(late_create.status().message().find("saved by another run"), std::string::npos);
  auto loaded = states.Load();
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->text, "{\"n\":1}");
  EXPECT_EQ(loaded->etag, first->etag);
  // Two runs loaded this version: the first to save wins, the second is refused.
  auto winner = states.Save(*loaded, "{\"n\":2}");
  ASSERT_TRUE(winner.ok()) << winner.status().ToString();
  auto loser = states.Save(*loaded, "{\"n\":3}");
  EXPECT_EQ(loser.status().code(), StatusCode::kFailedPrecondition);
  auto now = states.Load();
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now->text, "{\"n\":2}");
  EXPECT_TRUE(states.CheckConditionalWrites("t1").ok());
  // The probe is gone.
  auto keys = store.ListAll(ListOptions{"state/", "", "", 0});
  ASSERT_TRUE(keys.ok());
  ASSERT_EQ(keys->size(), 1u);
  EXPECT_EQ(keys->front().key, "state/p/s--d.json");
}

TEST(StateStoreTest, CompareAndSwapInMemory) {
  MemoryObjectStore store("state");
  CompareAndSwap(store);
}

TEST(StateStoreTest, CompareAndSwapInALocalFolder) {
  const std::string root = ::testing::TempDir() + "/s3c-state-" + std::to_string(::getpid());
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(root);
  auto store = LocalObjectStore::Open(root);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  CompareAndSwap(**store);
  std::filesystem::remove_all(root);
}

// A store that ignores write conditions (as some S3-compatible servers do): forwards to a
// memory store, dropping If-Match from every Put, and If-None-Match too unless told to keep it.
class IgnoresConditions final : public testing::ForwardingStore {
 public:
  explicit IgnoresConditions(bool keeps_if_none_match = false)
      : ForwardingStore(memory_), keeps_if_none_match_(keeps_if_none_match) {}
  Result<std::string> Put(const std::string& key, std::string data,
                          const WriteOptions& o = {}) override {
    WriteOptions plain = o;
    plain.if_none_match = o.if_none_match && keeps_if_none_match_;
    plain.if_match.clear();
    return inner_.Put(key, std::move(data), plain);
  }

 private:
  // The base keeps a reference to it; it is constructed before any call reaches the base.
  MemoryObjectStore memory_{"ignores"};
  bool keeps_if_none_match_;
};

TEST(StateStoreTest, AStoreThatIgnoresConditionsIsRefused) {
  IgnoresConditions store;
  StateStore states(store, "s.json");
  Status st = states.CheckConditionalWrites("t2");
  EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(st.message().find("does not honour If-None-Match"), std::string::npos) << st.message();
  auto keys = store.ListAll(ListOptions{});
  ASSERT_TRUE(keys.ok());
  EXPECT_TRUE(keys->empty()) << "the probe is deleted";
  IgnoresConditions half(/*keeps_if_none_match=*/true);
  StateStore half_states(half, "s.json");
  st = half_states.CheckConditionalWrites("t3");
  EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(st.message().find("does not honour If-Match on PutObject (a replace of an older "
                              "version of mem://ignores/s.json.probe-t3 succeeded)"),
            std::string::npos)
      << st.message();
}

}  // namespace
}  // namespace s3c::state
