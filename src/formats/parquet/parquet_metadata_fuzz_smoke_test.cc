// Runs the libFuzzer entry (fuzz/parquet_metadata_fuzz.cc, built here without libFuzzer) over
// the corpus footers, page headers and page indexes plus a few thousand deterministic
// mutations of them, so the normal suite exercises it.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "formats/parquet/parquet_metadata.h"
#include "fuzz/parquet_metadata_fuzz.h"
#include "support/fuzz_mutate.h"
#include "support/corpus.h"

namespace s3c::formats::parquet {
namespace {

// Bytes the mutations draw from: the tokens that steer this parser.
constexpr std::string_view kThriftBytes{"\x00\x01\x02\x0f\x15\x16\x18\x19\x1c\x7f\x80\xf5\xfc\xff",
                                        14};

namespace fs = std::filesystem;

int RunInput(const std::string& input) {
  return fuzz::RunParquetMetadataFuzzInput(reinterpret_cast<const uint8_t*>(input.data()),
                                           input.size());
}

// Footers (metadata bytes), the first page header bytes of each chunk, and page indexes.
std::vector<std::string> Seeds() {
  std::vector<std::string> seeds;
  FileMetaData md;
  md.schema.resize(2);
  md.schema[0].name = "root";
  md.schema[0].num_children = 1;
  md.schema[1].name = "x";
  md.schema[1].type = PhysicalType::kInt64;
  seeds.push_back(EncodeFileMetaData(md));
  PageHeader h;
  h.data_page_header_v2 = DataPageHeaderV2{};
  seeds.push_back(EncodePageHeader(h));
  auto dir = testing::CorpusDir("parquet-testing");
  if (!dir) return seeds;
  for (const char* sub : {"/data", "/bad_data"}) {
    if (!fs::is_directory(*dir + sub)) continue;
    for (const auto& e : fs::recursive_directory_iterator(*dir + sub)) {
      if (!e.is_regular_file() || e.path().extension() != ".parquet") continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      const std::string file = ss.str();
      if (file.size() < 12) continue;
      auto len = ParseFooterTail(std::string_view(file).substr(file.size() - 8), file.size(), "");
      if (!len.ok()) continue;
      const std::string footer = file.substr(file.size() - 8 - *len, *len);
      seeds.push_back(footer);
      auto decoded = DecodeFileMetaData(footer, "seed");
      if (!decoded.ok() || decoded->row_groups.empty()) continue;
      if (decoded->row_groups[0].columns.empty()) continue;
      const ColumnChunk& c = decoded->row_groups[0].columns[0];
      if (!c.meta_data) continue;
      auto slice = [&](int64_t offset, int64_t length) {
        if (offset < 0 || length < 0 || static_cast<uint64_t>(offset) > file.size()) return;
        seeds.push_back(file.substr(offset, length));
      };
      const int64_t start = c.meta_data->dictionary_page_offset.value_or(0) > 0
                                ? *c.meta_data->dictionary_page_offset
                                : c.meta_data->data_page_offset;
      slice(start, 64);
      if (c.column_index_offset && c.column_index_length) {
        slice(*c.column_index_offset, *c.column_index_length);
      }
      if (c.offset_index_offset && c.offset_index_length) {
        slice(*c.offset_index_offset, *c.offset_index_length);
      }
    }
  }
  return seeds;
}

TEST(ParquetMetadataFuzzSmokeTest, SeedsAndMutationsKeepTheInvariants) {
  const std::vector<std::string> seeds = Seeds();
  if (seeds.size() < 10) std::printf("parquet-testing corpus absent: synthetic seeds only\n");
  std::mt19937 rng(1481);
  int runs = 0, accepted = 0, rejected = 0;
  auto count = [&](const std::string& input) {
    const int n = RunInput(input);
    accepted += n;
    rejected += 4 - n;
    ++runs;
  };
  for (const std::string& s : seeds) count(s);
  for (int i = 0; i < 4000; ++i) {
    std::string m = seeds[rng() % seeds.size()];
    for (int k = 0; k <= static_cast<int>(rng() % 3); ++k)
      m = ::testing::MutateInput(std::move(m), rng, kThriftBytes);
    count(m);
  }
  EXPECT_EQ(runs, static_cast<int>(seeds.size()) + 4000);
  EXPECT_GT(accepted, 100);
  EXPECT_GT(rejected, 1000);
  std::printf(
      "parquet metadata fuzz smoke: %d inputs (%zu seeds), %d decodes accepted, %d "
      "rejected\n",
      runs, seeds.size(), accepted, rejected);
}

}  // namespace
}  // namespace s3c::formats::parquet
