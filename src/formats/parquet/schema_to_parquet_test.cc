#include "formats/parquet/schema_to_parquet.h"

#include <gtest/gtest.h>

namespace s3c::formats::parquet {
namespace {

using namespace s3c::columnar;  // NOLINT

TEST(SchemaToParquet, PrimitiveAnnotations) {
  Schema schema({Field("i8", Int8()), Field("u64", UInt64(), false), Field("f", Float32()),
                 Field("d5", Decimal128(5, 2)), Field("d15", Decimal128(15, 3)),
                 Field("d30", Decimal128(30, 4)), Field("s", String()), Field("b", Binary()),
                 Field("day", Date32()), Field("t_s", Time32(TimeUnit::kSecond)),
                 Field("t_ns", Time64(TimeUnit::kNano)),
                 Field("ts_s", Timestamp(TimeUnit::kSecond)),
                 Field("ts_us_utc", Timestamp(TimeUnit::kMicro, "UTC")), Field("n", Null(), false),
                 Field("ok", Bool())});
  auto plan = SchemaToParquet(schema);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  const auto& e = plan->elements;
  ASSERT_EQ(e.size(), 16u);
  EXPECT_EQ(e[0].num_children, 15);
  EXPECT_FALSE(e[0].repetition.has_value());

  EXPECT_EQ(e[1].type, PhysicalType::kInt32);
  EXPECT_EQ(e[1].converted_type, ConvertedType::kInt8);
  EXPECT_EQ(e[1].logical_type->kind, LogicalType::Kind::kInteger);
  EXPECT_EQ(e[1].logical_type->bit_width, 8);
  EXPECT_TRUE(e[1].logical_type->is_signed);
  EXPECT_EQ(e[1].repetition, Repetition::kOptional);

  EXPECT_EQ(e[2].type, PhysicalType::kInt64);
  EXPECT_EQ(e[2].converted_type, ConvertedType::kUint64);
  EXPECT_FALSE(e[2].logical_type->is_signed);
  EXPECT_EQ(e[2].repetition, Repetition::kRequired);

  EXPECT_EQ(e[3].type, PhysicalType::kFloat);
  EXPECT_EQ(e[4].type, PhysicalType::kInt32);
  EXPECT_EQ(e[4].converted_type, ConvertedType::kDecimal);
  EXPECT_EQ(e[4].precision, 5);
  EXPECT_EQ(e[4].scale, 2);
  EXPECT_EQ(e[5].type, PhysicalType::kInt64);
  EXPECT_EQ(e[6].type, PhysicalType::kFixedLenByteArray);
  EXPECT_EQ(e[6].type_length, 13);  // 10^30 - 1 needs 100 bits + sign
  EXPECT_EQ(e[6].logical_type->decimal_precision, 30);
  EXPECT_EQ(e[6].logical_type->decimal_scale, 4);

  EXPECT_EQ(e[7].type, PhysicalType::kByteArray);
  EXPECT_EQ(e[7].converted_type, ConvertedType::kUtf8);
  EXPECT_EQ(e[7].logical_type->kind, LogicalType::Kind::kString);
  EXPECT_EQ(e[8].type, PhysicalType::kByteArray);
  EXPECT_FALSE(e[8].logical_type.has_value());
  EXPECT_EQ(e[9].converted_type, ConvertedType::kDate);

  EXPECT_EQ(e[10].type, PhysicalType::kInt32);  // seconds stored as milliseconds
  EXPECT_EQ(e[10].logical_type->unit, TimeUnitKind::kMillis);
  EXPECT_EQ(e[11].type, PhysicalType::kInt64);
  EXPECT_EQ(e[11].logical_type->unit, TimeUnitKind::kNanos);

  EXPECT_EQ(e[12].logical_type->unit, TimeUnitKind::kMillis);
  EXPECT_FALSE(e[12].logical_type->is_adjusted_to_utc);
  EXPECT_FALSE(e[12].converted_type.has_value());  // TIMESTAMP_MILLIS would mean UTC
  EXPECT_TRUE(e[13].logical_type->is_adjusted_to_utc);
  EXPECT_EQ(e[13].converted_type, ConvertedType::kTimestampMicros);

  EXPECT_EQ(e[14].type, PhysicalType::kInt32);
  EXPECT_EQ(e[14].logical_type->kind, LogicalType::Kind::kUnknown);
  EXPECT_EQ(e[14].repetition, Repetition::kOptional);  // null columns are always optional
  EXPECT_EQ(e[15].type, PhysicalType::kBoolean);

  ASSERT_EQ(plan->leaves.size(), 15u);
  EXPECT_EQ(plan->leaves[0].max_def_level, 1);
  EXPECT_EQ(plan->leaves[1].max_def_level, 0);
}

TEST(SchemaToParquet, NestedLayouts) {
  Schema schema({Field("l", List(Field("item", Int32(), false)), false),
                 Field("s", Struct({Field("a", String()), Field("b", List(Int64()))})),
                 Field("m", Map(String(), Float64()))});
  auto plan = SchemaToParquet(schema);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  const auto& e = plan->elements;
  std::vector<std::string> names;
  for (const auto& el : e) names.push_back(el.name);
  EXPECT_EQ(names, (std::vector<std::string>{"schema", "l", "list", "element", "s", "a", "b",
                                             "list", "element", "m", "key_value", "key", "value"}));
  EXPECT_EQ(e[1].converted_type, ConvertedType::kList);
  EXPECT_EQ(e[1].repetition, Repetition::kRequired);
  EXPECT_EQ(e[2].repetition, Repetition::kRepeated);
  EXPECT_EQ(e[3].repetition, Repetition::kRequired);
  EXPECT_EQ(e[4].num_children, 2);
  EXPECT_FALSE(e[4].converted_type.has_value());
  EXPECT_EQ(e[9].logical_type->kind, LogicalType::Kind::kMap);
  EXPECT_EQ(e[9].converted_type, ConvertedType::kMap);
  EXPECT_EQ(e[10].num_children, 2);
  EXPECT_EQ(e[11].repetition, Repetition::kRequired);
  EXPECT_EQ(e[12].repetition, Repetition::kOptional);

  const auto& leaves = plan->leaves;
  ASSERT_EQ(leaves.size(), 5u);
  EXPECT_EQ(leaves[0].dotted_path(), "l.list.element");
  EXPECT_EQ(leaves[0].max_def_level, 1);
  EXPECT_EQ(leaves[0].max_rep_level, 1);
  EXPECT_EQ(leaves[2].dotted_path(), "s.b.list.element");
  EXPECT_EQ(leaves[2].max_def_level, 4);
  EXPECT_EQ(leaves[3].dotted_path(), "m.key_value.key");
  EXPECT_EQ(leaves[3].max_def_level, 2);
  EXPECT_EQ(leaves[4].max_def_level, 3);
  EXPECT_EQ(leaves[4].max_rep_level, 1);
  EXPECT_EQ(leaves[4].top_level_field, 2);
}

TEST(SchemaToParquet, Rejections) {
  auto empty = SchemaToParquet(Schema({Field("s", Struct({}))}));
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("'s'"), std::string::npos);
  auto negative = SchemaToParquet(Schema({Field("d", Decimal128(5, -2))}));
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.status().code(), StatusCode::kInvalidArgument);
}

TEST(SchemaToParquet, DecimalWidths) {
  EXPECT_EQ(DecimalByteWidth(1), 1);
  EXPECT_EQ(DecimalByteWidth(2), 1);
  EXPECT_EQ(DecimalByteWidth(3), 2);
  EXPECT_EQ(DecimalByteWidth(18), 8);
  EXPECT_EQ(DecimalByteWidth(19), 9);
  EXPECT_EQ(DecimalByteWidth(38), 16);
}

}  // namespace
}  // namespace s3c::formats::parquet
