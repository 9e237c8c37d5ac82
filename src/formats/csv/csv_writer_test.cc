#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "formats/csv/csv_test_util.h"
#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/builder_nested.h"
#include "s3c/columnar/builder_primitive.h"

namespace s3c::formats::csv {
namespace {

namespace c = columnar;
using testing::ReadCsv;
using testing::Sink;
using testing::SinkOutput;

Result<std::string> WriteCsv(const std::vector<std::shared_ptr<c::RecordBatch>>& batches,
                             std::shared_ptr<c::Schema> schema, CsvWriteOptions o = {}) {
  auto sink = std::make_shared<Sink>();
  S3C_ASSIGN_OR_RETURN(auto w, OpenCsvWriter(std::make_unique<SinkOutput>(sink), schema, o));
  for (const auto& b : batches) S3C_RETURN_IF_ERROR(w->Write(*b));
  S3C_RETURN_IF_ERROR(w->Close());
  return sink->data;
}

std::shared_ptr<c::RecordBatch> Sample() {
  c::Int64Builder ib;
  ib.Append(1);
  ib.AppendNull();
  ib.Append(-3);
  c::Float64Builder fb;
  fb.Append(0.1);
  fb.Append(1e300);
  fb.Append(-2.5);
  c::StringBuilder sb;
  sb.Append("plain");
  sb.Append("");
  sb.Append("q\"uote, and\nnewline");
  c::NumericBuilder<c::Date32Type> db;
  db.Append(19753);
  db.Append(-1);
  db.AppendNull();
  c::TimestampBuilder tb(c::Timestamp(c::TimeUnit::kMicro, "UTC"));
  tb.Append(1706704496123456);
  tb.Append(0);
  tb.Append(-1);
  c::BooleanBuilder bb;
  bb.Append(true);
  bb.Append(false);
  bb.AppendNull();
  auto schema = c::MakeSchema({c::Field("i", c::Int64()), c::Field("f", c::Float64()),
                               c::Field("s", c::String()), c::Field("d", c::Date32()),
                               c::Field("t", c::Timestamp(c::TimeUnit::kMicro, "UTC")),
                               c::Field("b", c::Bool())});
  return *c::RecordBatch::Make(
      schema, {*ib.Finish(), *fb.Finish(), *sb.Finish(), *db.Finish(), *tb.Finish(), *bb.Finish()});
}

TEST(CsvWriter, MinimalQuotingAndFormats) {
  auto b = Sample();
  auto text = WriteCsv({b}, b->schema());
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_EQ(*text,
            "i,f,s,d,t,b\n"
            "1,0.1,plain,2024-01-31,2024-01-31T12:34:56.123456Z,true\n"
            ",1e+300,\"\",1969-12-31,1970-01-01T00:00:00Z,false\n"
            "-3,-2.5,\"q\"\"uote, and\nnewline\",,1969-12-31T23:59:59.999999Z,\n");
}

// Numbers and dates are written as fmt's "{}" and "{:04}-{:02}-{:02}" write them, at the
// extremes of each type and outside the four-digit years too.
TEST(CsvWriter, NumbersAndDatesAsFmtWritesThem) {
  c::Int8Builder i8;
  c::Int64Builder i64;
  c::UInt64Builder u64;
  c::Float64Builder f64;
  c::Float32Builder f32;
  c::Date32Builder date;
  const std::vector<int64_t> ints = {0, -1, 7, std::numeric_limits<int64_t>::min(),
                                     std::numeric_limits<int64_t>::max()};
  const std::vector<double> doubles = {0.0, -0.0, 1.5, -2.25e-300, 1e300, 0.1};
  // 0001-01-01, 1969-12-31, 1970-01-01, 2024-02-29, 9999-12-31, 10000-01-01, -0001-12-31.
  const std::vector<int32_t> days = {-719162, -1, 0, 19782, 2932896, 2932897, -719529};
  for (size_t r = 0; r < days.size(); ++r) {
    i8.Append(static_cast<int8_t>(r % 2 == 0 ? -128 : 127));
    i64.Append(ints[r % ints.size()]);
    u64.Append(r == 0 ? std::numeric_limits<uint64_t>::max() : r);
    f64.Append(doubles[r % doubles.size()]);
    f32.Append(static_cast<float>(doubles[r % doubles.size()] * 1e-280));
    date.Append(days[r]);
  }
  auto schema = c::MakeSchema({c::Field("i8", c::Int8()), c::Field("i64", c::Int64()),
                               c::Field("u64", c::UInt64()), c::Field("f64", c::Float64()),
                               c::Field("f32", c::Float32()), c::Field("d", c::Date32())});
  auto batch = c::RecordBatch::Make(
      schema,
      {*i8.Finish(), *i64.Finish(), *u64.Finish(), *f64.Finish(), *f32.Finish(), *date.Finish()},
      static_cast<int64_t>(days.size()));
  ASSERT_TRUE(batch.ok());
  auto text = WriteCsv({*batch}, schema);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  std::string want = "i8,i64,u64,f64,f32,d\n";
  const char* dates[] = {"0001-01-01", "1969-12-31",  "1970-01-01", "2024-02-29",
                         "9999-12-31", "10000-01-01", "-001-12-31"};
  for (size_t r = 0; r < days.size(); ++r) {
    want += fmt::format(
        "{},{},{},{},{},{}\n", static_cast<int>(r % 2 == 0 ? -128 : 127), ints[r % ints.size()],
        r == 0 ? std::numeric_limits<uint64_t>::max() : uint64_t{r}, doubles[r % doubles.size()],
        static_cast<float>(doubles[r % doubles.size()] * 1e-280), dates[r]);
  }
  EXPECT_EQ(*text, want);
}

TEST(CsvWriter, RoundTripGivesEqualBatches) {
  auto b = Sample();
  for (const char* eol : {"\n", "\r\n"}) {
    for (QuotingStyle q : {QuotingStyle::kMinimal, QuotingStyle::kAll, QuotingStyle::kNonNumeric}) {
      CsvWriteOptions wo;
      wo.quoting = q;
      wo.line_ending = eol;
      wo.dialect.delimiter = '|';
      auto text = WriteCsv({b, b}, b->schema(), wo);
      ASSERT_TRUE(text.ok());
      CsvReadOptions ro;
      ro.dialect.delimiter = '|';
      ro.schema_mode = SchemaMode::kFull;
      ro.schema = b->schema();
      ro.batch_rows = 3;
      auto r = ReadCsv(*text, ro, 5);
      ASSERT_TRUE(r.ok()) << r.status().ToString() << "\n" << *text;
      ASSERT_EQ(r->batches.size(), 2u);
      EXPECT_TRUE(r->batches[0]->Equals(*b)) << r->batches[0]->ToString() << "\n" << *text;
      EXPECT_TRUE(r->batches[1]->Equals(*b));
    }
  }
}

TEST(CsvWriter, InferenceRoundTrip) {
  auto b = Sample();
  auto text = WriteCsv({b}, b->schema());
  ASSERT_TRUE(text.ok());
  auto r = ReadCsv(*text);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->schema->Equals(*b->schema())) << r->schema->ToString();
  ASSERT_EQ(r->batches.size(), 1u);
  EXPECT_TRUE(r->batches[0]->Equals(*b));
}

TEST(CsvWriter, QuotingStylesNullStringAndNoHeader) {
  auto b = Sample()->Slice(0, 2);
  CsvWriteOptions all;
  all.quoting = QuotingStyle::kAll;
  all.header = false;
  all.null_string = "NULL";
  all.line_ending = "\r\n";
  EXPECT_EQ(*WriteCsv({b}, b->schema(), all),
            "\"1\",\"0.1\",\"plain\",\"2024-01-31\",\"2024-01-31T12:34:56.123456Z\",\"true\"\r\n"
            "NULL,\"1e+300\",\"\",\"1969-12-31\",\"1970-01-01T00:00:00Z\",\"false\"\r\n");
  CsvWriteOptions nn;
  nn.quoting = QuotingStyle::kNonNumeric;
  nn.null_string = "NULL";
  nn.dialect.delimiter = '\t';
  EXPECT_EQ(*WriteCsv({b->Slice(1, 1)}, b->schema(), nn),
            "\"i\"\t\"f\"\t\"s\"\t\"d\"\t\"t\"\t\"b\"\n"
            "NULL\t1e+300\t\"\"\t\"1969-12-31\"\t\"1970-01-01T00:00:00Z\"\t\"false\"\n");
}

// Found by the CSV fuzzer: a first value starting with U+FEFF, written bare at the start of the
// file, read back as a byte order mark and disappeared.
TEST(CsvWriter, QuotesAValueStartingWithAByteOrderMark) {
  c::StringBuilder sb;
  sb.Append("\xEF\xBB\xBF@");
  auto schema = c::MakeSchema({c::Field("s", c::String())});
  auto b = *c::RecordBatch::Make(schema, {*sb.Finish()});
  CsvWriteOptions o;
  o.header = false;
  EXPECT_EQ(*WriteCsv({b}, schema, o), "\"\xEF\xBB\xBF@\"\n");
}

TEST(CsvWriter, NestedValuesAsJson) {
  c::ListBuilder lb(c::List(c::Int64()));
  lb.Append();
  lb.value_builder_as<c::Int64Builder>()->Append(1);
  lb.value_builder_as<c::Int64Builder>()->AppendNull();
  lb.AppendNull();
  auto st_type = c::Struct({c::Field("k", c::String()), c::Field("v", c::Float64())});
  c::StructBuilder sb(st_type);
  sb.Append();
  sb.field_builder_as<c::StringBuilder>(0)->Append("a\"b");
  sb.field_builder_as<c::Float64Builder>(1)->Append(NAN);
  sb.Append();
  sb.field_builder_as<c::StringBuilder>(0)->AppendNull();
  sb.field_builder_as<c::Float64Builder>(1)->Append(2.5);
  auto schema = c::MakeSchema({c::Field("l", c::List(c::Int64())), c::Field("s", st_type)});
  auto batch = *c::RecordBatch::Make(schema, {*lb.Finish(), *sb.Finish()});
  EXPECT_EQ(*WriteCsv({batch}, schema),
            "l,s\n"
            "\"[1,null]\",\"{\"\"k\"\":\"\"a\\\"\"b\"\",\"\"v\"\":NaN}\"\n"
            ",\"{\"\"k\"\":null,\"\"v\"\":2.5}\"\n");
}

TEST(CsvWriter, AbortAndSchemaMismatch) {
  auto b = Sample();
  auto sink = std::make_shared<Sink>();
  {
    auto w = OpenCsvWriter(std::make_unique<SinkOutput>(sink), b->schema(), {});
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->Write(*b).ok());
    auto other = c::MakeSchema({c::Field("x", c::Int64())});
    EXPECT_EQ((*w)->Write(**c::RecordBatch::Make(other, {*c::Int64Builder().Finish()})).code(),
              StatusCode::kInvalidArgument);
  }  // destroyed without Close
  EXPECT_TRUE(sink->aborted);
  EXPECT_FALSE(sink->closed);
  EXPECT_TRUE(sink->data.empty());
}

TEST(CsvSniffer, DetectsDialectHeaderAndTypes) {
  auto r = SniffCsv("name;age;joined\nann;31;2024-01-02\n\"b;o\";40;2023-12-31\nc;4", {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->dialect.delimiter, ';');
  EXPECT_EQ(r->dialect.quote, '"');
  EXPECT_TRUE(r->has_header);
  EXPECT_EQ(r->schema->ToString(), "name: string\nage: int64\njoined: date32[day]");
  auto tsv = SniffCsv("1\t2.5\n3\t4\n");
  ASSERT_TRUE(tsv.ok());
  EXPECT_EQ(tsv->dialect.delimiter, '\t');
  EXPECT_FALSE(tsv->has_header);
  EXPECT_EQ(tsv->schema->ToString(), "column1: int64\ncolumn2: double");
  auto sq = SniffCsv("a|b\n'x|y'|1\n'z'|2\n");
  ASSERT_TRUE(sq.ok());
  EXPECT_EQ(sq->dialect.delimiter, '|');
  EXPECT_EQ(sq->dialect.quote, '\'');
  EXPECT_EQ(SniffCsv("").status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace s3c::formats::csv
