#include <gtest/gtest.h>

#include "formats/csv/csv_test_util.h"

namespace s3c::formats::csv {
namespace {

namespace c = columnar;
using testing::ReadCsv;
using testing::RowsT;

std::string Types(const c::Schema& s) {
  std::string out;
  for (const auto& f : s.fields()) out += f.name() + ":" + f.type().ToString() + " ";
  return out;
}

TEST(CsvReader, InfersTypesAndReadsAcrossChunkSizes) {
  const std::string text =
      "id,price,ok,day,at,name\n"
      "1,2.5,true,2024-01-31,2024-01-31T10:00:00Z,\"x, y\"\n"
      "2,3,false,2024-02-01,2024-02-01 11:00:00+01:00,\n"
      "3,,TRUE,,2024-02-02,z\n";
  for (size_t chunk : {1, 2, 3, 7, 64, 1 << 20}) {
    auto r = ReadCsv(text, {}, chunk);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(Types(*r->schema),
              "id:int64 price:double ok:bool day:date32[day] at:timestamp[us, tz=UTC] "
              "name:string ");
    EXPECT_EQ(r->rows, (RowsT{{"1", "2.5", "true", "2024-01-31", "2024-01-31T10:00:00Z", "x, y"},
                              {"2", "3", "false", "2024-02-01", "2024-02-01T10:00:00Z", "<null>"},
                              {"3", "<null>", "true", "<null>", "2024-02-02T00:00:00Z", "z"}}))
        << "chunk " << chunk;
    EXPECT_EQ(r->rows_read, 3);
  }
}

TEST(CsvReader, BatchesOfConfiguredSizeAndInferenceBudget) {
  std::string text = "v\n";
  for (int i = 0; i < 10; ++i) text += std::to_string(i) + "\n";
  text += "x\n";  // beyond the inference budget: a string in an int64 column
  CsvReadOptions o;
  o.batch_rows = 4;
  o.inference.max_rows = 5;
  o.bad_records.policy = BadRecordPolicy::kSkip;
  auto r = ReadCsv(text, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->schema->field(0).type().ToString(), "int64");
  ASSERT_EQ(r->batches.size(), 3u);
  EXPECT_EQ(r->batches[0]->num_rows(), 4);
  EXPECT_EQ(r->batches[2]->num_rows(), 2);
  EXPECT_EQ(r->rows_read, 10);
  EXPECT_EQ(r->rows_rejected, 1);
  o.inference.max_rows = 100;
  auto all = ReadCsv(text, o);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->schema->field(0).type().ToString(), "string");
}

TEST(CsvReader, ConversionErrorNamesObjectLineOffsetColumnType) {
  CsvReadOptions o;
  o.inference.max_rows = 1;
  auto r = ReadCsv("a,b\n1,2\n\"q\nq\",3\n4,zz\n", o, 3, "s3://b/k.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(r.status().message(),
            "s3://b/k.csv:3: byte offset 8: column a (#1): expected int64, got \"q\nq\"");
}

TEST(CsvReader, LineNumbersCountSkippedAndQuotedLines) {
  CsvReadOptions o;
  o.skip_rows = 2;
  o.dialect.comment_prefix = "#";
  o.schema_mode = SchemaMode::kFull;
  o.schema = c::MakeSchema({c::Field("a", c::Int64()), c::Field("b", c::String())});
  auto r = ReadCsv("junk\njunk2\na,b\n# note\n1,\"x\r\ny\"\n\nbad,2\n", o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "t.csv:8: byte offset 32: column a (#1): expected int64, got \"bad\"");
}

TEST(CsvReader, HeaderModes) {
  CsvReadOptions no;
  no.header = HeaderMode::kNo;
  auto r = ReadCsv("1,2\n3,4\n", no);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Types(*r->schema), "column1:int64 column2:int64 ");
  EXPECT_EQ(r->rows.size(), 2u);
  no.column_names = {"x", "y"};
  EXPECT_EQ(Types(*ReadCsv("1,2\n", no)->schema), "x:int64 y:int64 ");

