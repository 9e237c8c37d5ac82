// Incremental runs over local folders (RunPipelineFile with an incremental source): each run
// reads exactly what is new, the state is saved after the commit and carried in the commit
// record, a run killed between the two adopts the record's state, and of two runs from the
// same state only the first to commit publishes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "pipeline/pipeline_test_util.h"
#include "s3c/dataset/commit_log.h"
#include "s3c/pipeline/pipeline_runner.h"
#include "s3c/pipeline/state_admin.h"
#include "s3c/state/incremental_state.h"
#include "s3c/store/local_object_store.h"

namespace s3c::pipeline {
namespace {

namespace fs = std::filesystem;

class IncrementalRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("s3c-incr-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
  }
  void TearDown() override { fs::remove_all(dir_); }

  // An input file with rows id=first..first+n-1; `age` back-dates its modification time.
  void AddInput(const std::string& name, int first, int n,
                std::chrono::seconds age = std::chrono::seconds(60)) {
    std::ofstream out(dir_ / "in" / name);
    out << "id,name\n";
    for (int i = first; i < first + n; ++i) out << i << ",row" << i << "\n";
    out.close();
    fs::last_write_time(dir_ / "in" / name, fs::file_time_type::clock::now() - age);
  }
  PipelineFile File(const std::string& incremental) {
    std::string text = "state: " + (dir_ / "state").string() + "/\n" +
                       "sources:\n  logs: {uri: " + (dir_ / "in").string() +
                       "/, format: csv, incremental: " + incremental + "}\n" +
                       "destinations:\n  lake: {uri: " + (dir_ / "out").string() +
                       "/, format: csv, mode: append}\n";
    auto file = testing::Load(text);
    EXPECT_TRUE(file.ok()) << file.status().ToString();
    return *file;
  }
  Result<RunReport> Run(const PipelineFile& file, RunOptions options = {}) {
    options.env = &testing::TestEnv();
    return RunPipelineFile(file, options);
  }
  // The ids in the destination's committed files, sorted, as "1,2,3".
  std::string LoadedIds() {
    auto store = LocalObjectStore::Open((dir_ / "out").string());
    if (!store.ok()) return store.status().ToString();
    auto log = dataset::LoadCommitLog(**store, "");
    if (!log.ok()) return log.status().ToString();
    std::vector<int> ids;
    for (const auto& [path, f] : log->live) {
      std::ifstream in(dir_ / "out" / path);
      std::string line;
      std::getline(in, line);  // header
      while (std::getline(in, line)) ids.push_back(std::stoi(line.substr(0, line.find(','))));
    }
    std::sort(ids.begin(), ids.end());
    std::string out;
    for (int id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
    return out;
  }
  fs::path StatePath() { return dir_ / "state" / "logs_to_lake" / "logs--lake.json"; }
  state::IncrementalState SavedState() {
    std::ifstream in(StatePath());
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = state::StateFromJson(text.str(), StatePath().string());
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    return parsed.ok() ? *parsed : state::IncrementalState{};
  }

  fs::path dir_;
};

TEST_F(IncrementalRunTest, KeyStrategyReadsOnlyNewKeysAndNothingTwice) {
  const PipelineFile file = File("{strategy: key}");
  AddInput("2024-01-01.csv", 1, 2);
  AddInput("2024-01-02.csv", 3, 2);
  auto first = Run(file);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->pipelines[0].objects_read, 2);
  EXPECT_EQ(LoadedIds(), "1,2,3,4");
  EXPECT_EQ(SavedState().sequence, 1);
  EXPECT_EQ(SavedState().last_key, "2024-01-02.csv");

