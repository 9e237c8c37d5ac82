// The JSON text of commit records and checkpoints (dataset/commit_log.h): CommitRecordJson,
// ParseCommitRecord, CheckpointJson, ParseCheckpoint. A checkpoint's live files and states are
// written and read by the same code as a record's `add` entries and `incremental` member.
#include <fmt/format.h>

#include <chrono>

#include "s3c/common/json_escape.h"
#include "s3c/common/json_parser.h"
#include "s3c/common/json_value.h"
#include "s3c/dataset/commit_log.h"

namespace s3c::dataset {
namespace {

constexpr std::string_view kRecordFormat = "s3c-commit";
constexpr int64_t kRecordVersion = 1;
constexpr std::string_view kCheckpointFormat = "s3c-checkpoint";
constexpr int64_t kCheckpointVersion = 1;

int64_t Millis(WallTime t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}
WallTime FromMillis(int64_t ms) {
  return WallTime(std::chrono::duration_cast<WallTime::duration>(std::chrono::milliseconds(ms)));
}

void AppendPartitionValues(const PartitionValues& values, std::string* out) {
  out->push_back('{');
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendJsonString(values[i].first, out);
    out->push_back(':');
    if (values[i].second) {
      AppendJsonString(*values[i].second, out);
    } else {
      out->append("null");
    }
  }
  out->push_back('}');
}

void AppendAdd(const DataFile& f, std::string* out) {
  out->append("{\"path\":");
  AppendJsonString(f.path, out);
  out->append(",\"partitionValues\":");
  AppendPartitionValues(f.partition_values, out);
  out->append(fmt::format(",\"size\":{},\"modificationTime\":{},\"dataChange\":true", f.size,
                          Millis(f.modification_time)));
  if (!f.stats_json.empty()) {
    out->append(",\"stats\":");
    AppendJsonString(f.stats_json, out);  // Delta keeps stats as a JSON string
  }
  out->append(fmt::format(",\"rows\":{},\"etag\":", f.rows));
  AppendJsonString(f.etag, out);
  out->push_back('}');
}

// ["a","b"]: partition_by, a checkpoint's retired paths.
void AppendStrings(const std::vector<std::string>& values, std::string* out) {
  out->push_back('[');
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendJsonString(values[i], out);
  }
  out->push_back(']');
}

// {"id":"...","sequence":N,"state":{...}}: a record's "incremental", a checkpoint's "states".
void AppendState(const RecordedState& state, std::string* out) {
  out->append("{\"id\":");
  AppendJsonString(state.id, out);
  out->append(fmt::format(",\"sequence\":{},\"state\":{}}}", state.sequence, state.json));
}

// Reads the members of one JSON object, each error naming the record and the member path.
class Fields {
 public:
  Fields(const JsonValue& v, const std::string& source, std::string path)
      : v_(v), source_(source), path_(std::move(path)) {}

  Status Fail(std::string_view member, std::string_view expected) const {
    return DataLossError(
        fmt::format("{}: {}{}: expected {}", source_, path_, member, expected));
  }
  std::string Path(std::string_view member) const { return path_ + std::string(member); }

