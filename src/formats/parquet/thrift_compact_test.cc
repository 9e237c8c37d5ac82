// Thrift compact protocol reader and writer (apache/thrift doc/specs/thrift-compact-protocol.md).
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "formats/parquet/thrift_compact_reader.h"
#include "formats/parquet/thrift_compact_writer.h"

namespace s3c::formats::parquet {
namespace {

std::string Bytes(std::initializer_list<int> bytes) {
  std::string s;
  for (int b : bytes) s.push_back(static_cast<char>(b));
  return s;
}

// The reader keeps a view: the bytes must outlive it (hence no temporaries).
ThriftCompactReader Reader(const std::string& bytes, ThriftLimits limits = {}) {
  return ThriftCompactReader(bytes, "t.parquet", limits);
}
ThriftCompactReader Reader(std::string&& bytes, ThriftLimits limits = {}) = delete;

TEST(ThriftCompactTest, VarintEdgeValues) {
  const uint64_t values[] = {0,     1,          127,        128,        16383,
                             16384, 0xFFFFFFFF, 1ULL << 35, UINT64_MAX, UINT64_MAX - 1};
  for (uint64_t v : values) {
    std::string out;
    ThriftCompactWriter w(&out);
    w.Varint(v);
    auto r = Reader(out);
    uint64_t back = 0;
    ASSERT_TRUE(r.ReadVarint64(&back, "v").ok()) << v;
    EXPECT_EQ(back, v);
    EXPECT_EQ(r.remaining(), 0u);
  }
  std::string out;
  ThriftCompactWriter w(&out);
  w.Varint(50399);  // the spec's example
  EXPECT_EQ(out, Bytes({0xDF, 0x89, 0x03}));
  out.clear();
  w.Varint(UINT64_MAX);
  EXPECT_EQ(out, Bytes({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}));
}

TEST(ThriftCompactTest, VarintErrors) {
  {  // 11 bytes: more than 64 bits
    std::string b(10, '\x80');
    b.push_back(0x01);
    uint64_t v = 0;
    Status s = Reader(b).ReadVarint64(&v, "num_rows");
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(s.message(),
              "t.parquet: invalid Thrift metadata at byte offset 0: varint num_rows overflows 64 "
              "bits");
  }
  {  // ends inside
    uint64_t v = 0;
    const std::string in1 = Bytes({0x05, 0x80, 0x80});
    Status s = Reader(in1).ReadVarint64(&v, "x");
    EXPECT_TRUE(s.ok());
    const std::string r_bytes = Bytes({0x80, 0x80});
    auto r = Reader(r_bytes);
    s = r.ReadVarint64(&v, "x");
    EXPECT_EQ(s.code(), StatusCode::kOutOfRange);
    EXPECT_EQ(s.message(),
              "t.parquet: Thrift metadata truncated at byte offset 0: varint x needs 3 bytes but "
              "2 remain");
  }
  {  // 2^32 does not fit an i32 varint
    uint32_t v = 0;
    const std::string in2 = Bytes({0x80, 0x80, 0x80, 0x80, 0x10});
    Status s = Reader(in2).ReadVarint32(&v, "size");
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(s.message().find("byte offset 0: varint size does not fit 32 bits"),
              std::string::npos);
  }
}

TEST(ThriftCompactTest, ZigzagEdgeValues) {
  struct Case {
    int64_t value;
    std::string bytes;
  };
  const Case cases32[] = {{0, Bytes({0})},
                          {-1, Bytes({1})},
                          {1, Bytes({2})},
                          {-2, Bytes({3})},
                          {2147483647, Bytes({0xFE, 0xFF, 0xFF, 0xFF, 0x0F})},
                          {-2147483648LL, Bytes({0xFF, 0xFF, 0xFF, 0xFF, 0x0F})}};
  for (const Case& c : cases32) {
    std::string out;
    ThriftCompactWriter w(&out);
    w.Zigzag32(static_cast<int32_t>(c.value));
    EXPECT_EQ(out, c.bytes) << c.value;
    int32_t back = 0;
    ASSERT_TRUE(Reader(out).ReadZigzag32(&back, "v").ok());
    EXPECT_EQ(back, c.value);
  }
  for (int64_t v : {int64_t{0}, int64_t{-1}, std::numeric_limits<int64_t>::max(),
                    std::numeric_limits<int64_t>::min(), int64_t{-4611686018427387904}}) {
    std::string out;
    ThriftCompactWriter w(&out);
    w.Zigzag64(v);
    int64_t back = 0;
    ASSERT_TRUE(Reader(out).ReadZigzag64(&back, "v").ok());
    EXPECT_EQ(back, v);
  }
  std::string out;
  ThriftCompactWriter w(&out);
  w.Zigzag64(std::numeric_limits<int64_t>::min());
  EXPECT_EQ(out, Bytes({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}));
}

TEST(ThriftCompactTest, FieldHeadersDeltaAndLongForm) {
  std::string out;
  ThriftCompactWriter w(&out);
  w.BeginStruct();
  w.I32Field(1, 7);       // delta 1
  w.I32Field(16, -3);     // delta 15: still short
  w.I64Field(40, 1);      // delta 24: long form
  w.BoolField(41, true);  // delta 1, value in the type
  w.BoolField(3, false);  // backwards: long form
  w.I16Field(-5, 300);    // negative id: long form
  w.EndStruct();
  EXPECT_EQ(out, Bytes({0x15, 0x0E, 0xF5, 0x05, 0x06, 0x50, 0x02, 0x11, 0x02, 0x06, 0x04, 0x09,
                        0xD8, 0x04, 0x00}));
  auto r = Reader(out);
  int16_t last = 0;
  std::vector<std::pair<int16_t, ThriftType>> seen;
  int32_t i32 = 0;
  int64_t i64 = 0;
  bool b1 = false, b2 = true;
  int16_t i16 = 0;
  Status s = r.ReadStruct("S", [&](const ThriftField& f) -> Status {
    seen.emplace_back(f.id, f.type);
    switch (f.id) {
      case 1:
        return r.ReadI32(f, &i32, "a");
      case 16:
        return r.ReadI32(f, &i32, "b");
      case 40:
        return r.ReadI64(f, &i64, "c");
      case 41:
        return r.ReadBool(f, &b1, "d");
      case 3:
        return r.ReadBool(f, &b2, "e");
      case -5:
        return r.ReadI16(f, &i16, "f");
      default:
        return r.Skip(f.type);
    }
  });
  (void)last;
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(seen.size(), 6u);
  EXPECT_EQ(seen[1].first, 16);
  EXPECT_EQ(seen[2].first, 40);
  EXPECT_EQ(seen[3].first, 41);
  EXPECT_EQ(seen[3].second, ThriftType::kBoolTrue);
  EXPECT_EQ(seen[4].first, 3);
  EXPECT_EQ(seen[4].second, ThriftType::kBoolFalse);
  EXPECT_EQ(seen[5].first, -5);
  EXPECT_EQ(i32, -3);
  EXPECT_EQ(i64, 1);
  EXPECT_TRUE(b1);
  EXPECT_FALSE(b2);
  EXPECT_EQ(i16, 300);
  EXPECT_EQ(r.remaining(), 0u);
}

TEST(ThriftCompactTest, FieldHeaderErrors) {
  {
    const std::string r_bytes = Bytes({0x15, 0x02, 0x1E});
    auto r = Reader(r_bytes);  // type 14 does not exist
    int16_t last = 0;
    ThriftField f;
    ASSERT_TRUE(r.ReadFieldHeader(&last, &f).ok());
    ASSERT_TRUE(r.Skip(f.type).ok());
    Status s = r.ReadFieldHeader(&last, &f);
    EXPECT_EQ(s.message(),
              "t.parquet: invalid Thrift metadata at byte offset 2: expected a field header, got "
              "field type 14");
  }
  {
    const std::string r_bytes = Bytes({0x05, 0x80, 0x80, 0x04});
    auto r = Reader(r_bytes);  // long-form id 32768
    int16_t last = 0;
    ThriftField f;
    Status s = r.ReadFieldHeader(&last, &f);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(s.message().find("field id 32768 does not fit 16 bits"), std::string::npos);
  }
  {  // a wire type other than the one expected names the field
    const std::string r_bytes = Bytes({0x18, 0x01, 0x41, 0x00});
    auto r = Reader(r_bytes);
    std::string str;
    Status s = r.ReadStruct("S", [&](const ThriftField& f) {
      int32_t v;
      return r.ReadI32(f, &v, "S.count");
    });
    EXPECT_EQ(s.message(),
              "t.parquet: invalid Thrift metadata at byte offset 0: expected i32 for S.count "
              "(field 1), got binary");
  }
}

TEST(ThriftCompactTest, BinaryLimits) {
  std::string out;
  ThriftCompactWriter w(&out);
  w.BinaryValue("hello");
  ThriftLimits limits;
  limits.max_string_bytes = 4;
  std::string v;
  Status s = Reader(out, limits).ReadBinaryValue(&v, "KeyValue.key");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "t.parquet: invalid Thrift metadata at byte offset 0: KeyValue.key of 5 bytes exceeds "
            "the limit of 4 bytes");
  limits.max_string_bytes = 5;
  ASSERT_TRUE(Reader(out, limits).ReadBinaryValue(&v, "k").ok());
  EXPECT_EQ(v, "hello");
  const std::string in3 = out.substr(0, 4);
  s = Reader(in3).ReadBinaryValue(&v, "KeyValue.key");
  EXPECT_EQ(s.code(), StatusCode::kOutOfRange);
  EXPECT_EQ(s.message(),
            "t.parquet: Thrift metadata truncated at byte offset 0: KeyValue.key needs 6 bytes "
            "but 4 remain");
}

TEST(ThriftCompactTest, ListHeadersShortAndLongForm) {
  for (uint32_t n : {0u, 1u, 14u, 15u, 300u}) {
    std::string out;
    ThriftCompactWriter w(&out);
    w.ListHeader(ThriftType::kI32, n);
    for (uint32_t i = 0; i < n; ++i) w.Zigzag32(static_cast<int32_t>(i) - 7);
    EXPECT_EQ(out.size() > 1 && static_cast<uint8_t>(out[0]) >> 4 == 15, n >= 15) << n;
    auto r = Reader(out);
    ThriftList list;
    ASSERT_TRUE(r.ReadListHeaderValue(&list, "l").ok());
    EXPECT_EQ(list.size, n);
    EXPECT_EQ(list.element_type, ThriftType::kI32);
    for (uint32_t i = 0; i < n; ++i) {
      int32_t v = 0;
      ASSERT_TRUE(r.ReadZigzag32(&v, "e").ok());
      EXPECT_EQ(v, static_cast<int32_t>(i) - 7);
    }
  }
}

TEST(ThriftCompactTest, HugeListCountFailsFastBeforeAllocating) {
  // A list header claiming 2^31 - 1 (and 2^31) elements of i64 followed by 4 bytes: 10 in all.
  const std::string huge = Bytes({0xF6, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 1, 2, 3, 4});
  ThriftList list;
  Status s = Reader(huge).ReadListHeaderValue(&list, "ColumnIndex.null_counts");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "t.parquet: invalid Thrift metadata at byte offset 0: ColumnIndex.null_counts of "
            "2147483647 elements exceeds the limit of 10000000 elements");
  ThriftLimits unlimited;
  unlimited.max_list_elements = INT64_MAX;
  s = Reader(huge, unlimited).ReadListHeaderValue(&list, "ColumnIndex.null_counts");
  EXPECT_EQ(s.code(), StatusCode::kOutOfRange);
  EXPECT_EQ(s.message(),
            "t.parquet: Thrift metadata truncated at byte offset 0: ColumnIndex.null_counts of "
            "2147483647 elements needs 2147483653 bytes but 10 remain");
  const std::string negative = Bytes({0xF6, 0x80, 0x80, 0x80, 0x80, 0x08, 1, 2, 3, 4});
  s = Reader(negative, unlimited).ReadListHeaderValue(&list, "l");
  EXPECT_EQ(s.message(),
            "t.parquet: invalid Thrift metadata at byte offset 0: l has a negative size");
  // Doubles need 8 bytes each: 2 doubles in 15 bytes cannot fit.
  const std::string in4 = Bytes({0x27, 1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6});
  s = Reader(in4).ReadListHeaderValue(&list, "d");
  EXPECT_EQ(s.code(), StatusCode::kOutOfRange);
}

