// One contract, every ObjectStore (include/s3c/store/object_store.h): the memory store, the
// local-folder store and the S3 store on the loopback RGW server pass the same tests. Where the
// S3 store's request costs are exact (s3_object_store.h), the tests assert them too.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>

#include "conformance/store_fixture.h"
#include "s3c/common/strings.h"

namespace s3c::testing {
namespace {

std::string Bytes(size_t n, uint32_t seed) {
  std::mt19937 gen(seed);
  std::string s(n, '\0');
  for (size_t i = 0; i < n; i += 4) {
    uint32_t v = gen();
    std::memcpy(s.data() + i, &v, std::min<size_t>(4, n - i));
  }
  return s;
}

class ObjectStoreConformance : public StoreParamTest {
 protected:
  std::string ReadAll(const std::string& key, ReadOptions options = {}) {
    auto in = store().OpenInput(K(key), options);
    EXPECT_TRUE(in.ok()) << in.status().ToString();
    if (!in.ok()) return "<open failed>";
    auto all = (*in)->ReadAll();
    EXPECT_TRUE(all.ok()) << all.status().ToString();
    return all.ok() ? *all : "<read failed>";
  }

  // Listed keys relative to the instance prefix; common prefixes end in '*'.
  std::vector<std::string> Listed(ListOptions options, std::vector<size_t>* pages = nullptr) {
    options.prefix = K(options.prefix);
    if (!options.start_after.empty()) options.start_after = K(options.start_after);
    std::vector<std::string> out;
    Status st = store().List(options, [&](const std::vector<ObjectInfo>& page) {
      EXPECT_FALSE(page.empty());
      if (pages) pages->push_back(page.size());
      for (const auto& o : page) {
        EXPECT_TRUE(StartsWith(o.key, instance_->prefix())) << o.key;
        EXPECT_EQ(o.is_prefix, EndsWith(o.key, "/")) << o.key;
        out.push_back(o.key.substr(instance_->prefix().size()) + (o.is_prefix ? "*" : ""));
      }
      return Status::OK();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return out;
  }

  void PutTree() {
    for (std::string key : {"x/y", "b", "a/d/e", "ab", "a/c", "a.txt", "a/b"}) PutOk(key, key);
  }
};

using Keys = std::vector<std::string>;

TEST_P(ObjectStoreConformance, PutStatGetRoundTrip) {
  auto etag = store().Put(K("dir/obj.bin"), "hello world");
  ASSERT_TRUE(etag.ok()) << etag.status().ToString();
  EXPECT_FALSE(etag->empty());
  auto info = store().Stat(K("dir/obj.bin"));
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->key, K("dir/obj.bin"));
  EXPECT_EQ(info->size, 11u);
  EXPECT_EQ(info->etag, *etag);
  EXPECT_FALSE(info->is_prefix);
  EXPECT_GT(info->last_modified.time_since_epoch().count(), 0);
  EXPECT_EQ(ReadAll("dir/obj.bin"), "hello world");
  auto listed = store().ListAll(ListOptions{K(""), "", "", 0});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].etag, *etag);
  EXPECT_EQ((*listed)[0].size, 11u);
  EXPECT_NE(store().UriFor(K("dir/obj.bin")).find("dir/obj.bin"), std::string::npos);
}

TEST_P(ObjectStoreConformance, EmptyObject) {
  PutOk("empty", "");
  EXPECT_EQ(store().Stat(K("empty"))->size, 0u);
  EXPECT_EQ(ReadAll("empty"), "");
  auto file = store().OpenRandomAccess(K("empty"));
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(*(*file)->Size(), 0u);
  EXPECT_EQ((*file)->ReadRange(0, 10).value_or("x"), "");
}

TEST_P(ObjectStoreConformance, MissingKeyIsNotFoundEverywhere) {
  PutOk("present", "x");
  const std::string missing = K("missing/key");
  EXPECT_EQ(store().Stat(missing).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().OpenInput(missing).status().code(), StatusCode::kNotFound);
  ReadOptions ranged;
  ranged.offset = 5;
  ranged.length = 0;
  EXPECT_EQ(store().OpenInput(missing, ranged).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().OpenRandomAccess(missing).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().Copy(missing, K("copy")).code(), StatusCode::kNotFound);
  EXPECT_EQ(store().Stat(K("copy")).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store().Delete(missing).ok());
  EXPECT_EQ(Listed({}), (Keys{"present"}));
}

TEST_P(ObjectStoreConformance, ListingOrderAndPrefix) {
  PutTree();
  ResetStats();
  std::vector<size_t> pages;
  EXPECT_EQ(Listed({}, &pages), (Keys{"a.txt", "a/b", "a/c", "a/d/e", "ab", "b", "x/y"}));
  EXPECT_EQ(pages, (std::vector<size_t>{3, 3, 1}));
  if (stats()) {
    EXPECT_EQ(Sent("ListObjectsV2"), 3u);  // ceil(7 / 3), sizes from the listing:
    EXPECT_EQ(Sent("HeadObject"), 0u);
    EXPECT_EQ(stats()->Snapshot().total_requests(), 3u);
  }
  EXPECT_EQ(Listed({"a/", "", "", 0}), (Keys{"a/b", "a/c", "a/d/e"}));
  EXPECT_EQ(Listed({"a", "", "", 0}), (Keys{"a.txt", "a/b", "a/c", "a/d/e", "ab"}));
  EXPECT_EQ(Listed({"zz", "", "", 0}), Keys{});
}

TEST_P(ObjectStoreConformance, DelimiterGivesCommonPrefixes) {
  PutTree();
  EXPECT_EQ(Listed({"", "/", "", 0}), (Keys{"a.txt", "a/*", "ab", "b", "x/*"}));
  EXPECT_EQ(Listed({"a/", "/", "", 0}), (Keys{"a/b", "a/c", "a/d/*"}));
  EXPECT_EQ(Listed({"a/d", "/", "", 0}), (Keys{"a/d/*"}));
  EXPECT_EQ(Listed({"a/d/", "/", "", 0}), (Keys{"a/d/e"}));
}

TEST_P(ObjectStoreConformance, StartAfter) {
  PutTree();
  EXPECT_EQ(Listed({"", "", "a/c", 0}), (Keys{"a/d/e", "ab", "b", "x/y"}));
  EXPECT_EQ(Listed({"", "", "a/c0", 0}), (Keys{"a/d/e", "ab", "b", "x/y"}));
  EXPECT_EQ(Listed({"", "", "x/y", 0}), Keys{});
  // A common prefix is listed only when it sorts after start_after (as S3 and RGW do).
  EXPECT_EQ(Listed({"", "/", "a", 0}), (Keys{"a.txt", "a/*", "ab", "b", "x/*"}));
  EXPECT_EQ(Listed({"", "/", "a/b", 0}), (Keys{"ab", "b", "x/*"}));
}

TEST_P(ObjectStoreConformance, MaxKeysAndPages) {
  PutTree();
  ResetStats();
  std::vector<size_t> pages;
  EXPECT_EQ(Listed({"", "", "", 4}, &pages), (Keys{"a.txt", "a/b", "a/c", "a/d/e"}));
  EXPECT_EQ(pages, (std::vector<size_t>{3, 1}));
  if (stats()) {
    EXPECT_EQ(Sent("ListObjectsV2"), 2u);
  }
  pages.clear();
  EXPECT_EQ(Listed({"", "/", "", 3}, &pages), (Keys{"a.txt", "a/*", "ab"}));
  EXPECT_EQ(pages, (std::vector<size_t>{3}));
}

TEST_P(ObjectStoreConformance, PageCallbackErrorStopsTheListing) {
  PutTree();
  ResetStats();
  int calls = 0;
  Status st = store().List(ListOptions{K(""), "", "", 0}, [&](const std::vector<ObjectInfo>&) {
    ++calls;
    return CancelledError("seen enough");
  });
  EXPECT_EQ(st.code(), StatusCode::kCancelled);
  EXPECT_EQ(st.message(), "seen enough");
  EXPECT_EQ(calls, 1);
  if (stats()) {
    EXPECT_EQ(Sent("ListObjectsV2"), 1u);
  }
}

TEST_P(ObjectStoreConformance, UnusualKeys) {
  Keys keys = {"with space/a b.txt", "unicode/\xC3\xA9t\xC3\xA9/\xE6\x97\xA5\xE6\x9C\xAC.csv",
               "plus/a+b",           "percent/100%25 %",
               "tilde/~user",        "mixed/=&?#;:@$,!'()*[]"};
  for (const auto& key : keys) {
    auto etag = store().Put(K(key), "v:" + key);
    ASSERT_TRUE(etag.ok()) << key << ": " << etag.status().ToString();
    EXPECT_EQ(store().Stat(K(key))->etag, *etag) << key;
    EXPECT_EQ(ReadAll(key), "v:" + key);
  }
  Keys sorted = keys;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(Listed({}), sorted);
  EXPECT_EQ(Listed({"plus/a+", "", "", 0}), (Keys{"plus/a+b"}));
  EXPECT_EQ(Listed({"percent/100%", "", "", 0}), (Keys{"percent/100%25 %"}));

  auto slashes = store().Put(K("double//slash"), "d");
  if (instance_->holds_empty_segments()) {
    ASSERT_TRUE(slashes.ok()) << slashes.status().ToString();
    EXPECT_EQ(ReadAll("double//slash"), "d");
    EXPECT_EQ(store().Stat(K("double/slash")).status().code(), StatusCode::kNotFound);
    EXPECT_EQ(Listed({"double/", "/", "", 0}), (Keys{"double//*"}));
    EXPECT_EQ(Listed({"double//", "", "", 0}), (Keys{"double//slash"}));
  } else {
    EXPECT_EQ(slashes.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(store().Stat(K("double//slash")).status().code(), StatusCode::kNotFound);
  }
  ASSERT_TRUE(store().DeleteMany(keys).ok());
}

TEST_P(ObjectStoreConformance, RangedReads) {
  const std::string data = "0123456789abcdefghij";
  PutOk("r", data);
  ReadOptions o;
  o.offset = 5;
  o.length = 7;
  EXPECT_EQ(ReadAll("r", o), "56789ab");
  o.length = 100;
  EXPECT_EQ(ReadAll("r", o), data.substr(5));
  o.offset = 20;
  o.length.reset();
  EXPECT_EQ(ReadAll("r", o), "");
  o.offset = 25;
  EXPECT_EQ(ReadAll("r", o), "");

  auto file = store().OpenRandomAccess(K("r"));
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(*(*file)->Size(), 20u);
  ResetStats();
  EXPECT_EQ((*file)->ReadRange(3, 4).value_or("?"), "3456");
  EXPECT_EQ((*file)->ReadRange(18, 10).value_or("?"), "ij");  // short at the end
  EXPECT_EQ((*file)->ReadRange(20, 10).value_or("?"), "");    // at and past the end
  EXPECT_EQ((*file)->ReadRange(99, 1).value_or("?"), "");
  EXPECT_EQ((*file)->ReadRange(0, 0).value_or("?"), "");
  if (stats()) {
    EXPECT_EQ(Sent("GetObject"), 2u);  // no request for empty ranges
    EXPECT_EQ(Sent("HeadObject"), 0u);
  }
}

TEST_P(ObjectStoreConformance, RandomAccessAfterReplaceIsAborted) {
  PutOk("v", "version one");
  auto listed = store().ListAll(ListOptions{K("v"), "", "", 0});
  ASSERT_TRUE(listed.ok() && listed->size() == 1);
  ObjectInfo known = (*listed)[0];
  ResetStats();
  auto file = store().OpenRandomAccess(K("v"), known);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  if (stats()) {
    EXPECT_EQ(Sent("HeadObject"), 0u);
  }  // the listing's ETag is enough
  EXPECT_EQ((*file)->ReadRange(0, 7).value_or("?"), "version");
  PutOk("v", "VERSION TWO!");
  auto read = (*file)->ReadRange(0, 7);
  EXPECT_EQ(read.status().code(), StatusCode::kAborted) << read.status().ToString();
  // Opened with the stale listing entry, reads fail the same way.
  auto stale = store().OpenRandomAccess(K("v"), known);
  ASSERT_TRUE(stale.ok());
  EXPECT_EQ((*stale)->ReadRange(0, 1).status().code(), StatusCode::kAborted);
  // A fresh open pins the new version; deleting it makes reads NotFound.
  auto fresh = store().OpenRandomAccess(K("v"));
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ((*fresh)->ReadRange(0, 7).value_or("?"), "VERSION");
  ASSERT_TRUE(store().Delete(K("v")).ok());
  EXPECT_EQ((*fresh)->ReadRange(0, 1).status().code(), StatusCode::kNotFound);
}

TEST_P(ObjectStoreConformance, StreamingReadOfAMultiChunkObject) {
  const std::string data = Bytes(20 << 20, 1);
  PutOk("big", data);
  ResetStats();
  auto in = store().OpenInput(K("big"));
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  std::string got;
  std::string buf((1 << 20) + 7, '\0');
  while (true) {
    auto n = (*in)->Read(buf.data(), buf.size());
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    if (*n == 0) break;
    got.append(buf.data(), *n);
  }
  EXPECT_EQ(got.size(), data.size());
  EXPECT_TRUE(got == data);
  if (stats()) {
    EXPECT_EQ(Sent("GetObject"), 5u);  // ranges ramp up: 1 + 2 + 4 + 8 + 5 MiB
    EXPECT_EQ(Sent("HeadObject"), 0u);
  }

  // More read-ahead sends the same requests; a window ramps up the same way from its offset.
  ReadOptions wide;
  wide.readahead_bytes = 32 << 20;
  ResetStats();
  EXPECT_TRUE(ReadAll("big", wide) == data);
  if (stats()) {
    EXPECT_EQ(Sent("GetObject"), 5u);
  }
  ReadOptions window;
  window.offset = 7 << 20;
  window.length = 10 << 20;
  ResetStats();
  EXPECT_TRUE(ReadAll("big", window) == data.substr(7 << 20, 10 << 20));
  if (stats()) {
    EXPECT_EQ(Sent("GetObject"), 4u);  // 1 + 2 + 4 + 3 MiB
  }

  // A reader that stops after the first MiB (a schema sample) costs one 1 MiB range and the
  // 2 MiB range read ahead of it, not two whole chunks.
  ResetStats();
  {
    auto head = store().OpenInput(K("big"));
    ASSERT_TRUE(head.ok()) << head.status().ToString();
    std::string sample((1 << 20) - 1, '\0');
    ASSERT_EQ((*head)->Read(sample.data(), sample.size()).value_or(0), sample.size());
  }
  if (stats()) {
    // The read-ahead range may be cancelled mid-body when the stream is dropped: at most.
    EXPECT_LE(Sent("GetObject"), 2u);
    EXPECT_LE(stats()->Snapshot().bytes_downloaded, uint64_t{3} << 20);
    EXPECT_GE(stats()->Snapshot().bytes_downloaded, uint64_t{1} << 20);
  }
}

TEST_P(ObjectStoreConformance, StreamPinnedToAnExpectedEtag) {
  auto etag = store().Put(K("p"), "pinned");
  ASSERT_TRUE(etag.ok());
  ReadOptions o;
  o.if_match = *etag;
  EXPECT_EQ(ReadAll("p", o), "pinned");
  PutOk("p", "changed!");
  auto in = store().OpenInput(K("p"), o);
  EXPECT_EQ(in.status().code(), StatusCode::kAborted) << in.status().ToString();
}

TEST_P(ObjectStoreConformance, WriterPublishesOnlyOnClose) {
  auto out = store().OpenOutput(K("w/out.txt"));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_TRUE((*out)->Write("hello ").ok());
  ASSERT_TRUE((*out)->Write("writer").ok());
  EXPECT_EQ(store().Stat(K("w/out.txt")).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Listed({}), Keys{});
  ASSERT_TRUE((*out)->Close().ok());
  EXPECT_EQ(ReadAll("w/out.txt"), "hello writer");
  EXPECT_FALSE((*out)->Write("more").ok());
}

TEST_P(ObjectStoreConformance, WriterDestroyedBeforeCloseLeavesNothing) {
  {
    auto out = store().OpenOutput(K("gone/small"));
    ASSERT_TRUE(out.ok());
    ASSERT_TRUE((*out)->Write("partial").ok());
  }
  ResetStats();
  {
    auto out = store().OpenOutput(K("gone/large"));
    ASSERT_TRUE(out.ok());
    ASSERT_TRUE((*out)->Write(Bytes(12 << 20, 2)).ok());  // past the multipart threshold
  }
  if (stats()) {
    EXPECT_EQ(Sent("CreateMultipartUpload"), 1u);
    EXPECT_EQ(Sent("AbortMultipartUpload"), 1u);
    EXPECT_EQ(Sent("CompleteMultipartUpload"), 0u);
  }
  {
    auto out = store().OpenOutput(K("gone/aborted"));
    ASSERT_TRUE(out.ok());
    ASSERT_TRUE((*out)->Write("x").ok());
    (*out)->Abort();
    (*out)->Abort();
    EXPECT_FALSE((*out)->Close().ok());
  }
  EXPECT_EQ(store().Stat(K("gone/small")).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().Stat(K("gone/large")).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Listed({}), Keys{});
}

// S3 lists a writer's multipart upload while it runs, and aborting it from outside fails the
// writer; the local and memory stores have no multipart uploads (none listed, none to abort).
TEST_P(ObjectStoreConformance, PendingUploadsOfAWriterInFlight) {
  auto out = store().OpenOutput(K("pending/big"));
  ASSERT_TRUE(out.ok());
  ASSERT_TRUE((*out)->Write(Bytes(12 << 20, 4)).ok());  // past the multipart threshold
  ResetStats();
  Result<std::vector<PendingUpload>> pending = store().ListPendingUploads(K(""));
  ASSERT_TRUE(pending.ok()) << pending.status().ToString();
  if (!stats()) {
    EXPECT_TRUE(pending->empty());
    Status refused = store().AbortPendingUpload(PendingUpload{K("pending/big"), "u1", {}});
    EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument) << refused.ToString();
    return;
  }
  EXPECT_EQ(Sent("ListMultipartUploads"), 1u);
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ((*pending)[0].key, K("pending/big"));
  EXPECT_FALSE((*pending)[0].upload_id.empty());
  EXPECT_GT((*pending)[0].initiated.time_since_epoch().count(), 0);
  ASSERT_TRUE(store().AbortPendingUpload((*pending)[0]).ok());
  ASSERT_TRUE(store().AbortPendingUpload((*pending)[0]).ok());  // already gone: not an error
  EXPECT_FALSE((*out)->Close().ok());
  EXPECT_EQ(store().Stat(K("pending/big")).status().code(), StatusCode::kNotFound);
  pending = store().ListPendingUploads(K(""));
  ASSERT_TRUE(pending.ok()) << pending.status().ToString();
  EXPECT_TRUE(pending->empty());
}

TEST_P(ObjectStoreConformance, MultipartWriteEqualsTheBytes) {
  const std::string data = Bytes(12 << 20, 3);
  ResetStats();
  auto out = store().OpenOutput(K("mp/obj"));
  ASSERT_TRUE(out.ok());
  for (size_t pos = 0; pos < data.size(); pos += (1 << 20) + 3) {
    ASSERT_TRUE(
        (*out)->Write(data.data() + pos, std::min<size_t>((1 << 20) + 3, data.size() - pos)).ok());
  }
  ASSERT_TRUE((*out)->Close().ok());
  if (stats()) {
    EXPECT_EQ(Sent("CreateMultipartUpload"), 1u);
    EXPECT_EQ(Sent("UploadPart"), 3u);  // 5 + 5 + 2 MiB
    EXPECT_EQ(Sent("CompleteMultipartUpload"), 1u);
    EXPECT_EQ(Sent("PutObject"), 0u);
  }
  EXPECT_EQ(store().Stat(K("mp/obj"))->size, data.size());
  EXPECT_TRUE(ReadAll("mp/obj") == data);

  ResetStats();
  auto small = store().OpenOutput(K("mp/small"));
  ASSERT_TRUE(small.ok());
  ASSERT_TRUE((*small)->Write(data.substr(0, 1 << 20)).ok());
  ASSERT_TRUE((*small)->Close().ok());
  if (stats()) {
    EXPECT_EQ(Sent("PutObject"), 1u);
    EXPECT_EQ(Sent("CreateMultipartUpload"), 0u);
  }
  EXPECT_TRUE(ReadAll("mp/small") == data.substr(0, 1 << 20));
}

// WriteOptions::on_published: the writer's Close() reports size and ETag as the publish
// answered them (S3: PutObject / CompleteMultipartUpload), equal to what a Stat says after, and
// costs no HEAD.
TEST_P(ObjectStoreConformance, PublishReportsSizeAndEtagWithoutAHead) {
  const std::string data = Bytes(12 << 20, 4);
  for (size_t size : {size_t{1000}, data.size()}) {  // one PutObject, then a multipart upload
    const std::string key = K("pub/" + std::to_string(size));
    std::vector<ObjectInfo> reported;
    WriteOptions options;
    options.on_published = [&](const ObjectInfo& info) { reported.push_back(info); };
    ResetStats();
    auto out = store().OpenOutput(key, options);
    ASSERT_TRUE(out.ok());
    ASSERT_TRUE((*out)->Write(data.data(), size).ok());
    EXPECT_TRUE(reported.empty()) << "reported before Close()";
    ASSERT_TRUE((*out)->Close().ok());
    if (stats()) EXPECT_EQ(Sent("HeadObject"), 0u);
    ASSERT_EQ(reported.size(), 1u);
    auto stat = store().Stat(key);
    ASSERT_TRUE(stat.ok());
    EXPECT_EQ(reported[0].key, key);
    EXPECT_EQ(reported[0].size, size);
    EXPECT_EQ(reported[0].etag, stat->etag) << size;
  }
  // A failed Close() (If-None-Match on an existing key) reports nothing.
  bool called = false;
  WriteOptions create;
  create.if_none_match = true;
  create.on_published = [&](const ObjectInfo&) { called = true; };
  auto again = store().OpenOutput(K("pub/1000"), create);
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE((*again)->Write("x").ok());
  EXPECT_EQ((*again)->Close().code(), StatusCode::kFailedPrecondition);
  EXPECT_FALSE(called);
}

TEST_P(ObjectStoreConformance, ConditionalPut) {
  WriteOptions create;
  create.if_none_match = true;
  auto first = store().Put(K("c"), "one", create);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto again = store().Put(K("c"), "two", create);
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition) << again.status().ToString();
  EXPECT_EQ(ReadAll("c"), "one");

