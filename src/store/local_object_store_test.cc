// Behaviour specific to the local folder store; the shared contract is in
// tests/conformance/object_store_conformance_test.cc.
#include "s3c/store/local_object_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "support/rgw_env.h"

namespace s3c {
namespace {

namespace fs = std::filesystem;

std::unique_ptr<LocalObjectStore> OpenStore(const std::string& root) {
  auto store = LocalObjectStore::Open(root);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(*store) : nullptr;
}

std::vector<std::string> Keys(ObjectStore& store, ListOptions o = {}) {
  std::vector<std::string> keys;
  auto all = store.ListAll(o);
  EXPECT_TRUE(all.ok()) << all.status().ToString();
  if (all.ok())
    for (const auto& i : *all) keys.push_back(i.key);
  return keys;
}

TEST(LocalObjectStoreTest, KeysMapToFilesUnderTheRoot) {
  testing::TempDir dir;
  auto store = OpenStore(dir.path() + "/root/");
  EXPECT_EQ(store->root(), dir.path() + "/root");
  ASSERT_TRUE(store->Put("a/b c.txt", "x").ok());
  std::ifstream in(dir.path() + "/root/a/b c.txt");
  std::string text;
  in >> text;
  EXPECT_EQ(text, "x");
  EXPECT_EQ(store->UriFor("a/b c.txt"), "file://" + dir.path() + "/root/a/b c.txt");
}

TEST(LocalObjectStoreTest, RefusesKeysAFolderCannotHold) {
  testing::TempDir dir;
  auto store = OpenStore(dir.path());
  for (std::string key : {"a//b", "/a", "a/", "a/../b", "./a", "", ".x.s3c-tmp-1"}) {
    auto put = store->Put(key, "x");
    EXPECT_EQ(put.status().code(), StatusCode::kInvalidArgument) << key;
    EXPECT_EQ(store->Stat(key).status().code(), StatusCode::kNotFound) << key;
  }
  ASSERT_TRUE(store->Put("b", "x").ok());
  EXPECT_EQ(store->Stat("a/../b").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store->DeleteMany({"a//b", "../escape"}).ok());
  EXPECT_EQ(Keys(*store), (std::vector<std::string>{"b"}));
}

TEST(LocalObjectStoreTest, FileAndFolderOfTheSameNameConflict) {
  testing::TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_TRUE(store->Put("a/b", "x").ok());
  EXPECT_FALSE(store->Put("a", "y").ok());
  EXPECT_EQ(store->Stat("a").status().code(), StatusCode::kNotFound);  // a folder, no object
  ASSERT_TRUE(store->Put("f", "x").ok());
  EXPECT_FALSE(store->Put("f/g", "y").ok());
}

TEST(LocalObjectStoreTest, NeverRenamesOverADeviceOrFifo) {
  testing::TempDir dir;
  auto store = OpenStore(dir.path());
  std::string fifo = dir.path() + "/pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto put = store->Put("pipe", "data");
  EXPECT_EQ(put.status().code(), StatusCode::kFailedPrecondition) << put.status().ToString();
  EXPECT_NE(put.status().message().find("not a regular file"), std::string::npos);
  EXPECT_TRUE(fs::is_fifo(fifo));                      // still the FIFO
  EXPECT_EQ(Keys(*store), std::vector<std::string>{});  // and no staging file left behind
}

TEST(LocalObjectStoreTest, ListingSkipsTempFilesAndEmptyFolders) {
  testing::TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_TRUE(store->Put("k", "x").ok());
  auto pending = store->OpenOutput("pending");
  ASSERT_TRUE(pending.ok());
  ASSERT_TRUE((*pending)->Write("partial").ok());
  fs::create_directories(dir.path() + "/empty/deeper");
  ListOptions o;
  o.delimiter = "/";
  EXPECT_EQ(Keys(*store, o), (std::vector<std::string>{"k"}));
  EXPECT_EQ(Keys(*store), (std::vector<std::string>{"k"}));
}

TEST(LocalObjectStoreTest, DeleteRemovesEmptiedFoldersButNotTheRoot) {
  testing::TempDir dir;
  auto store = OpenStore(dir.path() + "/root");
  ASSERT_TRUE(store->Put("a/b/c/d", "x").ok());
  ASSERT_TRUE(store->Put("a/keep", "x").ok());
  ASSERT_TRUE(store->Delete("a/b/c/d").ok());
  EXPECT_FALSE(fs::exists(dir.path() + "/root/a/b"));
  EXPECT_TRUE(fs::exists(dir.path() + "/root/a/keep"));
  ASSERT_TRUE(store->Delete("a/keep").ok());
  EXPECT_FALSE(fs::exists(dir.path() + "/root/a"));
  EXPECT_TRUE(fs::is_directory(dir.path() + "/root"));
}

TEST(LocalObjectStoreTest, EtagChangesOnEverySameSizeRewrite) {
  testing::TempDir dir;
  auto store = OpenStore(dir.path());
  std::set<std::string> etags;
  for (int i = 0; i < 20; ++i) {
    auto etag = store->Put("k", "same-size");
    ASSERT_TRUE(etag.ok());
    EXPECT_EQ(etag.value(), store->Stat("k")->etag);
    EXPECT_TRUE(etags.insert(*etag).second) << "ETag repeated after " << i << " writes";
  }
}

TEST(LocalObjectStoreTest, CreateOnlyIsAtomicAcrossThreads) {
  testing::TempDir dir;
  auto store = OpenStore(dir.path());
  std::atomic<int> won{0}, lost{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      WriteOptions o;
      o.if_none_match = true;
      auto r = store->Put("lock", "writer " + std::to_string(t), o);
      if (r.ok()) {
        ++won;
      } else if (r.status().code() == StatusCode::kFailedPrecondition) {
        ++lost;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(lost.load(), 7);
  EXPECT_EQ(Keys(*store), (std::vector<std::string>{"lock"}));  // no staging files left over
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

TEST(LocalObjectStoreTest, RootThatIsAFileIsRefused) {
  testing::TempDir dir;
  std::ofstream(dir.path() + "/file") << "x";
  auto store = LocalObjectStore::Open(dir.path() + "/file");
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(LocalObjectStore::Open("").status().code(), StatusCode::kInvalidArgument);
}

TEST(LocalObjectStoreTest, MissingRootListsNothingAndIsCreatedOnWrite) {
  testing::TempDir dir;
  auto store = OpenStore(dir.path() + "/not/yet");
  EXPECT_TRUE(Keys(*store).empty());
  ASSERT_TRUE(store->Put("k", "v").ok());
  EXPECT_EQ(Keys(*store), (std::vector<std::string>{"k"}));
}

}  // namespace
}  // namespace s3c
