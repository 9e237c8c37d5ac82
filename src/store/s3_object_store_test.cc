// S3ObjectStore against a scripted S3Client: failure paths and bounds that RGW cannot be made
// to show on demand (a part upload failing, refused deletes, completion order of async reads).
// The shared contract runs against RGW in tests/conformance/.
#include "s3c/store/s3_object_store.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>

namespace s3c {
namespace {

std::string Drain(BodySource& body) {
  std::string out;
  char buf[4096];
  while (true) {
    auto n = body.Read(buf, sizeof(buf));
    if (!n.ok() || *n == 0) return out;
    out.append(buf, *n);
  }
}

// An in-memory S3 whose async calls complete on a worker thread, newest first.
class FakeS3Client final : public S3Client {
 public:
  FakeS3Client() : worker_([this] { Work(); }) {}
  ~FakeS3Client() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    worker_.join();
  }

  const S3ClientOptions& options() const override { return options_; }

  Result<ListObjectsPage> ListObjectsV2(const ListObjectsRequest&) override {
    return UnimplementedError("list");
  }
  Result<HeadObjectResult> HeadObject(const std::string&, const std::string& key,
                                      const std::string& if_match) override {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = objects_.find(key);
    if (it == objects_.end()) return NotFoundError("NoSuchKey");
    if (!if_match.empty() && if_match != it->second.second) return FailedPreconditionError("412");
    HeadObjectResult r;
    r.size = it->second.first.size();
    r.etag = it->second.second;
    return r;
  }
  Result<GetObjectResult> GetObject(const GetObjectRequest& req) override {
    std::string data;
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++gets_;
      auto it = objects_.find(req.key);
      if (it == objects_.end()) return NotFoundError("NoSuchKey");
      if (!req.if_match.empty() && req.if_match != it->second.second) {
        return FailedPreconditionError("412 PreconditionFailed");
      }
      data = it->second.first;
      GetObjectResult r;
      r.etag = it->second.second;
      r.total_size = data.size();
      uint64_t first = req.range ? req.range->first : 0;
      uint64_t last =
          req.range ? std::min<uint64_t>(req.range->second, data.size() - 1) : data.size() - 1;
      if (first >= data.size()) return OutOfRangeError("416 InvalidRange");
      std::string body = data.substr(first, last - first + 1);
      r.content_length = body.size();
      if (req.sink) {
        S3C_RETURN_IF_ERROR(req.sink(body.data(), body.size()));
      } else {
        r.body = std::move(body);
      }
      return r;
    }
  }
  void GetObjectAsync(GetObjectRequest req,
                      std::function<void(Result<GetObjectResult>)> done) override {
    Enqueue(&gets_in_flight_, &max_gets_in_flight_,
            [this, req = std::move(req), done] { done(GetObject(req)); });
  }
  Result<std::string> PutObject(const std::string&, const std::string& key,
                                S3RequestBody body, const PutOptions& o) override {
    std::lock_guard<std::mutex> lock(mu_);
    ++puts_;
    auto it = objects_.find(key);
    if (o.if_none_match && it != objects_.end()) return FailedPreconditionError("412");
    if (!o.if_match.empty()) {
      if (it == objects_.end()) return NotFoundError("404 NoSuchKey");  // as AWS does
      if (it->second.second != o.if_match) return FailedPreconditionError("412");
    }
    std::string etag = "etag" + std::to_string(++etag_counter_);
    objects_[key] = {Drain(*body), etag};
    return etag;
  }
  Result<std::string> CreateMultipartUpload(const std::string&, const std::string&,
                                            const PutOptions&) override {
    std::lock_guard<std::mutex> lock(mu_);
    ++creates_;
    return std::string("upload-1");
  }
  void UploadPartAsync(const std::string&, const std::string&, const std::string&, int number,
                       S3RequestBody body,
                       std::function<void(Result<CompletedPart>)> done) override {
    Enqueue(&parts_in_flight_, &max_parts_in_flight_, [this, number, body, done] {
      std::string data = Drain(*body);
      {
        std::lock_guard<std::mutex> lock(mu_);
        part_sizes_[number] = data.size();
        if (number == fail_part_) {
          done(UnavailableError("injected part failure"));
          return;
        }
        parts_[number] = std::move(data);
      }
      done(CompletedPart{number, "p" + std::to_string(number), ""});
    });
  }
  Result<std::string> CompleteMultipartUpload(const std::string&, const std::string& key,
                                              const std::string&,
                                              const std::vector<CompletedPart>& parts,
                                              const PutOptions&) override {
    std::lock_guard<std::mutex> lock(mu_);
    ++completes_;
    std::string all;
    for (const auto& p : parts) all += parts_[p.part_number];
    objects_[key] = {all, "mp-etag"};
    return std::string("mp-etag");
  }
  Status AbortMultipartUpload(const std::string&, const std::string& key,
                              const std::string& upload_id) override {
    std::lock_guard<std::mutex> lock(mu_);
    ++aborts_;
    aborted_.push_back(key + "#" + upload_id);
    EXPECT_EQ(parts_in_flight_, 0) << "abort while parts are still in flight";
    return Status::OK();
  }
  // `pending_` (sorted by key, then upload id) after the markers, as S3 pages it.
  Result<ListUploadsPage> ListMultipartUploads(const ListUploadsRequest& req) override {
    std::lock_guard<std::mutex> lock(mu_);
    upload_lists_.push_back(req);
    ListUploadsPage page;
    for (const MultipartUpload& u : pending_) {
      if (u.key.compare(0, req.prefix.size(), req.prefix) != 0) continue;
      bool after = req.upload_id_marker.empty()
                       ? u.key > req.key_marker
                       : std::tie(u.key, u.upload_id) >
                             std::tie(req.key_marker, req.upload_id_marker);
      if (!after) continue;
      if (static_cast<int>(page.uploads.size()) == req.max_uploads) {
        page.is_truncated = true;
        page.next_key_marker = page.uploads.back().key;
        page.next_upload_id_marker = page.uploads.back().upload_id;
        break;
      }
      page.uploads.push_back(u);
    }
    return page;
  }
  Status CopyObject(const std::string&, const std::string&, const std::string&,
                    const std::string&, const std::optional<S3Object>&) override {
    return UnimplementedError("copy");
  }
  Result<std::vector<DeleteError>> DeleteObjects(const std::string&,
                                                 const std::vector<std::string>& keys) override {
    std::lock_guard<std::mutex> lock(mu_);
    delete_batches_.push_back(keys.size());
    std::vector<DeleteError> errors;
    for (const auto& k : keys) {
      if (refuse_.count(k)) {
        errors.push_back({k, "AccessDenied", "Access Denied"});
      } else {
        objects_.erase(k);
      }
    }
    return errors;
  }
  Status CreateBucket(const std::string&) override { return UnimplementedError(""); }
  Result<bool> BucketExists(const std::string&) override { return true; }
  Result<std::string> PresignGetObject(const std::string&, const std::string&,
                                       std::chrono::seconds) override {
    return UnimplementedError("");
  }

