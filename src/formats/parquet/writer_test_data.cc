#include "formats/parquet/writer_test_data.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <limits>
#include <random>

#include "s3c/codec/block_codec.h"
#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/builder_nested.h"
#include "s3c/columnar/builder_primitive.h"
#include "s3c/io/local_file.h"

namespace s3c::formats::parquet::testdata {

namespace {

using namespace s3c::columnar;  // NOLINT

class Generator {
 public:
  Generator(uint64_t seed, double null_ratio) : rng_(seed), null_ratio_(null_ratio) {}

  void Append(ArrayBuilder* b, const Field& f) {
    const DataType& t = f.type();
    if (t.id() == TypeId::kNull || (f.nullable() && Chance(null_ratio_))) {
      b->AppendNull();
      return;
    }
    switch (t.id()) {
      case TypeId::kBool:
        static_cast<BooleanBuilder*>(b)->Append(rng_() & 1);
        return;
      case TypeId::kInt8:
        return Int<Int8Builder, int8_t>(b);
      case TypeId::kInt16:
        return Int<Int16Builder, int16_t>(b);
      case TypeId::kInt32:
        return Int<Int32Builder, int32_t>(b);
      case TypeId::kInt64:
        return Int<Int64Builder, int64_t>(b);
      case TypeId::kUInt8:
        return Int<UInt8Builder, uint8_t>(b);
      case TypeId::kUInt16:
        return Int<UInt16Builder, uint16_t>(b);
      case TypeId::kUInt32:
        return Int<UInt32Builder, uint32_t>(b);
      case TypeId::kUInt64:
        return Int<UInt64Builder, uint64_t>(b);
      case TypeId::kFloat32:
        return static_cast<Float32Builder*>(b)->Append(static_cast<float>(Real()));
      case TypeId::kFloat64:
        return static_cast<Float64Builder*>(b)->Append(Real());
      case TypeId::kDecimal128:
        return static_cast<Decimal128Builder*>(b)->Append(Decimal(t.precision()));
      case TypeId::kString:
        return static_cast<StringBuilder*>(b)->Append(Text());
      case TypeId::kLargeString:
        return static_cast<LargeStringBuilder*>(b)->Append(Text());
      case TypeId::kBinary: {
        std::string bytes(rng_() % 17, '\0');
        for (char& c : bytes) c = static_cast<char>(rng_());
        return static_cast<BinaryBuilder*>(b)->Append(bytes);
      }
      case TypeId::kDate32:
        return static_cast<Date32Builder*>(b)->Append(
            static_cast<int32_t>(Pick({-1, 0, -719162, 2932896}, -200000, 200000)));
      case TypeId::kTime32: {
        int64_t per_day = 86400 * (t.unit() == TimeUnit::kSecond ? 1 : 1000);
        return static_cast<Time32Builder*>(b)->Append(
            static_cast<int32_t>(Pick({0, per_day - 1}, 0, per_day - 1)));
      }
      case TypeId::kTime64: {
        int64_t per_day = 86400 * UnitsPerSecond(t.unit());
        return static_cast<Time64Builder*>(b)->Append(Pick({0, per_day - 1}, 0, per_day - 1));
      }
      case TypeId::kTimestamp: {
        // +-4e9 seconds (years 1843..2096) in every unit.
        int64_t limit = 4'000'000'000LL * UnitsPerSecond(t.unit());
        if (t.unit() == TimeUnit::kNano) limit = 4'000'000'000'000'000'000LL;
        return static_cast<TimestampBuilder*>(b)->Append(Pick({-1, 0, 1}, -limit, limit));
      }
      case TypeId::kList: {
        auto* lb = static_cast<ListBuilder*>(b);
        lb->Append();
        int n = static_cast<int>(rng_() % 5);
        for (int i = 0; i < n; ++i) Append(lb->value_builder(), t.field(0));
        return;
      }
      case TypeId::kStruct: {
        auto* sb = static_cast<StructBuilder*>(b);
        sb->Append();
        for (int i = 0; i < t.num_fields(); ++i) Append(sb->field_builder(i), t.field(i));
        return;
      }
      case TypeId::kMap: {
        auto* mb = static_cast<MapBuilder*>(b);
        mb->Append();
        int n = static_cast<int>(rng_() % 4);
        const DataType& entries = t.value_type();
        for (int i = 0; i < n; ++i) {
          AppendKey(mb->key_builder(), entries.field(0).type(), i);
          Append(mb->item_builder(), entries.field(1));
        }
        return;
      }
      default:
        b->AppendNull();
        return;
    }
  }

