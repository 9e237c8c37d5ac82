#include "s3c/dataset/partitioning.h"

#include <gtest/gtest.h>

#include "s3c/columnar/array_binary.h"
#include "s3c/columnar/array_primitive.h"
#include "s3c/columnar/builder_primitive.h"
#include "s3c/common/civil_date.h"

namespace s3c::dataset {
namespace {

using columnar::DataType;

std::vector<ObjectInfo> Objects(std::vector<std::string> keys) {
  std::vector<ObjectInfo> out;
  for (auto& k : keys) {
    ObjectInfo o;
    o.key = std::move(k);
    out.push_back(std::move(o));
  }
  return out;
}

std::string Describe(const std::vector<RawPartitionValue>& values) {
  std::string out;
  for (const auto& v : values) {
    out += v.name + "=" + (v.text ? *v.text : "NULL") + "(" + v.spelling + ");";
  }
  return out;
}

TEST(PartitioningTest, ParsesModesAndTemplates) {
  auto hive = ParsePartitioning("hive");
  ASSERT_TRUE(hive.ok());
  EXPECT_EQ(hive->kind, Partitioning::Kind::kHive);
  EXPECT_EQ(ParsePartitioning("")->kind, Partitioning::Kind::kHive);
  EXPECT_EQ(ParsePartitioning("none")->kind, Partitioning::Kind::kNone);
  auto t = ParsePartitioning("{year}/{month}/{day}");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->kind, Partitioning::Kind::kTemplate);
  EXPECT_EQ(t->segments.size(), 3u);
  EXPECT_EQ(t->TemplateFields(), (std::vector<std::string>{"year", "month", "day"}));
  auto file = ParsePartitioning("events-{date}.jsonl");
  ASSERT_TRUE(file.ok());
  ASSERT_EQ(file->segments.size(), 1u);
  ASSERT_EQ(file->segments[0].size(), 3u);
  EXPECT_EQ(file->segments[0][0].text, "events-");
  EXPECT_TRUE(file->segments[0][1].is_field);
  EXPECT_EQ(file->segments[0][2].text, ".jsonl");
  auto braces = ParsePartitioning("{{x}}-{a}");
  ASSERT_TRUE(braces.ok());
  EXPECT_EQ(braces->segments[0][0].text, "{x}-");
}

TEST(PartitioningTest, RejectsBadTemplatesWithThePosition) {
  struct Case {
    const char* text;
    const char* expect;
  };
  for (const Case& c : {Case{"daily", "give hive, none, or a template"},
                        Case{"{year", "unclosed '{' at position 1"},
                        Case{"{}/x", "empty field name"},
                        Case{"{a}{b}", "nothing between them"},
                        Case{"{a}/{a}", "field 'a' appears twice at position 5"},
                        Case{"{a b}", "only letters"},
                        Case{"{a}//{b}", "empty folder name at position 5"},
                        Case{"x}{a}", "unmatched '}'"}}) {
    auto p = ParsePartitioning(c.text);
    ASSERT_FALSE(p.ok()) << c.text;
    EXPECT_NE(p.status().message().find(c.expect), std::string::npos)
        << c.text << ": " << p.status().message();
  }
}

TEST(PartitioningTest, HiveValuesFromFoldersOnly) {
  Partitioning hive;
  auto v = ExtractPartitionValues(
      hive, "year=2024/misc/month=03/name=a%2Fb%20c/x=__HIVE_DEFAULT_PARTITION__/k=v.csv");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(Describe(*v),
            "year=2024(2024);month=03(03);name=a/b c(a%2Fb%20c);x=NULL(__HIVE_DEFAULT_PARTITION__);");
  // An empty value is the empty string; "=x" (no name) is not a partition; bad escapes stay.
  v = ExtractPartitionValues(hive, "a=/=x/b=%zz/f.csv");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(Describe(*v), "a=();b=%zz(%zz);");
  Partitioning none;
  none.kind = Partitioning::Kind::kNone;
  EXPECT_TRUE(ExtractPartitionValues(none, "a=1/f.csv")->empty());
}

TEST(PartitioningTest, TemplateValuesAndMismatches) {
  auto t = ParsePartitioning("{year}/{month}/{day}");
  ASSERT_TRUE(t.ok());
  auto v = ExtractPartitionValues(*t, "2024/03/05/part-0.csv");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(Describe(*v), "year=2024(2024);month=03(03);day=05(05);");
  auto short_key = ExtractPartitionValues(*t, "2024/03");
  ASSERT_FALSE(short_key.ok());
  EXPECT_NE(short_key.status().message().find("fewer than the partitioning template's 3"),
            std::string::npos);

  auto f = ParsePartitioning("logs/events-{date}-{part}.jsonl");
  ASSERT_TRUE(f.ok());
  v = ExtractPartitionValues(*f, "logs/events-2024-03-05-7.jsonl");
  ASSERT_TRUE(v.ok());
  // A field ends at the first place the rest matches: date takes "2024", part the rest.
  EXPECT_EQ(Describe(*v), "date=2024(2024);part=03-05-7(03-05-7);");
  auto bad = ExtractPartitionValues(*f, "logs/other.jsonl");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("segment 2 ('other.jsonl') does not match"),
            std::string::npos);
  auto g = ParsePartitioning("events-{date}.jsonl");
  v = ExtractPartitionValues(*g, "events-2024-03-05.jsonl");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(Describe(*v), "date=2024-03-05(2024-03-05);");
}

