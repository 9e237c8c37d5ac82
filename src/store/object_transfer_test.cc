// Transfers (object_transfer.h, tree_transfer.h) against the loopback RGW server and local
// folders: each direction, the server-side copy across buckets and its request count, the
// recursive copy with failing objects, cancellation, and that a failed transfer publishes
// nothing (no file, no object).
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "s3c/store/object_transfer.h"
#include "s3c/store/store_resolver.h"
#include "s3c/store/tree_transfer.h"
#include "support/rgw_stack.h"

namespace s3c {
namespace {

std::string Pattern(size_t n, int seed) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 131 + i / 4099 + seed) & 0xff);
  return s;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const std::string& path, const std::string& data) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << data;
}

class ObjectTransferTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rgw_ = testing::LoadRgwSettings();
    if (!rgw_) GTEST_SKIP() << testing::RgwUnavailableReason();
    StoreResolverOptions o;
    o.s3 = testing::RgwStackOptions(*rgw_);
    o.s3.concurrency = 4;
    auto r = StoreResolver::Make(o, testing::IsolatedAwsEnv());
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    resolver_ = std::move(r).value();
    prefix_ = testing::UniqueName("xfer");
  }

  StoreLocation At(const std::string& uri) {
    auto loc = resolver_->Resolve(uri);
    EXPECT_TRUE(loc.ok()) << uri << ": " << loc.status().ToString();
    return loc.ok() ? *loc : StoreLocation{};
  }
  // "s3://<test bucket>/<prefix>/<rest>"
  std::string S3(const std::string& rest) {
    return "s3://" + rgw_->bucket + "/" + prefix_ + "/" + rest;
  }
  ObjectStore& Bucket() { return *At("s3://" + rgw_->bucket + "/").store; }
  std::string Key(const std::string& rest) { return prefix_ + "/" + rest; }
  uint64_t Requests(const std::string& op) { return resolver_->RequestStatistics().requests[op]; }

  // Plans and runs one object's transfer, counting the bytes reported.
  Status Copy(const std::string& from, const std::string& to, uint64_t* bytes = nullptr) {
    StoreLocation src = At(from);
    StoreLocation dst = At(to);
    S3C_ASSIGN_OR_RETURN(TransferItem item, PlanObjectTransfer(src, dst));
    std::atomic<uint64_t> seen{0};
    TransferCallbacks cb;
    cb.on_bytes = [&seen](uint64_t n) { seen += n; };
    Status st = TransferObject(src, dst, item, cb);
    if (bytes != nullptr) *bytes = seen;
    return st;
  }

  std::optional<testing::RgwSettings> rgw_;
  std::unique_ptr<StoreResolver> resolver_;
  std::string prefix_;
  testing::TempDir dir_;
};

TEST_F(ObjectTransferTest, LocalToS3AndBackInBothDownloadWays) {
  // 3 MiB goes the streamed way; 17 MiB (above one 16 MiB range) the offset-write way.
  for (size_t size : {size_t{3} << 20, size_t{17} << 20}) {
    SCOPED_TRACE(size);
    const std::string data = Pattern(size, static_cast<int>(size >> 20));
    const std::string name = "f" + std::to_string(size) + ".bin";
    WriteFile(dir_.path() + "/up/" + name, data);
    uint64_t bytes = 0;
    Status up = Copy(dir_.path() + "/up/" + name, S3("in/"), &bytes);
    ASSERT_TRUE(up.ok()) << up.ToString();
    EXPECT_EQ(bytes, size);
    EXPECT_EQ(Bucket().Stat(Key("in/" + name))->size, size);

    uint64_t heads_before = Requests("HeadObject");
    Status down = Copy(S3("in/" + name), dir_.path() + "/down/" + name, &bytes);
    ASSERT_TRUE(down.ok()) << down.ToString();
    EXPECT_EQ(bytes, size);
    EXPECT_EQ(ReadFile(dir_.path() + "/down/" + name), data);
    EXPECT_EQ(Requests("HeadObject"), heads_before);  // a download sends no HEAD
  }
}

TEST_F(ObjectTransferTest, DownloadOfAMissingObjectCreatesNoFileAndNoFolder) {
  std::string dst = dir_.path() + "/new/sub/x.bin";
  Status st = Copy(S3("missing.bin"), dst);
  EXPECT_EQ(st.code(), StatusCode::kNotFound) << st.ToString();
  EXPECT_FALSE(std::filesystem::exists(dir_.path() + "/new"));
}

