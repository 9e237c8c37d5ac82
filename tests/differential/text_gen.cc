// Seeded generators of CSV and JSON Lines test files (differential_util.h).
#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

#include "differential_util.h"

namespace s3c::testing {
namespace {

class Gen {
 public:
  explicit Gen(uint64_t seed) : rng_(seed) {}
  int64_t Int(int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng_);
  }
  bool Chance(int percent) { return Int(0, 99) < percent; }
  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Int(0, N - 1)];
  }
  double Double() {
    double mantissa = std::uniform_real_distribution<double>(-1.0, 1.0)(rng_);
    return std::ldexp(mantissa, static_cast<int>(Int(-40, 60)));
  }

 private:
  std::mt19937_64 rng_;
};

// Proleptic Gregorian civil date of a day number (days since 1970-01-01).
std::string DateText(int64_t days) {
  days += 719468;
  int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  int64_t doe = days - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return fmt::format("{:04d}-{:02d}-{:02d}", y, m, d);
}

constexpr int64_t kDay1900 = -25567;  // 1900-01-01
constexpr int64_t kDay2100 = 47482;   // 2100-01-01

std::string RandomDate(Gen& g) { return DateText(g.Int(kDay1900, kDay2100)); }

// "YYYY-MM-DD<sep>HH:MM:SS[.f{1,6}]".
std::string RandomTimestamp(Gen& g, char sep) {
  int64_t secs = g.Int(0, 86399);
  std::string text = fmt::format("{}{}{:02d}:{:02d}:{:02d}", RandomDate(g), sep, secs / 3600,
                                 secs / 60 % 60, secs % 60);
  int digits = static_cast<int>(g.Int(0, 6));
  int64_t limit = 1;
  for (int k = 0; k < digits; ++k) limit *= 10;
  if (digits > 0) text += fmt::format(".{:0{}d}", g.Int(0, limit - 1), digits);
  return text;
}

int64_t RandomInt64(Gen& g) {
  static const int64_t kEdges[] = {std::numeric_limits<int64_t>::min(),
                                   std::numeric_limits<int64_t>::max(), 0, -1, 1};
  if (g.Chance(10)) return g.Pick(kEdges);
  int bits = static_cast<int>(g.Int(1, 62));
  int64_t v = g.Int(0, (int64_t{1} << bits) - 1);
  return g.Chance(50) ? -v : v;
}

std::string AmountText(Gen& g, int row) {
  if (row == 0) return "0.5";
  switch (g.Int(0, 5)) {
    case 0:
      return fmt::format("{}.{:02d}", g.Int(-99999, 99999), g.Int(0, 99));
    case 1:
      return fmt::format("{}", g.Double());
    case 2:
      return fmt::format("{}E{}", g.Int(1, 9), g.Int(-5, 5));
    case 3:
      return std::to_string(g.Int(-1000, 1000));
    case 4:
      return "-0.0";
    default:
      return fmt::format("{:.17g}", g.Double());
  }
}

const char* const kCodes[] = {"007",
                              "1.50",
                              "-0.00",
                              "1e3",
                              "12,5",
                              "+5",
                              "1.2.3",
                              "0x1F",
                              "N/A",
                              "  7",
                              "99999999999999999999999",
                              "-",
                              "12.500"};
const char* const kNamePieces[] = {"plain",
                                   "with,comma",
                                   "say \"hi\"",
                                   "line1\nline2",
                                   "crlf1\r\ncrlf2",
                                   "\xc3\xa9 \xc3\xbc \xc3\x9f",
                                   "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",
                                   "\xf0\x9f\x98\x80 emoji",
                                   "  padded  ",
                                   "tab\there",
                                   "'single'",
                                   "back\\slash",
                                   "#hash",
                                   "semi;colon",
                                   "pipe|bar"};

std::string CsvCell(std::string_view text, char delimiter, bool force_quote) {
  bool quote = force_quote || text.empty();
  for (char c : text) quote = quote || c == delimiter || c == '"' || c == '\n' || c == '\r';
  if (!quote) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

std::string TzSuffix(Gen& g) {
  static const char* const kZones[] = {"Z", "+02:00", "-05:30", "+00:00", "+14:00", "-12:00"};
  return g.Pick(kZones);
}

}  // namespace

