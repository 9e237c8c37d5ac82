// Dialect, header and type detection from a sample (csv.h SniffCsv).
//
// Every candidate dialect (delimiter x quote) tokenizes the whole sample, quoted fields and
// quoted line breaks included (candidates differing only in characters the sample lacks share
// one pass). A candidate's score is the share of the sample's bytes that lie
// in "regular" records: records with the candidate's modal field count and no field that is
// unquoted yet holds the quote character (the sign of a quote that the candidate did not take
// as one, e.g. `1;"Smith, John"` split at the comma). A candidate whose quote opens a field that
// never closes covers only the bytes before it. The best score wins; ties go to more fields, then
// to the earlier candidate. When only one delimiter splits any line, it is chosen however ragged
// the rows are. When several do, the sample is undecided (an error that suggests --delimiter)
// if the best covers less than kMinCoverage of the sample, or if two delimiters tie on both
// score and field count.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "formats/csv/csv_tokenizer_internal.h"
#include "s3c/formats/csv/csv.h"

namespace s3c::formats::csv {
namespace {

constexpr char kDelimiters[] = {',', '\t', ';', '|'};
constexpr char kQuotes[] = {'"', '\''};
constexpr double kMinCoverage = 0.8;
constexpr size_t kMaxSniffBytes = size_t{1} << 20;

std::string DelimiterName(char c) { return c == '\t' ? "tab" : fmt::format("'{}'", c); }

struct Candidate {
  CsvDialect dialect;
  size_t fields = 0;       // modal field count
  size_t record_bytes = 0;  // bytes in records (an unterminated quote stops the count)
  size_t covered = 0;       // bytes in regular records
  double coverage = 0;      // covered / the most record bytes any candidate saw
  size_t records = 0;       // records tokenized
  size_t regular = 0;       // records with the modal count and no stray quote
  bool splits = false;      // some record has more than one field