TEST_F(ObjectTransferTest, ServerSideCopyAcrossBucketsSendsOneHeadAndOneCopy) {
  std::string other = testing::UniqueName("copy-dst");
  ASSERT_TRUE(resolver_->CreateBucket(other).ok());
  const std::string data = Pattern(100000, 7);
  ASSERT_TRUE(Bucket().Put(Key("src.bin"), data).ok());
  uint64_t heads = Requests("HeadObject");
  uint64_t gets = Requests("GetObject");
  uint64_t bytes = 0;
  Status st = Copy(S3("src.bin"), "s3://" + other + "/copied/", &bytes);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(bytes, data.size());
  EXPECT_EQ(Requests("CopyObject"), 1u);
  EXPECT_EQ(Requests("HeadObject"), heads + 1);  // the plan's Stat; the copy reuses it
  EXPECT_EQ(Requests("GetObject"), gets);        // no byte went through the client
  ObjectStore& dst = *At("s3://" + other + "/").store;
  auto in = dst.OpenInput("copied/src.bin");
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  std::string back;
  while (true) {
    auto chunk = (*in)->ReadView(1 << 20);
    ASSERT_TRUE(chunk.ok());
    if (chunk->empty()) break;
    back.append(*chunk);
  }
  EXPECT_EQ(back, data);
  EXPECT_TRUE(dst.Delete("copied/src.bin").ok());
}

TEST_F(ObjectTransferTest, SourceShorterThanItsListingIsDataLossAndPublishesNothing) {
  const std::string data = Pattern(5000, 1);
  WriteFile(dir_.path() + "/short.bin", data);
  ASSERT_TRUE(Bucket().Put(Key("short.bin"), data).ok());
  StoreLocation local = At(dir_.path() + "/short.bin");
  StoreLocation s3 = At(S3("short.bin"));
  ObjectInfo stale = *Bucket().Stat(Key("short.bin"));

  // Streamed: local file -> S3, the listing said 10 bytes more.
  TransferItem up{"short.bin", stale, Key("published.bin")};
  up.src_info->size += 10;
  up.src_info->etag.clear();
  Status st = TransferObject(local, At(S3("")), up);
  EXPECT_EQ(st.code(), StatusCode::kDataLoss) << st.ToString();
  EXPECT_EQ(Bucket().Stat(Key("published.bin")).status().code(), StatusCode::kNotFound);

  // Offset writes: S3 -> local file, the listing said 20 MiB.
  TransferItem down{Key("short.bin"), stale, "out.bin"};
  down.src_info->size = 20u << 20;
  st = TransferObject(s3, At(dir_.path() + "/"), down);
  EXPECT_EQ(st.code(), StatusCode::kDataLoss) << st.ToString();
  EXPECT_FALSE(std::filesystem::exists(dir_.path() + "/out.bin"));
}

TEST_F(ObjectTransferTest, CancelledUploadPublishesNothing) {
  WriteFile(dir_.path() + "/big.bin", Pattern(12u << 20, 3));
  StoreLocation src = At(dir_.path() + "/big.bin");
  StoreLocation dst = At(S3("big.bin"));
  auto item = PlanObjectTransfer(src, dst);
  ASSERT_TRUE(item.ok()) << item.status().ToString();
  std::atomic<uint64_t> bytes{0};
  TransferCallbacks cb;
  cb.on_bytes = [&bytes](uint64_t n) { bytes += n; };
  cb.cancelled = [&bytes] { return bytes > 0; };  // after the first chunk
  Status st = TransferObject(src, dst, *item, cb);
  EXPECT_EQ(st.code(), StatusCode::kCancelled) << st.ToString();
  EXPECT_GT(bytes.load(), 0u);
  EXPECT_LT(bytes.load(), 12u << 20);
  EXPECT_EQ(Bucket().Stat(Key("big.bin")).status().code(), StatusCode::kNotFound);
}

