// Fields cut into row ranges (row_ranges.h), with the array size lowered to a few bytes
// (ColumnDecodeOptions::max_binary_array_bytes) so that small chunks exercise what a column
// chunk of more than 2 GiB of strings does (large_string_map.brotli.parquet in the corpus test).
#include "formats/parquet/row_ranges.h"

#include <gtest/gtest.h>

#include "formats/parquet/chunk_test_util.h"
#include "formats/parquet/column_decoder.h"
#include "formats/parquet/decode_test_util.h"
#include "formats/parquet/schema_test_util.h"
#include "s3c/columnar/builder_primitive.h"
#include "s3c/columnar/schema.h"
#include "s3c/columnar/validate.h"

namespace s3c::formats::parquet {
namespace {

using namespace testing;  // NOLINT: schema and chunk builders
using PT = PhysicalType;
using CT = ConvertedType;
namespace col = ::s3c::columnar;

// Decodes top-level field 0 of one row group with arrays of at most max_bytes of binary values;
// renders each piece, or the error.
std::vector<std::string> Pieces(const std::vector<SchemaElement>& elements,
                                const std::vector<Chunk>& chunks, int64_t num_rows,
                                int64_t max_bytes) {
  ColumnDecodeOptions options;
  options.max_binary_array_bytes = max_bytes;
  Result<FieldPieces> pieces = DecodeTestField(elements, chunks, num_rows, options);
  if (!pieces.ok()) return {pieces.status().ToString()};
  std::vector<std::string> out;
  for (const auto& piece : *pieces) {
    Status valid = col::ValidateArray(*piece);
    EXPECT_TRUE(valid.ok()) << valid.ToString();
    out.push_back(piece->ToString());
  }
  return out;
}

using Texts = std::vector<std::string>;

const std::vector<SchemaElement> kOptString{Root(1), Prim("s", kOpt, PT::kByteArray, CT::kUtf8)};

TEST(RowRangesTest, FlatStringsAreCutWhereASegmentEnds) {
  ChunkWriter w(CompressionCodec::kUncompressed);
  w.V1(6, {1, 1, 0, 1, 1, 1}, 1, {}, 0, Encoding::kPlain,
       PlainStrings({"aaaa", "bbbb", "cccc", "dd", "eeeeee"}));
  // Segments of 8 bytes: aaaa bbbb | cccc dd | eeeeee; the null row stays with the first.
  EXPECT_EQ(Pieces(kOptString, {{w.bytes, 6}}, 6, 8),
            (Texts{"[\"aaaa\", \"bbbb\", null]", "[\"cccc\", \"dd\"]", "[\"eeeeee\"]"}));
  // Under the limit: one piece.
  EXPECT_EQ(Pieces(kOptString, {{w.bytes, 6}}, 6, 64),
            (Texts{"[\"aaaa\", \"bbbb\", null, \"cccc\", \"dd\", \"eeeeee\"]"}));
}

TEST(RowRangesTest, DictionaryValuesFillSegmentsToo) {
  ChunkWriter w(CompressionCodec::kUncompressed);
  w.Dictionary(PlainStrings({"xxxx", "yy"}), 2);
  const std::vector<uint32_t> indices{0, 0, 1, 0};
  w.V1(4, {}, 0, {}, 0, Encoding::kRleDictionary, EncodeDictionaryIndices(indices.data(), 4, 2));
  EXPECT_EQ(Pieces({Root(1), Prim("s", kReq, PT::kByteArray, CT::kUtf8)}, {{w.bytes, 4}}, 4, 8),
            (Texts{"[\"xxxx\", \"xxxx\"]", "[\"yy\", \"xxxx\"]"}));
}

TEST(RowRangesTest, MapKeysCutTheValuesLeafAtTheSameRows) {
  // Like large_string_map.brotli.parquet: map<string, int32>, the keys over the limit. Rows:
  // {a: 1, bbbb: null}, {cccc: 3}, null, {dd: 4}.
  const std::vector<SchemaElement> map{
      Root(1), Group("m", kOpt, 1, CT::kMap), Group("key_value", kRep, 2),
      Prim("key", kReq, PT::kByteArray, CT::kUtf8), Prim("value", kOpt, PT::kInt32)};
  ChunkWriter keys(CompressionCodec::kUncompressed);
  keys.V1(5, {2, 2, 2, 0, 2}, 2, {0, 1, 0, 0, 0}, 1, Encoding::kPlain,
          PlainStrings({"a", "bbbb", "cccc", "dd"}));
  ChunkWriter values(CompressionCodec::kUncompressed);
  values.V1(5, {3, 2, 3, 0, 3}, 3, {0, 1, 0, 0, 0}, 1, Encoding::kPlain,
            PlainFixed<int32_t>({1, 3, 4}));
  EXPECT_EQ(Pieces(map, {{keys.bytes, 5}, {values.bytes, 5}}, 4, 6),
            (Texts{"[{\"a\": 1, \"bbbb\": null}]", "[{\"cccc\": 3}, null, {\"dd\": 4}]"}));
}

TEST(RowRangesTest, ARowStraddlingTwoSegmentsIsCopiedIntoOneArray) {
  const std::vector<SchemaElement> list{Root(1), Group("l", kOpt, 1, CT::kList),
                                        Group("list", kRep, 1),
                                        Prim("element", kReq, PT::kByteArray, CT::kUtf8)};
  // [aaaaa], [bb, cc], [dd]: with 8 bytes, cc opens the second segment in the middle of row 1.
  ChunkWriter w(CompressionCodec::kUncompressed);
  w.V1(4, {2, 2, 2, 2}, 2, {0, 0, 1, 0}, 1, Encoding::kPlain,
       PlainStrings({"aaaaa", "bb", "cc", "dd"}));
  EXPECT_EQ(Pieces(list, {{w.bytes, 4}}, 3, 8),
            (Texts{"[[\"aaaaa\"]]", "[[\"bb\", \"cc\"]]", "[[\"dd\"]]"}));
}

TEST(RowRangesTest, StructMembersOfOtherTypesAreSlicedAtTheirOffsets) {
  // struct<s: string, b: bool, i: int64> rows {aaaa, true, 1}, {bbbb, null, null},
  // {cccc, false, 3}: the bool and int64 values of the second piece start inside their arrays.
  const std::vector<SchemaElement> st{Root(1), Group("st", kReq, 3),
                                      Prim("s", kReq, PT::kByteArray, CT::kUtf8),
                                      Prim("b", kOpt, PT::kBoolean), Prim("i", kOpt, PT::kInt64)};
  ChunkWriter s(CompressionCodec::kUncompressed);
  s.V1(3, {}, 0, {}, 0, Encoding::kPlain, PlainStrings({"aaaa", "bbbb", "cccc"}));
  ChunkWriter b(CompressionCodec::kUncompressed);
  b.V1(3, {1, 0, 1}, 1, {}, 0, Encoding::kPlain, std::string(1, '\x01'));  // true, false
  ChunkWriter i(CompressionCodec::kUncompressed);
  i.V1(3, {1, 0, 1}, 1, {}, 0, Encoding::kPlain, PlainFixed<int64_t>({1, 3}));
  EXPECT_EQ(Pieces(st, {{s.bytes, 3}, {b.bytes, 3}, {i.bytes, 3}}, 3, 8),
            (Texts{"[{s: \"aaaa\", b: true, i: 1}, {s: \"bbbb\", b: null, i: null}]",
                   "[{s: \"cccc\", b: false, i: 3}]"}));
}

TEST(RowRangesTest, AValueOrRowLargerThanAnArrayIsUnimplemented) {
  ChunkWriter flat(CompressionCodec::kUncompressed);
  flat.V1(2, {1, 1}, 1, {}, 0, Encoding::kPlain, PlainStrings({"aaaa", "bbbbbbbbbb"}));
  EXPECT_EQ(Pieces(kOptString, {{flat.bytes, 2}}, 2, 8),
            (Texts{"Unimplemented: t.parquet: column s, row group 0, page at byte 4: a "
                   "binary/string value of 10 bytes, more than one array holds (8)"}));
  const std::vector<SchemaElement> list{Root(1), Group("l", kOpt, 1, CT::kList),
                                        Group("list", kRep, 1),
                                        Prim("element", kReq, PT::kByteArray, CT::kUtf8)};
  ChunkWriter w(CompressionCodec::kUncompressed);
  w.V1(2, {2, 2}, 2, {0, 1}, 1, Encoding::kPlain, PlainStrings({"aaaaa", "bbbbb"}));
  EXPECT_EQ(Pieces(list, {{w.bytes, 2}}, 1, 8),
            (Texts{"Unimplemented: t.parquet: column l, row group 0: row 0 holds 10 bytes of "
                   "binary/string values, more than one array holds (8)"}));
}

TEST(RowRangesTest, BatchesEndWhereAnyColumnsPieceEnds) {
  auto ints = [](std::vector<int64_t> v) {
    col::Int64Builder b;
    for (int64_t x : v) b.Append(x);
    return *b.Finish();
  };
  auto schema = col::MakeSchema({col::Field("a", col::Int64()), col::Field("b", col::Int64())});
  // a in pieces of 2 + 3 rows, b of 4 + 1: batches of rows [0, 2), [2, 4), [4, 5).
  std::vector<FieldPieces> columns{{ints({1, 2}), ints({3, 4, 5})},
                                   {ints({6, 7, 8, 9}), ints({10})}};
  auto batches = BatchesOfPieces(schema, columns, 5);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  std::vector<std::string> texts;
  for (const auto& batch : *batches) {
    texts.push_back(batch->column(0)->ToString() + " " + batch->column(1)->ToString());
  }
  EXPECT_EQ(texts, (Texts{"[1, 2] [6, 7]", "[3, 4] [8, 9]", "[5] [10]"}));
  EXPECT_FALSE(BatchesOfPieces(schema, columns, 6).ok());  // pieces must cover the rows
  auto empty = BatchesOfPieces(schema, {{ints({})}, {ints({})}}, 0);
  ASSERT_TRUE(empty.ok());
  ASSERT_EQ(empty->size(), 1u);
  EXPECT_EQ(empty->front()->num_rows(), 0);
}

}  // namespace
}  // namespace s3c::formats::parquet