  bool BetterThan(const Candidate& o) const {
    if (coverage != o.coverage) return coverage > o.coverage;
    return fields > o.fields;
  }
};

bool HasStrayQuote(const TokenBatch& b, const char* data, const RecordSpan& r, char quote) {
  for (uint32_t k = 0; k < r.num_fields; ++k) {
    const FieldSpan& f = b.fields[r.first_field + k];
    if (!f.quoted() && b.Field(data, r.first_field + k).find(quote) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

void Score(std::string_view sample, bool at_eof, Candidate* c) {
  CsvTokenizer tok(c->dialect);
  TokenBatch b;
  tok.Tokenize(sample, at_eof, SIZE_MAX, &b);
  c->records = b.records.size();
  std::map<size_t, size_t> counts;
  for (const RecordSpan& r : b.records) {
    if (!r.error) ++counts[r.num_fields];
    c->splits = c->splits || r.num_fields > 1;
  }
  size_t best = 0;
  for (const auto& [n, k] : counts) {
    if (k > best) {
      best = k;
      c->fields = n;
    }
  }
  for (const RecordSpan& r : b.records) {
    c->record_bytes += r.end - r.begin;
    if (r.error || r.num_fields != c->fields) continue;
    if (c->dialect.quote != '\0' && HasStrayQuote(b, sample.data(), r, c->dialect.quote)) continue;
    ++c->regular;
    c->covered += r.end - r.begin;
  }
}

// Without a UTF-8 BOM and at most kMaxSniffBytes (then no longer the end of input).
void TrimSample(std::string_view* sample, bool* at_eof) {
  if (sample->substr(0, 3) == "\xEF\xBB\xBF") sample->remove_prefix(3);
  if (sample->size() > kMaxSniffBytes) {
    *sample = sample->substr(0, kMaxSniffBytes);
    *at_eof = false;
  }
}

}  // namespace

Result<CsvDialect> DetectCsvDialect(std::string_view sample, const CsvDialect& base,
                                    bool at_eof) {
  TrimSample(&sample, &at_eof);
  if (sample.empty()) return InvalidArgumentError("CSV sniffer: empty sample");
  // A delimiter or quote character the sample never holds splits and quotes nothing: the
  // candidates that differ only in such characters tokenize the sample alike and score the
  // same, so each such group is tokenized once (a comma CSV without quotes: 2 passes, not 8).
  auto in_effect = [&](char ch) { return sample.find(ch) != std::string_view::npos ? ch : '\0'; };
  std::map<std::pair<char, char>, Candidate> scored;  // by the characters in effect
  std::vector<Candidate> candidates;
  for (char quote : kQuotes) {
    for (char delim : kDelimiters) {
      const std::pair<char, char> key{in_effect(delim), in_effect(quote)};
      auto it = scored.find(key);
      if (it == scored.end()) {
        Candidate c;
        c.dialect = base;
        c.dialect.delimiter = delim;
        c.dialect.quote = quote;
        Score(sample, at_eof, &c);
        it = scored.emplace(key, std::move(c)).first;
      }
      Candidate c = it->second;
      c.dialect.delimiter = delim;
      c.dialect.quote = quote;
      candidates.push_back(std::move(c));
    }
  }
  size_t most_bytes = 0;
  for (const Candidate& c : candidates) most_bytes = std::max(most_bytes, c.record_bytes);
  for (Candidate& c : candidates) {
    c.coverage = most_bytes == 0 ? 0 : static_cast<double>(c.covered) / static_cast<double>(most_bytes);
  }
  // Only candidates that split some line compete; one whose modal count is 1 ranks last.
  std::set<char> splitting;
  const Candidate* best = nullptr;
  for (Candidate& c : candidates) {
    if (!c.splits) continue;
    splitting.insert(c.dialect.delimiter);
    if (c.fields <= 1) c.coverage = 0;
    if (best == nullptr || c.BetterThan(*best)) best = &c;
  }
  const Candidate* chosen = best;
  if (best == nullptr) {
    // No candidate splits a line: one column, read with the base dialect's quote.
    for (const Candidate& c : candidates) {
      if (c.dialect.quote == base.quote || chosen == nullptr) chosen = &c;
      if (c.dialect.quote == base.quote) break;
    }
  } else if (splitting.size() > 1) {
    // Several delimiters split lines: the best must fit most of the sample, and alone.
    if (best->coverage < kMinCoverage) {
      return InvalidArgumentError(fmt::format(
          "CSV sniffer: cannot detect the delimiter: the best candidate, {} with quote {}, gives "
          "{} fields to only {} of {} records ({:.0f}% of the sample); pass --delimiter (and "
          "--quote)",
          DelimiterName(best->dialect.delimiter), best->dialect.quote, best->fields, best->regular,
          best->records, best->coverage * 100));
    }
    for (const Candidate& c : candidates) {
      if (&c != best && c.dialect.delimiter != best->dialect.delimiter &&
          c.coverage == best->coverage && c.fields == best->fields) {
        return InvalidArgumentError(fmt::format(
            "CSV sniffer: cannot decide between the delimiters {} and {} (both give {} fields to "
            "every record sampled); pass --delimiter",
            DelimiterName(best->dialect.delimiter), DelimiterName(c.dialect.delimiter),
            best->fields));
      }
    }
  }
  // One delimiter splits lines: it is the delimiter, however ragged its rows (--ragged and
  // --bad-records then decide what happens to them).
  return chosen->dialect;
}

Result<CsvSniffResult> SniffCsv(std::string_view sample, const InferenceOptions& inference,
                                const CsvDialect& base, bool at_eof) {
  CsvSniffResult out;
  S3C_ASSIGN_OR_RETURN(out.dialect, DetectCsvDialect(sample, base, at_eof));
  TrimSample(&sample, &at_eof);
  TokenBatch b;
  CsvTokenizer(out.dialect).Tokenize(sample, at_eof, SIZE_MAX, &b);
  if (b.records.empty()) return InvalidArgumentError("CSV sniffer: no records in sample");
  auto field = [&](const RecordSpan& r, size_t k) {
    return b.Field(sample.data(), r.first_field + k);
  };
  const RecordSpan& first = b.records[0];
  std::set<std::string_view> seen;
  out.has_header = true;
  for (size_t k = 0; k < first.num_fields; ++k) {
    out.has_header = out.has_header && seen.insert(field(first, k)).second &&
                     ClassifyText(field(first, k), inference).id() == columnar::TypeId::kString;
  }
  const size_t ncols = first.num_fields;
  const size_t limit = inference.max_rows < 0 ? b.records.size()
                                              : std::min(b.records.size(),
                                                         static_cast<size_t>(inference.max_rows) + 1);
  std::vector<columnar::Field> fields;
  for (size_t c = 0; c < ncols; ++c) {
    ColumnInferrer ci(&inference);
    for (size_t r = out.has_header ? 1 : 0; r < limit; ++r) {
      if (!b.records[r].error && c < b.records[r].num_fields) ci.Observe(field(b.records[r], c));
    }
    std::string name =
        out.has_header ? std::string(field(first, c)) : fmt::format("column{}", c + 1);
    fields.emplace_back(name, ci.ResultOr(columnar::String()));
  }
  out.schema = columnar::MakeSchema(std::move(fields));
  return out;
}

}  // namespace s3c::formats::csv