  AddInput("2024-01-03.csv", 5, 3);
  auto second = Run(file);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->pipelines[0].objects_read, 1);
  EXPECT_EQ(second->pipelines[0].rows_out, 3);
  EXPECT_EQ(LoadedIds(), "1,2,3,4,5,6,7");
  EXPECT_EQ(SavedState().sequence, 2);
  EXPECT_NE(second->pipelines[0].incremental.find("1 new object(s)"), std::string::npos)
      << second->pipelines[0].incremental;
  // The records name the state's document beside them; only the newest's is kept.
  std::vector<std::string> documents;
  for (const auto& e : fs::directory_iterator(dir_ / "out" / "_s3c" / "state")) {
    documents.push_back(e.path().filename().string());
  }
  ASSERT_EQ(documents.size(), 1u);
  EXPECT_EQ(documents[0].substr(0, 21), "00000000000000000002-");
  std::ifstream record(dir_ / "out" / "_s3c" / "commits" / "00000000000000000001.json");
  std::stringstream record_text;
  record_text << record.rdbuf();
  EXPECT_NE(record_text.str().find("\"state\":{\"ref\":\"_s3c/state/00000000000000000002-"),
            std::string::npos)
      << record_text.str();

  // Nothing new: nothing written, the state document is not rewritten.
  const auto saved_at = fs::last_write_time(StatePath());
  auto third = Run(file);
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  EXPECT_EQ(third->pipelines[0].objects_read, 0);
  EXPECT_EQ(third->pipelines[0].destinations[0].outcome, DestinationOutcome::kUnchanged);
  EXPECT_EQ(fs::last_write_time(StatePath()), saved_at);
  EXPECT_EQ(SavedState().sequence, 2);
  EXPECT_EQ(LoadedIds(), "1,2,3,4,5,6,7");
}

TEST_F(IncrementalRunTest, KeyStrategyLoadsALateKeyInsideTheLagOnce) {
  const PipelineFile file = File("{strategy: key, lag: 10}");
  AddInput("k1.csv", 1, 1);
  AddInput("k3.csv", 3, 1);
  ASSERT_TRUE(Run(file).ok());
  AddInput("k2.csv", 2, 1);  // finished uploading after k3: sorts below the last key
  auto late = Run(file);
  ASSERT_TRUE(late.ok()) << late.status().ToString();
  EXPECT_EQ(late->pipelines[0].objects_read, 1);
  EXPECT_EQ(LoadedIds(), "1,2,3");
}

TEST_F(IncrementalRunTest, LastModifiedTakesLateAndRewrittenObjectsOnce) {
  const PipelineFile file = File("{strategy: last_modified, lookback: 1h, settle: 1s}");
  AddInput("a.csv", 1, 2, std::chrono::seconds(600));
  AddInput("b.csv", 3, 1, std::chrono::seconds(300));
  ASSERT_TRUE(Run(file).ok());
  EXPECT_EQ(LoadedIds(), "1,2,3");
  ASSERT_TRUE(SavedState().watermark.has_value());

  // Older than the watermark but inside the lookback: loaded; a.csv and b.csv are not again.
  AddInput("late.csv", 10, 1, std::chrono::seconds(900));
  // Older than the watermark - lookback: summarized by the watermark, never read.
  AddInput("ancient.csv", 100, 1, std::chrono::hours(3));
  auto second = Run(file);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->pipelines[0].objects_read, 1);
  EXPECT_EQ(second->pipelines[0].objects_not_new, 3);  // a, b loaded; ancient too old
  EXPECT_EQ(LoadedIds(), "1,2,3,10");

  // b.csv rewritten with new content (a new ETag): on_overwrite reload loads it again.
  AddInput("b.csv", 20, 2, std::chrono::seconds(30));
  auto third = Run(file);
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  EXPECT_EQ(third->pipelines[0].objects_read, 1);
  EXPECT_EQ(LoadedIds(), "1,2,3,10,20,21");
}