 private:
  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }

  int64_t Pick(std::initializer_list<int64_t> edges, int64_t lo, int64_t hi) {
    if (Chance(0.2)) return *(edges.begin() + rng_() % edges.size());
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng_);
  }

  // Distinct keys within one map (DuckDB rejects duplicate map keys).
  void AppendKey(ArrayBuilder* b, const DataType& t, int i) {
    if (t.id() == TypeId::kString) {
      static_cast<StringBuilder*>(b)->Append(fmt::format("k{}_{}", i, rng_() % 100));
    } else if (t.id() == TypeId::kInt32) {
      static_cast<Int32Builder*>(b)->Append(static_cast<int32_t>(i * 1000 + rng_() % 1000));
    } else {
      static_cast<Int64Builder*>(b)->Append(static_cast<int64_t>(i * 1000 + rng_() % 1000));
    }
  }

  template <typename B, typename C>
  void Int(ArrayBuilder* b) {
    C v;
    switch (rng_() % 8) {
      case 0:
        v = std::numeric_limits<C>::min();
        break;
      case 1:
        v = std::numeric_limits<C>::max();
        break;
      case 2:
        v = 0;
        break;
      case 3:
        v = static_cast<C>(rng_() % 16);  // small values repeat: dictionary friendly
        break;
      default:
        v = static_cast<C>(rng_());
        break;
    }
    static_cast<B*>(b)->Append(v);
  }

  double Real() {
    switch (rng_() % 12) {
      case 0:
        return std::numeric_limits<double>::quiet_NaN();
      case 1:
        return std::numeric_limits<double>::infinity();
      case 2:
        return -std::numeric_limits<double>::infinity();
      case 3:
        return -0.0;
      case 4:
        return 0.0;
      case 5:
        return static_cast<double>(rng_() % 8) * 0.5;
      default:
        return std::uniform_real_distribution<double>(-1e6, 1e6)(rng_);
    }
  }

  Int128 Decimal(int32_t precision) {
    Int128 max = PowerOfTen(precision) - 1;
    switch (rng_() % 6) {
      case 0:
        return max;
      case 1:
        return -max;
      case 2:
        return 0;
      default: {
        Int128 v = 0;
        int digits = 1 + static_cast<int>(rng_() % static_cast<uint64_t>(precision));
        for (int i = 0; i < digits; ++i) v = v * 10 + static_cast<int>(rng_() % 10);
        return (rng_() & 1) ? -v : v;
      }
    }
  }

  std::string Text() {
    static const char* kPool[] = {
        "",         "a",         "hello",    "héllo wörld", "日本語テキスト",
        "emoji 😀🎉", "tab\there", "quote\"s", "zzz",         "\x7f"};
    switch (rng_() % 6) {
      case 0:
        return std::string(200 + rng_() % 2000, static_cast<char>('a' + rng_() % 26));
      case 1:
      case 2:
        return kPool[rng_() % (sizeof(kPool) / sizeof(kPool[0]))];
      default: {
        std::string s(rng_() % 20, ' ');
        for (char& c : s) c = static_cast<char>(' ' + rng_() % 95);
        return s;
      }
    }
  }

  std::mt19937_64 rng_;
  double null_ratio_;
};

}  // namespace

