// Typing partition values: ClassifyPartitionValue, ParsePartitionText and BuildPartitionTable
// (dataset/partitioning.h).
#include <fmt/format.h>

#include <charconv>

#include "s3c/common/civil_date.h"
#include "s3c/common/strings.h"
#include "s3c/dataset/partitioning.h"

namespace s3c::dataset {
namespace {

using columnar::DataType;
using columnar::StatValue;
using columnar::TypeId;

// Reads exactly `min`..`max` digits at *pos.
std::optional<int64_t> Digits(std::string_view s, size_t* pos, size_t min, size_t max) {
  size_t start = *pos;
  int64_t v = 0;
  while (*pos < s.size() && *pos - start < max && s[*pos] >= '0' && s[*pos] <= '9') {
    v = v * 10 + (s[*pos] - '0');
    ++*pos;
  }
  if (*pos - start < min) return std::nullopt;
  return v;
}

bool Consume(std::string_view s, size_t* pos, char c) {
  if (*pos < s.size() && s[*pos] == c) {
    ++*pos;
    return true;
  }
  return false;
}

// "YYYY-M[M]-D[D]" at *pos: days since the epoch.
std::optional<int64_t> DatePart(std::string_view s, size_t* pos) {
  auto y = Digits(s, pos, 4, 4);
  if (!y || !Consume(s, pos, '-')) return std::nullopt;
  auto m = Digits(s, pos, 1, 2);
  if (!m || !Consume(s, pos, '-')) return std::nullopt;
  auto d = Digits(s, pos, 1, 2);
  if (!d || *m < 1 || *m > 12 || *d < 1) return std::nullopt;
  int64_t days = DaysFromCivil(*y, static_cast<unsigned>(*m), static_cast<unsigned>(*d));
  // Reject day 31 of a 30-day month and the like: the day must survive the round trip.
  int64_t yy = 0;
  unsigned mm = 0, dd = 0;
  CivilFromDays(days, &yy, &mm, &dd);
  if (mm != static_cast<unsigned>(*m) || dd != static_cast<unsigned>(*d)) return std::nullopt;
  return days;
}

std::optional<int64_t> ParseDate(std::string_view s) {
  size_t pos = 0;
  auto days = DatePart(s, &pos);
  if (!days || pos != s.size()) return std::nullopt;
  return days;
}

// Date, 'T' or ' ', HH:MM[:SS[.fraction]], then an optional zone (Z, +hh, +hh:mm, +hhmm) that
// is accepted and ignored, as DuckDB's hive autocast does. Microseconds since the epoch.
std::optional<int64_t> ParseTimestamp(std::string_view s) {
  size_t pos = 0;
  auto days = DatePart(s, &pos);
  if (!days || pos >= s.size() || (s[pos] != 'T' && s[pos] != ' ')) return std::nullopt;
  ++pos;
  auto h = Digits(s, &pos, 2, 2);
  if (!h || !Consume(s, &pos, ':')) return std::nullopt;
  auto mi = Digits(s, &pos, 2, 2);
  if (!mi) return std::nullopt;
  int64_t sec = 0, micros = 0;
  if (Consume(s, &pos, ':')) {
    auto ss = Digits(s, &pos, 2, 2);
    if (!ss) return std::nullopt;
    sec = *ss;
    if (Consume(s, &pos, '.')) {
      size_t start = pos;
      auto frac = Digits(s, &pos, 1, 9);
      if (!frac) return std::nullopt;
      micros = *frac;
      for (size_t n = pos - start; n < 6; ++n) micros *= 10;
      for (size_t n = pos - start; n > 6; --n) micros /= 10;
    }
  }
  if (*h > 23 || *mi > 59 || sec > 59) return std::nullopt;
  if (pos < s.size()) {
    if (s[pos] == 'Z') {
      ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
      ++pos;
      if (!Digits(s, &pos, 2, 2)) return std::nullopt;
      Consume(s, &pos, ':');
      if (pos < s.size()) {
        if (!Digits(s, &pos, 2, 2)) return std::nullopt;
      }
    }
  }
  if (pos != s.size()) return std::nullopt;
  return ((*days * 24 + *h) * 60 + *mi) * 60'000'000 + sec * 1'000'000 + micros;
}

// Any decimal integer in range (for an explicit int type).
std::optional<int64_t> ParseInt(std::string_view s) {
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

// What autocast types as int64, as DuckDB decides it: text that starts with '-' or a digit,
// but not with "0" followed by more ("0", "-0" and "-01" are ints; "01" and "+5" stay strings,
// e.g. zip codes), and parses as an int64.
std::optional<int64_t> ParseCanonicalInt(std::string_view s) {
  if (s.empty() || (s[0] != '-' && (s[0] < '0' || s[0] > '9'))) return std::nullopt;
  if (s[0] == '0' && s.size() > 1) return std::nullopt;
  return ParseInt(s);
}

// The type as --partition-types spells it.
const char* PartitionTypeName(const DataType& type) {
  switch (type.id()) {
    case TypeId::kInt64:
      return "int";
    case TypeId::kDate32:
      return "date";
    case TypeId::kTimestamp:
      return "timestamp";
    default:
      return "string";
  }
}

}  // namespace

DataType ClassifyPartitionValue(std::string_view text) {
  std::string_view t = Trim(text);
  if (ParseDate(t)) return columnar::Date32();
  if (ParseTimestamp(t)) return columnar::Timestamp(columnar::TimeUnit::kMicro);
  if (ParseCanonicalInt(t)) return columnar::Int64();
  return columnar::String();
}

std::optional<StatValue> ParsePartitionText(std::string_view text, const DataType& type) {
  std::string_view t = Trim(text);
  std::optional<int64_t> v;
  switch (type.id()) {
    case TypeId::kInt64:
      v = ParseInt(t);
      break;
    case TypeId::kDate32:
      v = ParseDate(t);
      break;
    case TypeId::kTimestamp:
      v = ParseTimestamp(t);
      if (!v) {
        if (auto d = ParseDate(t)) v = *d * 86'400'000'000;  // a bare date is midnight
      }
      break;
    case TypeId::kString:
      return StatValue(std::string(text));
    default:
      return std::nullopt;
  }
  if (!v) return std::nullopt;
  return StatValue(*v);
}

Result<PartitionTable> BuildPartitionTable(const Partitioning& partitioning,
                                           std::string_view root_prefix,
                                           const std::vector<ObjectInfo>& objects) {
  PartitionTable table;
  std::vector<std::vector<RawPartitionValue>> raw;
  raw.reserve(objects.size());
  for (const ObjectInfo& o : objects) {
    std::string_view rel = o.key;
    if (StartsWith(rel, root_prefix)) rel.remove_prefix(root_prefix.size());
    S3C_ASSIGN_OR_RETURN(auto values, ExtractPartitionValues(partitioning, rel));
    // Every object carries the keys of the first, in the same order.
    if (!raw.empty()) {
      const auto& first = raw.front();
      bool same = first.size() == values.size();
      for (size_t i = 0; same && i < values.size(); ++i) same = first[i].name == values[i].name;
      if (!same) {
        auto names = [](const std::vector<RawPartitionValue>& v) {
          std::vector<std::string> n;
          for (const auto& x : v) n.push_back(x.name);
          return n.empty() ? std::string("none") : Join(n, ", ");
        };
        return InvalidArgumentError(fmt::format(
            "partition keys differ between {} ({}) and {} ({}); give --partitioning none to "
            "read the objects without partition columns",
            objects.front().key, names(first), o.key, names(values)));
      }
    }
    raw.push_back(std::move(values));
  }
  if (raw.empty() || raw.front().empty()) {
    for (const auto& [name, type] : partitioning.types) {
      return InvalidArgumentError(
          fmt::format("--partition-types names '{}', but the keys carry no partitions", name));
    }
    table.values.resize(objects.size());
    return table;
  }
  const auto& keys = raw.front();
  std::vector<DataType> types;
  for (size_t k = 0; k < keys.size(); ++k) {
    auto it = partitioning.types.find(keys[k].name);
    if (it != partitioning.types.end()) {
      types.push_back(it->second);
      continue;
    }
    std::optional<DataType> common;
    bool mixed = false;
    for (const auto& values : raw) {
      if (!values[k].text) continue;
      DataType t = ClassifyPartitionValue(*values[k].text);
      if (!common) {
        common = t;
      } else if (!(*common == t)) {
        mixed = true;
      }
    }
    types.push_back(!common || mixed ? columnar::String() : *common);
  }
  for (const auto& [name, type] : partitioning.types) {
    bool found = false;
    for (const auto& k : keys) found = found || k.name == name;
    if (!found) {
      return InvalidArgumentError(
          fmt::format("--partition-types names '{}', which is not a partition key", name));
    }
  }
  for (size_t k = 0; k < keys.size(); ++k) table.fields.emplace_back(keys[k].name, types[k], true);
  table.values.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    std::vector<PartitionValue> row;
    for (size_t k = 0; k < keys.size(); ++k) {
      PartitionValue v;
      v.spelling = raw[i][k].spelling;
      if (raw[i][k].text) {
        auto parsed = ParsePartitionText(*raw[i][k].text, types[k]);
        if (!parsed) {
          return InvalidArgumentError(
              fmt::format("{}: partition {}='{}' is not a valid {}", objects[i].key,
                          keys[k].name, *raw[i][k].text, PartitionTypeName(types[k])));
        }
        v.value = std::move(*parsed);
      }
      row.push_back(std::move(v));
    }
    table.values.push_back(std::move(row));
  }
  return table;
}

}  // namespace s3c::dataset
