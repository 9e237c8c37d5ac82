#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "s3c/columnar/columnar.h"

namespace s3c::columnar {
namespace {

std::shared_ptr<Array> Strings(std::vector<std::optional<std::string>> values) {
  StringBuilder b;
  for (const auto& v : values) {
    if (v) {
      b.Append(*v);
    } else {
      b.AppendNull();
    }
  }
  return *b.Finish();
}

std::shared_ptr<Array> Int64s(std::vector<std::optional<int64_t>> values) {
  Int64Builder b;
  for (const auto& v : values) {
    if (v) {
      b.Append(*v);
    } else {
      b.AppendNull();
    }
  }
  return *b.Finish();
}

std::string CastText(const Array& array, const DataType& to, CastOptions options = {}) {
  auto result = Cast(array, to, options);
  if (!result.ok()) return "error: " + result.status().message();
  Status st = ValidateArray(**result);
  if (!st.ok()) return "invalid: " + st.message();
  EXPECT_EQ((*result)->type(), to);
  return (*result)->ToString();
}

TEST(CastNumericTest, WidensAndNarrowsWithOverflowChecks) {
  auto ints = Int64s({1, std::nullopt, -3, 300});
  EXPECT_EQ(CastText(*ints, Int32()), "[1, null, -3, 300]");
  EXPECT_EQ(CastText(*ints, Float64()), "[1, null, -3, 300]");
  EXPECT_EQ(CastText(*ints, Int8()), "error: cannot cast '300' at row 3 to int8: out of range");
  EXPECT_EQ(CastText(*ints, UInt8()), "error: cannot cast '-3' at row 2 to uint8: out of range");
  EXPECT_EQ(CastText(*ints, Int8(), {.safe = false}), "[1, null, -3, 44]");
  // Row numbers are relative to the (sliced) input.
  EXPECT_EQ(CastText(*ints->Slice(2), Int8()),
            "error: cannot cast '300' at row 1 to int8: out of range");
  EXPECT_EQ(CastText(*ints->Slice(0, 3), UInt64(), {.safe = false}),
            "[1, null, 18446744073709551613]");
}

TEST(CastNumericTest, FloatsToIntegers) {
  Float64Builder b;
  b.Append(2.0);
  b.Append(2.5);
  b.Append(1e20);
  b.Append(std::nan(""));
  auto floats = *b.Finish();
  EXPECT_EQ(CastText(*floats->Slice(0, 1), Int32()), "[2]");
  EXPECT_EQ(CastText(*floats, Int32()),
            "error: cannot cast '2.5' at row 1 to int32: would lose the fractional part");
  EXPECT_EQ(CastText(*floats->Slice(2), Int64()),
            "error: cannot cast '1e+20' at row 0 to int64: out of range");
  EXPECT_EQ(CastText(*floats->Slice(3), Int64()),
            "error: cannot cast 'nan' at row 0 to int64: not a number");
  EXPECT_EQ(CastText(*floats, Int64(), {.safe = false}), "[2, 2, 9223372036854775807, 0]");
  EXPECT_EQ(CastText(*floats->Slice(2, 1), Float32()), "[1e+20]");
  Float64Builder big;
  big.Append(1e300);
  EXPECT_EQ(CastText(**big.Finish(), Float32()),
            "error: cannot cast '1e+300' at row 0 to float: out of range");
}

TEST(CastNumericTest, BoolAndDecimal) {
  auto ints = Int64s({0, 5, std::nullopt});
  EXPECT_EQ(CastText(*ints, Bool()), "[false, true, null]");
  BooleanBuilder bools;
  bools.Append(true);
  bools.Append(false);
  EXPECT_EQ(CastText(**bools.Finish(), Int16()), "[1, 0]");
  EXPECT_EQ(CastText(*ints, Decimal128(5, 2)), "[0.00, 5.00, null]");
  EXPECT_EQ(CastText(*Int64s({1000}), Decimal128(5, 2)),
            "error: cannot cast '1000' at row 0 to decimal128(5, 2): out of range");
  Decimal128Builder dec(Decimal128(10, 2));
  dec.Append(12345);  // 123.45
  dec.Append(-100);   // -1.00
  auto decimals = *dec.Finish();
  EXPECT_EQ(CastText(*decimals, Float64()), "[123.45, -1]");
  EXPECT_EQ(CastText(*decimals, Int32()),
            "error: cannot cast '123.45' at row 0 to int32: would lose the fractional part");
  EXPECT_EQ(CastText(*decimals, Int32(), {.safe = false}), "[123, -1]");
  EXPECT_EQ(CastText(*decimals, Decimal128(12, 4)), "[123.4500, -1.0000]");
  EXPECT_EQ(CastText(*decimals, Decimal128(4, 1)),
            "error: cannot cast '123.45' at row 0 to decimal128(4, 1): would lose digits");
  EXPECT_EQ(CastText(*decimals, Decimal128(3, 2)),
            "error: cannot cast '123.45' at row 0 to decimal128(3, 2): out of range");
  Float64Builder f;
  f.Append(0.125);
  EXPECT_EQ(CastText(**f.Finish(), Decimal128(6, 3)), "[0.125]");
}

TEST(CastStringTest, ParsesNumbersWithRowInErrors) {
  auto text = Strings({"17", std::nullopt, "-4", "+8"});
  EXPECT_EQ(CastText(*text, Int64()), "[17, null, -4, 8]");
  EXPECT_EQ(CastText(*text, Float32()), "[17, null, -4, 8]");
  std::vector<std::optional<std::string>> rows(18, "1");
  rows[17] = "abc";
  EXPECT_EQ(CastText(*Strings(rows), Int64()), "error: cannot cast 'abc' at row 17 to int64");
  EXPECT_EQ(CastText(*Strings({"128"}), Int8()),
            "error: cannot cast '128' at row 0 to int8: out of range");
  EXPECT_EQ(CastText(*Strings({"1.5"}), Int32()), "error: cannot cast '1.5' at row 0 to int32");
  EXPECT_EQ(CastText(*Strings({""}), Int32()), "error: cannot cast '' at row 0 to int32");
  EXPECT_EQ(CastText(*Strings({"1e3", "-0.5", "inf"}), Float64()), "[1000, -0.5, inf]");
  EXPECT_EQ(CastText(*Strings({"1e400"}), Float64()),
            "error: cannot cast '1e400' at row 0 to double: out of range");
  EXPECT_EQ(CastText(*Strings({"true", "FALSE", "1", "0"}), Bool()), "[true, false, true, false]");
  EXPECT_EQ(CastText(*Strings({"yes"}), Bool()), "error: cannot cast 'yes' at row 0 to bool");
  EXPECT_EQ(CastText(*Strings({"123.45", "-0.5", "1e2"}), Decimal128(7, 2)),
            "[123.45, -0.50, 100.00]");
  EXPECT_EQ(CastText(*Strings({"1.234"}), Decimal128(7, 2)),
            "error: cannot cast '1.234' at row 0 to decimal128(7, 2): too many fractional digits "
            "for the scale");
}

TEST(CastStringTest, FormatsValuesAsText) {
  auto ints = Int64s({1, std::nullopt, -20});
  EXPECT_EQ(CastText(*ints, String()), R"(["1", null, "-20"])");
  EXPECT_EQ(CastText(*ints, LargeString()), R"(["1", null, "-20"])");
  Float64Builder f;
  f.Append(0.1);
  f.Append(1e21);
  EXPECT_EQ(CastText(**f.Finish(), String()), R"(["0.1", "1e+21"])");
  BooleanBuilder b;
  b.Append(true);
  EXPECT_EQ(CastText(**b.Finish(), String()), R"(["true"])");
  Date32Builder d;
  d.Append(0);
  EXPECT_EQ(CastText(**d.Finish(), String()), R"(["1970-01-01"])");
  auto round_trip = Cast(**Cast(*ints, String()), Int64());
  ASSERT_TRUE(round_trip.ok());
  EXPECT_TRUE(ArrayEquals(**round_trip, *ints));
  BinaryBuilder bin;
  bin.Append("ok");
  bin.Append("\xff");
  auto binary = *bin.Finish();
  EXPECT_EQ(CastText(*binary, String()),
            "error: cannot cast '\xff' at row 1 to string: not valid UTF-8");
  EXPECT_EQ(CastText(*binary->Slice(0, 1), String()), R"(["ok"])");
  EXPECT_EQ(CastText(*Strings({"ab"}), Binary()), "[x'6162']");
}

TEST(CastTemporalTest, ParsesAndFormatsIso8601) {
  auto text = Strings(
      {"2024-02-29T12:34:56.789Z", "2024-02-29 12:34:56+02:00", "1969-12-31", std::nullopt});
  EXPECT_EQ(CastText(*text, Timestamp(TimeUnit::kMilli, "UTC")),
            "[2024-02-29T12:34:56.789Z, 2024-02-29T10:34:56.000Z, 1969-12-31T00:00:00.000Z, null]");
  EXPECT_EQ(CastText(*text, Timestamp(TimeUnit::kSecond)),
            "error: cannot cast '2024-02-29T12:34:56.789Z' at row 0 to timestamp[s]: would lose "
            "sub-unit precision");
  EXPECT_EQ(CastText(*text, Timestamp(TimeUnit::kSecond), {.safe = false}),
            "[2024-02-29T12:34:56, 2024-02-29T10:34:56, 1969-12-31T00:00:00, null]");
  EXPECT_EQ(CastText(*Strings({"2024-02-30"}), Timestamp(TimeUnit::kMicro)),
            "error: cannot cast '2024-02-30' at row 0 to timestamp[us]");
  EXPECT_EQ(CastText(*Strings({"3000-01-01"}), Timestamp(TimeUnit::kNano)),
            "error: cannot cast '3000-01-01' at row 0 to timestamp[ns]");
  EXPECT_EQ(CastText(*Strings({"2024-01-15", "1900-03-01"}), Date32()), "[2024-01-15, 1900-03-01]");
  EXPECT_EQ(CastText(*Strings({"2024-1-15"}), Date32()),
            "error: cannot cast '2024-1-15' at row 0 to date32[day]");
  EXPECT_EQ(CastText(*Strings({"23:59:59.5"}), Time32(TimeUnit::kMilli)), "[23:59:59.500]");
  EXPECT_EQ(CastText(*Strings({"24:00:00"}), Time64(TimeUnit::kMicro)),
            "error: cannot cast '24:00:00' at row 0 to time64[us]");
  auto ts = Cast(*text, Timestamp(TimeUnit::kMicro, "UTC"));
  ASSERT_TRUE(ts.ok());
  EXPECT_EQ(CastText(**ts, String()),
            R"(["2024-02-29T12:34:56.789000Z", "2024-02-29T10:34:56.000000Z", )"
            R"("1969-12-31T00:00:00.000000Z", null])");
}

TEST(CastTemporalTest, UnitChangesAndDates) {
  TimestampBuilder b(Timestamp(TimeUnit::kMilli));
  b.Append(1500);
  b.Append(-1500);
  b.AppendNull();
  auto ms = *b.Finish();
  EXPECT_EQ(CastText(*ms, Timestamp(TimeUnit::kMicro)),
            "[1970-01-01T00:00:01.500000, 1969-12-31T23:59:58.500000, null]");
  EXPECT_EQ(CastText(*ms, Timestamp(TimeUnit::kSecond)),
            "error: cannot cast '1970-01-01T00:00:01.500' at row 0 to timestamp[s]: would lose "
            "sub-unit precision");
  EXPECT_EQ(CastText(*ms, Timestamp(TimeUnit::kSecond), {.safe = false}),
            "[1970-01-01T00:00:01, 1969-12-31T23:59:58, null]");
  EXPECT_EQ(CastText(*ms, Date32()), "[1970-01-01, 1969-12-31, null]");
  TimestampBuilder far(Timestamp(TimeUnit::kSecond));
  far.Append(std::numeric_limits<int64_t>::max() / 10);
  EXPECT_EQ(CastText(**far.Finish(), Timestamp(TimeUnit::kNano)).substr(0, 22),
            "error: cannot cast '29");
  Date32Builder d;
  d.Append(1);
  EXPECT_EQ(CastText(**d.Finish(), Timestamp(TimeUnit::kSecond, "UTC")), "[1970-01-02T00:00:00Z]");
  auto raw = Cast(*ms, Int64());
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ((*raw)->ToString(), "[1500, -1500, null]");
  EXPECT_EQ(CastText(**raw, Timestamp(TimeUnit::kMilli)), ms->ToString());
  Time32Builder t(Time32(TimeUnit::kSecond));
  t.Append(61);
  EXPECT_EQ(CastText(**t.Finish(), Time64(TimeUnit::kNano)), "[00:01:01.000000000]");
}

TEST(CastTest, NullIdentityAndUnsupported) {
  auto nulls = MakeArrayOfNulls(Null(), 2);
  EXPECT_EQ(CastText(*nulls, List(Int32())), "[null, null]");
  auto ints = Int64s({1});
  auto same = Cast(*ints, Int64());
  ASSERT_TRUE(same.ok());
  EXPECT_EQ((*same)->data(), ints->data());
  auto list = MakeArrayOfNulls(List(Int64()), 1);
  auto bad = Cast(*list, Int32());
  EXPECT_EQ(bad.status().code(), StatusCode::kUnimplemented);
  EXPECT_EQ(bad.status().message(), "cannot cast list<item: int64> to int32");
  EXPECT_FALSE(CanCast(List(Int64()), Int32()));
  EXPECT_TRUE(CanCast(String(), Timestamp(TimeUnit::kNano)));
  EXPECT_TRUE(CanCast(Decimal128(5, 2), String()));
  EXPECT_FALSE(CanCast(Int32(), Binary()));
}

}  // namespace
}  // namespace s3c::columnar