// The types DuckDB 1.5's hive_types_autocast gives these folder values (partition_differential
// _test.cc checks each against DuckDB itself).
TEST(PartitioningTest, ClassifiesValuesAsDuckDbAutocast) {
  auto type_of = [](const char* s) { return ClassifyPartitionValue(s).ToString(); };
  EXPECT_EQ(type_of("2024-03-05"), "date32[day]");
  EXPECT_EQ(type_of("2024-3-5"), "date32[day]");
  EXPECT_EQ(type_of("2024-03-05 "), "date32[day]");
  EXPECT_EQ(type_of("2024-02-30"), "string");
  EXPECT_EQ(type_of("2024-03-05 10:00"), "timestamp[us]");
  EXPECT_EQ(type_of("2024-03-05 10:00:00.5"), "timestamp[us]");
  EXPECT_EQ(type_of("2024-03-05T10:00:00Z"), "timestamp[us]");
  EXPECT_EQ(type_of("2024-03-05 10:00:00+02"), "timestamp[us]");
  EXPECT_EQ(type_of("20240305"), "int64");
  EXPECT_EQ(type_of("0"), "int64");
  EXPECT_EQ(type_of("-12"), "int64");
  EXPECT_EQ(type_of(" 5"), "int64");
  EXPECT_EQ(type_of("9223372036854775807"), "int64");
  EXPECT_EQ(type_of("9223372036854775808"), "string");
  EXPECT_EQ(type_of("01"), "string");
  EXPECT_EQ(type_of("+5"), "string");
  EXPECT_EQ(type_of("-0"), "int64");
  EXPECT_EQ(type_of("-01"), "int64");
  EXPECT_EQ(type_of("1e3"), "string");
  EXPECT_EQ(type_of("1.5"), "string");
  EXPECT_EQ(type_of("true"), "string");
  EXPECT_EQ(type_of(""), "string");
}

TEST(PartitioningTest, BuildsTypedTable) {
  Partitioning hive;
  auto table = BuildPartitionTable(
      hive, "data/",
      Objects({"data/dt=2024-03-05/h=7/a.csv", "data/dt=2024-03-06/h=__HIVE_DEFAULT_PARTITION__/b.csv",
               "data/dt=2024-03-07/h=8/c.csv"}));
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(table->fields.size(), 2u);
  EXPECT_EQ(table->fields[0].ToString(), "dt: date32[day]");
  EXPECT_EQ(table->fields[1].ToString(), "h: int64");
  ASSERT_EQ(table->values.size(), 3u);
  EXPECT_EQ(std::get<int64_t>(table->values[0][0].value), DaysFromCivil(2024, 3, 5));
  EXPECT_EQ(table->values[0][0].spelling, "2024-03-05");
  EXPECT_EQ(std::get<int64_t>(table->values[2][1].value), 8);
  EXPECT_TRUE(table->values[1][1].is_null());

  // Mixed types (a date and a timestamp; an int and a word) make a string, as DuckDB does.
  auto mixed = BuildPartitionTable(hive, "", Objects({"k=2024-03-05/j=1/a", "k=2024-03-05 10:00/j=x/b"}));
  ASSERT_TRUE(mixed.ok());
  EXPECT_EQ(mixed->fields[0].ToString(), "k: string");
  EXPECT_EQ(mixed->fields[1].ToString(), "j: string");
  EXPECT_EQ(std::get<std::string>(mixed->values[1][0].value), "2024-03-05 10:00");
  // Only NULLs: a string column of NULLs.
  auto nulls = BuildPartitionTable(hive, "", Objects({"k=__HIVE_DEFAULT_PARTITION__/a"}));
  ASSERT_TRUE(nulls.ok());
  EXPECT_EQ(nulls->fields[0].ToString(), "k: string");
  // No partitions at all.
  auto flat = BuildPartitionTable(hive, "", Objects({"a.csv", "b.csv"}));
  ASSERT_TRUE(flat.ok());
  EXPECT_TRUE(flat->empty());
  EXPECT_EQ(flat->values.size(), 2u);
}

