#include "formats/parquet/column_decoder.h"

#include <gtest/gtest.h>

#include "formats/parquet/chunk_test_util.h"
#include "formats/parquet/decode_test_util.h"
#include "formats/parquet/page_reader.h"
#include "formats/parquet/schema_test_util.h"
#include "s3c/columnar/validate.h"

namespace s3c::formats::parquet {
namespace {

using namespace testing;  // NOLINT: schema and chunk builders
using PT = PhysicalType;
using CT = ConvertedType;
using LK = LogicalType::Kind;
namespace col = ::s3c::columnar;

// Decodes top-level field 0 of a one-row-group file and renders it (or the error).
std::string Decode(const std::vector<SchemaElement>& elements, const std::vector<Chunk>& chunks,
                   int64_t num_rows, ColumnDecodeOptions options = {}) {
  Result<FieldPieces> pieces = DecodeTestField(elements, chunks, num_rows, options);
  if (!pieces.ok()) return pieces.status().ToString();
  EXPECT_EQ(pieces->size(), 1u);  // under 2 GiB of values: one array
  Status valid = col::ValidateArray(*pieces->front());
  EXPECT_TRUE(valid.ok()) << valid.ToString();
  return pieces->front()->ToString();
}

const std::vector<SchemaElement> kOptInt32{Root(1), Prim("a", kOpt, PT::kInt32)};
const std::vector<SchemaElement> kReqInt64{Root(1), Prim("a", kReq, PT::kInt64)};
const std::vector<SchemaElement> kOptString{Root(1), Prim("s", kOpt, PT::kByteArray, CT::kUtf8)};

std::string OptInt32Chunk(CompressionCodec codec, bool v2, bool crc = false) {
  ChunkWriter w(codec, crc);
  if (v2) {
    w.V2(3, {1, 0, 1}, 1, {}, 0, Encoding::kPlain, PlainFixed<int32_t>({1, 3}));
    w.V2(2, {1, 1}, 1, {}, 0, Encoding::kPlain, PlainFixed<int32_t>({4, 5}));
  } else {
    w.V1(3, {1, 0, 1}, 1, {}, 0, Encoding::kPlain, PlainFixed<int32_t>({1, 3}));
    w.V1(2, {1, 1}, 1, {}, 0, Encoding::kPlain, PlainFixed<int32_t>({4, 5}));
  }
  return w.bytes;
}

class CodecTest : public ::testing::TestWithParam<CompressionCodec> {};

TEST_P(CodecTest, V1AndV2Pages) {
  for (bool v2 : {false, true}) {
    EXPECT_EQ(Decode(kOptInt32, {{OptInt32Chunk(GetParam(), v2), 5, GetParam()}}, 5),
              "[1, null, 3, 4, 5]")
        << "v2=" << v2;
  }
}

INSTANTIATE_TEST_SUITE_P(Codecs, CodecTest,
                         ::testing::Values(CompressionCodec::kUncompressed,
                                           CompressionCodec::kSnappy, CompressionCodec::kGzip,
                                           CompressionCodec::kBrotli, CompressionCodec::kZstd,
                                           CompressionCodec::kLz4Raw, CompressionCodec::kLz4));

TEST(ColumnDecoderTest, Lz4CodecFallsBackToRawLz4) {
  // Some writers put raw LZ4 blocks under the deprecated LZ4 codec.
  ChunkWriter w(CompressionCodec::kLz4Raw);
  w.V1(3, {1, 0, 1}, 1, {}, 0, Encoding::kPlain, PlainFixed<int32_t>({1, 3}));
  EXPECT_EQ(Decode(kOptInt32, {{w.bytes, 3, CompressionCodec::kLz4}}, 3), "[1, null, 3]");
}

TEST(ColumnDecoderTest, HadoopLz4WithSeveralBlocks) {
  std::string a = "hello hello hello ", b = "world world";
  std::string framed;
  for (const std::string& part : {a, b}) {
    std::string block = *CompressBlock(BlockCodec::kLz4Raw, part);
    framed += Be32(static_cast<uint32_t>(part.size())) + Be32(static_cast<uint32_t>(block.size())) +
              block;
  }
  Result<std::string> out = DecompressLz4Hadoop(framed, a.size() + b.size());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, a + b);
}

TEST(ColumnDecoderTest, GzipWithSeveralMembers) {
  std::string body = Le32(2) + std::string("\x04\x01", 2);  // def levels: RLE run of two 1s
  body += PlainFixed<int32_t>({6, 7});
  std::string half1 = *CompressBlock(BlockCodec::kGzip, std::string_view(body).substr(0, 5));
  std::string half2 = *CompressBlock(BlockCodec::kGzip, std::string_view(body).substr(5));
  ChunkWriter w(CompressionCodec::kUncompressed);
  PageHeader h;
  h.type = PageType::kDataPage;
  h.uncompressed_page_size = static_cast<int32_t>(body.size());
  h.data_page_header = DataPageHeader{};
  h.data_page_header->num_values = 2;
  w.Add(h, half1 + half2);
  EXPECT_EQ(Decode(kOptInt32, {{w.bytes, 2, CompressionCodec::kGzip}}, 2), "[6, 7]");
}

TEST(ColumnDecoderTest, LzoIsUnimplemented) {
  ChunkWriter w(CompressionCodec::kUncompressed);
  w.V1(1, {1}, 1, {}, 0, Encoding::kPlain, PlainFixed<int32_t>({1}));
  EXPECT_EQ(Decode(kOptInt32, {{w.bytes, 1, CompressionCodec::kLzo}}, 1),
            "Unimplemented: t.parquet: column a, row group 0, page at byte 4: LZO-compressed "
            "pages are not supported");
}

TEST(ColumnDecoderTest, CrcCheckedWhenPresent) {
  std::string good = OptInt32Chunk(CompressionCodec::kSnappy, false, /*crc=*/true);
  EXPECT_EQ(Decode(kOptInt32, {{good, 5, CompressionCodec::kSnappy}}, 5), "[1, null, 3, 4, 5]");
  std::string v2 = OptInt32Chunk(CompressionCodec::kZstd, true, /*crc=*/true);
  EXPECT_EQ(Decode(kOptInt32, {{v2, 5, CompressionCodec::kZstd}}, 5), "[1, null, 3, 4, 5]");

  ChunkWriter w(CompressionCodec::kUncompressed, /*crc=*/true);
  w.V1(2, {1, 1}, 1, {}, 0, Encoding::kPlain, PlainFixed<int32_t>({4, 5}));
  std::string bad = w.bytes;
  bad.back() ^= 0x01;  // high byte of the last value: 5 -> 5 + 2^24
  std::string message = Decode(kOptInt32, {{bad, 2}}, 2);
  EXPECT_EQ(message.rfind("DataLoss: t.parquet: column a, row group 0, page at byte 4: page CRC "
                          "mismatch (stored ",
                          0),
            0u)
      << message;
  ColumnDecodeOptions no_check;
  no_check.verify_page_crc = false;
  EXPECT_EQ(Decode(kOptInt32, {{bad, 2}}, 2, no_check), "[4, 16777221]");
}

TEST(ColumnDecoderTest, DictionaryThenFallbackToPlain) {
  ChunkWriter w(CompressionCodec::kSnappy);
  w.Dictionary(PlainFixed<int32_t>({10, 20, 30}), 3);
  std::vector<uint32_t> idx{2, 0, 1, 1};
  w.V1(5, {1, 1, 0, 1, 1}, 1, {}, 0, Encoding::kRleDictionary,
       EncodeDictionaryIndices(idx.data(), idx.size(), 3));
  w.V2(3, {1, 0, 1}, 1, {}, 0, Encoding::kPlainDictionary,
       EncodeDictionaryIndices(idx.data(), 2, 3));
  w.V1(2, {1, 1}, 1, {}, 0, Encoding::kPlain, PlainFixed<int32_t>({7, 8}));
  EXPECT_EQ(Decode(kOptInt32, {{w.bytes, 10, CompressionCodec::kSnappy}}, 10),
            "[30, 10, null, 20, 20, 30, null, 10, 7, 8]");
}

TEST(ColumnDecoderTest, StringDictionaryThenFallback) {
  ChunkWriter w(CompressionCodec::kGzip);
  w.Dictionary(PlainStrings({"apple", "", "kiwi"}), 3);
  std::vector<uint32_t> idx{0, 2, 1, 0};
  w.V1(5, {1, 1, 1, 0, 1}, 1, {}, 0, Encoding::kRleDictionary,
       EncodeDictionaryIndices(idx.data(), idx.size(), 3));
  w.V1(2, {0, 1}, 1, {}, 0, Encoding::kPlain, PlainStrings({"plain"}));
  EXPECT_EQ(Decode(kOptString, {{w.bytes, 7, CompressionCodec::kGzip}}, 7),
            "[\"apple\", \"kiwi\", \"\", null, \"apple\", null, \"plain\"]");
}

TEST(ColumnDecoderTest, RequiredColumnHasNoLevels) {
  ChunkWriter w(CompressionCodec::kUncompressed);
  w.V1(3, {}, 0, {}, 0, Encoding::kPlain, PlainFixed<int64_t>({-1, 0, 1LL << 40}));
  w.V2(1, {}, 0, {}, 0, Encoding::kPlain, PlainFixed<int64_t>({9}));
  EXPECT_EQ(Decode(kReqInt64, {{w.bytes, 4}}, 4), "[-1, 0, 1099511627776, 9]");
}

TEST(ColumnDecoderTest, DeltaBinaryPacked) {
  std::vector<int32_t> v32{5, -3, 1 << 30, -(1 << 30), 7};
  ChunkWriter w(CompressionCodec::kUncompressed);
  w.V1(6, {1, 1, 0, 1, 1, 1}, 1, {}, 0, Encoding::kDeltaBinaryPacked,
       EncodeDeltaBinaryPacked32(v32.data(), v32.size()));
  EXPECT_EQ(Decode(kOptInt32, {{w.bytes, 6}}, 6), "[5, -3, null, 1073741824, -1073741824, 7]");
  std::vector<int64_t> v64{INT64_MIN, INT64_MAX, 0};
  ChunkWriter w64(CompressionCodec::kZstd);
  w64.V2(3, {}, 0, {}, 0, Encoding::kDeltaBinaryPacked,
         EncodeDeltaBinaryPacked64(v64.data(), v64.size()));
  EXPECT_EQ(Decode(kReqInt64, {{w64.bytes, 3, CompressionCodec::kZstd}}, 3),
            "[-9223372036854775808, 9223372036854775807, 0]");
}

TEST(ColumnDecoderTest, DeltaByteArrays) {
  ByteArrayValues v;
  for (const char* s : {"prefix_a", "prefix_b", "other"}) v.Append(s);
  ChunkWriter w(CompressionCodec::kUncompressed);
  w.V1(4, {1, 0, 1, 1}, 1, {}, 0, Encoding::kDeltaLengthByteArray, EncodeDeltaLengthByteArray(v));
  w.V2(3, {1, 1, 1}, 1, {}, 0, Encoding::kDeltaByteArray, EncodeDeltaByteArray(v));
  EXPECT_EQ(Decode(kOptString, {{w.bytes, 7}}, 7),
            "[\"prefix_a\", null, \"prefix_b\", \"other\", \"prefix_a\", \"prefix_b\", "
            "\"other\"]");
}

TEST(ColumnDecoderTest, ByteStreamSplit) {
  std::vector<float> f{1.5f, -2.25f, 3.0f};
  ChunkWriter w(CompressionCodec::kUncompressed);
  w.V1(3, {1, 1, 1}, 1, {}, 0, Encoding::kByteStreamSplit,
       EncodeByteStreamSplit(f.data(), f.size(), 4));
  EXPECT_EQ(Decode({Root(1), Prim("f", kOpt, PT::kFloat)}, {{w.bytes, 3}}, 3), "[1.5, -2.25, 3]");
  std::vector<double> d{0.5, 1e100};
  ChunkWriter wd(CompressionCodec::kSnappy);
  wd.V2(3, {1, 0, 1}, 1, {}, 0, Encoding::kByteStreamSplit,
        EncodeByteStreamSplit(d.data(), d.size(), 8));
  EXPECT_EQ(Decode({Root(1), Prim("d", kOpt, PT::kDouble)},
                   {{wd.bytes, 3, CompressionCodec::kSnappy}}, 3),
            "[0.5, null, 1e+100]");
}

TEST(ColumnDecoderTest, Booleans) {
  std::vector<uint8_t> b{1, 0, 1, 1, 0};
  std::vector<SchemaElement> schema{Root(1), Prim("b", kOpt, PT::kBoolean)};
  ChunkWriter w(CompressionCodec::kUncompressed);
  w.V1(6, {1, 1, 0, 1, 1, 1}, 1, {}, 0, Encoding::kPlain, EncodePlainBoolean(b.data(), b.size()));
  RleBitPackedEncoder rle(1);
  for (uint8_t v : b) rle.Put(v);
  std::string stream = rle.Finish();
  w.V2(5, {1, 1, 1, 1, 1}, 1, {}, 0, Encoding::kRle,
       Le32(static_cast<uint32_t>(stream.size())) + stream);
  w.V1(5, {1, 1, 1, 1, 1}, 1, {}, 0, Encoding::kRle,
       Le32(static_cast<uint32_t>(stream.size())) + stream);
  EXPECT_EQ(Decode(schema, {{w.bytes, 16}}, 16),
            "[true, false, null, true, true, false, true, false, true, true, false, true, "
            "false, true, true, false]");
}

SchemaElement Leaf(PT type, LogicalType lt, int type_length = 0) {
  SchemaElement e = WithLogical(Prim("v", kOpt, type), lt);
  if (type_length > 0) e.type_length = type_length;
  return e;
}

TEST(ColumnDecoderTest, Int96Timestamps) {
  // 2000-01-01T00:00:01.5 = Julian day 2451545, 1.5e9 ns into the day.
  std::string v(12, '\0');
  uint64_t nanos = 1'500'000'000;
  uint32_t day = 2451545;
  std::memcpy(v.data(), &nanos, 8);
  std::memcpy(v.data() + 8, &day, 4);
  ChunkWriter w(CompressionCodec::kUncompressed);
  w.V1(2, {0, 1}, 1, {}, 0, Encoding::kPlain, v);
  EXPECT_EQ(Decode({Root(1), Prim("t", kOpt, PT::kInt96)}, {{w.bytes, 2}}, 2),
            "[null, 2000-01-01T00:00:01.500000]");
}

TEST(ColumnDecoderTest, Float16AndUuid) {
  // 1.0, -2.0, 65504 (max), 2^-24 (smallest subnormal), +inf
  std::vector<uint16_t> halves{0x3c00, 0xc000, 0x7bff, 0x0001, 0x7c00};
  LogicalType f16;
  f16.kind = LK::kFloat16;
  ChunkWriter w(CompressionCodec::kUncompressed);
  w.V1(5, {1, 1, 1, 1, 1}, 1, {}, 0, Encoding::kPlain, PlainFixed<uint16_t>(halves));
  EXPECT_EQ(Decode({Root(1), Leaf(PT::kFixedLenByteArray, f16, 2)}, {{w.bytes, 5}}, 5),
            "[1, -2, 65504, 5.9604645e-08, inf]");

  LogicalType uuid;
  uuid.kind = LK::kUuid;
  std::string bytes;
  for (int i = 0; i < 16; ++i) bytes.push_back(static_cast<char>(0x10 * (i % 16) + i));
  ChunkWriter wu(CompressionCodec::kUncompressed);
  wu.Dictionary(bytes, 1);
  std::vector<uint32_t> idx{0};
  wu.V1(2, {1, 0}, 1, {}, 0, Encoding::kRleDictionary, EncodeDictionaryIndices(idx.data(), 1, 1));
  EXPECT_EQ(Decode({Root(1), Leaf(PT::kFixedLenByteArray, uuid, 16)}, {{wu.bytes, 2}}, 2),
            "[\"00112233-4455-6677-8899-aabbccddeeff\", null]");
}

TEST(ColumnDecoderTest, Decimals) {
  LogicalType dec;
  dec.kind = LK::kDecimal;
  dec.decimal_precision = 9;
  dec.decimal_scale = 2;
  ChunkWriter w32(CompressionCodec::kUncompressed);
  w32.V1(2, {1, 1}, 1, {}, 0, Encoding::kPlain, PlainFixed<int32_t>({12345, -5}));
  EXPECT_EQ(Decode({Root(1), Leaf(PT::kInt32, dec)}, {{w32.bytes, 2}}, 2), "[123.45, -0.05]");

  dec.decimal_precision = 18;
  ChunkWriter w64(CompressionCodec::kUncompressed);
  w64.V1(1, {1}, 1, {}, 0, Encoding::kPlain, PlainFixed<int64_t>({-123456789012345}));
  EXPECT_EQ(Decode({Root(1), Leaf(PT::kInt64, dec)}, {{w64.bytes, 1}}, 1), "[-1234567890123.45]");

  dec.decimal_precision = 30;
  dec.decimal_scale = 0;
  ChunkWriter wf(CompressionCodec::kUncompressed);  // FIXED_LEN_BYTE_ARRAY(3), big-endian
  wf.V1(3, {1, 1, 1}, 1, {}, 0, Encoding::kPlain,
        std::string("\x01\x00\x00\xff\xff\xfe\x00\x00\x7f", 9));
  EXPECT_EQ(Decode({Root(1), Leaf(PT::kFixedLenByteArray, dec, 3)}, {{wf.bytes, 3}}, 3),
            "[65536, -2, 127]");

  ChunkWriter wb(CompressionCodec::kUncompressed);  // BYTE_ARRAY, minimal lengths
  wb.V1(3, {1, 1, 0}, 1, {}, 0, Encoding::kPlain,
        PlainStrings({std::string("\x80", 1), std::string("\x00\xff", 2)}));
  EXPECT_EQ(Decode({Root(1), Leaf(PT::kByteArray, dec)}, {{wb.bytes, 3}}, 3), "[-128, 255, null]");
}

TEST(ColumnDecoderTest, NarrowAndUnsignedIntegers) {
  ChunkWriter w(CompressionCodec::kUncompressed);
  w.V1(2, {1, 1}, 1, {}, 0, Encoding::kPlain, PlainFixed<int32_t>({-128, 127}));
  EXPECT_EQ(Decode({Root(1), Prim("i", kOpt, PT::kInt32, CT::kInt8)}, {{w.bytes, 2}}, 2),
            "[-128, 127]");
  ChunkWriter wu(CompressionCodec::kUncompressed);
  wu.V1(2, {1, 1}, 1, {}, 0, Encoding::kPlain, PlainFixed<int32_t>({65535, -1}));
  EXPECT_EQ(Decode({Root(1), Prim("i", kOpt, PT::kInt32, CT::kUint16)}, {{wu.bytes, 2}}, 2),
            "[65535, 65535]");
  EXPECT_EQ(Decode({Root(1), Prim("i", kOpt, PT::kInt32, CT::kUint32)}, {{wu.bytes, 2}}, 2),
            "[65535, 4294967295]");
}

TEST(ColumnDecoderTest, NestedListAndMap) {
  std::vector<SchemaElement> list{Root(1), Group("l", kOpt, 1, CT::kList), Group("list", kRep, 1),
                                  Prim("element", kOpt, PT::kInt32)};
  ChunkWriter w(CompressionCodec::kSnappy);
  w.V1(5, {3, 2, 0, 1, 3}, 3, {0, 1, 0, 0, 0}, 1, Encoding::kPlain, PlainFixed<int32_t>({1, 3}));
  w.V2(2, {3, 3}, 3, {0, 1}, 1, Encoding::kPlain, PlainFixed<int32_t>({8, 9}));
  EXPECT_EQ(Decode(list, {{w.bytes, 7, CompressionCodec::kSnappy}}, 5),
            "[[1, null], null, [], [3], [8, 9]]");

  std::vector<SchemaElement> map{
      Root(1), Group("m", kOpt, 1, CT::kMap), Group("key_value", kRep, 2),
      Prim("key", kReq, PT::kByteArray, CT::kUtf8), Prim("value", kOpt, PT::kInt32)};
  ChunkWriter keys(CompressionCodec::kUncompressed);
  keys.V1(4, {2, 2, 0, 1}, 2, {0, 1, 0, 0}, 1, Encoding::kPlain, PlainStrings({"a", "b"}));
  ChunkWriter values(CompressionCodec::kUncompressed);
  values.V1(4, {3, 2, 0, 1}, 3, {0, 1, 0, 0}, 1, Encoding::kPlain, PlainFixed<int32_t>({1}));
  EXPECT_EQ(Decode(map, {{keys.bytes, 4}, {values.bytes, 4}}, 3),
            "[{\"a\": 1, \"b\": null}, null, {}]");
}

TEST(ColumnDecoderTest, SkipsIndexAndUnknownPages) {
  ChunkWriter w(CompressionCodec::kUncompressed);
  PageHeader index;
  index.type = PageType::kIndexPage;
  index.uncompressed_page_size = 3;
  w.Add(index, "xyz");
  w.V1(2, {1, 1}, 1, {}, 0, Encoding::kPlain, PlainFixed<int32_t>({1, 2}));
  EXPECT_EQ(Decode(kOptInt32, {{w.bytes, 2}}, 2), "[1, 2]");
}

TEST(ColumnDecoderTest, EmptyV2ValuesAreNotDecompressed) {
  ChunkWriter w(CompressionCodec::kSnappy);
  w.V2(2, {0, 0}, 1, {}, 0, Encoding::kPlain, "", /*compressed=*/true);
  // The writer compressed "" into a 1-byte snappy stream; rebuild with zero stored bytes.
  ChunkWriter empty(CompressionCodec::kUncompressed);
  std::string d;
  std::vector<int16_t> def{0, 0};
  d = EncodeLevels(def.data(), def.size(), 1);
  PageHeader h;
  h.type = PageType::kDataPageV2;
  h.uncompressed_page_size = static_cast<int32_t>(d.size());
  DataPageHeaderV2 v2;
  v2.num_values = 2;
  v2.num_nulls = 2;
  v2.num_rows = 2;
  v2.definition_levels_byte_length = static_cast<int32_t>(d.size());
  h.data_page_header_v2 = v2;
  empty.Add(h, d);
  EXPECT_EQ(Decode(kOptInt32, {{w.bytes, 2, CompressionCodec::kSnappy}}, 2), "[null, null]");
  EXPECT_EQ(Decode(kOptInt32, {{empty.bytes, 2, CompressionCodec::kSnappy}}, 2), "[null, null]");
}

TEST(ColumnDecoderTest, CorruptChunks) {
  std::string chunk = OptInt32Chunk(CompressionCodec::kUncompressed, false);
  // Fewer values in the pages than the chunk metadata says.
  EXPECT_EQ(Decode(kOptInt32, {{chunk, 6}}, 6),
            "DataLoss: t.parquet: column a, row group 0: column chunk ends after 5 of its 6 "
            "values");
  // A page that overruns the chunk's value count.
  EXPECT_EQ(Decode({Root(1), Prim("a", kRep, PT::kInt32)}, {{chunk, 2}}, 2),
            "DataLoss: t.parquet: column a, row group 0, page at byte 4: page of 3 values "
            "overruns the chunk's 2 (after 0)");
  // num_values of a flat column must be the row count.
  EXPECT_EQ(Decode(kOptInt32, {{chunk, 5}}, 4),
            "DataLoss: t.parquet: column a, row group 0: column chunk num_values 5 does not "
            "match the row group's 4 rows");
  // Truncated: the second page's body is cut short.
  ChunkWriter w(CompressionCodec::kUncompressed);
  w.V1(3, {1, 0, 1}, 1, {}, 0, Encoding::kPlain, PlainFixed<int32_t>({1, 3}));
  int64_t second = static_cast<int64_t>(w.bytes.size());
  w.V1(2, {1, 1}, 1, {}, 0, Encoding::kPlain, PlainFixed<int32_t>({4, 5}));
  std::string cut = w.bytes.substr(0, w.bytes.size() - 3);
  std::string message = Decode(kOptInt32, {{cut, 5}}, 5);
  EXPECT_EQ(message.rfind("DataLoss: t.parquet: column a, row group 0, page at byte " +
                              std::to_string(kChunkOffset + second) + ": page sizes out of range",
                          0),
            0u)
      << message;
  // PLAIN values shorter than the levels say.
  ChunkWriter shortv(CompressionCodec::kUncompressed);
  shortv.V1(2, {1, 1}, 1, {}, 0, Encoding::kPlain, PlainFixed<int32_t>({1}));
  EXPECT_EQ(Decode(kOptInt32, {{shortv.bytes, 2}}, 2),
            "DataLoss: t.parquet: column a, row group 0, page at byte 4: PLAIN data of 4 bytes "
            "for 2 values of 4 bytes");
  // A dictionary index past the dictionary.
  ChunkWriter dict(CompressionCodec::kUncompressed);
  dict.Dictionary(PlainFixed<int32_t>({1, 2}), 2);
  std::vector<uint32_t> idx{0, 3};
  dict.V1(2, {1, 1}, 1, {}, 0, Encoding::kRleDictionary, EncodeDictionaryIndices(idx.data(), 2, 4));
  message = Decode(kOptInt32, {{dict.bytes, 2}}, 2);
  EXPECT_EQ(message.rfind("DataLoss: t.parquet: column a, row group 0, page at byte ", 0), 0u)
      << message;
  // Dictionary-encoded data without a dictionary page.
  ChunkWriter nodict(CompressionCodec::kUncompressed);
  nodict.V1(2, {1, 1}, 1, {}, 0, Encoding::kRleDictionary,
            EncodeDictionaryIndices(idx.data(), 1, 1));
  EXPECT_EQ(Decode(kOptInt32, {{nodict.bytes, 2}}, 2),
            "DataLoss: t.parquet: column a, row group 0, page at byte 4: dictionary-encoded "
            "page without a dictionary");
  // Garbage instead of a page header.
  message = Decode(kOptInt32, {{std::string("\xff\xff\xff\xff", 4), 1}}, 1);
  EXPECT_EQ(message.rfind("DataLoss: t.parquet: column a, row group 0, page at byte 4: page "
                          "header: ",
                          0),
            0u)
      << message;
  // A corrupt snappy body.
  ChunkWriter snappy(CompressionCodec::kSnappy);
  PageHeader h;
  h.type = PageType::kDataPage;
  h.uncompressed_page_size = 14;
  h.data_page_header = DataPageHeader{};
  h.data_page_header->num_values = 2;
  snappy.Add(h, std::string("\x0e\x34garbage!", 10));
  message = Decode(kOptInt32, {{snappy.bytes, 2, CompressionCodec::kSnappy}}, 2);
  EXPECT_EQ(message.rfind("DataLoss: t.parquet: column a, row group 0, page at byte 4: ", 0), 0u)
      << message;
  // An encoding the physical type cannot have.
  ChunkWriter bad_enc(CompressionCodec::kUncompressed);
  bad_enc.V1(1, {1}, 1, {}, 0, Encoding::kDeltaLengthByteArray, PlainFixed<int32_t>({1}));
  EXPECT_EQ(Decode(kOptInt32, {{bad_enc.bytes, 1}}, 1),
            "DataLoss: t.parquet: column a, row group 0, page at byte 4: encoding "
            "DELTA_LENGTH_BYTE_ARRAY (6) is not valid for this column's type");
}

TEST(ColumnDecoderLimitsTest, PageOverTheSizeLimit) {
  ChunkWriter w(CompressionCodec::kUncompressed);
  w.V1(2, {1, 1}, 1, {}, 0, Encoding::kPlain, PlainFixed<int32_t>({1, 2}));
  ColumnDecodeOptions options;
  options.max_page_bytes = 10;
  EXPECT_EQ(Decode(kOptInt32, {{w.bytes, 2}}, 2, options),
            "DataLoss: t.parquet: column a, row group 0, page at byte 4: page of 14 bytes "
            "uncompressed is over the 10-byte limit");
}

}  // namespace
}  // namespace s3c::formats::parquet
