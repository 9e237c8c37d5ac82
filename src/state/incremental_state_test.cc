// The state document: every member survives a round trip; bad documents are refused with the
// member named.
#include "s3c/state/incremental_state.h"

#include <gtest/gtest.h>

#include "s3c/common/time_format.h"

namespace s3c::state {
namespace {

WallTime At(const char* iso) { return *ParseIso8601(iso); }

TEST(IncrementalStateTest, RoundTrip) {
  IncrementalState s;
  s.sequence = 7;
  s.run_id = "20261207T120000Z-0123456789ab";
  s.saved_at = At("2026-12-07T12:00:05Z");
  s.strategy = "last_modified";
  s.conditional_writes_checked = true;
  s.watermark = At("2026-12-07T11:59:00Z");
  s.last_key = "logs/2026/12/07/b.json";
  s.loaded = {{"logs/a \"q\".json", "etag-1", At("2026-12-07T11:58:00Z")},
              {"logs/b.json", "etag-2", At("2026-12-07T11:59:00Z")}};
  s.cursor_field = "updated_at";
  s.cursor_value = "2026-12-07 11:00:00";
  s.boundary_rows = {"id=1", "id=2"};
  auto back = StateFromJson(StateToJson(s), "mem://s.json");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, s);
  IncrementalState empty;
  auto empty_back = StateFromJson(StateToJson(empty), "e");
  ASSERT_TRUE(empty_back.ok());
  EXPECT_EQ(*empty_back, empty);
}

TEST(IncrementalStateTest, BadDocumentsNameTheMember) {
  EXPECT_EQ(StateFromJson("[1]", "x.json").status().message(),
            "state x.json: expected a JSON object");
  EXPECT_EQ(StateFromJson(R"({"s3c_state_version":2})", "x.json").status().message(),
            "state x.json: document version 2 is not 1 (written by another s3c version?)");
  EXPECT_EQ(StateFromJson(R"({"s3c_state_version":1,"sequence":"7"})", "x.json").status().message(),
            "state x.json: 'sequence' must be a whole number");
  EXPECT_EQ(StateFromJson(R"({"s3c_state_version":1,"watermark":"yesterday"})", "x.json")
                .status()
                .message(),
            "state x.json: 'watermark' must be a time such as 2024-03-05T12:00:00Z");
  EXPECT_EQ(
      StateFromJson(R"({"s3c_state_version":1,"loaded":[{"key":1}]})", "x.json").status().message(),
      "state x.json: 'key' must be a string");
  EXPECT_FALSE(StateFromJson("{", "x.json").ok());
}

}  // namespace
}  // namespace s3c::state