  Result<std::string> String(std::string_view member, bool required = true) const {
    const JsonValue* m = v_.Find(member);
    if (m == nullptr && !required) return std::string();
    if (m == nullptr || m->kind != JsonValue::Kind::kString) return Fail(member, "a string");
    return m->text;
  }
  Result<int64_t> Int(std::string_view member, int64_t min) const {
    const JsonValue* m = v_.Find(member);
    std::optional<int64_t> n;
    if (m != nullptr && m->kind == JsonValue::Kind::kNumber) n = m->AsInt64();
    if (!n || *n < min) return Fail(member, fmt::format("a whole number >= {}", min));
    return *n;
  }
  Result<bool> Bool(std::string_view member) const {
    const JsonValue* m = v_.Find(member);
    if (m == nullptr) return false;
    if (m->kind != JsonValue::Kind::kBool) return Fail(member, "true or false");
    return m->boolean;
  }
  // The member as an array (absent: empty).
  Result<const std::vector<JsonValue>*> Array(std::string_view member) const {
    static const std::vector<JsonValue> kNone;
    const JsonValue* m = v_.Find(member);
    if (m == nullptr) return &kNone;
    if (m->kind != JsonValue::Kind::kArray) return Fail(member, "an array");
    return &m->items;
  }
  const JsonValue* Find(std::string_view member) const { return v_.Find(member); }
  // The member as an array of strings (absent: empty).
  Result<std::vector<std::string>> Strings(std::string_view member) const {
    S3C_ASSIGN_OR_RETURN(auto items, Array(member));
    std::vector<std::string> out;
    for (size_t i = 0; i < items->size(); ++i) {
      if ((*items)[i].kind != JsonValue::Kind::kString) {
        return Fail(fmt::format("{}[{}]", member, i), "a string");
      }
      out.push_back((*items)[i].text);
    }
    return out;
  }
  // "format" is `format` and "version" at most `version` (a newer s3c's is refused).
  Status CheckFormat(std::string_view format, int64_t version) const {
    S3C_ASSIGN_OR_RETURN(std::string found, String("format"));
    if (found != format) return Fail("format", fmt::format("\"{}\"", format));
    S3C_ASSIGN_OR_RETURN(int64_t found_version, Int("version", 1));
    if (found_version > version) {
      return Fail("version", fmt::format("{} or lower (written by a newer s3c)", version));
    }
    return Status::OK();
  }

 private:
  const JsonValue& v_;
  const std::string& source_;
  std::string path_;
};

Result<PartitionValues> ParsePartitionValues(const JsonValue* v, const std::string& source,
                                             const std::string& path) {
  PartitionValues out;
  if (v == nullptr) return out;
  if (v->kind != JsonValue::Kind::kObject) {
    return DataLossError(fmt::format("{}: {}: expected an object", source, path));
  }
  for (const JsonMember& m : v->members) {
    if (m.value.kind == JsonValue::Kind::kNull) {
      out.emplace_back(m.key, std::nullopt);
    } else if (m.value.kind == JsonValue::Kind::kString) {
      out.emplace_back(m.key, m.value.text);
    } else {
      return DataLossError(
          fmt::format("{}: {}.{}: expected a string or null", source, path, m.key));
    }
  }
  return out;
}

Result<DataFile> ParseAdd(const JsonValue& v, const std::string& source, const std::string& at) {
  if (v.kind != JsonValue::Kind::kObject) {
    return DataLossError(fmt::format("{}: {}: expected an object", source, at));
  }
  Fields f(v, source, at + ".");
  DataFile file;
  S3C_ASSIGN_OR_RETURN(file.path, f.String("path"));
  if (file.path.empty()) return f.Fail("path", "a non-empty path");
  S3C_ASSIGN_OR_RETURN(file.partition_values, ParsePartitionValues(f.Find("partitionValues"),
                                                                   source, f.Path("partitionValues")));
  S3C_ASSIGN_OR_RETURN(int64_t size, f.Int("size", 0));
  file.size = static_cast<uint64_t>(size);
  S3C_ASSIGN_OR_RETURN(int64_t modified, f.Int("modificationTime", 0));
  file.modification_time = FromMillis(modified);
  S3C_ASSIGN_OR_RETURN(file.rows, f.Int("rows", -1));
  S3C_ASSIGN_OR_RETURN(file.etag, f.String("etag", /*required=*/false));
  S3C_ASSIGN_OR_RETURN(file.stats_json, f.String("stats", /*required=*/false));
  return file;
}

Result<RecordedState> ParseState(const JsonValue& v, const std::string& source,
                                 const std::string& at) {
  if (v.kind != JsonValue::Kind::kObject) {
    return DataLossError(fmt::format("{}: {}: expected an object", source, at));
  }
  Fields f(v, source, at + ".");
  RecordedState state;
  S3C_ASSIGN_OR_RETURN(state.id, f.String("id"));
  S3C_ASSIGN_OR_RETURN(state.sequence, f.Int("sequence", 1));
  const JsonValue* doc = f.Find("state");
  if (doc == nullptr || doc->kind != JsonValue::Kind::kObject) {
    return f.Fail("state", "an object (the incremental state)");
  }
  AppendJsonText(*doc, &state.json);
  return state;
}