  CsvReadOptions aut;
  aut.header = HeaderMode::kAuto;
  auto h = ReadCsv("a,b\n1,2\n", aut);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(Types(*h->schema), "a:int64 b:int64 ");
  EXPECT_EQ(h->rows, (RowsT{{"1", "2"}}));
  auto nh = ReadCsv("1,2\n3,4\n", aut);
  ASSERT_TRUE(nh.ok());
  EXPECT_EQ(Types(*nh->schema), "column1:int64 column2:int64 ");
  EXPECT_EQ(nh->rows.size(), 2u);

  auto dup = ReadCsv("a,a,\n1,2,3\n");
  ASSERT_TRUE(dup.ok());
  EXPECT_EQ(Types(*dup->schema), "a:int64 a_2:int64 column3:int64 ");
}

TEST(CsvReader, NullTrueFalseStringsAndQuotedEmpty) {
  CsvReadOptions o;
  o.null_strings = {"", "NA", "\\N"};
  o.true_strings = {"Y"};
  o.false_strings = {"N"};
  auto r = ReadCsv("f,s,n\nY,NA,\\N\nN,\"\",1\n", o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Types(*r->schema), "f:bool s:string n:int64 ");
  EXPECT_EQ(r->rows, (RowsT{{"true", "<null>", "<null>"}, {"false", "", "1"}}));
}

TEST(CsvReader, DialectOptions) {
  CsvReadOptions o;
  o.dialect.delimiter = '\t';
  o.dialect.trim_whitespace = true;
  auto r = ReadCsv("a\tb\n 1 \t x y \n", o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rows, (RowsT{{"1", "x y"}}));
  CsvReadOptions e;
  e.dialect.delimiter = ';';
  e.dialect.escape = '\\';
  e.dialect.double_quote = false;
  auto r2 = ReadCsv("a;b\n\"x\\\"y\";p\\;q\n", e);
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(r2->rows, (RowsT{{"x\"y", "p;q"}}));
}

TEST(CsvReader, RaggedRowPolicies) {
  const std::string text = "a,b,c\n1,2\n1,2,3,4\n5,6,7\n";
  auto err = ReadCsv(text);
  ASSERT_FALSE(err.ok());
  EXPECT_EQ(err.status().message(), "t.csv:2: byte offset 6: expected 3 fields, got 2");
  CsvReadOptions pad;
  pad.ragged = RaggedRowPolicy::kPadWithNulls;
  pad.bad_records.policy = BadRecordPolicy::kSkip;
  auto p = ReadCsv(text, pad);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->rows, (RowsT{{"1", "2", "<null>"}, {"5", "6", "7"}}));
  EXPECT_EQ(p->rows_rejected, 1);
  CsvReadOptions tr;
  tr.ragged = RaggedRowPolicy::kTruncate;
  auto t = ReadCsv(text, tr);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->rows, (RowsT{{"1", "2", "<null>"}, {"1", "2", "3"}, {"5", "6", "7"}}));
}

TEST(CsvReader, QuarantineReceivesRecords) {
  std::vector<RejectedRecord> rejected;
  CsvReadOptions o;
  o.inference.max_rows = 1;
  o.bad_records.policy = BadRecordPolicy::kQuarantine;
  o.bad_records.quarantine = [&](const RejectedRecord& r) {
    rejected.push_back(r);
    return Status::OK();
  };
  auto r = ReadCsv("n,m\n1,a\nx,b\n2,c\r\n3,d,e\n", o, 5, "k.csv");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rows, (RowsT{{"1", "a"}, {"2", "c"}}));
  EXPECT_EQ(r->rows_read, 2);
  EXPECT_EQ(r->rows_rejected, 2);
  ASSERT_EQ(rejected.size(), 2u);
  EXPECT_EQ(rejected[0].object, "k.csv");
  EXPECT_EQ(rejected[0].line, 3);
  EXPECT_EQ(rejected[0].byte_offset, 8);
  EXPECT_EQ(rejected[0].reason, "column n (#1): expected int64, got \"x\"");
  EXPECT_EQ(rejected[0].raw, "x,b");
  EXPECT_EQ(rejected[1].line, 5);
  EXPECT_EQ(rejected[1].byte_offset, 17);
  EXPECT_EQ(rejected[1].reason, "expected 2 fields, got 3");
  EXPECT_EQ(rejected[1].raw, "3,d,e");
}