  void Set(const std::string& key, std::string data, std::string etag) {
    std::lock_guard<std::mutex> lock(mu_);
    objects_[key] = {std::move(data), std::move(etag)};
  }
  std::string Data(const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    return objects_.count(key) ? objects_[key].first : "<missing>";
  }

  S3ClientOptions options_;
  std::mutex mu_;
  std::map<std::string, std::pair<std::string, std::string>> objects_;
  std::map<int, std::string> parts_;
  std::map<int, size_t> part_sizes_;
  std::set<std::string> refuse_;
  std::vector<size_t> delete_batches_;
  std::vector<MultipartUpload> pending_;
  std::vector<ListUploadsRequest> upload_lists_;
  std::vector<std::string> aborted_;  // "key#upload_id"
  int fail_part_ = 0;
  int etag_counter_ = 0, gets_ = 0, puts_ = 0, creates_ = 0, completes_ = 0, aborts_ = 0;
  int gets_in_flight_ = 0, max_gets_in_flight_ = 0;
  int parts_in_flight_ = 0, max_parts_in_flight_ = 0;

 private:
  void Enqueue(int* in_flight, int* max_in_flight, std::function<void()> fn) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      *max_in_flight = std::max(*max_in_flight, ++*in_flight);
      queue_.push_back([this, in_flight, fn = std::move(fn)] {
        {
          std::lock_guard<std::mutex> lock(mu_);
          --*in_flight;
        }
        fn();
      });
    }
    cv_.notify_all();
  }
  void Work() {
    std::unique_lock<std::mutex> lock(mu_);
    while (true) {
      cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
      if (queue_.empty()) return;
      auto fn = std::move(queue_.back());  // newest first: completions arrive out of order
      queue_.pop_back();
      lock.unlock();
      fn();
      lock.lock();
    }
  }

  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  bool stop_ = false;
  std::thread worker_;
};