// The JSON object `root` of the document at `source`, or DataLoss naming what it must be.
Result<JsonValue> ParseObject(std::string_view text, const std::string& source,
                              std::string_view what) {
  JsonValue root;
  S3C_RETURN_IF_ERROR(ParseJsonText(text, &root, source));
  if (root.kind != JsonValue::Kind::kObject) {
    return DataLossError(fmt::format("{}: expected a JSON object ({})", source, what));
  }
  return root;
}

}  // namespace

std::string CommitRecordJson(const CommitRecord& r) {
  std::string out = fmt::format("{{\"format\":\"{}\",\"version\":{},\"sequence\":{},\"run_id\":",
                                kRecordFormat, kRecordVersion, r.sequence);
  AppendJsonString(r.run_id, &out);
  out += fmt::format(",\"timestamp\":{},\"mode\":", Millis(r.time));
  AppendJsonString(r.mode, &out);
  out += ",\"partition_by\":";
  AppendStrings(r.partition_by, &out);
  out += ",\"schema\":";
  out += r.schema_json.empty() ? "null" : r.schema_json;
  out += fmt::format(",\"replaces_all\":{},\"replaced_partitions\":[",
                     r.replaces_all ? "true" : "false");
  for (size_t i = 0; i < r.replaced_partitions.size(); ++i) {
    if (i > 0) out += ',';
    AppendPartitionValues(r.replaced_partitions[i], &out);
  }
  out += "],\"add\":[";
  for (size_t i = 0; i < r.added.size(); ++i) {
    if (i > 0) out += ',';
    AppendAdd(r.added[i], &out);
  }
  out += "],\"remove\":[";
  for (size_t i = 0; i < r.removed.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"path\":";
    AppendJsonString(r.removed[i], &out);
    out += fmt::format(",\"deletionTimestamp\":{},\"dataChange\":true}}", Millis(r.time));
  }
  out += "]";
  if (r.state) {
    out += ",\"incremental\":";
    AppendState(*r.state, &out);
  }
  out += "}\n";
  return out;
}

Result<CommitRecord> ParseCommitRecord(std::string_view text, const std::string& source) {
  S3C_ASSIGN_OR_RETURN(JsonValue root, ParseObject(text, source, "an s3c commit record"));
  Fields f(root, source, "");
  S3C_RETURN_IF_ERROR(f.CheckFormat(kRecordFormat, kRecordVersion));
  CommitRecord r;
  S3C_ASSIGN_OR_RETURN(r.sequence, f.Int("sequence", 0));
  S3C_ASSIGN_OR_RETURN(r.run_id, f.String("run_id"));
  S3C_ASSIGN_OR_RETURN(int64_t ms, f.Int("timestamp", 0));
  r.time = FromMillis(ms);
  S3C_ASSIGN_OR_RETURN(r.mode, f.String("mode"));
  S3C_ASSIGN_OR_RETURN(r.partition_by, f.Strings("partition_by"));
  if (const JsonValue* schema = f.Find("schema");
      schema != nullptr && schema->kind != JsonValue::Kind::kNull) {
    AppendJsonText(*schema, &r.schema_json);
  }
  S3C_ASSIGN_OR_RETURN(r.replaces_all, f.Bool("replaces_all"));
  S3C_ASSIGN_OR_RETURN(auto replaced, f.Array("replaced_partitions"));
  for (size_t i = 0; i < replaced->size(); ++i) {
    S3C_ASSIGN_OR_RETURN(auto values,
                         ParsePartitionValues(&(*replaced)[i], source,
                                              fmt::format("replaced_partitions[{}]", i)));
    r.replaced_partitions.push_back(std::move(values));
  }
  S3C_ASSIGN_OR_RETURN(auto adds, f.Array("add"));
  for (size_t i = 0; i < adds->size(); ++i) {
    S3C_ASSIGN_OR_RETURN(DataFile file, ParseAdd((*adds)[i], source, fmt::format("add[{}]", i)));
    r.added.push_back(std::move(file));
  }
  S3C_ASSIGN_OR_RETURN(auto removes, f.Array("remove"));
  for (size_t i = 0; i < removes->size(); ++i) {
    const JsonValue& v = (*removes)[i];
    const JsonValue* path = v.Find("path");
    if (path == nullptr || path->kind != JsonValue::Kind::kString || path->text.empty()) {
      return f.Fail(fmt::format("remove[{}].path", i), "a non-empty string");
    }
    r.removed.push_back(path->text);
  }
  if (const JsonValue* inc = f.Find("incremental"); inc != nullptr) {
    S3C_ASSIGN_OR_RETURN(r.state, ParseState(*inc, source, "incremental"));
  }
  return r;
}