TEST(CsvReader, BadRecordLimits) {
  const std::string text = "n\n1\nx\ny\n2\n";
  CsvReadOptions o;
  o.inference.max_rows = 1;
  o.bad_records.policy = BadRecordPolicy::kSkip;
  o.bad_records.max_errors = 1;
  auto r = ReadCsv(text, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "t.csv: too many bad records (2 > max_errors 1); last: column n (#1): expected "
            "int64, got \"y\"");
  o.bad_records.max_errors = -1;
  o.bad_records.max_error_ratio = 0.4;
  auto q = ReadCsv(text, o);
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.status().message(),
            "t.csv: too many bad records (2 of 4, ratio 0.5 > max_error_ratio 0.4)");
  o.bad_records.max_error_ratio = 0.5;
  EXPECT_TRUE(ReadCsv(text, o).ok());
}

TEST(CsvReader, UnterminatedQuoteIsABadRecord) {
  auto r = ReadCsv("a\n1\n\"open\n2\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "t.csv:3: byte offset 4: unterminated quoted field");
}

TEST(CsvReader, SchemaModes) {
  CsvReadOptions all;
  all.schema_mode = SchemaMode::kAllStrings;
  EXPECT_EQ(Types(*ReadCsv("a,b\n1,x\n", all)->schema), "a:string b:string ");
  CsvReadOptions part;
  part.schema_mode = SchemaMode::kPartial;
  part.schema = c::MakeSchema({c::Field("b", c::Int32())});
  auto p = ReadCsv("a,b\n1.5,7\n", part);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(Types(*p->schema), "a:double b:int32 ");
  part.schema = c::MakeSchema({c::Field("zz", c::Int32())});
  EXPECT_EQ(ReadCsv("a,b\n1.5,7\n", part).status().message(),
            "t.csv: schema names column zz which the file does not have");
  CsvReadOptions full;
  full.schema_mode = SchemaMode::kFull;
  full.schema = c::MakeSchema({c::Field("x", c::Decimal128(5, 2)), c::Field("y", c::Int8())});
  auto f = ReadCsv("h1,h2\n1.25,127\n", full);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->rows, (RowsT{{"1.25", "127"}}));
  auto overflow = ReadCsv("h1,h2\n1.25,128\n", full);
  EXPECT_EQ(overflow.status().message(),
            "t.csv:2: byte offset 6: column y (#2): expected int8, got \"128\"");
}

TEST(CsvReader, ExtraDateFormats) {
  CsvReadOptions o;
  o.inference.extra_date_formats = {"%d/%m/%Y"};
  auto r = ReadCsv("d\n31/01/2024\n1/2/2024\n", o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Types(*r->schema), "d:date32[day] ");
  EXPECT_EQ(r->rows, (RowsT{{"2024-01-31"}, {"2024-02-01"}}));
}

TEST(CsvReader, Encodings) {
  auto bom = ReadCsv("\xEF\xBB\xBFname\nJos\xC3\xA9\n", {}, 1);
  ASSERT_TRUE(bom.ok());
  EXPECT_EQ(bom->schema->field(0).name(), "name");
  EXPECT_EQ(bom->rows, (RowsT{{"Jos\xC3\xA9"}}));
  std::string le("\xFF\xFEn\0\n\0\xE9\0\n\0", 10);
  auto u16 = ReadCsv(le, {}, 3);
  ASSERT_TRUE(u16.ok()) << u16.status().ToString();
  EXPECT_EQ(u16->rows, (RowsT{{"\xC3\xA9"}}));
  CsvReadOptions l1;
  l1.encoding = CsvEncoding::kWindows1252;
  auto w = ReadCsv("n\n\x80uro\n", l1);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->rows, (RowsT{{"\xE2\x82\xAC"
                             "uro"}}));
  auto bad = ReadCsv("n\nab\xFF\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "t.csv: invalid UTF-8 at byte offset 4");
  CsvReadOptions rep;
  rep.invalid_utf8 = InvalidUtf8Policy::kReplace;
  auto fixed = ReadCsv("n\nab\xFF\n", rep, 1);
  ASSERT_TRUE(fixed.ok());
  EXPECT_EQ(fixed->rows, (RowsT{{"ab\xEF\xBF\xBD"}}));
}

