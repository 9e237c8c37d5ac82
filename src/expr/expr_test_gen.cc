#include "expr/expr_test_gen.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <vector>

#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/builder_primitive.h"
#include "s3c/common/civil_date.h"

namespace s3c::expr::testing {
namespace {

const std::vector<std::string> kWords = {
    "",         "a",    "abc",  "ABC",    "Abc",   "a%b",   "a_b",    "hello world",
    " padded ", "élan", "ÉLAN", "straße", "Ωmega", "ωmega", "Привет", "привет",
    "日本語",   "x'y",  "zzz",  "b",      "ab",    "Ÿes",
};
const std::vector<std::string> kPatterns = {
    "%",   "a%",  "%a",  "%b%", "_",  "__",  "a_c", "%é%",  "É%",  "ab%", "",
    "abc", "ABC", "_b%", "%e",  " %", "%ω%", "п%",  "%日%", "a%b", "%_%", "x'y",
};
const std::vector<std::string> kRegexes = {"^a",      "b.c", "^$",       "é", "o w",
                                           "(?i)abc", "Ω|ω", "^[a-z]+$", "ß", "z{2,}"};
constexpr int64_t kDay0 = 9131;   // 1995-01-01
constexpr int64_t kDays = 11322;  // through 2025-12-31

std::string Quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    out.push_back(c);
    if (c == '\'') out.push_back('\'');
  }
  return out + "'";
}

}  // namespace

std::shared_ptr<columnar::RecordBatch> RandomTable(int64_t rows, uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto pick = [&](int64_t n) { return static_cast<int64_t>(rng() % static_cast<uint64_t>(n)); };
  auto null = [&] { return pick(100) < 15; };
  columnar::Int64Builder id, i;
  columnar::Int32Builder j;
  columnar::Float64Builder f;
  columnar::StringBuilder s;
  columnar::Date32Builder d;
  columnar::TimestampBuilder t(columnar::Timestamp(columnar::TimeUnit::kMicro));
  columnar::BooleanBuilder b;
  const double kSpecial[] = {std::numeric_limits<double>::quiet_NaN(),
                             std::numeric_limits<double>::infinity(),
                             -std::numeric_limits<double>::infinity(),
                             -0.0,
                             0.0,
                             1.5,
                             -2.5};
  for (int64_t r = 0; r < rows; ++r) {
    id.Append(r);
    null() ? i.AppendNull() : i.Append(pick(101) - 50);
    null() ? j.AppendNull() : j.Append(static_cast<int32_t>(pick(2001) - 1000));
    if (null()) {
      f.AppendNull();
    } else {
      f.Append(pick(5) == 0 ? kSpecial[pick(7)] : static_cast<double>(pick(321) - 160) / 4);
    }
    if (null()) {
      s.AppendNull();
    } else {
      s.Append(kWords[static_cast<size_t>(pick(static_cast<int64_t>(kWords.size())))]);
    }
    null() ? d.AppendNull() : d.Append(static_cast<int32_t>(kDay0 + pick(kDays)));
    null() ? t.AppendNull()
           : t.Append((kDay0 + pick(kDays)) * 86'400'000'000 + pick(86'400) * 1'000'000 +
                      (pick(3) == 0 ? pick(1'000'000) : 0));
    null() ? b.AppendNull() : b.Append(pick(2) == 0);
  }
  auto schema = columnar::MakeSchema(
      {columnar::Field("id", columnar::Int64()), columnar::Field("i", columnar::Int64()),
       columnar::Field("j", columnar::Int32()), columnar::Field("f", columnar::Float64()),
       columnar::Field("s", columnar::String()), columnar::Field("d", columnar::Date32()),
       columnar::Field("t", columnar::Timestamp(columnar::TimeUnit::kMicro)),
       columnar::Field("b", columnar::Bool())});
  return *columnar::RecordBatch::Make(schema, {*id.Finish(), *i.Finish(), *j.Finish(), *f.Finish(),
                                               *s.Finish(), *d.Finish(), *t.Finish(), *b.Finish()});
}

std::string ExpressionGenerator::Boolean(int depth) {
  if (depth <= 0 || Chance(35)) return Predicate();
  switch (Pick(7)) {
    case 0:
    case 1:
      return fmt::format("({} AND {})", Boolean(depth - 1), Boolean(depth - 1));
    case 2:
    case 3:
      return fmt::format("({} OR {})", Boolean(depth - 1), Boolean(depth - 1));
    case 4:
      return fmt::format("(NOT {})", Boolean(depth - 1));
    case 5:
      return fmt::format("(CASE WHEN {} THEN {} ELSE {} END)", Boolean(depth - 1),
                         Boolean(depth - 1), Boolean(depth - 1));
    default:
      return fmt::format("(CASE {} WHEN {} THEN {} WHEN {} THEN {} END)", Number(1), IntLiteral(),
                         Boolean(depth - 1), IntLiteral(), Boolean(depth - 1));
  }
}