TEST(ThriftCompactTest, BoolListElements) {
  const std::string r_bytes = Bytes({0x41, 1, 0, 2, 1, 0x12, 3});
  auto r = Reader(r_bytes);
  ThriftList list;
  ASSERT_TRUE(r.ReadListHeaderValue(&list, "l").ok());
  EXPECT_EQ(list.element_type, ThriftType::kBoolTrue);
  std::vector<bool> got;
  for (uint32_t i = 0; i < list.size; ++i) {
    bool b = false;
    ASSERT_TRUE(r.ReadBoolElement(&b, "b").ok());
    got.push_back(b);
  }
  EXPECT_EQ(got, (std::vector<bool>{true, false, false, true}));
  Status h = r.ReadListHeaderValue(&list, "l");  // element type 2 is bool too
  ASSERT_TRUE(h.ok()) << h.ToString();
  EXPECT_EQ(list.element_type, ThriftType::kBoolTrue);
  bool b = false;
  Status s = r.ReadBoolElement(&b, "null_pages");
  EXPECT_EQ(s.message(),
            "t.parquet: invalid Thrift metadata at byte offset 6: expected a bool (0, 1 or 2) for "
            "null_pages, got 3");
}

TEST(ThriftCompactTest, IntegerListsAcceptNarrowerElements) {
  ThriftList i16_list{ThriftType::kI16, 3};
  const std::string none;
  auto r = Reader(none);
  EXPECT_TRUE(r.ExpectElementType(i16_list, ThriftType::kI32, "encodings").ok());
  EXPECT_TRUE(r.ExpectElementType(i16_list, ThriftType::kI64, "null_counts").ok());
  ThriftList i64_list{ThriftType::kI64, 3};
  Status s = r.ExpectElementType(i64_list, ThriftType::kI32, "encodings");
  EXPECT_EQ(s.message(),
            "t.parquet: invalid Thrift metadata at byte offset 0: expected a list of i32 for "
            "encodings, got a list of i64");
  ThriftList strings{ThriftType::kBinary, 1};
  EXPECT_FALSE(r.ExpectElementType(strings, ThriftType::kI32, "encodings").ok());
}

