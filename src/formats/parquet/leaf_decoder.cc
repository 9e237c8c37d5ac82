#include "formats/parquet/leaf_decoder.h"

#include <fmt/format.h>

#include <climits>
#include <cstring>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "formats/parquet/encodings.h"
#include "formats/parquet/leaf_values.h"
#include "formats/parquet/page_reader.h"
#include "formats/parquet/parquet_names.h"

namespace s3c::formats::parquet {
namespace {

class LeafDecoder {
 public:
  LeafDecoder(const LeafColumn& leaf, const ColumnMetaData& meta, ChunkBytes chunk,
              int64_t num_rows, const ColumnDecodeOptions& options, const DecodeContext& context)
      : leaf_(leaf),
        meta_(meta),
        chunk_(chunk),
        num_rows_(num_rows),
        options_(options),
        ctx_(context),
        values_(ConversionFor(leaf), options.max_binary_array_bytes),
        // A dictionary is one page, under 2^31 bytes (an i32 size): always one segment.
        dict_(ConversionFor(leaf), INT32_MAX) {}

  Result<LeafData> Run() {
    const int64_t expected = meta_.num_values;
    if (expected < 0 || (leaf_.max_rep_level == 0 && expected != num_rows_)) {
      return ctx_.Error(-1, fmt::format("column chunk num_values {} does not match the row "
                                        "group's {} rows",
                                        expected, num_rows_));
    }
    PageReader reader(chunk_, meta_.codec, options_, ctx_);
    Page page;
    while (levels_ < expected) {
      S3C_ASSIGN_OR_RETURN(bool more, reader.Next(&page));
      if (!more) {
        return ctx_.Error(
            -1, fmt::format("column chunk ends after {} of its {} values", levels_, expected));
      }
      switch (page.header.type) {
        case PageType::kDictionaryPage:
          S3C_RETURN_IF_ERROR(DictionaryPage(page));
          break;
        case PageType::kDataPage:
          S3C_RETURN_IF_ERROR(DataPage(page, page.header.data_page_header->num_values));
          break;
        default:
          S3C_RETURN_IF_ERROR(DataPage(page, page.header.data_page_header_v2->num_values));
          break;
      }
    }
    LeafData out;
    out.num_levels = levels_;
    out.def_levels = std::move(def_);
    out.rep_levels = std::move(rep_);
    std::vector<std::shared_ptr<columnar::ArrayData>> values = values_.Finish(leaf_.type);
    out.values = std::move(values.front());
    out.more_values.assign(std::make_move_iterator(values.begin() + 1),
                           std::make_move_iterator(values.end()));
    return out;
  }

 private:
  Status DictionaryPage(const Page& page) {
    if (has_dict_ || levels_ > 0) {
      return ctx_.Error(page.file_offset, "dictionary page after the first page of the chunk");
    }
    const int32_t n = page.header.dictionary_page_header->num_values;
    if (n < 0) return ctx_.Error(page.file_offset, "negative dictionary size");
    S3C_RETURN_IF_ERROR(Plain(&dict_, page.body, static_cast<size_t>(n), page.file_offset));
    has_dict_ = true;
    return Status::OK();
  }

  Status DataPage(const Page& page, int32_t num) {
    const int64_t at = page.file_offset;
    if (page.expected_values >= 0 && num != page.expected_values) {
      return ctx_.Error(at, fmt::format("page of {} values where the offset index puts {} rows",
                                        num, page.expected_values));
    }
    if (num < 0 || num > meta_.num_values - levels_) {
      return ctx_.Error(at, fmt::format("page of {} values overruns the chunk's {} (after {})", num,
                                        meta_.num_values, levels_));
    }
    const auto n = static_cast<size_t>(num);
    const size_t base = static_cast<size_t>(levels_);
    std::string_view body = page.body;
    const bool v2 = page.header.type == PageType::kDataPageV2;
    if (v2) {
      const DataPageHeaderV2& h = *page.header.data_page_header_v2;
      const auto rep_len = static_cast<size_t>(h.repetition_levels_byte_length);
      if (leaf_.max_rep_level > 0) {
        rep_.resize(base + n);
        S3C_RETURN_IF_ERROR(ctx_.Wrap(at, DecodeLevelsV2(page.levels.substr(0, rep_len),
                                                         leaf_.max_rep_level, n, &rep_[base])));
      }
      if (leaf_.max_def_level > 0) {
        def_.resize(base + n);
        S3C_RETURN_IF_ERROR(ctx_.Wrap(
            at, DecodeLevelsV2(page.levels.substr(rep_len), leaf_.max_def_level, n, &def_[base])));
      }
    } else {
      const DataPageHeader& h = *page.header.data_page_header;
      if (leaf_.max_rep_level > 0) {
        rep_.resize(base + n);
        Result<size_t> used =
            DecodeLevelsV1(h.repetition_level_encoding, body, leaf_.max_rep_level, n, &rep_[base]);
        if (!used.ok()) return ctx_.Wrap(at, used.status());
        body.remove_prefix(*used);
      }
      if (leaf_.max_def_level > 0) {
        def_.resize(base + n);
        Result<size_t> used =
            DecodeLevelsV1(h.definition_level_encoding, body, leaf_.max_def_level, n, &def_[base]);
        if (!used.ok()) return ctx_.Wrap(at, used.status());
        body.remove_prefix(*used);
      }
    }
    size_t present = n;
    if (leaf_.max_def_level > 0) {
      present = 0;
      const int16_t* d = def_.data() + base;
      for (size_t i = 0; i < n; ++i) present += d[i] == leaf_.max_def_level;
    }
    const Encoding encoding =
        v2 ? page.header.data_page_header_v2->encoding : page.header.data_page_header->encoding;
    S3C_RETURN_IF_ERROR(Values(encoding, body, present, at));
    levels_ += num;
    return Status::OK();
  }

