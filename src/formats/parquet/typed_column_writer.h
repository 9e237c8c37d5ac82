// The ColumnWriter for one physical value type (see column_writer.h for the contract).
// Private to column_writer.cc.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "formats/parquet/column_statistics.h"
#include "formats/parquet/column_writer.h"
#include "formats/parquet/dictionary_table.h"
#include "formats/parquet/page_assembly.h"
#include "formats/parquet/value_buffer.h"

namespace s3c::formats::parquet {

template <typename T>
const std::vector<T>& GatheredOf(const PhysicalValues& v) {
  if constexpr (std::is_same_v<T, uint8_t>) return v.bools;
  if constexpr (std::is_same_v<T, int32_t>) return v.i32;
  if constexpr (std::is_same_v<T, int64_t>) return v.i64;
  if constexpr (std::is_same_v<T, float>) return v.f32;
  if constexpr (std::is_same_v<T, double>) return v.f64;
  if constexpr (std::is_same_v<T, std::string_view>) return v.bytes;
}

template <typename T>
class TypedColumnWriter final : public ColumnWriter {
 public:
  using Stats = std::conditional_t<std::is_same_v<T, std::string_view>, BytesMinMax, MinMax<T>>;

  TypedColumnWriter(const ParquetLeaf& leaf, const ColumnWriterOptions& options, SortOrder order,
                    bool dictionary_eligible, Encoding fallback)
      : leaf_(leaf),
        options_(options),
        order_(order),
        dictionary_eligible_(dictionary_eligible && options.dictionary),
        fallback_(fallback),
        dict_(leaf.type_length),
        page_stats_(MakeStats(leaf, order)),
        chunk_stats_(MakeStats(leaf, order)) {
    dict_mode_ = dictionary_eligible_;
    record_boundaries_ = options.data_page_v2 || options.page_index;
  }

  Status Append(const ShreddedLeaf& s) override {
    GatherValues(leaf_, s, &gathered_);
    const std::vector<T>& vals = GatheredOf<T>(gathered_);
    const int16_t* defs = leaf_.max_def_level > 0 ? s.def_levels.data() : nullptr;
    const int16_t* reps = leaf_.max_rep_level > 0 ? s.rep_levels.data() : nullptr;
    const int16_t max_def = leaf_.max_def_level;
    int64_t n = s.num_levels;
    int64_t lpos = 0;
    size_t vpos = 0;
    while (lpos < n) {
      int64_t end = std::min(n, lpos + StepLevels());
      if (reps != nullptr && record_boundaries_) {
        while (end < n && reps[end] != 0) ++end;
      }
      int64_t nv = end - lpos;
      if (defs != nullptr) {
        nv = 0;
        for (int64_t l = lpos; l < end; ++l) nv += defs[l] == max_def ? 1 : 0;
        page_defs_.insert(page_defs_.end(), defs + lpos, defs + end);
      }
      int64_t rows = end - lpos;
      if (reps != nullptr) {
        rows = 0;
        for (int64_t l = lpos; l < end; ++l) rows += reps[l] == 0 ? 1 : 0;
        page_reps_.insert(page_reps_.end(), reps + lpos, reps + end);
      }
      page_levels_ += end - lpos;
      page_nulls_ += (end - lpos) - nv;
      page_rows_ += rows;
      for (size_t k = vpos; k < vpos + static_cast<size_t>(nv); ++k) AddValue(vals[k]);
      vpos += static_cast<size_t>(nv);
      lpos = end;
      if (dict_mode_ && dict_.plain_bytes() > options_.dictionary_page_bytes) {
        S3C_RETURN_IF_ERROR(FlushPage());
        dict_mode_ = false;
      } else if (PageEstimate() >= options_.page_bytes) {
        S3C_RETURN_IF_ERROR(FlushPage());
      }
    }
    return Status::OK();
  }

  int64_t buffered_bytes() const override { return chunk_plain_bytes_ + chunk_levels_bytes_; }

  int64_t memory_bytes() const override {
    auto bytes = [](const auto& v) {
      return static_cast<int64_t>(v.capacity() * sizeof(typename std::decay_t<decltype(v)>::value_type));
    };
    int64_t gathered = bytes(gathered_.bools) + bytes(gathered_.i32) + bytes(gathered_.i64) +
                       bytes(gathered_.f32) + bytes(gathered_.f64) + bytes(gathered_.bytes) +
                       static_cast<int64_t>(gathered_.scratch.capacity());
    return gathered + dict_.memory_bytes() + bytes(indices_) + plain_.memory_bytes() +
           bytes(page_defs_) + bytes(page_reps_) + static_cast<int64_t>(pages_.capacity()) +
           bytes(locations_);
  }