std::string Pattern(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>('a' + (i * 7 + i / 251) % 26);
  return s;
}

std::unique_ptr<S3ObjectStore> MakeStore(FakeS3Client& client, S3ObjectStoreOptions o) {
  auto store = S3ObjectStore::Make(&client, "bkt", o);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return std::move(*store);
}

TEST(S3ObjectStoreTest, StreamingReadIsOrderedAndBounded) {
  FakeS3Client client;
  const std::string data = Pattern(1000);
  client.Set("k", data, "e1");
  S3ObjectStoreOptions o;
  o.read_chunk_size = 64;
  o.concurrency = 3;
  auto store = MakeStore(client, o);
  ReadOptions r;
  r.readahead_bytes = 64 * 10;  // 10 chunks wanted, concurrency caps at 3
  auto in = store->OpenInput("k", r);
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  auto all = (*in)->ReadAll();
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(*all, data);
  EXPECT_EQ(client.gets_, 16);  // ceil(1000 / 64)
  EXPECT_LE(client.max_gets_in_flight_, 3);
}

// The plan's count of a whole streaming read (WholeStreamReadRequests) is what the stream
// sends, across the ramp from 1 MiB up to the chunk size.
TEST(S3ObjectStoreTest, WholeStreamReadRequestsCountTheStreamsGets) {
  S3ObjectStoreOptions o;
  o.read_chunk_size = 4 << 20;
  for (uint64_t size : {uint64_t{1}, uint64_t{1} << 20, (uint64_t{1} << 20) + 1,
                        uint64_t{3} << 20, (uint64_t{7} << 20) + 5, uint64_t{20} << 20}) {
    FakeS3Client client;
    client.Set("k", Pattern(size), "e1");
    auto store = MakeStore(client, o);
    auto in = store->OpenInput("k");
    ASSERT_TRUE(in.ok()) << in.status().ToString();
    auto all = (*in)->ReadAll();
    ASSERT_TRUE(all.ok()) << all.status().ToString();
    ASSERT_EQ(all->size(), size);
    EXPECT_EQ(store->WholeStreamReadRequests(size),
              (std::map<std::string, uint64_t>{{"GetObject", static_cast<uint64_t>(client.gets_)}}))
        << size;
  }
  FakeS3Client client;
  auto store = MakeStore(client, o);
  // 1, 2 and 4 MiB, then 4 MiB ranges: 20 MiB is 1 + 2 + 4 + 4 x 3 + 1 -> 7 GETs.
  EXPECT_EQ(store->WholeStreamReadRequests(uint64_t{20} << 20).at("GetObject"), 7u);
  // An empty object: the first range is past its end (416), then a HEAD.
  EXPECT_EQ(store->WholeStreamReadRequests(0),
            (std::map<std::string, uint64_t>{{"GetObject", 1}, {"HeadObject", 1}}));
}

TEST(S3ObjectStoreTest, StreamingReadOfAReplacedObjectIsAborted) {
  FakeS3Client client;
  client.Set("k", Pattern(640), "e1");
  S3ObjectStoreOptions o;
  o.read_chunk_size = 64;
  auto store = MakeStore(client, o);
  ReadOptions r;
  r.readahead_bytes = 64;
  auto in = store->OpenInput("k", r);
  ASSERT_TRUE(in.ok());
  client.Set("k", Pattern(640), "e2");
  auto all = (*in)->ReadAll();
  EXPECT_EQ(all.status().code(), StatusCode::kAborted) << all.status().ToString();
  EXPECT_NE(all.status().message().find("e1"), std::string::npos);
}

TEST(S3ObjectStoreTest, AbandonedStreamWaitsForItsRequests) {
  FakeS3Client client;
  client.Set("k", Pattern(4096), "e1");
  S3ObjectStoreOptions o;
  o.read_chunk_size = 16;
  o.concurrency = 8;
  auto store = MakeStore(client, o);
  ReadOptions r;
  r.readahead_bytes = 16 * 8;
  {
    auto in = store->OpenInput("k", r);
    ASSERT_TRUE(in.ok());
    char c;
    ASSERT_EQ((*in)->Read(&c, 1).value_or(0), 1u);
  }
  std::lock_guard<std::mutex> lock(client.mu_);
  EXPECT_EQ(client.gets_in_flight_, 0);
}