  Status Unsupported(Encoding encoding, int64_t at) const {
    return ctx_.Error(at, fmt::format("encoding {} ({}) is not valid for this column's type",
                                      EncodingName(encoding), static_cast<int>(encoding)));
  }

  Status Values(Encoding encoding, std::string_view data, size_t n, int64_t at) {
    if (n == 0) return Status::OK();
    const PhysicalType type = leaf_.physical_type;
    const bool byte_array = type == PhysicalType::kByteArray;
    switch (encoding) {
      case Encoding::kPlain:
        return Plain(&values_, data, n, at);
      case Encoding::kPlainDictionary:
      case Encoding::kRleDictionary: {
        if (!has_dict_) return ctx_.Error(at, "dictionary-encoded page without a dictionary");
        indices_.resize(n);
        S3C_RETURN_IF_ERROR(
            ctx_.Wrap(at, DecodeDictionaryIndices(data, n, static_cast<uint32_t>(dict_.size()),
                                                  indices_.data())));
        return ctx_.Wrap(at, values_.AppendGathered(dict_, indices_.data(), n));
      }
      case Encoding::kRle:
        if (type != PhysicalType::kBoolean) return Unsupported(encoding, at);
        return RleBooleans(data, n, at);
      case Encoding::kDeltaBinaryPacked: {
        if (type != PhysicalType::kInt32 && type != PhysicalType::kInt64) {
          return Unsupported(encoding, at);
        }
        Result<size_t> used = DecodeDeltaBinaryPacked(data, n, &delta_);
        if (!used.ok()) return ctx_.Wrap(at, used.status());
        S3C_RETURN_IF_ERROR(CheckCount(delta_.size(), n, at));
        if (type == PhysicalType::kInt64) {
          return ctx_.Wrap(at,
                           values_.AppendFixed(reinterpret_cast<const uint8_t*>(delta_.data()), n));
        }
        narrow_.resize(n);
        for (size_t i = 0; i < n; ++i) narrow_[i] = static_cast<int32_t>(delta_[i]);
        return ctx_.Wrap(at,
                         values_.AppendFixed(reinterpret_cast<const uint8_t*>(narrow_.data()), n));
      }
      case Encoding::kDeltaLengthByteArray:
        if (!byte_array) return Unsupported(encoding, at);
        return ByteArrays(encoding, data, n, at);
      case Encoding::kDeltaByteArray:
        if (!byte_array && type != PhysicalType::kFixedLenByteArray) {
          return Unsupported(encoding, at);
        }
        return ByteArrays(encoding, data, n, at);
      case Encoding::kByteStreamSplit: {
        if (type == PhysicalType::kBoolean || type == PhysicalType::kInt96 || byte_array) {
          return Unsupported(encoding, at);
        }
        const size_t width = values_.conversion().in_width;
        if (data.size() / width < n) {
          return ctx_.Error(at, fmt::format("BYTE_STREAM_SPLIT data of {} bytes for {} values of "
                                            "{} bytes",
                                            data.size(), n, width));
        }
        fixed_scratch_.resize(n * width);
        S3C_RETURN_IF_ERROR(ctx_.Wrap(
            at, DecodeByteStreamSplit(data.substr(0, n * width), n, width, fixed_scratch_.data())));
        return ctx_.Wrap(
            at, values_.AppendFixed(reinterpret_cast<const uint8_t*>(fixed_scratch_.data()), n));
      }
      default:
        return Unsupported(encoding, at);
    }
  }

  Status CheckCount(size_t got, size_t want, int64_t at) const {
    if (got == want) return Status::OK();
    return ctx_.Error(at, fmt::format("page holds {} values, its levels say {}", got, want));
  }