std::string ExpressionGenerator::Predicate() {
  static const char* kColumns[] = {"i", "j", "f", "s", "d", "t", "b"};
  switch (Pick(16)) {
    case 0:
    case 1:
    case 2:
      return fmt::format("({} {} {})", Number(2), CompareOp(),
                         Chance(50) ? NumberLiteral() : Number(1));
    case 3:
      return fmt::format("({} {} {})", Text(), CompareOp(), Chance(70) ? TextLiteral() : Text());
    case 4:
      return fmt::format("({} {} {})", Date(), CompareOp(), Chance(70) ? DateLiteral() : Date());
    case 5: {
      // date_trunc only beside another column expression: see Time().
      int rhs = Pick(5);
      std::string right = rhs < 3 ? TimeLiteral() : (rhs == 3 ? DateLiteral() : Time(true));
      return fmt::format("({} {} {})", Time(rhs == 4), CompareOp(), right);
    }
    case 6:
      return Chance(50) ? "b"
                        : fmt::format("(b {} {})", CompareOp(), Chance(50) ? "TRUE" : "FALSE");
    case 7:
      return fmt::format("({} IS {}NULL)", Chance(50) ? kColumns[Pick(7)] : Number(1),
                         Chance(50) ? "NOT " : "");
    case 8: {
      std::string items = IntLiteral();
      for (int k = Pick(4); k >= 0; --k) items += ", " + (Chance(15) ? "NULL" : IntLiteral());
      return fmt::format("({} {}IN ({}))", Number(1), Chance(30) ? "NOT " : "", items);
    }
    case 9: {
      std::string items = TextLiteral();
      for (int k = Pick(3); k >= 0; --k) items += ", " + (Chance(15) ? "NULL" : TextLiteral());
      return fmt::format("({} {}IN ({}))", Text(), Chance(30) ? "NOT " : "", items);
    }
    case 10:
      return fmt::format("({} {}BETWEEN {} AND {})", Number(1), Chance(30) ? "NOT " : "",
                         NumberLiteral(), NumberLiteral());
    case 11: {
      std::string pattern =
          kPatterns[static_cast<size_t>(Pick(static_cast<int>(kPatterns.size())))];
      if (Chance(15)) return fmt::format("({} LIKE 'a!%%b%' ESCAPE '!')", Text());
      if (Chance(10)) return fmt::format("({} ILIKE 'É!%%' ESCAPE '!')", Text());
      return fmt::format("({} {}{} {})", Text(), Chance(25) ? "NOT " : "",
                         Chance(30) ? "ILIKE" : "LIKE", Quote(pattern));
    }
    case 12: {
      static const char* kFunctions[] = {"starts_with", "ends_with", "contains"};
      return fmt::format("{}({}, {})", kFunctions[Pick(3)], Text(), TextLiteral());
    }
    case 13:
      return fmt::format(
          "regexp_matches({}, {})", Text(),
          Quote(kRegexes[static_cast<size_t>(Pick(static_cast<int>(kRegexes.size())))]));
    case 14:
      if (Chance(25)) {  // every generated date and time lies before the run's now()
        return Chance(50) ? "(t < now())" : "(d <= current_date)";
      }
      return fmt::format("coalesce(b, {})", Chance(50) ? "TRUE" : "FALSE");
    default:
      return fmt::format("({} {} {})", Date(), CompareOp(), Time(true));
  }
}