TEST(CsvReader, EmptyInputAndHeaderOnly) {
  auto e = ReadCsv("");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->schema->num_fields(), 0);
  EXPECT_TRUE(e->batches.empty());
  auto h = ReadCsv("a,b\n");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(Types(*h->schema), "a:string b:string ");
  EXPECT_TRUE(h->batches.empty());
}

}  // namespace
}  // namespace s3c::formats::csv

namespace s3c::formats::csv {
namespace {

TEST(CsvReader, FieldLargerThanTheReadBufferWithShortReads) {
  const std::string big(3 << 20, 'x');
  auto r = testing::ReadCsv("a,b\n\"" + big + "\",1\n2,3\n", {}, 4096);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->rows.size(), 2u);
  EXPECT_EQ(r->rows[0][0], big);
  EXPECT_EQ(r->rows[1], (std::vector<std::string>{"2", "3"}));
}

TEST(CsvReader, SchemasOfSeveralFilesUniteWithDrift) {
  auto a = testing::ReadCsv("id,v\n1,2\n", {}, 1 << 20, "a.csv");
  auto b = testing::ReadCsv("id,v,w\n3,2.5,2024-01-01\n", {}, 1 << 20, "b.csv");
  auto c = testing::ReadCsv("v,w\nx,2024-01-01T10:00:00\n", {}, 1 << 20, "c.csv");
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  auto u = UnionSchemas({{"a.csv", a->schema}, {"b.csv", b->schema}, {"c.csv", c->schema}});
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->schema->ToString(), "id: int64\nv: string\nw: timestamp[us]");
  std::vector<std::string> drift;
  for (const auto& d : u->drift) drift.push_back(d.ToString());
  EXPECT_EQ(drift, (std::vector<std::string>{
                       "b.csv: column v widened int64 -> double",
                       "b.csv: column w added (date32[day])",
                       "c.csv: column v widened double -> string",
                       "c.csv: column w widened date32[day] -> timestamp[us]",
                       "c.csv: column id missing",
                   }));
}

}  // namespace
}  // namespace s3c::formats::csv

namespace s3c::formats::csv {
namespace {

TEST(CsvReader, RecordLongerThanLimitFails) {
  CsvReadOptions o;
  o.max_record_bytes = 100;
  auto r = testing::ReadCsv("a\n1\n\"" + std::string(3 << 20, 'y') + "\n2\n", o, 4096);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "t.csv:3: byte offset 4: record longer than max_record_bytes 100 (unterminated "
            "quote?)");
}

}  // namespace
}  // namespace s3c::formats::csv

namespace s3c::formats::csv {
namespace {

TEST(CsvReader, EveryChunkSizeGivesTheSameResult) {
  const std::string text =
      "\xEF\xBB\xBF# comment\r\n"
      "a;b;c\r\n"
      "1;\"x;\"\"y\"\"\r\nz\";2024-01-01\r\n"
      "\r\n"
      "# another\r"
      "2;p\\;q;2024-01-02T03:04:05\r"
      "3;\"\";\n";
  CsvReadOptions o;
  o.dialect.delimiter = ';';
  o.dialect.comment_prefix = "# ";
  o.dialect.escape = '\\';
  auto ref = testing::ReadCsv(text, o);
  ASSERT_TRUE(ref.ok()) << ref.status().ToString();
  EXPECT_EQ(ref->schema->ToString(), "a: int64\nb: string\nc: timestamp[us]");
  EXPECT_EQ(ref->rows, (testing::RowsT{{"1", "x;\"y\"\r\nz", "2024-01-01T00:00:00"},
                                       {"2", "p;q", "2024-01-02T03:04:05"},
                                       {"3", "", "<null>"}}));
  for (size_t chunk = 1; chunk <= 24; ++chunk) {
    auto r = testing::ReadCsv(text, o, chunk);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->rows, ref->rows) << "chunk " << chunk;
  }
}

}  // namespace
}  // namespace s3c::formats::csv