// A struct with one field of every type, then a sentinel field the test reads.
std::string EveryType() {
  std::string out;
  ThriftCompactWriter w(&out);
  w.BeginStruct();
  w.BoolField(1, true);
  w.BoolField(2, false);
  w.I8Field(3, -5);
  w.I16Field(4, -300);
  w.I32Field(5, 1 << 30);
  w.I64Field(6, -(int64_t{1} << 60));
  w.DoubleField(7, 1.5);
  w.BinaryField(8, std::string(200, 'x'));
  w.ListField(9, ThriftType::kI64, 20);
  for (int i = 0; i < 20; ++i) w.Zigzag64(i * 1000003LL);
  w.FieldHeader(10, ThriftType::kSet);
  w.ListHeader(ThriftType::kBinary, 2);
  w.BinaryValue("a");
  w.BinaryValue("bc");
  w.FieldHeader(11, ThriftType::kMap);
  w.MapHeader(ThriftType::kBinary, ThriftType::kStruct, 2);
  for (int i = 0; i < 2; ++i) {
    w.BinaryValue("k");
    w.BeginStruct();
    w.I32Field(1, i);
    w.EndStruct();
  }
  w.FieldHeader(12, ThriftType::kMap);
  w.MapHeader(ThriftType::kI32, ThriftType::kI32, 0);
  w.StructField(13);
  w.StructField(1);
  w.ListField(2, ThriftType::kBoolTrue, 3);
  for (int i = 0; i < 3; ++i) w.BoolValue(i == 1);
  w.EndStruct();
  w.EndStruct();
  w.FieldHeader(14, ThriftType::kUuid);
  out.append(16, '\x42');
  w.ListField(15, ThriftType::kDouble, 2);
  w.DoubleValue(-0.0);
  w.DoubleValue(3.25);
  w.ListField(16, ThriftType::kList, 2);  // list<list<i8>>
  w.ListHeader(ThriftType::kI8, 1);
  w.Byte(9);
  w.ListHeader(ThriftType::kI8, 0);
  w.FieldHeader(17, ThriftType::kMap);
  w.MapHeader(ThriftType::kBoolTrue, ThriftType::kDouble, 1);
  w.BoolValue(true);
  w.DoubleValue(2.0);
  w.I32Field(200, 4242);  // the sentinel, long form
  w.EndStruct();
  return out;
}