TEST(S3ObjectStoreTest, MultipartPartsAreBoundedAndOrdered) {
  FakeS3Client client;
  S3ObjectStoreOptions o;
  o.part_size = 100;
  o.multipart_threshold = 250;
  o.concurrency = 2;
  auto store = MakeStore(client, o);
  const std::string data = Pattern(1050);
  auto out = store->OpenOutput("big");
  ASSERT_TRUE(out.ok());
  for (size_t pos = 0; pos < data.size(); pos += 33) {
    ASSERT_TRUE((*out)->Write(data.substr(pos, 33)).ok());
  }
  ASSERT_TRUE((*out)->Close().ok());
  EXPECT_EQ(client.Data("big"), data);
  EXPECT_EQ(client.creates_, 1);
  EXPECT_EQ(client.completes_, 1);
  EXPECT_EQ(client.puts_, 0);
  EXPECT_EQ(client.aborts_, 0);
  EXPECT_EQ(client.part_sizes_.size(), 11u);  // ten of 100 and the last 50
  EXPECT_EQ(client.part_sizes_[11], 50u);
  EXPECT_LE(client.max_parts_in_flight_, 2);
}

// What a writer holds (OutputStream::buffered_bytes) is known from its calls alone: the
// PutObject body below the threshold, then one buffer per part in flight (at most
// max_parts_in_flight) plus the part being filled, whether or not a part has landed yet.
TEST(S3ObjectStoreTest, BufferedBytesCountThePartBuffers) {
  FakeS3Client client;
  S3ObjectStoreOptions o;
  o.part_size = 100;
  o.multipart_threshold = 250;
  o.concurrency = 4;
  auto store = MakeStore(client, o);
  WriteOptions w;
  w.max_parts_in_flight = 2;
  std::vector<ObjectInfo> reported;
  w.on_published = [&](const ObjectInfo& info) { reported.push_back(info); };
  auto out = store->OpenOutput("big", w);
  ASSERT_TRUE(out.ok());
  ASSERT_TRUE((*out)->Write(Pattern(200)).ok());
  EXPECT_GE((*out)->buffered_bytes(), 200u);
  EXPECT_LE((*out)->buffered_bytes(), 400u);  // std::string growth: at most doubled
  ASSERT_TRUE((*out)->Write(Pattern(51)).ok());  // 251 bytes: the upload starts, 2 parts sent
  EXPECT_EQ((*out)->buffered_bytes(), 3 * 100u);  // two parts in flight at most, plus one
  ASSERT_TRUE((*out)->Write(Pattern(700)).ok());
  EXPECT_EQ((*out)->buffered_bytes(), 3 * 100u);
  ASSERT_TRUE((*out)->Close().ok());
  EXPECT_EQ((*out)->buffered_bytes(), 0u);
  EXPECT_LE(client.max_parts_in_flight_, 2);
  ASSERT_EQ(reported.size(), 1u);
  EXPECT_EQ(reported[0].etag, "mp-etag");
  EXPECT_EQ(reported[0].size, 951u);
}

TEST(S3ObjectStoreTest, SizeHintRaisesThePartSize) {
  FakeS3Client client;
  S3ObjectStoreOptions o;
  o.part_size = 5ull << 20;
  o.multipart_threshold = 1;
  auto store = MakeStore(client, o);
  WriteOptions w;
  w.size_hint = 100ull << 30;  // 100 GiB / 10,000 parts -> 11 MiB parts (rounded up to MiB)
  auto out = store->OpenOutput("huge", w);
  ASSERT_TRUE(out.ok());
  ASSERT_TRUE((*out)->Write(Pattern((11 << 20) + 10)).ok());
  ASSERT_TRUE((*out)->Close().ok());
  ASSERT_EQ(client.part_sizes_.size(), 2u);
  EXPECT_EQ(client.part_sizes_[1], 11u << 20);
}

TEST(S3ObjectStoreTest, FailedPartAbortsTheUpload) {
  FakeS3Client client;
  client.fail_part_ = 2;
  S3ObjectStoreOptions o;
  o.part_size = 100;
  o.multipart_threshold = 100;
  o.concurrency = 1;
  auto store = MakeStore(client, o);
  auto out = store->OpenOutput("k");
  ASSERT_TRUE(out.ok());
  Status st;
  for (int i = 0; i < 10 && st.ok(); ++i) st = (*out)->Write(Pattern(100));
  if (st.ok()) st = (*out)->Close();
  EXPECT_EQ(st.code(), StatusCode::kUnavailable) << st.ToString();
  EXPECT_EQ((*out)->Close().code(), StatusCode::kUnavailable);  // the error sticks
  EXPECT_EQ(client.aborts_, 1);
  EXPECT_EQ(client.completes_, 0);
  EXPECT_EQ(client.Data("k"), "<missing>");
  out->reset();
  EXPECT_EQ(client.aborts_, 1);
}

