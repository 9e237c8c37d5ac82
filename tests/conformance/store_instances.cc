#include "conformance/store_instances.h"

#include "s3c/s3/request_stats.h"
#include "s3c/s3/s3_stack.h"
#include "s3c/store/local_object_store.h"
#include "s3c/store/memory_object_store.h"
#include "s3c/store/s3_object_store.h"
#include "support/rgw_stack.h"

namespace s3c::testing {
namespace {

class MemoryInstance final : public StoreInstance {
 public:
  MemoryInstance() : store_(UniqueName("mem")) { store_.set_page_size(kPageSize); }
  ObjectStore& store() override { return store_; }

 private:
  MemoryObjectStore store_;
};

class LocalInstance final : public StoreInstance {
 public:
  LocalInstance() {
    auto store = LocalObjectStore::Open(dir_.path() + "/root");
    if (store.ok()) {
      store_ = std::move(*store);
      store_->set_page_size(kPageSize);
    }
  }
  ObjectStore& store() override { return *store_; }
  bool holds_empty_segments() const override { return false; }
  bool ok() const { return store_ != nullptr; }

 private:
  TempDir dir_;
  std::unique_ptr<LocalObjectStore> store_;
};

class S3Instance final : public StoreInstance {
 public:
  static std::unique_ptr<S3Instance> Make(const RgwSettings& rgw, std::string* error) {
    auto inst = std::unique_ptr<S3Instance>(new S3Instance());
    auto stack = S3Stack::Make(RgwStackOptions(rgw), IsolatedAwsEnv(), &inst->stats_);
    if (!stack.ok()) return Fail(stack.status(), error);
    inst->stack_ = std::move(*stack);
    auto client = inst->stack_->client();
    if (!client.ok()) return Fail(client.status(), error);
    S3ObjectStoreOptions store_options;
    store_options.list_page_size = static_cast<int>(kPageSize);
    store_options.part_size = kPartSize;
    store_options.multipart_threshold = kMultipartThreshold;
    store_options.read_chunk_size = kReadChunk;
    store_options.concurrency = 4;
    auto store = S3ObjectStore::Make(*client, rgw.bucket, store_options);
    if (!store.ok()) return Fail(store.status(), error);
    inst->store_ = std::move(*store);
    inst->prefix_ = UniqueName("store") + "/";
    return inst;
  }

  ~S3Instance() override {
    if (!store_) return;
    auto left = store_->ListAll(ListOptions{prefix_, "", "", 0});
    if (!left.ok()) return;
    std::vector<std::string> keys;
    for (const auto& o : *left) keys.push_back(o.key);
    store_->DeleteMany(keys).IgnoreError();
  }

  ObjectStore& store() override { return *store_; }
  std::string prefix() const override { return prefix_; }
  RequestStats* stats() override { return &stats_; }

 private:
  S3Instance() = default;
  static std::unique_ptr<S3Instance> Fail(const Status& st, std::string* error) {
    *error = st.ToString();
    return nullptr;
  }

  RequestStats stats_;
  std::unique_ptr<S3Stack> stack_;  // counts into stats_
  std::unique_ptr<S3ObjectStore> store_;
  std::string prefix_;
};

}  // namespace

std::unique_ptr<StoreInstance> MakeStoreInstance(const std::string& kind, std::string* skip_reason,
                                                 std::string* error) {
  if (kind == "memory") return std::make_unique<MemoryInstance>();
  if (kind == "local") {
    auto local = std::make_unique<LocalInstance>();
    if (!local->ok()) {
      *error = "could not open a local store in a temp folder";
      return nullptr;
    }
    return local;
  }
  auto rgw = LoadRgwSettings();
  if (!rgw) {
    *skip_reason = RgwUnavailableReason();
    return nullptr;
  }
  return S3Instance::Make(*rgw, error);
}

}  // namespace s3c::testing