std::string CheckpointJson(const CommitLog& log) {
  std::string out = fmt::format("{{\"format\":\"{}\",\"version\":{},\"sequence\":{}",
                                kCheckpointFormat, kCheckpointVersion, log.next_sequence - 1);
  out += ",\"partition_by\":";
  AppendStrings(log.partition_by, &out);
  out += ",\"live\":[";
  bool first = true;
  for (const auto& [path, file] : log.live) {
    if (!first) out += ',';
    first = false;
    AppendAdd(file, &out);
  }
  out += "],\"retired\":";
  AppendStrings(std::vector<std::string>(log.retired.begin(), log.retired.end()), &out);
  out += ",\"states\":[";
  first = true;
  for (const auto& [id, state] : log.states) {
    if (!first) out += ',';
    first = false;
    AppendState(state, &out);
  }
  out += "]}\n";
  return out;
}

Result<CommitLog> ParseCheckpoint(std::string_view text, const std::string& source) {
  S3C_ASSIGN_OR_RETURN(JsonValue root, ParseObject(text, source, "an s3c commit checkpoint"));
  Fields f(root, source, "");
  S3C_RETURN_IF_ERROR(f.CheckFormat(kCheckpointFormat, kCheckpointVersion));
  CommitLog log;
  S3C_ASSIGN_OR_RETURN(int64_t sequence, f.Int("sequence", 0));
  log.next_sequence = sequence + 1;
  S3C_ASSIGN_OR_RETURN(log.partition_by, f.Strings("partition_by"));
  S3C_ASSIGN_OR_RETURN(auto live, f.Array("live"));
  for (size_t i = 0; i < live->size(); ++i) {
    S3C_ASSIGN_OR_RETURN(DataFile file, ParseAdd((*live)[i], source, fmt::format("live[{}]", i)));
    std::string path = file.path;
    if (!log.live.emplace(std::move(path), std::move(file)).second) {
      return f.Fail(fmt::format("live[{}].path", i), "a path not listed before");
    }
  }
  S3C_ASSIGN_OR_RETURN(auto retired, f.Strings("retired"));
  log.retired.insert(retired.begin(), retired.end());
  S3C_ASSIGN_OR_RETURN(auto states, f.Array("states"));
  for (size_t i = 0; i < states->size(); ++i) {
    S3C_ASSIGN_OR_RETURN(RecordedState state,
                         ParseState((*states)[i], source, fmt::format("states[{}]", i)));
    std::string id = state.id;
    if (!log.states.emplace(std::move(id), std::move(state)).second) {
      return f.Fail(fmt::format("states[{}].id", i), "an id not listed before");
    }
  }
  return log;
}

std::string RecordedStateRef(const RecordedState& state) {
  JsonValue doc;
  if (!ParseJsonText(state.json, &doc, "record").ok()) return "";
  const JsonValue* ref = doc.Find("ref");
  return ref != nullptr && ref->kind == JsonValue::Kind::kString ? ref->text : "";
}

}  // namespace s3c::dataset
