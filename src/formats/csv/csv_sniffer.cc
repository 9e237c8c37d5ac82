// Dialect, header and type detection from a sample (csv.h SniffCsv).
// Delimiter and quote: the candidate whose records most consistently share one field count
// greater than one wins (ties: more fields, then the earlier candidate).
#include <fmt/format.h>

#include <map>
#include <set>

#include "formats/csv/csv_tokenizer_internal.h"
#include "s3c/formats/csv/csv.h"

namespace s3c::formats::csv {
namespace {

constexpr int kMaxSniffRecords = 200;

std::vector<std::vector<std::string>> Tokenize(std::string_view sample, const CsvDialect& d) {
  CsvTokenizer tok(d);
  TokenizedRecord rec;
  std::string err;
  std::vector<std::vector<std::string>> out;
  while (!sample.empty() && static_cast<int>(out.size()) < kMaxSniffRecords) {
    TokenizeStatus st = tok.Next(sample, true, &rec, &err);
    if (st != TokenizeStatus::kRecord) break;
    out.emplace_back(rec.fields.begin(), rec.fields.end());
    sample.remove_prefix(rec.end);
  }
  return out;
}

struct Score {
  double consistency = 0;  // share of records with the modal field count
  size_t fields = 0;       // the modal field count
  bool operator>(const Score& o) const {
    if (consistency != o.consistency) return consistency > o.consistency;
    return fields > o.fields;
  }
};

Score ScoreRecords(const std::vector<std::vector<std::string>>& recs) {
  std::map<size_t, int> counts;
  for (const auto& r : recs) ++counts[r.size()];
  Score s;
  int best = 0;
  for (const auto& [n, c] : counts) {
    if (c > best || (c == best && n > s.fields)) {
      best = c;
      s.fields = n;
    }
  }
  if (s.fields <= 1 || recs.empty()) return Score{};
  s.consistency = static_cast<double>(best) / static_cast<double>(recs.size());
  return s;
}

}  // namespace

Result<CsvSniffResult> SniffCsv(std::string_view sample, const InferenceOptions& inference) {
  if (sample.substr(0, 3) == "\xEF\xBB\xBF") sample.remove_prefix(3);
  size_t last = sample.find_last_of("\r\n");
  if (last != std::string_view::npos && last + 1 < sample.size()) {
    sample = sample.substr(0, last + 1);  // drop the cut-off last line
  }
  if (sample.empty()) return InvalidArgumentError("CSV sniffer: empty sample");
  CsvSniffResult out;
  Score best;
  std::vector<std::vector<std::string>> best_recs;
  for (char quote : {'"', '\''}) {
    for (char delim : {',', '\t', '|', ';'}) {
      CsvDialect d;
      d.delimiter = delim;
      d.quote = quote;
      auto recs = Tokenize(sample, d);
      Score s = ScoreRecords(recs);
      if (s > best) {
        best = s;
        best_recs = std::move(recs);
        out.dialect = d;
      }
    }
  }
  if (best_recs.empty()) {
    // One column: no delimiter ever split a line.
    best_recs = Tokenize(sample, out.dialect);
  }
  if (best_recs.empty()) return InvalidArgumentError("CSV sniffer: no records in sample");
  std::set<std::string> seen;
  out.has_header = true;
  for (const std::string& f : best_recs[0]) {
    out.has_header = out.has_header && seen.insert(f).second &&
                     ClassifyText(f, inference).id() == columnar::TypeId::kString;
  }
  size_t ncols = best_recs[0].size();
  std::vector<columnar::Field> fields;
  for (size_t c = 0; c < ncols; ++c) {
    ColumnInferrer ci(&inference);
    for (size_t r = out.has_header ? 1 : 0; r < best_recs.size(); ++r) {
      if (c < best_recs[r].size()) ci.Observe(best_recs[r][c]);
    }
    std::string name = out.has_header ? best_recs[0][c] : fmt::format("column{}", c + 1);
    fields.emplace_back(name, ci.ResultOr(columnar::String()));
  }
  out.schema = columnar::MakeSchema(std::move(fields));
  return out;
}

}  // namespace s3c::formats::csv