TEST_F(IncrementalRunTest, OnOverwriteErrorStopsBeforeReading) {
  const PipelineFile file = File("{strategy: last_modified, on_overwrite: error}");
  AddInput("a.csv", 1, 1);
  ASSERT_TRUE(Run(file).ok());
  AddInput("a.csv", 5, 2, std::chrono::seconds(10));
  auto rewritten = Run(file);
  ASSERT_FALSE(rewritten.ok());
  EXPECT_EQ(rewritten.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(rewritten.status().message().find("a.csv was rewritten since it was loaded"),
            std::string::npos)
      << rewritten.status().ToString();
  EXPECT_EQ(LoadedIds(), "1");
}

TEST_F(IncrementalRunTest, ARunKilledBetweenCommitAndSaveIsNotLoadedTwice) {
  const PipelineFile file = File("{strategy: key}");
  AddInput("k1.csv", 1, 1);
  ASSERT_TRUE(Run(file).ok());
  std::ifstream before_file(StatePath());
  std::stringstream before;
  before << before_file.rdbuf();
  AddInput("k2.csv", 2, 1);
  ASSERT_TRUE(Run(file).ok());
  // As if the second run had died after its commit: its state save never happened.
  std::ofstream(StatePath(), std::ios::trunc) << before.str();
  ASSERT_EQ(SavedState().sequence, 1);

  AddInput("k3.csv", 3, 1);
  auto rerun = Run(file);
  ASSERT_TRUE(rerun.ok()) << rerun.status().ToString();
  EXPECT_EQ(rerun->pipelines[0].objects_read, 1);  // k3 only: k2's load was committed
  EXPECT_NE(rerun->pipelines[0].incremental.find("adopted state 2 from the destination's commit "
                                                 "record"),
            std::string::npos)
      << rerun->pipelines[0].incremental;
  EXPECT_EQ(LoadedIds(), "1,2,3");
  EXPECT_EQ(SavedState().sequence, 3);
}

TEST_F(IncrementalRunTest, OfTwoRunsFromOneStateOnlyTheFirstToCommitPublishes) {
  const PipelineFile file = File("{strategy: key}");
  AddInput("k1.csv", 1, 2);
  RunOptions slow;
  bool raced = false;
  Status other;
  // The slow run has listed k1.csv; another run of the same pipeline loads it and commits.
  slow.on_progress = [&](const RunProgress&) {
    if (raced) return;
    raced = true;
    other = Run(file).status();
  };
  auto loser = Run(file, slow);
  ASSERT_TRUE(other.ok()) << other.ToString();
  ASSERT_FALSE(loser.ok());
  EXPECT_EQ(loser.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(loser.status().message().find("another run of logs_to_lake/logs/lake committed "
                                          "incremental state 1"),
            std::string::npos)
      << loser.status().ToString();
  EXPECT_EQ(LoadedIds(), "1,2");  // once
  EXPECT_EQ(SavedState().sequence, 1);
}

TEST_F(IncrementalRunTest, FullRefreshReadsEverythingAgainAndDryRunSavesNothing) {
  const PipelineFile file = File("{strategy: key}");
  AddInput("k1.csv", 1, 1);
  ASSERT_TRUE(Run(file).ok());
  AddInput("k2.csv", 2, 1);
  RunOptions dry;
  dry.dry_run = true;
  auto planned = Run(file, dry);
  ASSERT_TRUE(planned.ok()) << planned.status().ToString();
  // The listing starts after k1.csv: k2 is all it sees.
  EXPECT_EQ(planned->pipelines[0].objects_listed, 1);
  EXPECT_EQ(planned->pipelines[0].objects_not_new, 0);
  EXPECT_EQ(SavedState().sequence, 1);
  EXPECT_EQ(LoadedIds(), "1");

  RunOptions refresh;
  refresh.full_refresh = true;
  auto again = Run(file, refresh);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->pipelines[0].objects_read, 2);
  EXPECT_EQ(LoadedIds(), "1,1,2");  // append: the refresh loads k1 a second time, as asked
  EXPECT_EQ(SavedState().sequence, 2);
  EXPECT_EQ(SavedState().last_key, "k2.csv");
}

TEST_F(IncrementalRunTest, AnEndBoundedBackfillDoesNotMoveTheState) {
  const PipelineFile file = File("{strategy: key, end: k3}");
  AddInput("k1.csv", 1, 1);
  AddInput("k2.csv", 2, 1);
  AddInput("k3.csv", 3, 1);
  auto backfill = Run(file);
  ASSERT_TRUE(backfill.ok()) << backfill.status().ToString();
  EXPECT_EQ(LoadedIds(), "1,2");
  EXPECT_FALSE(fs::exists(StatePath()));
}

TEST_F(IncrementalRunTest, StateShowResetAndSet) {
  const PipelineFile file = File("{strategy: key}");
  StateAdminOptions admin;
  admin.env = &testing::TestEnv();
  auto empty = ShowStates(file, admin);
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  ASSERT_EQ(empty->size(), 1u);
  EXPECT_EQ((*empty)[0].state.sequence, 0);
  EXPECT_NE(StateViewsText(*empty).find("nothing loaded yet"), std::string::npos);

  AddInput("k1.csv", 1, 1);
  AddInput("k2.csv", 2, 1);
  ASSERT_TRUE(Run(file).ok());
  auto shown = ShowStates(file, admin);
  ASSERT_TRUE(shown.ok()) << shown.status().ToString();
  EXPECT_EQ((*shown)[0].state.last_key, "k2.csv");
  EXPECT_EQ((*shown)[0].stored_sequence, 1);
  EXPECT_EQ((*shown)[0].record_sequence, 1);
  EXPECT_NE(StateViewsJson(*shown).find("\"last_key\":\"k2.csv\""), std::string::npos)
      << StateViewsJson(*shown);

  // set last_key back to k1: the next run takes k2 again (and k3, new).
  auto set = SetState(file, {"last_key=k1.csv"}, admin);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(set->state.sequence, 2);
  EXPECT_EQ(SavedState().last_key, "k1.csv");
  AddInput("k3.csv", 3, 1);
  auto after_set = Run(file);
  ASSERT_TRUE(after_set.ok()) << after_set.status().ToString();
  EXPECT_EQ(after_set->pipelines[0].objects_read, 2);
  EXPECT_EQ(LoadedIds(), "1,2,2,3");

  // reset: everything again.
  auto reset = ResetState(file, admin);
  ASSERT_TRUE(reset.ok()) << reset.status().ToString();
  EXPECT_EQ(reset->state.sequence, 4);
  EXPECT_TRUE(SavedState().last_key.empty());
  auto after_reset = Run(file);
  ASSERT_TRUE(after_reset.ok()) << after_reset.status().ToString();
  EXPECT_EQ(after_reset->pipelines[0].objects_read, 3);

  auto wrong = SetState(file, {"watermark=2024-01-01"}, admin);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().message(),
            "state set: watermark is not a member of the key strategy's state");
  auto typo = SetState(file, {"last_kee=x"}, admin);
  ASSERT_FALSE(typo.ok());
  EXPECT_EQ(typo.status().message(),
            "state set: unknown member 'last_kee' (watermark, last_key or cursor_value) (did "
            "you mean \"last_key\"?)");
  admin.pipeline = "nope";
  EXPECT_EQ(ShowStates(file, admin).status().code(), StatusCode::kNotFound);
}