std::shared_ptr<Schema> FlatSchema() {
  return MakeSchema({
      Field("b", Bool()),
      Field("i8", Int8()),
      Field("i16", Int16()),
      Field("i32", Int32()),
      Field("i64", Int64()),
      Field("u8", UInt8()),
      Field("u16", UInt16()),
      Field("u32", UInt32()),
      Field("u64", UInt64()),
      Field("f32", Float32()),
      Field("f64", Float64()),
      Field("dec5", Decimal128(5, 2)),
      Field("dec15", Decimal128(15, 3)),
      Field("dec30", Decimal128(30, 4)),
      Field("dec38", Decimal128(38, 10)),
      Field("s", String()),
      Field("ls", LargeString()),
      Field("bin", Binary()),
      Field("date", Date32()),
      Field("t_s", Time32(TimeUnit::kSecond)),
      Field("t_ms", Time32(TimeUnit::kMilli)),
      Field("t_us", Time64(TimeUnit::kMicro)),
      Field("t_ns", Time64(TimeUnit::kNano)),
      Field("ts_s", Timestamp(TimeUnit::kSecond)),
      Field("ts_ms", Timestamp(TimeUnit::kMilli)),
      Field("ts_us", Timestamp(TimeUnit::kMicro)),
      Field("ts_ns", Timestamp(TimeUnit::kNano)),
      Field("ts_ms_utc", Timestamp(TimeUnit::kMilli, "UTC")),
      Field("ts_us_ny", Timestamp(TimeUnit::kMicro, "America/New_York")),
      Field("ts_ns_utc", Timestamp(TimeUnit::kNano, "UTC")),
      Field("n", Null()),
      Field("req_i64", Int64(), false),
      Field("req_s", String(), false),
  });
}

std::shared_ptr<Schema> NestedSchema() {
  return MakeSchema({
      Field("l_i", List(Field("element", Int32()))),
      Field("l_s_req", List(Field("element", String(), false)), false),
      Field("st", Struct({Field("a", Int64()), Field("b", String()),
                          Field("c", List(Field("element", Float64())))})),
      Field("m", Map(String(), Int32())),
      Field("l_st", List(Field("element", Struct({Field("x", Int32()),
                                                  Field("y", List(Field("element", String())))})))),
      Field("st_req", Struct({Field("d", Date32(), false), Field("e", Decimal128(30, 2))}), false),
      Field("l_l", List(Field("element", List(Field("element", Int64()))))),
      Field("m_l", Map(Int64(), List(Field("element", Int16())))),
  });
}

std::shared_ptr<RecordBatch> RandomBatch(const std::shared_ptr<Schema>& schema, int64_t rows,
                                         uint64_t seed, double null_ratio) {
  Generator gen(seed, null_ratio);
  std::vector<std::shared_ptr<Array>> columns;
  for (const Field& f : schema->fields()) {
    std::unique_ptr<ArrayBuilder> b = MakeBuilder(f.type());
    for (int64_t i = 0; i < rows; ++i) gen.Append(b.get(), f);
    auto array = b->Finish();
    if (!array.ok()) {
      ADD_FAILURE_AT(__FILE__, __LINE__);
      return nullptr;
    }
    columns.push_back(*array);
  }
  return *RecordBatch::Make(schema, std::move(columns), rows);
}