TEST(ThriftCompactTest, SkipsEveryType) {
  const std::string bytes = EveryType();
  auto r = Reader(bytes);
  int32_t sentinel = 0;
  int fields = 0;
  Status s = r.ReadStruct("S", [&](const ThriftField& f) -> Status {
    ++fields;
    if (f.id == 200) return r.ReadI32(f, &sentinel, "sentinel");
    return r.Skip(f.type);
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(fields, 18);
  EXPECT_EQ(sentinel, 4242);
  EXPECT_EQ(r.remaining(), 0u);
  // Every strict prefix ends inside a value: always OutOfRange, never a read past the span.
  for (size_t n = 0; n < bytes.size(); ++n) {
    const std::string prefix = bytes.substr(0, n);
    auto p = Reader(prefix);
    Status ps = p.Skip(ThriftType::kStruct);
    EXPECT_EQ(ps.code(), StatusCode::kOutOfRange) << n << ": " << ps.ToString();
  }
}

TEST(ThriftCompactTest, ReadsDoublesLittleEndian) {
  const std::string r_bytes = Bytes({0x17, 0, 0, 0, 0, 0, 0, 0xF8, 0x3F, 0});
  auto r = Reader(r_bytes);
  double d = 0;
  Status s = r.ReadStruct("S", [&](const ThriftField& f) { return r.ReadDouble(f, &d, "d"); });
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(d, 1.5);
}

TEST(ThriftCompactTest, NestingDepthLimit) {
  std::string deep;
  ThriftCompactWriter w(&deep);
  w.BeginStruct();
  for (int i = 0; i < 100; ++i) w.StructField(1);
  for (int i = 0; i < 101; ++i) w.EndStruct();
  ThriftLimits limits;
  Status s = Reader(deep, limits).Skip(ThriftType::kStruct);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "t.parquet: invalid Thrift metadata at byte offset 64: struct nested deeper than the "
            "limit of 64 levels");
  limits.max_nesting_depth = 101;
  auto r = Reader(deep, limits);
  EXPECT_TRUE(r.Skip(ThriftType::kStruct).ok());
  EXPECT_EQ(r.remaining(), 0u);

  std::string lists(200, '\x19');  // list<list<list<...>>> one element each
  s = Reader(lists).Skip(ThriftType::kList);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("list nested deeper than the limit of 64 levels"), std::string::npos);
}

