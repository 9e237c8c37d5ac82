// Write modes (write/modes.h): names, the check before reading for a prefix and a key, and what
// a single key's publish means under each mode.
#include "s3c/write/modes.h"

#include <gtest/gtest.h>

#include "s3c/store/memory_object_store.h"

namespace s3c::write {
namespace {

TEST(WriteModesTest, NamesRoundTrip) {
  for (WriteMode m : {WriteMode::kError, WriteMode::kIgnore, WriteMode::kAppend,
                      WriteMode::kReplace, WriteMode::kOverwritePartitions}) {
    auto parsed = ParseWriteMode(WriteModeName(m));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, m);
  }
  auto bad = ParseWriteMode("overwrite");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "unknown mode 'overwrite': use error, ignore, append, replace or "
            "overwrite_partitions");
}

TEST(WriteModesTest, APrefixExistsWhenAnyKeyIsUnderIt) {
  MemoryObjectStore store("modes-prefix");
  auto fresh = PlanWrite(store, "out/", WriteTarget::kPrefix, WriteMode::kError);
  ASSERT_TRUE(fresh.ok());
  EXPECT_FALSE(fresh->target_exists);
  EXPECT_FALSE(fresh->skip);
  EXPECT_EQ(fresh->summary, "create mem://modes-prefix/out/");
  ASSERT_TRUE(store.Put("out/_s3c/commits/00000000000000000000.json", "{}").ok());
  auto taken = PlanWrite(store, "out/", WriteTarget::kPrefix, WriteMode::kError);
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(taken.status().message(),
            "mem://modes-prefix/out/ already exists (mode error); choose mode replace, append, "
            "overwrite_partitions or ignore to write to it");
  auto skip = PlanWrite(store, "out/", WriteTarget::kPrefix, WriteMode::kIgnore);
  ASSERT_TRUE(skip.ok());
  EXPECT_TRUE(skip->skip);
  auto append = PlanWrite(store, "out/", WriteTarget::kPrefix, WriteMode::kAppend);
  ASSERT_TRUE(append.ok());
  EXPECT_FALSE(append->skip);
  EXPECT_FALSE(append->target_exists);  // not checked: append writes either way
}

TEST(WriteModesTest, ASingleKeyIsCheckedAndPublishedWithIfNoneMatch) {
  MemoryObjectStore store("modes-key");
  auto plan = PlanWrite(store, "out.csv", WriteTarget::kKey, WriteMode::kError);
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->key_options.if_none_match);
  // Another run creates the key between the check and the publish.
  ASSERT_TRUE(store.Put("out.csv", "theirs").ok());
  auto out = store.OpenOutput("out.csv", plan->key_options);
  ASSERT_TRUE(out.ok());
  ASSERT_TRUE((*out)->Write("mine", 4).ok());
  Status closed = (*out)->Close();
  EXPECT_EQ(closed.code(), StatusCode::kFailedPrecondition);
  auto as_error = FinishKeyWrite(closed, store.UriFor("out.csv"), WriteMode::kError);
  ASSERT_FALSE(as_error.ok());
  EXPECT_EQ(as_error.status().message(),
            "mem://modes-key/out.csv was created by another run while this one wrote it (mode "
            "error): this run's output was not published");
  auto as_ignore = FinishKeyWrite(closed, store.UriFor("out.csv"), WriteMode::kIgnore);
  ASSERT_TRUE(as_ignore.ok());
  EXPECT_FALSE(*as_ignore);
  EXPECT_TRUE(*FinishKeyWrite(Status::OK(), "x", WriteMode::kError));
  // Now the check itself refuses (error) or skips (ignore); replace does not look.
  EXPECT_EQ(PlanWrite(store, "out.csv", WriteTarget::kKey, WriteMode::kError).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_TRUE(PlanWrite(store, "out.csv", WriteTarget::kKey, WriteMode::kIgnore)->skip);
  auto replace = PlanWrite(store, "out.csv", WriteTarget::kKey, WriteMode::kReplace);
  ASSERT_TRUE(replace.ok());
  EXPECT_FALSE(replace->key_options.if_none_match);
}

TEST(WriteModesTest, TheCheckBeforePublishFailsSkipsOrGoesAhead) {
  MemoryObjectStore store("modes-before-publish");
  EXPECT_TRUE(*CheckKeyBeforePublish(store, "k", WriteMode::kError));
  ASSERT_TRUE(store.Put("k", "x").ok());
  EXPECT_EQ(CheckKeyBeforePublish(store, "k", WriteMode::kError).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_FALSE(*CheckKeyBeforePublish(store, "k", WriteMode::kIgnore));
  EXPECT_TRUE(*CheckKeyBeforePublish(store, "k", WriteMode::kReplace));
}

TEST(WriteModesTest, AppendAndOverwritePartitionsNeedAPrefix) {
  MemoryObjectStore store("modes-refused");
  for (WriteMode m : {WriteMode::kAppend, WriteMode::kOverwritePartitions}) {
    auto plan = PlanWrite(store, "out.parquet", WriteTarget::kKey, m);
    ASSERT_FALSE(plan.ok());
    EXPECT_EQ(plan.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(plan.status().message().find("needs a dataset prefix (path_prefix)"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace s3c::write
