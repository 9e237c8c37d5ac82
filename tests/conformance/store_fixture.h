// The fixture of the suites that run against every ObjectStore: the test parameter names the
// instance ("memory", "local", "s3"); the S3 one skips, with the reason, when no RGW server runs.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>

#include "conformance/store_instances.h"

namespace s3c::testing {

// `n` pseudo-random bytes from `seed` (every byte value occurs).
inline std::string RandomBytes(size_t n, uint32_t seed) {
  std::mt19937 gen(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(gen());
  return s;
}

class StoreParamTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string skip, error;
    instance_ = MakeStoreInstance(GetParam(), &skip, &error);
    if (!instance_ && !skip.empty()) GTEST_SKIP() << skip;
    ASSERT_NE(instance_, nullptr) << error;
  }

  ObjectStore& store() { return instance_->store(); }
  void PutOk(const std::string& key, const std::string& data) {
    auto r = store().Put(K(key), data);
    ASSERT_TRUE(r.ok()) << key << ": " << r.status().ToString();
  }
  std::string K(const std::string& key) const { return instance_->prefix() + key; }
  RequestStats* stats() { return instance_->stats(); }
  void ResetStats() {
    if (stats()) stats()->Reset();
  }
  // Requests of `op` since ResetStats(); meaningful only when stats() is set.
  uint64_t Sent(const std::string& op) {
    auto snap = stats()->Snapshot();
    auto it = snap.requests.find(op);
    return it == snap.requests.end() ? 0 : it->second;
  }

  std::unique_ptr<StoreInstance> instance_;
};

}  // namespace s3c::testing