  Result<ChunkResult> FinishChunk(OutputStream& out, int64_t file_offset) override {
    S3C_RETURN_IF_ERROR(FlushPage());
    std::string dict_page;
    int64_t uncompressed = chunk_uncompressed_;
    std::vector<Encoding> encodings;
    std::vector<PageEncodingStats> encoding_stats;
    if (used_dictionary_) {
      std::string plain = EncodeValueBuffer(Encoding::kPlain, dict_.values(), leaf_.type_length);
      S3C_ASSIGN_OR_RETURN(
          AssembledPage page,
          AssembleDictionaryPage(plain, static_cast<int32_t>(dict_.size()), options_));
      uncompressed += page.uncompressed_size;
      dict_page = std::move(page.bytes);
      encodings.push_back(Encoding::kPlain);
      encoding_stats.push_back({PageType::kDictionaryPage, Encoding::kPlain, 1});
    }
    for (Encoding e : encodings_) {
      if (std::find(encodings.begin(), encodings.end(), e) == encodings.end()) {
        encodings.push_back(e);
      }
    }
    for (const auto& [e, count] : page_encoding_counts_) {
      encoding_stats.push_back(
          {options_.data_page_v2 ? PageType::kDataPageV2 : PageType::kDataPage, e, count});
    }
    S3C_RETURN_IF_ERROR(out.Write(dict_page));
    S3C_RETURN_IF_ERROR(out.Write(pages_));

    auto dict_size = static_cast<int64_t>(dict_page.size());
    ChunkResult result;
    result.bytes_written = dict_size + static_cast<int64_t>(pages_.size());
    ColumnMetaData md;
    md.type = leaf_.physical_type;
    md.encodings = std::move(encodings);
    md.path_in_schema = leaf_.path;
    md.codec = ParquetCodec(options_.codec);
    md.num_values = chunk_levels_;
    md.total_uncompressed_size = uncompressed;
    md.total_compressed_size = result.bytes_written;
    md.data_page_offset = file_offset + dict_size;
    if (used_dictionary_) md.dictionary_page_offset = file_offset;
    if (options_.statistics) md.statistics = MakeStatistics(chunk_stats_, chunk_nulls_);
    md.encoding_stats = std::move(encoding_stats);
    result.chunk.file_offset = file_offset;
    result.chunk.meta_data = std::move(md);
    for (PageLocation loc : locations_) {
      loc.offset += file_offset + dict_size;
      result.offset_index.page_locations.push_back(loc);
    }
    if (options_.statistics && column_index_valid_) result.column_index = std::move(column_index_);
    ResetChunk();
    return result;
  }

 private:
  void AddValue(T v) {
    if (options_.statistics) page_stats_.Update(v);
    int64_t size = ValueBuffer<T>::PlainSize(v, leaf_.type_length);
    page_plain_bytes_ += size;
    chunk_plain_bytes_ += size;
    ++chunk_values_;
    if (dict_mode_) {
      indices_.push_back(dict_.GetOrInsert(v));
    } else {
      plain_.Append(v);
    }
  }

  int64_t PageEstimate() const {
    int64_t levels = page_levels_ / 4;
    if (dict_mode_) {
      int bits = BitWidthFor(dict_.size());
      return levels + static_cast<int64_t>(indices_.size()) * bits / 8 + 1;
    }
    return levels + page_plain_bytes_;
  }

  int64_t StepLevels() const {
    int64_t left = options_.page_bytes - PageEstimate();
    int64_t per_value =
        dict_mode_ ? 1
                   : std::max<int64_t>(1, chunk_plain_bytes_ / std::max<int64_t>(1, chunk_values_));
    return std::clamp<int64_t>(left / per_value, 16, 8192);
  }

  // Strings' bounds are shortened (column_statistics.h); fixed-length values keep their length.
  static Stats MakeStats(const ParquetLeaf& leaf, SortOrder order) {
    if constexpr (std::is_same_v<Stats, BytesMinMax>) {
      return BytesMinMax(order, leaf.physical_type == PhysicalType::kByteArray);
    } else {
      return Stats(order);
    }
  }

  std::optional<Statistics> MakeStatistics(const Stats& mm, int64_t nulls) const {
    if (!options_.statistics) return std::nullopt;
    Statistics st;
    st.null_count = nulls;
    if (mm.has()) {
      st.min_value = mm.EncodedMin();
      st.max_value = mm.EncodedMax();
      if constexpr (std::is_same_v<Stats, BytesMinMax>) {
        st.is_min_value_exact = st.min_value->size() == mm.min_bytes();
        st.is_max_value_exact = st.max_value->size() == mm.max_bytes();
      }
      if (HasLegacyOrder(order_)) {
        st.min = st.min_value;
        st.max = st.max_value;
      }
    }
    return st;
  }

