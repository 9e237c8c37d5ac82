// The object-selecting strategies over listings, run after run: every object loaded exactly
// once, late objects inside the window caught, multipart uploads in progress holding the
// watermark back, rewritten objects per on_overwrite, no silent cap, bounded backfills.
#include "s3c/state/object_selection.h"

#include <gtest/gtest.h>

#include "s3c/common/time_format.h"

namespace s3c::state {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

WallTime T(const char* hhmmss) { return *ParseIso8601(std::string("2026-12-07T") + hhmmss + "Z"); }

ObjectInfo Obj(const std::string& key, const char* modified, const std::string& etag = "") {
  ObjectInfo o;
  o.key = key;
  o.etag = etag.empty() ? "e-" + key : etag;
  o.last_modified = T(modified);
  o.size = 10;
  return o;
}

std::vector<std::string> Keys(const Selection& s) {
  std::vector<std::string> out;
  for (const auto& o : s.to_load) out.push_back(o.key);
  return out;
}

using V = std::vector<std::string>;

TEST(LastModifiedTest, RunAfterRunLoadsEachObjectOnce) {
  LastModifiedOptions options;
  std::vector<ObjectInfo> listing = {Obj("a", "10:00:00"), Obj("b", "10:05:00")};
  auto first = SelectByLastModified({}, listing, options, T("10:10:00"), std::nullopt);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(Keys(*first), (V{"a", "b"}));
  EXPECT_EQ(first->next.watermark, T("10:05:00"));
  // Nothing new: nothing loaded, the state stays.
  auto again = SelectByLastModified(first->next, listing, options, T("10:20:00"), std::nullopt);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(Keys(*again), V{});
  EXPECT_EQ(again->next.watermark, T("10:05:00"));
  // A new object, and one that became visible late with an older LastModified (inside the
  // hour of lookback): both loaded, once.
  listing.push_back(Obj("c", "10:30:00"));
  listing.push_back(Obj("late", "09:40:00"));
  auto third = SelectByLastModified(again->next, listing, options, T("10:31:00"), std::nullopt);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(Keys(*third), (V{"c", "late"}));
  // The watermark: the newest loaded, but not after the server's time minus the settle time.
  EXPECT_EQ(third->next.watermark, T("10:30:00"));
  auto fourth = SelectByLastModified(third->next, listing, options, T("10:40:00"), std::nullopt);
  ASSERT_TRUE(fourth.ok());
  EXPECT_EQ(Keys(*fourth), V{});
}

TEST(LastModifiedTest, TheWatermarkWaitsForTheSettleTimeAndForUploadsInProgress) {
  LastModifiedOptions options;
  options.lookback = minutes(10);
  // Listed one second after it was written: the watermark stays settle (5 s) behind "now".
  auto fresh =
      SelectByLastModified({}, {Obj("a", "10:00:00")}, options, T("10:00:01"), std::nullopt);
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(fresh->next.watermark, T("09:59:56"));
  // A multipart upload started at 09:00 is still in progress: the watermark stays at its start,
  // so when it completes (LastModified 09:00, an hour before the newest object) it is loaded.
  auto held =
      SelectByLastModified({}, {Obj("a", "10:00:00")}, options, T("10:05:00"), T("09:00:00"));
  ASSERT_TRUE(held.ok());
  EXPECT_EQ(held->next.watermark, T("09:00:00"));
  auto completed = SelectByLastModified(held->next, {Obj("a", "10:00:00"), Obj("big", "09:00:00")},
                                        options, T("10:30:00"), std::nullopt);
  ASSERT_TRUE(completed.ok());
  EXPECT_EQ(Keys(*completed), V{"big"});
  // Without the upload holding it back, the same late object falls outside the window.
  auto missed = SelectByLastModified(fresh->next, {Obj("a", "10:00:00"), Obj("big", "09:00:00")},
                                     options, T("10:30:00"), std::nullopt);
  ASSERT_TRUE(missed.ok());
  EXPECT_EQ(Keys(*missed), V{});
}

TEST(LastModifiedTest, RewrittenObjectsFollowOnOverwrite) {
  LastModifiedOptions options;
  auto first =
      SelectByLastModified({}, {Obj("a", "10:00:00", "v1")}, options, T("10:10:00"), std::nullopt);
  ASSERT_TRUE(first.ok());
  const std::vector<ObjectInfo> rewritten = {Obj("a", "10:20:00", "v2")};
  auto reload = SelectByLastModified(first->next, rewritten, options, T("10:30:00"), std::nullopt);
  ASSERT_TRUE(reload.ok());
  EXPECT_EQ(Keys(*reload), V{"a"});
  options.on_overwrite = OnOverwrite::kIgnore;
  auto ignore = SelectByLastModified(first->next, rewritten, options, T("10:30:00"), std::nullopt);
  ASSERT_TRUE(ignore.ok());
  EXPECT_EQ(Keys(*ignore), V{});
  ASSERT_EQ(ignore->next.loaded.size(), 1u);
  EXPECT_EQ(ignore->next.loaded[0].etag, "v2");
  options.on_overwrite = OnOverwrite::kError;
  auto error = SelectByLastModified(first->next, rewritten, options, T("10:30:00"), std::nullopt);
  EXPECT_EQ(error.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(
      error.status().message().find("a was rewritten since it was loaded (ETag v1 then, v2 now"),
      std::string::npos)
      << error.status().message();
}

TEST(LastModifiedTest, NoSilentCapAndOldKeysLeaveTheState) {
  LastModifiedOptions options;
  options.max_tracked_objects = 2;
  auto over =
      SelectByLastModified({}, {Obj("a", "10:00:00"), Obj("b", "10:00:01"), Obj("c", "10:00:02")},
                           options, T("11:00:00"), std::nullopt);
  EXPECT_EQ(over.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(over.status().message().find("3 objects were modified inside the lookback window"),
            std::string::npos);
  // Keys older than watermark - lookback are summarized by the watermark, not kept.
  options.max_tracked_objects = 10;
  options.lookback = minutes(30);
  auto s = SelectByLastModified({}, {Obj("old", "09:00:00"), Obj("new", "10:00:00")}, options,
                                T("11:00:00"), std::nullopt);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->next.loaded.size(), 1u);
  EXPECT_EQ(s->next.loaded[0].key, "new");
}

TEST(LastModifiedTest, StartAndEndBoundABackfillThatDoesNotMoveTheState) {
  LastModifiedOptions options;
  options.start = T("10:00:00");
  options.end = T("11:00:00");
  auto s = SelectByLastModified(
      {}, {Obj("before", "09:59:59"), Obj("in", "10:30:00"), Obj("after", "11:00:00")}, options,
      T("12:00:00"), std::nullopt);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(Keys(*s), V{"in"});
  EXPECT_FALSE(s->advances);
}

TEST(KeyStrategyTest, ResumesBehindTheLastKeyAndLoadsLateKeysInsideTheLagOnce) {
  KeyOptions options;
  options.lag = 2;
  auto first = SelectByKey(
      {}, {Obj("d/01", "10:00:00"), Obj("d/02", "10:00:00"), Obj("d/04", "10:00:00")}, options);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(Keys(*first), (V{"d/01", "d/02", "d/04"}));
  EXPECT_EQ(first->next.last_key, "d/04");
  // The two newest are kept; the next listing starts after the older of them.
  EXPECT_EQ(KeyListingStart(first->next, options), "d/02");
  // d/03 finished uploading after d/04: inside the lag, loaded once; d/05 is new.
  auto second = SelectByKey(
      first->next, {Obj("d/03", "10:01:00"), Obj("d/04", "10:00:00"), Obj("d/05", "10:01:00")},
      options);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(Keys(*second), (V{"d/03", "d/05"}));
  EXPECT_EQ(second->next.last_key, "d/05");
  EXPECT_EQ(KeyListingStart(second->next, options), "d/04");
  auto third = SelectByKey(second->next, {Obj("d/05", "10:01:00")}, options);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(Keys(*third), V{});
}

TEST(KeyStrategyTest, StartAndEnd) {
  KeyOptions options;
  options.start = "d/2024-01-07/";
  options.end = "d/2024-01-09/";
  EXPECT_EQ(KeyListingStart({}, options), "d/2024-01-07/");
  auto s = SelectByKey({},
                       {Obj("d/2024-01-07/a", "10:00:00"), Obj("d/2024-01-08/a", "10:00:00"),
                        Obj("d/2024-01-09/a", "10:00:00")},
                       options);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(Keys(*s), (V{"d/2024-01-07/a", "d/2024-01-08/a"}));
  EXPECT_FALSE(s->advances);
}

}  // namespace
}  // namespace s3c::state
