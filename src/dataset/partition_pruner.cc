// MakePartitionPruner (dataset/partition_pruner.h).
#include "s3c/dataset/partition_pruner.h"

#include <fmt/format.h>

#include <map>
#include <optional>
#include <mutex>

#include "s3c/expr/partition_filter.h"

namespace s3c::dataset {
namespace {

// More known keys than this are not worth 2^n bindings: the pruner then keeps the folder.
constexpr size_t kMaxTypedKeys = 6;
// An IN list longer than this is walked rather than listed value by value.
constexpr size_t kMaxFirstLevelFolders = 100;

class Pruner {
 public:
  Pruner(std::string where, Partitioning partitioning, expr::EvalContext context)
      : where_(std::move(where)), partitioning_(std::move(partitioning)), context_(context) {}

  bool MayMatch(const std::vector<RawPartitionValue>& known) {
    if (known.size() > kMaxTypedKeys) return true;
    // The types each value may end up with.
    std::vector<std::vector<columnar::DataType>> choices;
    for (const auto& v : known) {
      auto it = partitioning_.types.find(v.name);
      if (it != partitioning_.types.end()) {
        choices.push_back({it->second});
        continue;
      }
      columnar::DataType own = v.text ? ClassifyPartitionValue(*v.text) : columnar::String();
      if (own.id() == columnar::TypeId::kString) {
        choices.push_back({own});
      } else {
        choices.push_back({own, columnar::String()});
      }
    }
    std::vector<size_t> pick(known.size(), 0);
    while (true) {
      if (!NeverUnder(known, choices, pick)) return true;
      size_t i = 0;
      while (i < pick.size() && ++pick[i] == choices[i].size()) pick[i++] = 0;
      if (i == pick.size()) return false;  // every typing says never
    }
  }

 private:
  bool NeverUnder(const std::vector<RawPartitionValue>& known,
                  const std::vector<std::vector<columnar::DataType>>& choices,
                  const std::vector<size_t>& pick) {
    std::vector<columnar::Field> fields;
    std::vector<PartitionValue> values;
    std::string signature;
    for (size_t i = 0; i < known.size(); ++i) {
      const columnar::DataType& type = choices[i][pick[i]];
      fields.emplace_back(known[i].name, type, true);
      signature += known[i].name + ":" + type.ToString() + ";";
      PartitionValue value;
      value.spelling = known[i].spelling;
      if (known[i].text) {
        auto parsed = ParsePartitionText(*known[i].text, type);
        if (!parsed) return false;  // an override the value does not fit: reading reports it
        value.value = std::move(*parsed);
      }
      values.push_back(std::move(value));
    }
    bool unbindable = false;
    std::shared_ptr<const expr::Filter> filter = FilterFor(signature, fields, &unbindable);
    // Under a typing the filter cannot be bound to, a read with that schema fails as a whole:
    // it returns no rows from this folder either.
    if (unbindable) return true;
    if (!filter) return false;
    // Every column the reduced filter reads is known: evaluate it exactly on one row.
    auto schema = columnar::MakeSchema(fields);
    auto empty = columnar::RecordBatch::Make(columnar::MakeSchema({}), {}, 1);
    if (!empty.ok()) return false;
    auto row = AppendPartitionColumns(**empty, schema, values);
    if (!row.ok()) return false;
    auto kept = expr::Select(*filter, **row, context_);
    // An evaluation error (a cast the value fails) decides nothing: keep the folder.
    return kept.ok() && kept->empty();
  }

  // The filter's terms over these partition columns, bound once per typing.
  // `unbindable` is set when the terms over these columns fail to bind.
  std::shared_ptr<const expr::Filter> FilterFor(const std::string& signature,
                                                const std::vector<columnar::Field>& fields,
                                                bool* unbindable) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = bound_.find(signature);
    if (it == bound_.end()) {
      auto bound = expr::BindTermsOver(where_, columnar::Schema(fields));
      it = bound_.emplace(signature, bound.ok() ? Binding{*bound, false} : Binding{nullptr, true})
               .first;
    }
    *unbindable = it->second.failed;
    return it->second.filter;
  }

  const std::string where_;
  const Partitioning partitioning_;
  const expr::EvalContext context_;
  std::mutex mu_;
  struct Binding {
    std::shared_ptr<const expr::Filter> filter;  // null: no term over these columns
    bool failed = false;                         // the terms do not bind
  };
  std::map<std::string, Binding> bound_;
};

// A partition value as Hive writes it in a folder name: '%XX' for the characters Hive escapes.
std::string HiveEscape(std::string_view value) {
  static constexpr std::string_view kEscaped = "\"#%'*/:=?\\\x7f{[]^";
  std::string out;
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || kEscaped.find(c) != std::string_view::npos) {
      out += fmt::format("%{:02X}", u);
    } else {
      out += c;
    }
  }
  return out;
}