  Status FlushPage() {
    if (page_levels_ == 0) return Status::OK();
    DataPageInput in;
    if (dict_mode_ && dict_.size() > 0) {
      in.encoding = Encoding::kRleDictionary;
      in.values = EncodeDictionaryIndices(indices_.data(), indices_.size(),
                                          static_cast<uint32_t>(dict_.size()));
      used_dictionary_ = true;
    } else {
      in.encoding = fallback_;
      in.values = EncodeValueBuffer(fallback_, plain_, leaf_.type_length);
    }
    in.def_levels = page_defs_.data();
    in.rep_levels = page_reps_.data();
    in.num_levels = page_levels_;
    in.num_nulls = page_nulls_;
    in.num_rows = page_rows_;
    in.max_def_level = leaf_.max_def_level;
    in.max_rep_level = leaf_.max_rep_level;
    in.statistics = MakeStatistics(page_stats_, page_nulls_);
    S3C_ASSIGN_OR_RETURN(AssembledPage page, AssembleDataPage(in, options_));

    PageLocation loc;
    loc.offset = static_cast<int64_t>(pages_.size());
    loc.compressed_page_size = static_cast<int32_t>(page.bytes.size());
    loc.first_row_index = chunk_rows_;
    locations_.push_back(loc);
    pages_ += page.bytes;
    chunk_uncompressed_ += page.uncompressed_size;
    if (std::find(encodings_.begin(), encodings_.end(), in.encoding) == encodings_.end()) {
      encodings_.push_back(in.encoding);
    }
    if (leaf_.max_def_level > 0 || leaf_.max_rep_level > 0) {
      if (std::find(encodings_.begin(), encodings_.end(), Encoding::kRle) == encodings_.end()) {
        encodings_.push_back(Encoding::kRle);
      }
    }
    bool counted = false;
    for (auto& [e, count] : page_encoding_counts_) {
      if (e == in.encoding) {
        ++count;
        counted = true;
      }
    }
    if (!counted) page_encoding_counts_.emplace_back(in.encoding, 1);

    int64_t values = page_levels_ - page_nulls_;
    column_index_.null_pages.push_back(values == 0);
    column_index_.null_counts.push_back(page_nulls_);
    if (values == 0) {
      column_index_.min_values.emplace_back();
      column_index_.max_values.emplace_back();
    } else if (page_stats_.has()) {
      column_index_.min_values.push_back(page_stats_.EncodedMin());
      column_index_.max_values.push_back(page_stats_.EncodedMax());
    } else {
      column_index_valid_ = false;  // e.g. a page of NaN only: no bounds to give
      column_index_.min_values.emplace_back();
      column_index_.max_values.emplace_back();
    }
    chunk_stats_.Merge(page_stats_);
    chunk_nulls_ += page_nulls_;
    chunk_rows_ += page_rows_;
    chunk_levels_ += page_levels_;
    chunk_levels_bytes_ += page_levels_ / 4;

    page_stats_.Reset();
    page_defs_.clear();
    page_reps_.clear();
    indices_.clear();
    plain_.Clear();
    page_levels_ = page_nulls_ = page_rows_ = page_plain_bytes_ = 0;
    return Status::OK();
  }

  // Starts the next chunk with the buffers given back (a file's memory then drops to what its
  // output holds: see ParquetFileWriter's buffered_bytes).
  void ResetChunk() {
    dict_.Clear();
    std::vector<uint32_t>().swap(indices_);
    plain_.Release();
    std::vector<int16_t>().swap(page_defs_);
    std::vector<int16_t>().swap(page_reps_);
    {
      PhysicalValues empty;  // swapped: assignment would keep the scratch string's capacity
      std::swap(gathered_, empty);
    }
    dict_mode_ = dictionary_eligible_;
    used_dictionary_ = false;
    pages_.clear();
    pages_.shrink_to_fit();
    locations_.clear();
    encodings_.clear();
    page_encoding_counts_.clear();
    column_index_ = ColumnIndex();
    column_index_valid_ = true;
    chunk_stats_.Reset();
    chunk_nulls_ = chunk_rows_ = chunk_levels_ = chunk_levels_bytes_ = 0;
    chunk_plain_bytes_ = chunk_values_ = chunk_uncompressed_ = 0;
  }

  ParquetLeaf leaf_;
  ColumnWriterOptions options_;
  SortOrder order_;
  bool dictionary_eligible_;
  Encoding fallback_;
  bool record_boundaries_ = false;
  PhysicalValues gathered_;

  // Current page.
  bool dict_mode_ = false;
  DictionaryTable<T> dict_;
  std::vector<uint32_t> indices_;
  ValueBuffer<T> plain_;
  std::vector<int16_t> page_defs_;
  std::vector<int16_t> page_reps_;
  int64_t page_levels_ = 0;
  int64_t page_nulls_ = 0;
  int64_t page_rows_ = 0;
  int64_t page_plain_bytes_ = 0;
  Stats page_stats_;

  // Current chunk.
  bool used_dictionary_ = false;
  std::string pages_;
  std::vector<PageLocation> locations_;
  std::vector<Encoding> encodings_;
  std::vector<std::pair<Encoding, int32_t>> page_encoding_counts_;
  ColumnIndex column_index_;
  bool column_index_valid_ = true;
  Stats chunk_stats_;
  int64_t chunk_nulls_ = 0;
  int64_t chunk_rows_ = 0;
  int64_t chunk_levels_ = 0;
  int64_t chunk_levels_bytes_ = 0;
  int64_t chunk_plain_bytes_ = 0;
  int64_t chunk_values_ = 0;
  int64_t chunk_uncompressed_ = 0;
};

}  // namespace s3c::formats::parquet