std::string GenerateCsv(const CsvGenOptions& o) {
  Gen g(o.seed);
  const std::string d(1, o.delimiter);
  std::string out;
  for (size_t i = 0; i < std::size(kCsvColumns); ++i) out += (i ? d : "") + kCsvColumns[i];
  out += o.line_ending;
  for (int row = 0; row < o.rows; ++row) {
    // Row 0 holds a value of every column so no sample sees only nulls.
    auto null = [&](int percent) { return row > 0 && g.Chance(percent); };
    std::vector<std::string> cells;
    cells.push_back(std::to_string(row));
    cells.push_back(null(5) ? "" : std::to_string(RandomInt64(g)));
    cells.push_back(null(5) ? "" : AmountText(g, row));
    cells.push_back(null(5) ? "" : CsvCell(row == 0 ? "N/A" : g.Pick(kCodes), o.delimiter, false));
    if (null(5)) {
      cells.emplace_back();
    } else {
      std::string name;
      int pieces = row == 0 ? 1 : static_cast<int>(g.Int(0, 3));
      for (int k = 0; k < pieces; ++k) name += (k ? " " : "") + std::string(g.Pick(kNamePieces));
      cells.push_back(CsvCell(name, o.delimiter, g.Chance(10)));
    }
    cells.push_back(null(5) ? "" : RandomDate(g));
    cells.push_back(null(5) ? "" : RandomTimestamp(g, g.Chance(50) ? 'T' : ' '));
    cells.push_back(null(5) ? "" : RandomTimestamp(g, 'T') + TzSuffix(g));
    static const char* const kBools[] = {"true", "false", "TRUE", "False"};
    cells.push_back(null(5) ? "" : g.Pick(kBools));
    for (size_t i = 0; i < cells.size(); ++i) out += (i ? d : "") + cells[i];
    out += o.line_ending;
  }
  return out;
}

namespace {

const char* const kJsonNames[] = {"plain",
                                  "quote \\\" and backslash \\\\",
                                  "newline\\nand tab\\t",
                                  "\\u00e9t\\u00e9",
                                  "\\ud83d\\ude00 pair",
                                  "raw \xe6\x97\xa5\xe6\x9c\xac",
                                  "slash \\/ here",
                                  "ctl \\u0001",
                                  "",
                                  "  spaced  ",
                                  "{\\\"not\\\": \\\"json\\\"}"};

std::string JsonMember(std::string_view key, const std::string& value) {
  return fmt::format("\"{}\":{}", key, value);
}

}  // namespace

std::string GenerateJsonLines(const JsonGenOptions& o) {
  Gen g(o.seed);
  std::string out;
  for (int row = 0; row < o.rows; ++row) {
    // Row 0 has every key in the documented order, so inferred column order is that order.
    auto absent = [&](int percent) { return row > 0 && g.Chance(percent); };
    auto maybe_null = [&](const std::string& v) { return row > 0 && g.Chance(5) ? "null" : v; };
    std::vector<std::string> members;
    members.push_back(JsonMember("id", std::to_string(row)));
    if (!absent(5)) {
      members.push_back(
          JsonMember("name", maybe_null("\"" + std::string(g.Pick(kJsonNames)) + "\"")));
    }
    if (!absent(5)) members.push_back(JsonMember("n", maybe_null(std::to_string(RandomInt64(g)))));
    if (!absent(5)) {
      std::string x = row == 0       ? "0.5"
                      : g.Chance(20) ? std::to_string(g.Int(-50, 50))
                                     : fmt::format("{}", g.Double());
      members.push_back(JsonMember("x", maybe_null(x)));
    }
    if (!absent(5)) {
      std::string big = std::to_string(g.Int(1, 9));
      int digits = static_cast<int>(g.Int(20, 30));
      for (int k = 0; k < digits; ++k) big.push_back(static_cast<char>('0' + g.Int(0, 9)));
      members.push_back(JsonMember("big", maybe_null((g.Chance(30) ? "-" : "") + big)));
    }
    if (!absent(5)) members.push_back(JsonMember("day", maybe_null("\"" + RandomDate(g) + "\"")));
    if (!absent(5)) {
      members.push_back(JsonMember("moment", maybe_null("\"" + RandomTimestamp(g, 'T') + "\"")));
    }
    if (!absent(5))
      members.push_back(JsonMember("ok", maybe_null(g.Chance(50) ? "true" : "false")));
    if (!absent(5)) {
      std::string tags = "[";
      int n = static_cast<int>(g.Int(0, 3));
      for (int k = 0; k < n; ++k) {
        tags += (k ? "," : "") + (g.Chance(10) ? std::string("null")
                                               : "\"" + std::string(g.Pick(kJsonNames)) + "\"");
      }
      members.push_back(JsonMember("tags", maybe_null(tags + "]")));
    }
    if (!absent(5)) {
      std::string y = g.Chance(20) ? "null" : fmt::format("{}", g.Double());
      members.push_back(JsonMember(
          "pt", maybe_null(fmt::format("{{\"x\":{},\"y\":{}}}", g.Int(-1000, 1000), y))));
    }
    if (row > 0 && g.Chance(30)) std::swap(members[1 % members.size()], members.back());
    out += "{";
    for (size_t i = 0; i < members.size(); ++i)
      out += (i ? (g.Chance(20) ? ", " : ",") : "") + members[i];
    out += "}\n";
  }
  return out;
}

}  // namespace s3c::testing
