// Randomized Take: random arrays of every type (nested ones included) with nulls, random
// slices, and three kinds of selection (filter-like ascending runs, random with repeats, every
// row). Each result must pass full validation and equal, element by element, the input at the
// selected index - by compare.h's ValuesEqual and by pretty_print's text.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "s3c/columnar/columnar.h"
#include "s3c/columnar/take.h"
#include "s3c/columnar/type_traits.h"
#include "take_internal.h"

namespace s3c::columnar {
namespace {

class RandomArrays {
 public:
  explicit RandomArrays(uint64_t seed) : rng_(seed) {}

  std::shared_ptr<Array> Make(const DataType& type, int64_t length) {
    auto builder = MakeBuilder(type);
    for (int64_t i = 0; i < length; ++i) Append(builder.get(), type, true);
    auto result = builder->Finish();
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    return *result;
  }

  int64_t Below(int64_t n) { return n <= 0 ? 0 : static_cast<int64_t>(rng_() % n); }

 private:
  void Append(ArrayBuilder* builder, const DataType& type, bool nullable) {
    if (type.id() == TypeId::kNull || (nullable && Below(5) == 0)) {
      builder->AppendNull();
      return;
    }
    switch (type.id()) {
      case TypeId::kBool:
        static_cast<BooleanBuilder*>(builder)->Append(Below(2) == 1);
        return;
      case TypeId::kDecimal128:
        static_cast<Decimal128Builder*>(builder)->Append(Int128{Below(2000000) - 1000000});
        return;
      case TypeId::kString:
        static_cast<StringBuilder*>(builder)->Append(Text());
        return;
      case TypeId::kLargeString:
        static_cast<LargeStringBuilder*>(builder)->Append(Text());
        return;
      case TypeId::kBinary:
        static_cast<BinaryBuilder*>(builder)->Append(Text() + '\xff');
        return;
      case TypeId::kList: {
        auto* lists = static_cast<ListBuilder*>(builder);
        lists->Append();
        for (int64_t n = Below(4); n > 0; --n) {
          Append(lists->value_builder(), type.value_type(), true);
        }
        return;
      }
      case TypeId::kMap: {
        auto* maps = static_cast<MapBuilder*>(builder);
        maps->Append();
        for (int64_t n = Below(4); n > 0; --n) {
          Append(maps->key_builder(), type.key_type(), false);
          Append(maps->item_builder(), type.item_type(), true);
        }
        return;
      }
      case TypeId::kStruct: {
        auto* rows = static_cast<StructBuilder*>(builder);
        rows->Append();
        for (int f = 0; f < type.num_fields(); ++f) {
          Append(rows->field_builder(f), type.field(f).type(), true);
        }
        return;
      }
      default:
        break;
    }
    // Fixed-width numbers and temporal values: small enough for every type and unit.
    const int64_t value = Below(80000);
    VisitPrimitive(type.id(), [&](auto tag) {
      using T = decltype(tag);
      using c_type = typename T::c_type;
      static_cast<NumericBuilder<T>*>(builder)->Append(static_cast<c_type>(value) /
                                                       static_cast<c_type>(1 + value % 2));
    });
  }

  std::string Text() {
    std::string text(static_cast<size_t>(Below(6)), 'a');
    for (char& c : text) c = static_cast<char>('a' + Below(26));
    return text;
  }

