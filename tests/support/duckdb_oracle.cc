// Runs tests/oracle/duckdb_rows.mjs in a node process and parses its one-line-per-query output.
#include "support/duckdb_oracle.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include "s3c/common/env.h"
#include "s3c/common/json_escape.h"
#include "support/oracle_json.h"
#include "support/rgw_env.h"

extern char** environ;

namespace s3c::testing {
namespace {

std::string SourceDir() {
  return SystemEnv::Instance().GetOr("S3C_SOURCE_DIR", S3C_DEFAULT_SOURCE_DIR);
}
std::string OracleDir() { return SourceDir() + "/tests/oracle"; }
std::string ScriptPath() { return OracleDir() + "/duckdb_rows.mjs"; }

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct NodeRun {
  std::string out;
  std::string err;
  int exit_code = -1;
};

// Runs `node script` with `input` as stdin (through a file, so that neither side can block on a
// full pipe) and collects stdout and stderr.
Result<NodeRun> RunNode(const std::string& input) {
  TempDir dir;
  const std::string in_path = dir.path() + "/queries.jsonl";
  const std::string err_path = dir.path() + "/stderr.txt";
  {
    std::ofstream in(in_path, std::ios::binary);
    in << input;
    if (!in) return UnavailableError("oracle: cannot write " + in_path);
  }
  int fds[2];
  if (pipe(fds) != 0) return UnavailableError(std::string("oracle: pipe: ") + strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, in_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  posix_spawn_file_actions_addclose(&actions, fds[1]);
  std::string script = ScriptPath();
  char arg0[] = "node";
  char* argv[] = {arg0, script.data(), nullptr};
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, "node", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    return UnavailableError(std::string("cannot start node: ") + strerror(rc));
  }
  NodeRun run;
  char buf[1 << 16];
  while (true) {
    ssize_t n = read(fds[0], buf, sizeof(buf));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    run.out.append(buf, static_cast<size_t>(n));
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  run.err = ReadWholeFile(err_path);
  return run;
}

Result<OracleTable> ParseResultLine(std::string_view line) {
  namespace oj = oracle_json;
  std::vector<std::pair<std::string, std::string_view>> members;
  if (!oj::SplitObject(line, &members)) {
    return InternalError("oracle: malformed result line: " + std::string(line.substr(0, 200)));
  }
  bool ok = false;
  OracleTable table;
  for (const auto& [key, value] : members) {
    if (key == "ok") {
      ok = value == "true";
    } else if (key == "error") {
      std::string message;
      oj::DecodeString(value, &message);
      return InvalidArgumentError("DuckDB: " + message);
    } else if (key == "columns") {
      std::vector<std::string_view> columns;
      oj::SplitArray(value, &columns);
      for (std::string_view c : columns) {
        std::vector<std::pair<std::string, std::string_view>> fields;
        oj::SplitObject(c, &fields);
        OracleColumn col;
        for (const auto& [name, text] : fields) {
          oj::DecodeString(text, name == "name" ? &col.name : &col.type);
        }
        table.columns.push_back(std::move(col));
      }
    } else if (key == "rows") {
      std::vector<std::string_view> rows;
      oj::SplitArray(value, &rows);
      table.rows.assign(rows.begin(), rows.end());
    }
  }
  if (!ok) return InternalError("oracle: result without ok: " + std::string(line.substr(0, 200)));
  return table;
}

}  // namespace

bool DuckDbRequired() { return SystemEnv::Instance().GetOr("S3C_REQUIRE_DUCKDB", "") == "1"; }

bool DuckDbAvailable(std::string* why) {
  static std::once_flag once;
  static std::string reason;  // empty when available
  std::call_once(once, [] {
    const std::string fix = "; install it with scripts/bootstrap (it runs npm ci in tests/oracle)";
    if (!std::filesystem::exists(ScriptPath())) {
      reason = "DuckDB oracle script missing: " + ScriptPath();
    } else if (!std::filesystem::exists(OracleDir() + "/node_modules/@duckdb/node-api")) {
      reason = "npm package @duckdb/node-api is not installed in " + OracleDir() + fix;
    } else {
      Result<OracleTable> t = DuckDbQuery("SELECT 42 AS answer");
      if (!t.ok()) {
        reason = "DuckDB oracle does not run (" + t.status().ToString() + ")" + fix;
      } else if (t->rows.size() != 1 || t->rows[0] != "[\"42\"]") {
        reason = "DuckDB oracle answered SELECT 42 wrongly";
      }
    }
  });
  if (why != nullptr) *why = reason;
  return reason.empty();
}

Result<OracleTable> DuckDbQuery(const std::string& sql) {
  std::vector<Result<OracleTable>> results = DuckDbQueries({sql});
  return std::move(results.front());
}

std::vector<Result<OracleTable>> DuckDbQueries(const std::vector<std::string>& sqls) {
  std::string input;
  for (const std::string& sql : sqls) {
    AppendJsonString(sql, &input);
    input.push_back('\n');
  }
  std::vector<Result<OracleTable>> results;
  Result<NodeRun> run = RunNode(input);
  size_t pos = 0;
  for (size_t i = 0; i < sqls.size(); ++i) {
    if (!run.ok()) {
      results.emplace_back(run.status());
      continue;
    }
    size_t end = run->out.find('\n', pos);
    if (end == std::string::npos) {
      results.emplace_back(UnavailableError("oracle: node exited with " +
                                            std::to_string(run->exit_code) +
                                            " before answering query " + std::to_string(i + 1) +
                                            "; stderr: " + run->err.substr(0, 2000)));
      continue;
    }
    results.push_back(ParseResultLine(std::string_view(run->out).substr(pos, end - pos)));
    pos = end + 1;
  }
  return results;
}

namespace {

// `text` between two `quote` characters, each one inside doubled (SQL's quoting rule).
std::string QuoteWith(std::string_view text, char quote) {
  std::string out(1, quote);
  for (char c : text) {
    if (c == quote) out.push_back(quote);
    out.push_back(c);
  }
  out.push_back(quote);
  return out;
}

}  // namespace

std::string SqlQuote(std::string_view text) { return QuoteWith(text, '\''); }

std::string SqlIdentifier(std::string_view name) { return QuoteWith(name, '"'); }

std::vector<std::string> ColumnNames(const OracleTable& table) {
  std::vector<std::string> names;
  for (const OracleColumn& c : table.columns) names.push_back(c.name);
  return names;
}

}  // namespace s3c::testing