TEST(PartitioningTest, KeyMismatchNamesBothObjects) {
  Partitioning hive;
  auto t = BuildPartitionTable(hive, "", Objects({"dt=1/h=2/f.csv", "dt=2/f.csv"}));
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().message(),
            "partition keys differ between dt=1/h=2/f.csv (dt, h) and dt=2/f.csv (dt); give "
            "--partitioning none to read the objects without partition columns");
  auto order = BuildPartitionTable(hive, "", Objects({"a=1/b=2/f", "b=2/a=1/f"}));
  EXPECT_FALSE(order.ok());
}

TEST(PartitioningTest, OverridesForceTypes) {
  auto types = ParsePartitionTypes("month:int, day : date,ts:timestamp,s:varchar");
  ASSERT_TRUE(types.ok()) << types.status().ToString();
  EXPECT_EQ(types->size(), 4u);
  EXPECT_EQ(types->at("month").ToString(), "int64");
  Partitioning hive;
  hive.types = *types;
  hive.types.erase("ts");
  hive.types.erase("s");
  auto t = BuildPartitionTable(hive, "", Objects({"month=01/day=2024-03-05/f", "month=11/day=2024-3-6/f"}));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->fields[0].ToString(), "month: int64");
  EXPECT_EQ(std::get<int64_t>(t->values[0][0].value), 1);
  EXPECT_EQ(t->values[0][0].spelling, "01");  // the folder's spelling stays for pruning

  hive.types = {{"month", columnar::Date32()}};
  auto bad = BuildPartitionTable(hive, "", Objects({"month=01/f"}));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "month=01/f: partition month='01' is not a valid date");
  hive.types = {{"year", columnar::Int64()}};
  auto unknown = BuildPartitionTable(hive, "", Objects({"month=01/f"}));
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("'year', which is not a partition key"),
            std::string::npos);
  for (const char* text : {"x", "x:float", ":int", "a:int,a:date"}) {
    EXPECT_FALSE(ParsePartitionTypes(text).ok()) << text;
  }
}

TEST(PartitioningTest, AppendsConstantColumns) {
  columnar::NumericBuilder<columnar::Int64Type> b;
  b.Append(1);
  b.Append(2);
  auto col = b.Finish();
  ASSERT_TRUE(col.ok());
  auto in_schema = columnar::MakeSchema({columnar::Field("v", columnar::Int64())});
  auto batch = columnar::RecordBatch::Make(in_schema, {*col});
  ASSERT_TRUE(batch.ok());
  auto out_schema = columnar::MakeSchema(
      {columnar::Field("v", columnar::Int64()), columnar::Field("dt", columnar::Date32()),
       columnar::Field("s", columnar::String()), columnar::Field("n", columnar::Int64())});
  std::vector<PartitionValue> values(3);
  values[0].value = int64_t{19787};
  values[1].value = std::string("eu");
  auto out = AppendPartitionColumns(**batch, out_schema, values);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ((*out)->num_columns(), 4);
  EXPECT_EQ((*out)->num_rows(), 2);
  auto dt = std::static_pointer_cast<columnar::Date32Array>((*out)->column(1));
  EXPECT_EQ(dt->Value(1), 19787);
  auto s = std::static_pointer_cast<columnar::StringArray>((*out)->column(2));
  EXPECT_EQ(s->GetView(0), "eu");
  EXPECT_EQ((*out)->column(3)->null_count(), 2);
  // A schema that does not fit is an error, not a bad batch.
  EXPECT_FALSE(AppendPartitionColumns(**batch, in_schema, values).ok());
}

}  // namespace
}  // namespace s3c::dataset