// Removes this process's temp folder when the test binary exits.
struct TempDir {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               fmt::format("s3c-pqwrite-{}", getpid());
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

std::vector<WriteMode> EveryWriteMode() {
  const BlockCodec codecs[] = {BlockCodec::kNone, BlockCodec::kSnappy, BlockCodec::kGzip,
                               BlockCodec::kZstd, BlockCodec::kLz4Raw, BlockCodec::kBrotli};
  std::vector<WriteMode> modes;
  for (BlockCodec codec : codecs) {
    for (bool v2 : {false, true}) {
      for (bool dictionary : {true, false}) {
        WriteMode m;
        m.options.codec = codec;
        m.options.data_page_v2 = v2;
        m.options.dictionary = dictionary;
        m.options.page_bytes = 4096;
        m.label = fmt::format("{}-{}-{}", BlockCodecName(codec), v2 ? "v2" : "v1",
                              dictionary ? "dict" : "plain");
        modes.push_back(std::move(m));
      }
    }
  }
  return modes;
}

std::string TempPath(const std::string& name) {
  static std::atomic<int> counter{0};
  static TempDir temp_dir;
  const auto& dir = temp_dir.path;
  std::filesystem::create_directories(dir);
  return (dir / fmt::format("{}-{}.parquet", counter++, name)).string();
}

Status WriteParquet(const std::string& path,
                    const std::vector<std::shared_ptr<RecordBatch>>& batches,
                    const ParquetWriteOptions& options) {
  S3C_ASSIGN_OR_RETURN(auto out, OpenLocalOutput(path));
  S3C_ASSIGN_OR_RETURN(auto writer,
                       OpenParquetWriter(std::move(out), batches[0]->schema(), options));
  for (const auto& b : batches) S3C_RETURN_IF_ERROR(writer->Write(*b));
  return writer->Close();
}

Result<ReadBack> ReadParquet(const std::string& path) {
  S3C_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file, OpenLocalRandomAccess(path));
  std::shared_ptr<RandomAccessFile> shared(std::move(file));
  ParquetReadOptions options;
  options.object_name = path;
  S3C_ASSIGN_OR_RETURN(auto reader, ParquetFileReader::Open(shared, options));
  ReadBack out;
  out.schema = reader->schema();
  out.num_row_groups = reader->num_row_groups();
  S3C_ASSIGN_OR_RETURN(auto batches, reader->ReadBatches());
  while (true) {
    S3C_ASSIGN_OR_RETURN(auto batch, batches->Next());
    if (batch == nullptr) break;
    out.batches.push_back(std::move(batch));
  }
  return out;
}

Result<FileMetaData> ReadFooter(const std::string& path) {
  S3C_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file, OpenLocalRandomAccess(path));
  S3C_ASSIGN_OR_RETURN(uint64_t size, file->Size());
  S3C_ASSIGN_OR_RETURN(std::string tail, file->ReadRange(size - 8, 8));
  S3C_ASSIGN_OR_RETURN(uint32_t len, ParseFooterTail(tail, size, path));
  S3C_ASSIGN_OR_RETURN(std::string footer, file->ReadRange(size - 8 - len, len));
  return DecodeFileMetaData(footer, path);
}

}  // namespace s3c::formats::parquet::testdata

namespace s3c::formats::parquet::testdata {

std::shared_ptr<RecordBatch> MicrosecondNanos(const std::shared_ptr<RecordBatch>& batch) {
  using namespace s3c::columnar;  // NOLINT
  std::vector<std::shared_ptr<Array>> columns = batch->columns();
  for (auto& column : columns) {
    const DataType& t = column->type();
    bool time_ns = t.id() == TypeId::kTime64 && t.unit() == TimeUnit::kNano;
    bool zoned_ns =
        t.id() == TypeId::kTimestamp && t.unit() == TimeUnit::kNano && !t.timezone().empty();
    if (!time_ns && !zoned_ns) continue;
    const auto* values = column->data()->GetValues<int64_t>(1);
    std::unique_ptr<ArrayBuilder> b = MakeBuilder(t);
    for (int64_t i = 0; i < column->length(); ++i) {
      if (column->IsNull(i)) {
        b->AppendNull();
      } else if (time_ns) {
        static_cast<Time64Builder*>(b.get())->Append(values[i] - values[i] % 1000);
      } else {
        static_cast<TimestampBuilder*>(b.get())->Append(values[i] - values[i] % 1000);
      }
    }
    column = *b->Finish();
  }
  return *RecordBatch::Make(batch->schema(), std::move(columns), batch->num_rows());
}

}  // namespace s3c::formats::parquet::testdata