// A CSV of "id,updated_at" rows, the cursor column second.
void WriteRows(const fs::path& path, const std::string& rows) {
  std::ofstream(path) << "id,updated_at\n" << rows;
}

TEST_F(IncrementalRunTest, CursorLoadsRowsThatShareTheBoundaryValueOnce) {
  for (const char* key : {"primary_key: id", "on_cursor_value_missing: exclude"}) {
    SCOPED_TRACE(key);
    fs::remove_all(dir_ / "out");
    fs::remove_all(dir_ / "state");
    fs::remove_all(dir_ / "in");
    fs::create_directories(dir_ / "in");
    const PipelineFile file =
        File(std::string("{strategy: cursor, cursor_field: updated_at, ") + key + "}");
    WriteRows(dir_ / "in" / "a.csv", "1,10\n2,20\n3,20\n");
    auto first = Run(file);
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    EXPECT_EQ(LoadedIds(), "1,2,3");
    EXPECT_EQ(SavedState().cursor_value, "20");
    EXPECT_EQ(SavedState().boundary_rows.size(), 2u);

    // A row at the boundary value arrives later (4), and one above it (5).
    WriteRows(dir_ / "in" / "b.csv", "4,20\n5,30\n");
    auto second = Run(file);
    ASSERT_TRUE(second.ok()) << second.status().ToString();
    EXPECT_EQ(second->pipelines[0].rows_out, 2);
    EXPECT_EQ(second->pipelines[0].rows_filtered, 1);  // id 1: below the cursor
    EXPECT_NE(second->pipelines[0].incremental.find("2 row(s) from updated_at on, 2 loaded before "
                                                    "dropped"),
              std::string::npos)
        << second->pipelines[0].incremental;
    EXPECT_EQ(LoadedIds(), "1,2,3,4,5");
    EXPECT_EQ(SavedState().cursor_value, "30");

    // Nothing new: no rows, the state unchanged.
    auto third = Run(file);
    ASSERT_TRUE(third.ok()) << third.status().ToString();
    EXPECT_EQ(third->pipelines[0].rows_out, 0);
    EXPECT_EQ(LoadedIds(), "1,2,3,4,5");
    EXPECT_EQ(SavedState().sequence, 2);

    // s3c state set cursor_value=20: the rows from 20 on are loaded again.
    StateAdminOptions admin;
    admin.env = &testing::TestEnv();
    auto set = SetState(file, {"cursor_value=20"}, admin);
    ASSERT_TRUE(set.ok()) << set.status().ToString();
    EXPECT_NE(StateViewsText({*set}).find("cursor updated_at = 20 (0 boundary row(s))"),
              std::string::npos)
        << StateViewsText({*set});
    auto reload = Run(file);
    ASSERT_TRUE(reload.ok()) << reload.status().ToString();
    EXPECT_EQ(reload->pipelines[0].rows_out, 4);
  }
}

