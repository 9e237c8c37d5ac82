// ParsePartitioning, ParsePartitionTypes and ExtractPartitionValues (dataset/partitioning.h).
#include <fmt/format.h>

#include <set>

#include "s3c/common/strings.h"
#include "s3c/dataset/partitioning.h"

namespace s3c::dataset {
namespace {

constexpr std::string_view kHiveNull = "__HIVE_DEFAULT_PARTITION__";

bool IsFieldNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

Status TemplateError(std::string_view text, size_t pos, std::string_view what) {
  return InvalidArgumentError(
      fmt::format("--partitioning '{}': {} at position {}", text, what, pos + 1));
}

// One template segment ("events-{date}.jsonl") into parts; `offset` is the segment's position
// in the whole template (for messages).
Result<std::vector<TemplatePart>> ParseSegment(std::string_view whole, std::string_view seg,
                                               size_t offset, std::set<std::string>* names) {
  std::vector<TemplatePart> parts;
  auto add_literal = [&parts](char c) {
    if (parts.empty() || parts.back().is_field) parts.push_back({false, ""});
    parts.back().text += c;
  };
  for (size_t i = 0; i < seg.size(); ++i) {
    char c = seg[i];
    if ((c == '{' || c == '}') && i + 1 < seg.size() && seg[i + 1] == c) {
      add_literal(c);
      ++i;
      continue;
    }
    if (c == '}') return TemplateError(whole, offset + i, "unmatched '}' (write '}}' for a brace)");
    if (c != '{') {
      add_literal(c);
      continue;
    }
    size_t close = seg.find('}', i);
    if (close == std::string_view::npos) return TemplateError(whole, offset + i, "unclosed '{'");
    std::string name(seg.substr(i + 1, close - i - 1));
    if (name.empty()) return TemplateError(whole, offset + i, "empty field name '{}'");
    for (char n : name) {
      if (!IsFieldNameChar(n)) {
        return TemplateError(whole, offset + i,
                             fmt::format("field name '{}' may hold only letters, digits and '_'",
                                         name));
      }
    }
    if (!parts.empty() && parts.back().is_field) {
      return TemplateError(whole, offset + i,
                           "two fields with nothing between them cannot be told apart");
    }
    if (!names->insert(name).second) {
      return TemplateError(whole, offset + i, fmt::format("field '{}' appears twice", name));
    }
    parts.push_back({true, std::move(name)});
    i = close;
  }
  return parts;
}

// Matches `parts` against the whole of `seg`; fields take at least one character. On success
// appends the fields' values (raw) to `out`.
bool MatchSegment(const std::vector<TemplatePart>& parts, size_t part, std::string_view seg,
                  std::vector<std::pair<std::string, std::string>>* out) {
  if (part == parts.size()) return seg.empty();
  const TemplatePart& p = parts[part];
  if (!p.is_field) {
    if (!StartsWith(seg, p.text)) return false;
    return MatchSegment(parts, part + 1, seg.substr(p.text.size()), out);
  }
  // A field runs up to the next literal (or the end): try each place it may end, shortest
  // first, so "{a}-{b}" on "x-y-z" gives a = "x", b = "y-z".
  for (size_t len = 1; len <= seg.size(); ++len) {
    out->emplace_back(p.text, std::string(seg.substr(0, len)));
    if (MatchSegment(parts, part + 1, seg.substr(len), out)) return true;
    out->pop_back();
  }
  return false;
}

RawPartitionValue MakeRaw(std::string name, std::string_view spelling) {
  RawPartitionValue v;
  v.name = std::move(name);
  v.spelling = std::string(spelling);
  if (spelling != kHiveNull) {
    // Percent-decoded as writers encode; text that is not valid percent-encoding stays as is.
    std::optional<std::string> decoded = UriDecode(spelling);
    v.text = decoded ? std::move(*decoded) : std::string(spelling);
  }
  return v;
}

}  // namespace

std::vector<std::string> Partitioning::TemplateFields() const {
  std::vector<std::string> names;
  for (const auto& seg : segments) {
    for (const auto& p : seg) {
      if (p.is_field) names.push_back(p.text);
    }
  }
  return names;
}

Result<Partitioning> ParsePartitioning(std::string_view text) {
  Partitioning p;
  if (text.empty() || text == "hive") return p;
  if (text == "none") {
    p.kind = Partitioning::Kind::kNone;
    return p;
  }
  if (text.find('{') == std::string_view::npos) {
    return InvalidArgumentError(
        fmt::format("--partitioning '{}': give hive, none, or a template with fields such as "
                    "'{{year}}/{{month}}/{{day}}'",
                    text));
  }
  p.kind = Partitioning::Kind::kTemplate;
  std::set<std::string> names;
  size_t start = 0;
  while (true) {
    size_t slash = text.find('/', start);
    std::string_view seg = text.substr(start, slash == std::string_view::npos ? slash : slash - start);
    if (seg.empty()) {
      if (slash == std::string_view::npos && start > 0) break;  // a trailing '/'
      return TemplateError(text, start, "empty folder name");
    }
    S3C_ASSIGN_OR_RETURN(auto parts, ParseSegment(text, seg, start, &names));
    p.segments.push_back(std::move(parts));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return p;
}

Result<std::map<std::string, columnar::DataType>> ParsePartitionTypes(std::string_view text) {
  std::map<std::string, columnar::DataType> types;
  for (const std::string& entry : Split(text, ',')) {
    std::string_view e = Trim(entry);
    if (e.empty()) continue;
    size_t colon = e.find(':');
    std::string name(Trim(e.substr(0, colon == std::string_view::npos ? 0 : colon)));
    std::string type =
        colon == std::string_view::npos ? "" : ToLower(Trim(e.substr(colon + 1)));
    columnar::DataType t;
    if (type == "int" || type == "int64" || type == "bigint") {
      t = columnar::Int64();
    } else if (type == "date") {
      t = columnar::Date32();
    } else if (type == "timestamp") {
      t = columnar::Timestamp(columnar::TimeUnit::kMicro);
    } else if (type == "string" || type == "varchar") {
      t = columnar::String();
    } else {
      return InvalidArgumentError(fmt::format(
          "--partition-types '{}': give NAME:TYPE with TYPE one of int, date, timestamp, string",
          e));
    }
    if (name.empty()) {
      return InvalidArgumentError(fmt::format("--partition-types '{}': the name is empty", e));
    }
    if (!types.emplace(name, t).second) {
      return InvalidArgumentError(
          fmt::format("--partition-types: '{}' is given twice", name));
    }
  }
  return types;
}

Result<std::vector<RawPartitionValue>> ExtractPartitionValues(const Partitioning& partitioning,
                                                              std::string_view relative_key) {
  std::vector<RawPartitionValue> values;
  std::vector<std::string> segs = Split(relative_key, '/');
  if (partitioning.kind == Partitioning::Kind::kNone) return values;
  if (partitioning.kind == Partitioning::Kind::kHive) {
    for (size_t i = 0; i + 1 < segs.size(); ++i) {  // folders only: never the file name
      size_t eq = segs[i].find('=');
      if (eq == std::string::npos || eq == 0) continue;
      values.push_back(MakeRaw(segs[i].substr(0, eq), std::string_view(segs[i]).substr(eq + 1)));
    }
    return values;
  }
  const auto& tsegs = partitioning.segments;
  if (segs.size() < tsegs.size()) {
    return InvalidArgumentError(fmt::format(
        "key '{}' has {} path segment(s), fewer than the partitioning template's {}",
        relative_key, segs.size(), tsegs.size()));
  }
  for (size_t i = 0; i < tsegs.size(); ++i) {
    std::vector<std::pair<std::string, std::string>> matched;
    if (!MatchSegment(tsegs[i], 0, segs[i], &matched)) {
      return InvalidArgumentError(fmt::format(
          "key '{}': segment {} ('{}') does not match the partitioning template", relative_key,
          i + 1, segs[i]));
    }
    for (auto& [name, spelling] : matched) values.push_back(MakeRaw(name, spelling));
  }
  return values;
}

std::vector<RawPartitionValue> FolderPartitionValues(const Partitioning& partitioning,
                                                     size_t level, std::string_view folder) {
  std::vector<RawPartitionValue> values;
  if (partitioning.kind == Partitioning::Kind::kHive) {
    size_t eq = folder.find('=');
    if (eq != std::string_view::npos && eq > 0) {
      values.push_back(MakeRaw(std::string(folder.substr(0, eq)), folder.substr(eq + 1)));
    }
  } else if (partitioning.kind == Partitioning::Kind::kTemplate &&
             level < partitioning.segments.size()) {
    std::vector<std::pair<std::string, std::string>> matched;
    if (MatchSegment(partitioning.segments[level], 0, folder, &matched)) {
      for (auto& [name, spelling] : matched) values.push_back(MakeRaw(name, spelling));
    }
  }
  return values;
}

}  // namespace s3c::dataset