  WriteOptions wrong;
  wrong.if_match = "0123456789abcdef0123456789abcdef";
  EXPECT_EQ(store().Put(K("c"), "two", wrong).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store().Put(K("nope"), "two", wrong).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store().Stat(K("nope")).status().code(), StatusCode::kNotFound);

  WriteOptions right;
  right.if_match = *first;
  auto second = store().Put(K("c"), "two", right);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_NE(*second, *first);
  EXPECT_EQ(ReadAll("c"), "two");
  EXPECT_EQ(store().Put(K("c"), "three", right).status().code(), StatusCode::kFailedPrecondition);

  // Through a writer, the condition is checked when it publishes.
  auto out = store().OpenOutput(K("c"), create);
  ASSERT_TRUE(out.ok());
  ASSERT_TRUE((*out)->Write("four").ok());
  EXPECT_EQ((*out)->Close().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReadAll("c"), "two");
}

TEST_P(ObjectStoreConformance, Copy) {
  PutOk("src/a", "copy me");
  ResetStats();
  ASSERT_TRUE(store().Copy(K("src/a"), K("dst/b")).ok());
  if (stats()) {
    EXPECT_EQ(Sent("CopyObject"), 1u);
  }
  EXPECT_EQ(ReadAll("dst/b"), "copy me");
  EXPECT_EQ(ReadAll("src/a"), "copy me");
  EXPECT_EQ(store().Stat(K("dst/b"))->size, 7u);
  PutOk("src/a", "changed");
  EXPECT_EQ(ReadAll("dst/b"), "copy me");
}

TEST_P(ObjectStoreConformance, DeleteManyPresentAndMissing) {
  PutTree();
  ResetStats();
  ASSERT_TRUE(store().DeleteMany({K("a/b"), K("missing"), K("a/d/e"), K("x/y"), K("x/zz")}).ok());
  if (stats()) {
    EXPECT_EQ(Sent("DeleteObjects"), 1u);
  }
  EXPECT_EQ(Listed({}), (Keys{"a.txt", "a/c", "ab", "b"}));
  EXPECT_EQ(Listed({"", "/", "", 0}), (Keys{"a.txt", "a/*", "ab", "b"}));
  EXPECT_TRUE(store().DeleteMany({}).ok());
}

INSTANTIATE_TEST_SUITE_P(Stores, ObjectStoreConformance, ::testing::Values("memory", "local", "s3"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace s3c::testing