  std::mt19937_64 rng_;
};

std::vector<DataType> AllTypes() {
  DataType point = Struct({Field("n", Int16()), Field("s", String())});
  return {Null(),
          Bool(),
          Int8(),
          Int16(),
          Int32(),
          Int64(),
          UInt8(),
          UInt16(),
          UInt32(),
          UInt64(),
          Float32(),
          Float64(),
          Decimal128(12, 3),
          String(),
          LargeString(),
          Binary(),
          Date32(),
          Time32(TimeUnit::kMilli),
          Time64(TimeUnit::kNano),
          Timestamp(TimeUnit::kMicro, "UTC"),
          List(Int64()),
          List(point),
          List(List(Bool())),
          point,
          Struct({Field("l", List(String())), Field("m", Map(Int32(), Float64())),
                  Field("z", Null())}),
          Map(String(), Int64()),
          Map(Int64(), point)};
}

// Ascending runs of 1 .. max_run rows with gaps, as a filter's selection vector looks. Short
// runs are taken row by row, long ones run by run (take_internal.h, Selection).
std::vector<int64_t> FilterLike(RandomArrays& random, int64_t length, int64_t max_run) {
  std::vector<int64_t> indices;
  int64_t i = 0;
  while (i < length) {
    const int64_t run = 1 + random.Below(max_run);
    for (int64_t k = 0; k < run && i < length; ++k) indices.push_back(i++);
    i += 1 + random.Below(5);
  }
  return indices;
}

std::vector<int64_t> AnyOrderWithRepeats(RandomArrays& random, int64_t length) {
  std::vector<int64_t> indices;
  if (length == 0) return indices;
  for (int64_t n = random.Below(2 * length); n > 0; --n) indices.push_back(random.Below(length));
  return indices;
}

void ExpectTaken(const Array& input, const std::vector<int64_t>& indices, const char* kind) {
  SCOPED_TRACE(::testing::Message() << input.type().ToString() << " length " << input.length()
                                    << " offset " << input.offset() << ", " << kind << " of "
                                    << indices.size());
  auto taken = Take(input, indices);
  ASSERT_TRUE(taken.ok()) << taken.status().ToString();
  const Array& out = **taken;
  Status valid = ValidateArray(out);
  ASSERT_TRUE(valid.ok()) << valid.ToString();
  ASSERT_TRUE(out.type().Equals(input.type()));
  ASSERT_EQ(out.length(), static_cast<int64_t>(indices.size()));
  std::string expected = "[";
  for (size_t i = 0; i < indices.size(); ++i) {
    ASSERT_TRUE(ValuesEqual(out, static_cast<int64_t>(i), input, indices[i]))
        << "element " << i << ": " << FormatElement(out, static_cast<int64_t>(i)) << " vs "
        << FormatElement(input, indices[i]);
    expected += (i == 0 ? "" : ", ") + FormatElement(input, indices[i]);
  }
  expected += "]";
  EXPECT_EQ(out.ToString(), expected);
}

TEST(TakeRandomTest, EveryTypeAgainstElementwiseExpectation) {
  RandomArrays random(20261207);
  for (const DataType& type : AllTypes()) {
    for (int round = 0; round < 12; ++round) {
      auto whole = random.Make(type, random.Below(300));
      const int64_t offset = random.Below(whole->length() / 3 + 1);
      auto input = whole->Slice(offset, random.Below(whole->length() - offset + 1));
      ASSERT_TRUE(ValidateArray(*input).ok());
      ExpectTaken(*input, FilterLike(random, input->length(), 3), "short runs");
      ExpectTaken(*input, FilterLike(random, input->length(), 60), "long runs");
      ExpectTaken(*input, AnyOrderWithRepeats(random, input->length()), "any order");
      std::vector<int64_t> every(static_cast<size_t>(input->length()));
      for (size_t i = 0; i < every.size(); ++i) every[i] = static_cast<int64_t>(i);
      ExpectTaken(*input, every, "every row");
    }
  }
}

TEST(TakeRandomTest, BatchOfEveryTypeMatchesColumnTakes) {
  RandomArrays random(7);
  std::vector<Field> fields;
  std::vector<std::shared_ptr<Array>> columns;
  const int64_t rows = 257;
  for (const DataType& type : AllTypes()) {
    fields.emplace_back("c" + std::to_string(fields.size()), type);
    columns.push_back(random.Make(type, rows + 5)->Slice(5));
  }
  auto batch = *RecordBatch::Make(std::make_shared<Schema>(fields), columns, rows);
  const std::vector<int64_t> indices = FilterLike(random, rows, 3);
  auto taken = Take(*batch, indices);
  ASSERT_TRUE(taken.ok()) << taken.status().ToString();
  ASSERT_TRUE(ValidateRecordBatch(**taken).ok());
  ASSERT_EQ((*taken)->num_rows(), static_cast<int64_t>(indices.size()));
  for (int c = 0; c < batch->num_columns(); ++c) {
    auto column = Take(*batch->column(c), indices);
    ASSERT_TRUE(column.ok());
    EXPECT_TRUE(ArrayEquals(*(*taken)->column(c), **column)) << fields[c].ToString();
  }
}

TEST(TakeRandomTest, SelectionFormFollowsTheMeanRunLength) {
  RandomArrays random(3);
  auto short_runs = FilterLike(random, 1000, 3);
  auto long_runs = FilterLike(random, 1000, 60);
  auto by_row = take_internal::SelectIndices(short_runs, 1000);
  auto by_run = take_internal::SelectIndices(long_runs, 1000);
  ASSERT_TRUE(by_row.ok() && by_run.ok());
  EXPECT_TRUE(by_row->by_index);
  EXPECT_FALSE(by_run->by_index);
  int64_t rows = 0;
  for (const auto& run : by_run->runs) rows += run.length;
  EXPECT_EQ(rows, static_cast<int64_t>(long_runs.size()));
  // Lists of one or two elements hand their child short runs, which become indices.
  auto child = take_internal::SelectRuns({{0, 2}, {5, 1}, {9, 2}}, 5);
  EXPECT_TRUE(child.by_index);
  EXPECT_EQ(std::vector<int64_t>(child.indices().begin(), child.indices().end()),
            (std::vector<int64_t>{0, 1, 5, 9, 10}));
}

}  // namespace
}  // namespace s3c::columnar