TEST(ThriftCompactTest, MapHeaders) {
  const std::string r_bytes = Bytes({0x00, 0x02, 0x85, 0x01, 'a', 0x02, 0x01, 'b', 0x04});
  auto r = Reader(r_bytes);
  ThriftType k, v;
  uint32_t n = 9;
  ASSERT_TRUE(r.ReadMapHeader(&k, &v, &n, "m").ok());
  EXPECT_EQ(n, 0u);
  ASSERT_TRUE(r.ReadMapHeader(&k, &v, &n, "m").ok());
  EXPECT_EQ(n, 2u);
  EXPECT_EQ(k, ThriftType::kBinary);
  EXPECT_EQ(v, ThriftType::kI32);
  const std::string in5 = Bytes({0x05, 0x55, 1, 2});
  Status s = Reader(in5).ReadMapHeader(&k, &v, &n, "m");
  EXPECT_EQ(s.code(), StatusCode::kOutOfRange);
  const std::string in6 = Bytes({0x01, 0xE5, 1, 2});
  s = Reader(in6).ReadMapHeader(&k, &v, &n, "m");
  EXPECT_EQ(s.message(),
            "t.parquet: invalid Thrift metadata at byte offset 0: m: invalid map key/value types "
            "0xe5");
}

}  // namespace
}  // namespace s3c::formats::parquet