class TreeTransferTest : public ObjectTransferTest {
 protected:
  // Five objects under <prefix>/tree/, a folder marker, and a sibling that shares the prefix.
  void PutTree() {
    for (const char* name : {"a", "b", "c/d", "e", "f"}) {
      std::string key = Key(std::string("tree/") + name);
      ASSERT_TRUE(Bucket().Put(key, std::string("data-") + name).ok());
    }
    ASSERT_TRUE(Bucket().Put(Key("tree/c/"), "").ok());  // folder marker
    ASSERT_TRUE(Bucket().Put(Key("treehouse/x"), "not under").ok());
  }
};

TEST_F(TreeTransferTest, PlanSkipsMarkersAndSiblingsAndMapsKeys) {
  PutTree();
  auto plan = PlanTreeTransfer(At(S3("tree")), At(dir_.path() + "/out/"));
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  std::set<std::string> dst_keys;
  for (const TransferItem& it : plan->items) {
    ASSERT_TRUE(it.src_info.has_value());
    dst_keys.insert(it.dst_key);
  }
  EXPECT_EQ(dst_keys, (std::set<std::string>{"a", "b", "c/d", "e", "f"}));
  EXPECT_EQ(plan->total_bytes, 4u * 6u + 8u);  // "data-<name>"
  EXPECT_EQ(PlanTreeTransfer(At(S3("nothing")), At(dir_.path() + "/")).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(PlanTreeTransfer(At(S3("tree")), At("-")).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(TreeTransferTest, FailedObjectsAreCountedFirstErrorWinsOthersAreCopied) {
  PutTree();
  StoreLocation src = At(S3("tree/"));
  StoreLocation dst = At(dir_.path() + "/out/");
  auto plan = PlanTreeTransfer(src, dst);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  // Gone after the listing: their downloads fail with NotFound.
  ASSERT_TRUE(Bucket().DeleteMany({Key("tree/b"), Key("tree/e")}).ok());
  std::vector<std::string> done;
  TransferCallbacks cb;
  cb.on_object_done = [&done](const TransferItem& it, const Status& st) {
    done.push_back(it.dst_key + (st.ok() ? ":ok" : ":failed"));
  };
  Status st = TransferTree(src, dst, *plan, 1, cb);  // one worker: "first" is b
  EXPECT_EQ(st.code(), StatusCode::kNotFound) << st.ToString();
  EXPECT_EQ(st.message().rfind("2 of 5 objects failed to copy; first: ", 0), 0u) << st.ToString();
  EXPECT_NE(st.ToString().find("tree/b"), std::string::npos) << st.ToString();  // its context
  EXPECT_EQ(done, (std::vector<std::string>{"a:ok", "b:failed", "c/d:ok", "e:failed", "f:ok"}));
  for (const char* name : {"a", "c/d", "f"}) {
    EXPECT_EQ(ReadFile(dir_.path() + "/out/" + name), std::string("data-") + name);
  }
  EXPECT_FALSE(std::filesystem::exists(dir_.path() + "/out/b"));
  EXPECT_FALSE(std::filesystem::exists(dir_.path() + "/out/e"));
}

TEST_F(TreeTransferTest, ManyWorkersCopyEverythingAndCancelStopsTheRest) {
  PutTree();
  StoreLocation src = At(S3("tree"));
  auto plan = PlanTreeTransfer(src, At(S3("copy/")));
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  std::atomic<int> ok{0};
  TransferCallbacks cb;
  cb.on_object_done = [&ok](const TransferItem&, const Status& st) { ok += st.ok(); };
  Status st = TransferTree(src, At(S3("copy/")), *plan, 8, cb);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(ok.load(), 5);
  EXPECT_EQ(Bucket().Stat(Key("copy/c/d"))->size, 8u);

  // Cancelled once the first object is done: one worker takes no further object.
  std::atomic<int> attempted{0};
  TransferCallbacks stop;
  stop.on_object_done = [&attempted](const TransferItem&, const Status&) { ++attempted; };
  stop.cancelled = [&attempted] { return attempted > 0; };
  st = TransferTree(src, At(dir_.path() + "/cancelled/"), *plan, 1, stop);
  EXPECT_EQ(st.code(), StatusCode::kCancelled) << st.ToString();
  EXPECT_EQ(attempted.load(), 1);
  EXPECT_FALSE(std::filesystem::exists(dir_.path() + "/cancelled/b"));
}

}  // namespace
}  // namespace s3c
