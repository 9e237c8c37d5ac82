#include "s3c/pipeline/batch_transform.h"

#include <gtest/gtest.h>

#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/builder_primitive.h"

namespace s3c::pipeline {
namespace {

using columnar::DataType;

std::shared_ptr<columnar::Schema> InputSchema() {
  return columnar::MakeSchema({columnar::Field("id", columnar::Int64()),
                               columnar::Field("amount", columnar::String()),
                               columnar::Field("name", columnar::String())});
}

// Rows id = first..first+n-1, amount "<id>.5" (or `bad` for the last row), name "n<id>".
std::shared_ptr<columnar::RecordBatch> Batch(int64_t first, int64_t n, std::string bad = "") {
  columnar::Int64Builder id;
  columnar::StringBuilder amount, name;
  for (int64_t i = first; i < first + n; ++i) {
    id.Append(i);
    amount.Append(!bad.empty() && i == first + n - 1 ? bad : std::to_string(i) + ".5");
    name.Append("n" + std::to_string(i));
  }
  auto batch = columnar::RecordBatch::Make(InputSchema(),
                                           {*id.Finish(), *amount.Finish(), *name.Finish()}, n);
  EXPECT_TRUE(batch.ok());
  return *batch;
}

TEST(BatchTransformTest, RenamesThenCastsThenStopsAtTheLimit) {
  TransformSpec spec;
  spec.rename = {{"amount", "amt"}, {"name", "label"}};
  spec.cast = {{"amt", columnar::Float64()}, {"id", columnar::Int32()}};
  spec.limit = 5;
  auto t = BatchTransform::Make(*InputSchema(), spec);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->output_schema()->ToString(),
            columnar::MakeSchema({columnar::Field("id", columnar::Int32()),
                                  columnar::Field("amt", columnar::Float64()),
                                  columnar::Field("label", columnar::String())})
                ->ToString());
  auto first = t->Apply(*Batch(0, 3), "obj");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ((*first)->num_rows(), 3);
  EXPECT_FALSE(t->done());
  auto second = t->Apply(*Batch(3, 3), "obj");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ((*second)->num_rows(), 2);
  EXPECT_TRUE(t->done());
  const auto& amt = static_cast<const columnar::Float64Array&>(*(*second)->column(1));
  EXPECT_DOUBLE_EQ(amt.Value(1), 4.5);
  auto after = t->Apply(*Batch(6, 3), "obj");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ((*after)->num_rows(), 0);
}

TEST(BatchTransformTest, NoLimitPassesEveryRowAndAnEmptySpecChangesNothing) {
  auto t = BatchTransform::Make(*InputSchema(), TransformSpec{});
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->output_schema()->Equals(*InputSchema()));
  auto out = t->Apply(*Batch(0, 4), "obj");
  ASSERT_TRUE(out.ok());
  EXPECT_EQ((*out)->num_rows(), 4);
  EXPECT_FALSE(t->done());
}

void ExpectMakeError(const TransformSpec& spec, const std::string& message) {
  auto t = BatchTransform::Make(*InputSchema(), spec);
  ASSERT_FALSE(t.ok()) << message;
  EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(t.status().message(), message);
}

TEST(BatchTransformTest, MistakesAreNamedBeforeAnyRow) {
  TransformSpec s;
  s.rename = {{"amout", "x"}};
  ExpectMakeError(s, "rename: no column \"amout\" (did you mean \"amount\"?)");
  s.rename = {{"amount", "name"}};
  ExpectMakeError(s,
                  "rename: two columns would be named \"name\" (\"amount\" and \"name\" "
                  "before renaming)");
  s.rename = {{"amount", "a"}, {"amount", "b"}};
  ExpectMakeError(s, "rename: column \"amount\" is renamed twice");
  s.rename = {{"amount", "amt"}};
  s.cast = {{"amount", columnar::Float64()}};  // cast names the column after renaming
  ExpectMakeError(s,
                  "cast: column \"amount\" is renamed to \"amt\"; cast names columns after "
                  "renaming");
  s.cast = {{"nme", columnar::Float64()}};
  ExpectMakeError(s, "cast: no column \"nme\" (did you mean \"name\"?)");
  s.cast = {{"amt", columnar::Float64()}, {"amt", columnar::Int64()}};
  ExpectMakeError(s, "cast: column \"amt\" is cast twice");
  s.cast = {{"id", columnar::List(columnar::Int64())}};
  ExpectMakeError(s, "cast: column \"id\" cannot be cast from int64 to list<item: int64>");
  s.cast = {};
  s.limit = -1;
  ExpectMakeError(s, "limit: -1 is negative");
}

TEST(BatchTransformTest, AValueThatDoesNotCastIsDataLossNamingWhereAndTheColumn) {
  TransformSpec spec;
  spec.cast = {{"amount", columnar::Float64()}};
  auto t = BatchTransform::Make(*InputSchema(), spec);
  ASSERT_TRUE(t.ok());
  auto out = t->Apply(*Batch(0, 3, "twelve"), "s3://b/k.csv");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(out.status().message().find("s3://b/k.csv: cast of column \"amount\" to double"),
            std::string::npos)
      << out.status().message();
  EXPECT_NE(out.status().message().find("twelve"), std::string::npos) << out.status().message();
}

}  // namespace
}  // namespace s3c::pipeline