// The folder spelling of a literal the filter compares a partition with, when there is exactly
// one: strings as written (escaped), dates, and integers in canonical form. Others: nullopt.
std::optional<std::string> FolderSpelling(const expr::ConstraintValue& v) {
  using Kind = expr::ConstraintValue::Kind;
  if (v.kind == Kind::kString || v.kind == Kind::kDate) return HiveEscape(v.text);
  if (v.kind == Kind::kInteger && !v.text.empty() && (v.text[0] != '0' || v.text == "0")) {
    return v.text;
  }
  return std::nullopt;
}

// The first-level folders the filter pins (partition_listing.h PartitionPruner::first_level):
// one group per column with an equality or IN of literals (Hive: which key comes first is not
// known before listing, so each is tried in turn), or the template's first segment when it is
// one field.
using Constraints = std::map<std::string, expr::ColumnConstraint>;

std::vector<std::vector<std::string>> FirstLevelFolders(const Constraints& constraints,
                                                        const Partitioning& partitioning) {
  const bool hive = partitioning.kind == Partitioning::Kind::kHive;
  std::vector<std::vector<std::string>> groups;
  for (const auto& [key, c] : constraints) {
    if (!c.equals || c.equals->size() > kMaxFirstLevelFolders) continue;
    if (!hive) {
      const auto& first = partitioning.segments.empty() ? std::vector<TemplatePart>{}
                                                         : partitioning.segments[0];
      if (first.size() != 1 || !first[0].is_field || first[0].text != key) continue;
    }
    std::vector<std::string> folders;
    for (const auto& v : *c.equals) {
      std::optional<std::string> spelled = FolderSpelling(v);
      if (!spelled || (!hive && spelled->find_first_of("%/") != std::string::npos)) {
        folders.clear();
        break;
      }
      folders.push_back(hive ? key + "=" + *spelled : *spelled);
    }
    if (!folders.empty()) groups.push_back(std::move(folders));
  }
  return groups;
}

// "YYYY-MM-DD" exactly: the spelling whose byte order is the date order.
bool IsCanonicalDate(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (t[i] < '0' || t[i] > '9') return false;
  }
  return true;
}

// A bound whose folder spelling sorts like the value: a canonical date, or a string that
// needs no escaping (a string column compares bytewise).
bool SortsLikeItsValue(const expr::ConstraintValue& v) {
  using Kind = expr::ConstraintValue::Kind;
  if (v.kind == Kind::kDate) return IsCanonicalDate(v.text);
  return v.kind == Kind::kString && HiveEscape(v.text) == v.text;
}

// The range of PartitionPruner::first_level_range: one column bounded, on one side or both,
// by literals that sort like their values (Hive layouts only). Bounds that do not sort like
// their folder names are left out; of several bounded columns the one bounded on both sides is
// taken, and when that does not decide, none (the first level is unknown before listing).
std::optional<PartitionPruner::Range> FirstLevelRange(const Constraints& constraints) {
  std::vector<PartitionPruner::Range> one_sided, two_sided;
  for (const auto& [name, c] : constraints) {
    PartitionPruner::Range range{name, std::nullopt, std::nullopt};
    if (c.lower && SortsLikeItsValue(*c.lower)) range.lower = c.lower->text;
    if (c.upper && SortsLikeItsValue(*c.upper)) range.upper = c.upper->text;
    if (range.lower && range.upper) {
      two_sided.push_back(std::move(range));
    } else if (range.lower || range.upper) {
      one_sided.push_back(std::move(range));
    }
  }
  if (two_sided.size() == 1) return two_sided.front();
  if (two_sided.empty() && one_sided.size() == 1) return one_sided.front();
  return std::nullopt;
}

}  // namespace

Result<PartitionPruner> MakePartitionPruner(const std::string& where,
                                            const Partitioning& partitioning,
                                            const expr::EvalContext& context) {
  PartitionPruner pruner;
  S3C_ASSIGN_OR_RETURN(pruner.columns, expr::ColumnsRead(where));
  // The text parsed above, so this cannot fail.
  S3C_ASSIGN_OR_RETURN(Constraints constraints, expr::ConstraintsOn(where, pruner.columns));
  if (partitioning.kind != Partitioning::Kind::kNone) {
    pruner.first_level = FirstLevelFolders(constraints, partitioning);
  }
  if (partitioning.kind == Partitioning::Kind::kHive) {
    pruner.first_level_range = FirstLevelRange(constraints);
  }
  auto state = std::make_shared<Pruner>(where, partitioning, context);
  pruner.may_match = [state](const std::vector<RawPartitionValue>& known) {
    return state->MayMatch(known);
  };
  return pruner;
}

}  // namespace s3c::dataset