TEST_F(IncrementalRunTest, CursorNullsFollowOnCursorValueMissing) {
  WriteRows(dir_ / "in" / "a.csv", "1,10\n2,\n");
  auto error = Run(File("{strategy: cursor, cursor_field: updated_at}"));
  ASSERT_FALSE(error.ok());
  EXPECT_EQ(error.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(error.status().message().find("incremental.cursor_field updated_at is NULL in 1 "
                                          "row(s): on_cursor_value_missing: error stops here"),
            std::string::npos)
      << error.status().ToString();
  EXPECT_FALSE(fs::exists(StatePath()));

  auto include = Run(File("{strategy: cursor, cursor_field: updated_at, "
                          "on_cursor_value_missing: include}"));
  ASSERT_TRUE(include.ok()) << include.status().ToString();
  EXPECT_EQ(LoadedIds(), "1,2");
  auto again = Run(File("{strategy: cursor, cursor_field: updated_at, "
                        "on_cursor_value_missing: include}"));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(LoadedIds(), "1,2,2");  // include: a NULL cursor row is loaded by every run
}

TEST_F(IncrementalRunTest, CursorOnATimestampColumnRoundTripsItsValue) {
  const PipelineFile file = File("{strategy: cursor, cursor_field: updated_at, primary_key: id}");
  WriteRows(dir_ / "in" / "a.csv", "1,2024-03-01 10:00:00\n2,2024-03-02 08:30:00\n");
  ASSERT_TRUE(Run(file).ok());
  const std::optional<std::string> value = SavedState().cursor_value;
  ASSERT_TRUE(value.has_value());
  WriteRows(dir_ / "in" / "b.csv", "3,2024-03-02 08:30:00\n4,2024-03-01 09:00:00\n");
  auto second = Run(file);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(LoadedIds(), "1,2,3") << "cursor value " << *value;
}

TEST_F(IncrementalRunTest, CursorWithEveryPartitionPrunedReadsNothingAndKeepsItsState) {
  fs::create_directories(dir_ / "in" / "day=1");
  WriteRows(dir_ / "in" / "day=1" / "a.csv", "1,10\n");
  std::string text = "state: " + (dir_ / "state").string() + "/\n" +
                     "sources:\n  logs: {uri: " + (dir_ / "in").string() +
                     "/, format: csv, where: \"day = 2\", incremental: {strategy: cursor, "
                     "cursor_field: updated_at}}\n" +
                     "destinations:\n  lake: {uri: " + (dir_ / "out").string() +
                     "/, format: csv, mode: append}\n";
  auto file = testing::Load(text);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  auto run = Run(*file);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->pipelines[0].objects_listed, 0);
  EXPECT_EQ(run->pipelines[0].destinations[0].outcome, DestinationOutcome::kUnchanged);
  EXPECT_EQ(SavedState().sequence, 1);  // the first save: an empty cursor state
  EXPECT_FALSE(SavedState().cursor_value.has_value());
}

}  // namespace
}  // namespace s3c::pipeline