  // PLAIN values of the physical type into `out` (the page values or the dictionary).
  Status Plain(LeafValues* out, std::string_view data, size_t n, int64_t at) {
    switch (leaf_.physical_type) {
      case PhysicalType::kBoolean: {
        if (n > data.size() * 8) return CheckCount(data.size() * 8, n, at);
        bools_.resize(n);
        Result<size_t> used = DecodePlainBoolean(data, n, bools_.data());
        if (!used.ok()) return ctx_.Wrap(at, used.status());
        out->AppendBools(bools_.data(), n);
        return Status::OK();
      }
      case PhysicalType::kByteArray: {
        if (n > data.size() / 4) return CheckCount(data.size() / 4, n, at);
        const bool direct =
            out->conversion().kind == ValueKind::kByteArray && out->MakeRoom(data.size());
        ByteArrayValues* target = direct ? out->binary() : &bytes_;
        if (!direct) bytes_.Clear();
        Result<size_t> used = DecodePlainByteArray(data, n, target);
        if (!used.ok()) return ctx_.Wrap(at, used.status());
        return direct ? Status::OK() : ctx_.Wrap(at, out->AppendBytes(bytes_));
      }
      default: {
        const size_t width = out->conversion().in_width;
        if (width == 0 || data.size() / width < n) {
          return ctx_.Error(at, fmt::format("PLAIN data of {} bytes for {} values of {} bytes",
                                            data.size(), n, width));
        }
        return ctx_.Wrap(at, out->AppendFixed(reinterpret_cast<const uint8_t*>(data.data()), n));
      }
    }
  }

  Status ByteArrays(Encoding encoding, std::string_view data, size_t n, int64_t at) {
    // DELTA_LENGTH output is never larger than its input; DELTA_BYTE_ARRAY (shared prefixes)
    // may be, so it always goes through the scratch values, whose append checks the room.
    const bool direct = encoding == Encoding::kDeltaLengthByteArray &&
                        values_.conversion().kind == ValueKind::kByteArray &&
                        values_.MakeRoom(data.size());
    ByteArrayValues* target = direct ? values_.binary() : &bytes_;
    if (!direct) bytes_.Clear();
    const size_t before = target->size();
    Result<size_t> used = encoding == Encoding::kDeltaLengthByteArray
                              ? DecodeDeltaLengthByteArray(data, n, target)
                              : DecodeDeltaByteArray(data, n, target);
    if (!used.ok()) return ctx_.Wrap(at, used.status());
    S3C_RETURN_IF_ERROR(CheckCount(target->size() - before, n, at));
    return direct ? Status::OK() : ctx_.Wrap(at, values_.AppendBytes(bytes_));
  }

  // RLE booleans: a 4-byte little-endian length, then the RLE/bit-packed hybrid with bit
  // width 1 (Encodings.md "Run Length Encoding / Bit-Packing Hybrid").
  Status RleBooleans(std::string_view data, size_t n, int64_t at) {
    if (data.size() < 4) return ctx_.Error(at, "RLE boolean data without its length prefix");
    uint32_t length;
    std::memcpy(&length, data.data(), 4);
    if (length > data.size() - 4) {
      return ctx_.Error(at, fmt::format("RLE boolean length {} exceeds the page", length));
    }
    RleBitPackedDecoder decoder(data.substr(4, length), 1);
    indices_.resize(n);
    Result<size_t> got = decoder.Decode(indices_.data(), n);
    if (!got.ok()) return ctx_.Wrap(at, got.status());
    S3C_RETURN_IF_ERROR(CheckCount(*got, n, at));
    bools_.resize(n);
    for (size_t i = 0; i < n; ++i) bools_[i] = static_cast<uint8_t>(indices_[i] & 1);
    values_.AppendBools(bools_.data(), n);
    return Status::OK();
  }

  const LeafColumn& leaf_;
  const ColumnMetaData& meta_;
  ChunkBytes chunk_;
  int64_t num_rows_;
  const ColumnDecodeOptions& options_;
  const DecodeContext& ctx_;
  LeafValues values_;
  LeafValues dict_;
  bool has_dict_ = false;
  int64_t levels_ = 0;
  std::vector<int16_t> def_;
  std::vector<int16_t> rep_;
  // Scratch reused across pages.
  std::vector<uint32_t> indices_;
  std::vector<uint8_t> bools_;
  std::vector<int64_t> delta_;
  std::vector<int32_t> narrow_;
  std::string fixed_scratch_;
  ByteArrayValues bytes_;
};

}  // namespace

Result<LeafData> DecodeLeafChunk(const LeafColumn& leaf, const ColumnMetaData& meta,
                                 ChunkBytes chunk, int64_t num_rows,
                                 const ColumnDecodeOptions& options, const DecodeContext& context) {
  return LeafDecoder(leaf, meta, chunk, num_rows, options, context).Run();
}

}  // namespace s3c::formats::parquet