// Integer products stay below 2^31 (DuckDB's INTEGER overflows): j is at most 1000, i and the
// literals at most 60, and a product has a leaf on one side at most two levels deep.
std::string ExpressionGenerator::Number(int depth) {
  if (depth <= 0 || Chance(30)) {
    static const char* kLeaves[] = {"i", "j", "f", "i", "j"};
    return kLeaves[Pick(5)];
  }
  switch (Pick(14)) {
    case 0:
      return fmt::format("({} + {})", Number(depth - 1),
                         Chance(50) ? NumberLiteral() : Number(depth - 1));
    case 1:
      return fmt::format("({} - {})", Number(depth - 1),
                         Chance(50) ? IntLiteral() : Number(depth - 1));
    case 2:
      return fmt::format("({} * {})", Number(depth - 1), Chance(50) ? IntLiteral() : Number(0));
    case 3:
      return fmt::format("({} // {})", Chance(50) ? "i" : "j", IntLiteral());
    case 4:
      return fmt::format("({} % {})", Chance(50) ? "i" : "j", IntLiteral());
    case 5:
      return fmt::format("({} / {})", Number(depth - 1), IntLiteral());
    case 6:
      return fmt::format("length({})", Text());
    case 7:
      return fmt::format("{}({})", Chance(50) ? "year" : "month", Chance(50) ? "d" : "t");
    case 8:
      return fmt::format("extract({} FROM {})", Chance(50) ? "day" : "dow", Chance(50) ? "d" : "t");
    case 9:
      return fmt::format("date_part('{}', t)", Chance(50) ? "hour" : "minute");
    case 10:
      return fmt::format("coalesce({}, {})", Chance(50) ? "i" : "j", IntLiteral());
    case 11:
      return fmt::format("(CASE WHEN {} THEN i ELSE j END)", Predicate());
    case 12:
      return fmt::format("CAST({} AS {})", Chance(50) ? "j" : "b",
                         Chance(50) ? "BIGINT" : "DOUBLE");
    default:
      return fmt::format("(- {})", Number(depth - 1));
  }
}

std::string ExpressionGenerator::Text() {
  switch (Pick(11)) {
    case 0:
      return "lower(s)";
    case 1:
      return "upper(s)";
    case 2:
      return fmt::format("substr(s, {}, {})", Pick(8) - 3, Pick(5));
    case 3:
      return "trim(s)";
    case 4:
      return fmt::format("(s || {})", TextLiteral());
    case 5:
      return fmt::format("concat(s, {}, s)", TextLiteral());
    case 6:
      return Chance(50) ? "CAST(i AS VARCHAR)" : "(d::VARCHAR)";
    case 7:
      return Chance(50) ? "(t::VARCHAR)" : "(f::VARCHAR)";
    default:
      return "s";
  }
}

std::string ExpressionGenerator::Date() {
  switch (Pick(5)) {
    case 0:
      return fmt::format("(d + {})", Pick(400) - 200);
    case 1:
      return Chance(50) ? "CAST(t AS DATE)" : "(t::DATE)";
    default:
      return "d";
  }
}

std::string ExpressionGenerator::Time(bool allow_trunc) {
  static const char* kParts[] = {"year", "quarter", "month", "week", "day", "hour"};
  static const char* kUnits[] = {"hours", "days", "months", "minutes"};
  switch (Pick(5)) {
    case 0:
      if (!allow_trunc) return "t";
      return fmt::format("date_trunc('{}', {})", kParts[Pick(6)], Chance(50) ? "t" : "d");
    case 1:
      return fmt::format("({} + INTERVAL '{} {}')", Chance(70) ? "t" : "d", Pick(100) - 50,
                         kUnits[Pick(4)]);
    default:
      return "t";
  }
}

std::string ExpressionGenerator::IntLiteral() {
  int value = Pick(121) - 60;
  return value < 0 ? fmt::format("({})", value) : fmt::format("{}", value);
}

// Quarters only: exact in binary, so DuckDB's DECIMAL literals and s3c's doubles agree.
std::string ExpressionGenerator::NumberLiteral() {
  if (Chance(60)) return IntLiteral();
  double value = static_cast<double>(Pick(481) - 240) / 4;
  return value < 0 ? fmt::format("({:.2f})", value) : fmt::format("{:.2f}", value);
}

std::string ExpressionGenerator::TextLiteral() {
  if (Chance(70)) return Quote(kWords[static_cast<size_t>(Pick(static_cast<int>(kWords.size())))]);
  return Quote(std::string(1, static_cast<char>('a' + Pick(26))));
}

std::string ExpressionGenerator::DateLiteral() {
  int64_t y;
  unsigned m, d;
  CivilFromDays(kDay0 + Pick(static_cast<int>(kDays)), &y, &m, &d);
  return fmt::format("{}'{:04}-{:02}-{:02}'", Chance(70) ? "DATE " : "", y, m, d);
}

std::string ExpressionGenerator::TimeLiteral() {
  std::string date = DateLiteral();
  size_t quote = date.find('\'');
  return fmt::format("TIMESTAMP '{} {:02}:{:02}:{:02}'", date.substr(quote + 1, 10), Pick(24),
                     Pick(60), Pick(60));
}

std::string ExpressionGenerator::CompareOp() {
  static const char* kOps[] = {"=", "<>", "<", "<=", ">", ">=", "!="};
  return kOps[Pick(7)];
}

}  // namespace s3c::expr::testing