TEST(S3ObjectStoreTest, DestroyedWriterAbortsOnce) {
  FakeS3Client client;
  S3ObjectStoreOptions o;
  o.part_size = 100;
  o.multipart_threshold = 100;
  auto store = MakeStore(client, o);
  {
    auto out = store->OpenOutput("k");
    ASSERT_TRUE(out.ok());
    ASSERT_TRUE((*out)->Write(Pattern(450)).ok());
  }
  EXPECT_EQ(client.creates_, 1);
  EXPECT_EQ(client.aborts_, 1);
  EXPECT_EQ(client.completes_, 0);
}

TEST(S3ObjectStoreTest, IfMatchOnAMissingKeyIsAFailedPrecondition) {
  FakeS3Client client;
  auto store = MakeStore(client, {});
  WriteOptions w;
  w.if_match = "nope";
  auto put = store->Put("missing", "x", w);
  EXPECT_EQ(put.status().code(), StatusCode::kFailedPrecondition) << put.status().ToString();
}

TEST(S3ObjectStoreTest, DeleteManyBatchesAndNamesRefusedKeys) {
  FakeS3Client client;
  auto store = MakeStore(client, {});
  std::vector<std::string> keys;
  for (int i = 0; i < 2500; ++i) keys.push_back("k" + std::to_string(i));
  client.refuse_ = {"k7", "k2001"};
  Status st = store->DeleteMany(keys);
  EXPECT_EQ(client.delete_batches_, (std::vector<size_t>{1000, 1000, 500}));
  EXPECT_EQ(st.code(), StatusCode::kPermissionDenied);
  EXPECT_NE(st.message().find("refused 2 of 2500 keys"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("k7 (AccessDenied"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("k2001 (AccessDenied"), std::string::npos) << st.message();
}

TEST(S3ObjectStoreTest, MakeRefusesBadOptions) {
  FakeS3Client client;
  S3ObjectStoreOptions o;
  o.list_page_size = 1001;
  EXPECT_EQ(S3ObjectStore::Make(&client, "b", o).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(S3ObjectStore::Make(nullptr, "b", {}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(S3ObjectStore::Make(&client, "", {}).status().code(), StatusCode::kInvalidArgument);
}

TEST(S3ObjectStoreTest, ListPendingUploadsFollowsTheMarkers) {
  FakeS3Client client;
  // Two uploads of one key: a page may end between them (the upload-id marker resumes there).
  for (const auto& [key, id] : std::vector<std::pair<std::string, std::string>>{
           {"other/x", "0"}, {"run/a", "1"}, {"run/a", "2"}, {"run/b", "3"}, {"run/c", "4"},
           {"run/d", "5"}}) {
    client.pending_.push_back(
        MultipartUpload{key, id, WallTime(std::chrono::seconds(std::stoi(id)))});
  }
  S3ObjectStoreOptions o;
  o.list_page_size = 2;
  auto store = MakeStore(client, o);
  Result<std::vector<PendingUpload>> pending = store->ListPendingUploads("run/");
  ASSERT_TRUE(pending.ok()) << pending.status().ToString();
  std::vector<std::string> ids;
  for (const PendingUpload& u : *pending) ids.push_back(u.key + "#" + u.upload_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"run/a#1", "run/a#2", "run/b#3", "run/c#4",
                                           "run/d#5"}));
  EXPECT_EQ((*pending)[2].initiated, WallTime(std::chrono::seconds(3)));
  ASSERT_EQ(client.upload_lists_.size(), 3u);  // pages of 2, 2, 1
  EXPECT_EQ(client.upload_lists_[0].max_uploads, 2);
  EXPECT_EQ(client.upload_lists_[0].key_marker, "");
  EXPECT_EQ(client.upload_lists_[1].key_marker, "run/a");
  EXPECT_EQ(client.upload_lists_[1].upload_id_marker, "2");
  EXPECT_EQ(client.upload_lists_[2].key_marker, "run/c");

  ASSERT_TRUE(store->AbortPendingUpload((*pending)[1]).ok());
  EXPECT_EQ(client.aborted_, (std::vector<std::string>{"run/a#2"}));
}

}  // namespace
}  // namespace s3c
