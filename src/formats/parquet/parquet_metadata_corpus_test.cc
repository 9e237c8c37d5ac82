// The metadata decoders over the parquet-testing corpus (../shared/corpora/parquet-testing):
// every footer, the first page header of every column chunk, the page index where present, and
// the deliberately broken files of bad_data.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "formats/parquet/parquet_metadata.h"
#include "support/corpus.h"

namespace s3c::formats::parquet {
namespace {

namespace fs = std::filesystem;

std::string ReadWhole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Files named *.parquet or *.parquet.encrypted under `dir`, by relative path.
std::vector<std::string> ParquetFiles(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    const bool parquet = name.ends_with(".parquet") || name.ends_with(".parquet.encrypted");
    if (e.is_regular_file() && parquet) out.push_back(fs::relative(e.path(), dir).string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The footer of a whole file: its metadata, or the error of the tail or of the decoder.
Result<FileMetaData> DecodeFooter(const std::string& file, const std::string& name) {
  if (file.size() < 8) return InvalidArgumentError("shorter than 8 bytes");
  S3C_ASSIGN_OR_RETURN(uint32_t len, ParseFooterTail(std::string_view(file).substr(file.size() - 8),
                                                     file.size(), name));
  return DecodeFileMetaData(std::string_view(file).substr(file.size() - 8 - len, len), name);
}

bool IsEncrypted(const FileMetaData& md) {
  if (md.has_encryption_algorithm) return true;
  for (const RowGroup& g : md.row_groups) {
    for (const ColumnChunk& c : g.columns) {
      if (c.has_crypto_metadata) return true;
    }
  }
  return false;
}

// Walks the depth-first schema: every group's num_children must account for exactly the
// elements after it. Collects the path and the element index of every leaf.
bool WalkSchema(const std::vector<SchemaElement>& schema, size_t* at,
                std::vector<std::string>* path, std::vector<std::vector<std::string>>* leaves,
                std::vector<size_t>* leaf_elements) {
  if (*at >= schema.size()) return false;
  const size_t index = (*at)++;
  const SchemaElement& e = schema[index];
  if (index > 0) path->push_back(e.name);
  if (e.num_children) {
    if (*e.num_children < 0 || e.type) return false;
    for (int32_t i = 0; i < *e.num_children; ++i) {
      if (!WalkSchema(schema, at, path, leaves, leaf_elements)) return false;
    }
  } else {
    if (!e.type || index == 0) return false;
    leaves->push_back(*path);
    leaf_elements->push_back(index);
  }
  if (index > 0) path->pop_back();
  return true;
}

std::string ChunkStart(const ColumnMetaData& m, int64_t* start) {
  *start = m.data_page_offset;
  // A dictionary page comes first when there is one; 0 is what some writers put for "none".
  // A chunk without data pages (column_chunk_key_value_metadata.parquet) has data_page_offset 0.
  if (m.dictionary_page_offset && *m.dictionary_page_offset > 0 &&
      (*m.dictionary_page_offset < m.data_page_offset || m.data_page_offset < 4)) {
    *start = *m.dictionary_page_offset;
    return "dictionary_page_offset";
  }
  return "data_page_offset";
}

const char* const kEncrypted[] = {
    "aes256/encrypt_columns_and_footer.parquet.encrypted",
    "aes256/encrypt_columns_and_footer_ctr.parquet.encrypted",
    "aes256/encrypt_columns_and_footer_disable_aad_storage.parquet.encrypted",
    "aes256/encrypt_columns_plaintext_footer.parquet.encrypted",
    "aes256/uniform_encryption.parquet.encrypted",
    "encrypt_columns_and_footer.parquet.encrypted",
    "encrypt_columns_and_footer_aad.parquet.encrypted",
    "encrypt_columns_and_footer_bloom_filter.parquet.encrypted",
    "encrypt_columns_and_footer_ctr.parquet.encrypted",
    "encrypt_columns_and_footer_disable_aad_storage.parquet.encrypted",
    "encrypt_columns_plaintext_footer.parquet.encrypted",
    "external_key_material_java.parquet.encrypted",
    "uniform_encryption.parquet.encrypted",
};
// The two with a plaintext footer: they decode, and say they are encrypted.
const char* const kPlaintextFooter[] = {
    "aes256/encrypt_columns_plaintext_footer.parquet.encrypted",
    "encrypt_columns_plaintext_footer.parquet.encrypted",
};

TEST(ParquetMetadataCorpusTest, EveryFooterDecodesOrIsNamedEncrypted) {
  S3C_CORPUS_DIR_OR_SKIP(dir, "parquet-testing/data");
  std::set<std::string> encrypted, plaintext_footer;
  int plain = 0;
  for (const std::string& name : ParquetFiles(dir)) {
    SCOPED_TRACE(name);
    const std::string file = ReadWhole(dir + "/" + name);
    auto md = DecodeFooter(file, name);
    if (!md.ok()) {
      EXPECT_EQ(md.status().code(), StatusCode::kInvalidArgument);
      EXPECT_EQ(md.status().message(), "encrypted Parquet is not supported: " + name);
      encrypted.insert(name);
      continue;
    }
    if (IsEncrypted(*md)) {
      encrypted.insert(name);
      plaintext_footer.insert(name);
      EXPECT_TRUE(md->has_encryption_algorithm);
      continue;
    }
    ++plain;
    int64_t rows = 0;
    for (const RowGroup& g : md->row_groups) rows += g.num_rows;
    if (name == "repeated_no_annotation.parquet") {
      // Its writer left FileMetaData.num_rows at 0 (the row groups hold 6 rows).
      EXPECT_EQ(md->num_rows, 0);
      EXPECT_EQ(rows, 6);
    } else {
      EXPECT_EQ(md->num_rows, rows);
    }
    size_t at = 0;
    std::vector<std::string> path;
    std::vector<std::vector<std::string>> leaves;
    std::vector<size_t> leaf_elements;
    ASSERT_TRUE(WalkSchema(md->schema, &at, &path, &leaves, &leaf_elements));
    EXPECT_EQ(at, md->schema.size()) << "elements left after the root's subtree";
    for (const RowGroup& g : md->row_groups) {
      ASSERT_EQ(g.columns.size(), leaves.size());
      for (size_t c = 0; c < g.columns.size(); ++c) {
        ASSERT_TRUE(g.columns[c].meta_data.has_value());
        EXPECT_EQ(g.columns[c].meta_data->path_in_schema, leaves[c]);
        EXPECT_EQ(g.columns[c].meta_data->type, *md->schema[leaf_elements[c]].type);
      }
    }
    // Re-encoding what was decoded decodes to the same values.
    auto again = DecodeFileMetaData(EncodeFileMetaData(*md), name);
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_TRUE(*again == *md);
  }
  EXPECT_EQ(encrypted, std::set<std::string>(std::begin(kEncrypted), std::end(kEncrypted)));
  EXPECT_EQ(plaintext_footer,
            std::set<std::string>(std::begin(kPlaintextFooter), std::end(kPlaintextFooter)));
  EXPECT_EQ(plain, 75);
  std::printf(
      "parquet-testing/data: %d plain footers decoded, %zu encrypted files identified "
      "(%zu with a plaintext footer)\n",
      plain, encrypted.size(), plaintext_footer.size());
}

TEST(ParquetMetadataCorpusTest, FirstPageHeaderOfEveryColumnChunk) {
  S3C_CORPUS_DIR_OR_SKIP(dir, "parquet-testing/data");
  int chunks = 0, dictionary_pages = 0, data_pages = 0, column_indexes = 0, offset_indexes = 0;
  for (const std::string& name : ParquetFiles(dir)) {
    const std::string file = ReadWhole(dir + "/" + name);
    auto md = DecodeFooter(file, name);
    if (!md.ok() || IsEncrypted(*md)) continue;
    const std::string_view bytes(file);
    for (size_t g = 0; g < md->row_groups.size(); ++g) {
      for (size_t c = 0; c < md->row_groups[g].columns.size(); ++c) {
        const ColumnChunk& chunk = md->row_groups[g].columns[c];
        SCOPED_TRACE(name + " row group " + std::to_string(g) + " column " + std::to_string(c));
        int64_t start = 0;
        const std::string from = ChunkStart(*chunk.meta_data, &start);
        ASSERT_GE(start, 4);
        ASSERT_LT(static_cast<uint64_t>(start), file.size());
        size_t header_size = 0;
        auto h = DecodePageHeader(bytes.substr(start), &header_size, name);
        ASSERT_TRUE(h.ok()) << from << " " << start << ": " << h.status().ToString();
        ++chunks;
        switch (h->type) {
          case PageType::kDictionaryPage:
            EXPECT_TRUE(h->dictionary_page_header.has_value());
            ++dictionary_pages;
            break;
          case PageType::kDataPage:
            EXPECT_TRUE(h->data_page_header.has_value());
            ++data_pages;
            break;
          case PageType::kDataPageV2:
            EXPECT_TRUE(h->data_page_header_v2.has_value());
            ++data_pages;
            break;
          default:
            ADD_FAILURE() << "page type " << static_cast<int>(h->type) << " at " << from;
        }
        EXPECT_GE(h->compressed_page_size, 0);
        EXPECT_LE(start + header_size + h->compressed_page_size, file.size() - 8);
        if (chunk.column_index_offset && chunk.column_index_length) {
          auto ci = DecodeColumnIndex(
              bytes.substr(*chunk.column_index_offset, *chunk.column_index_length), name);
          ASSERT_TRUE(ci.ok()) << ci.status().ToString();
          EXPECT_EQ(ci->min_values.size(), ci->null_pages.size());
          EXPECT_EQ(ci->max_values.size(), ci->null_pages.size());
          ++column_indexes;
        }
        if (chunk.offset_index_offset && chunk.offset_index_length) {
          auto oi = DecodeOffsetIndex(
              bytes.substr(*chunk.offset_index_offset, *chunk.offset_index_length), name);
          ASSERT_TRUE(oi.ok()) << oi.status().ToString();
          ASSERT_FALSE(oi->page_locations.empty());
          EXPECT_GE(oi->page_locations[0].offset, start);
          EXPECT_EQ(oi->page_locations[0].first_row_index, 0);
          ++offset_indexes;
        }
      }
    }
  }
  EXPECT_GT(chunks, 300);
  EXPECT_GT(dictionary_pages, 50);
  EXPECT_GT(data_pages, 50);
  EXPECT_GT(offset_indexes, 10);
  std::printf(
      "first page headers: %d column chunks (%d dictionary, %d data); page index: %d "
      "column indexes, %d offset indexes\n",
      chunks, dictionary_pages, data_pages, column_indexes, offset_indexes);
}

// Footer and first page headers of a bad_data file, as one line for the test output.
std::string DescribeBadFile(const std::string& file, const std::string& name, int* errors) {
  auto md = DecodeFooter(file, name);
  if (!md.ok()) {
    ++*errors;
    EXPECT_FALSE(md.status().message().empty());
    return "footer error: " + md.status().ToString();
  }
  int ok = 0, bad = 0;
  std::string first_error;
  for (const RowGroup& g : md->row_groups) {
    for (const ColumnChunk& c : g.columns) {
      if (!c.meta_data) continue;
      int64_t start = 0;
      ChunkStart(*c.meta_data, &start);
      if (start < 0 || static_cast<uint64_t>(start) >= file.size()) {
        ++bad;
        if (first_error.empty()) first_error = "page offset " + std::to_string(start) + " outside";
        continue;
      }
      size_t header_size = 0;
      auto h = DecodePageHeader(std::string_view(file).substr(start), &header_size, name);
      if (h.ok()) {
        ++ok;
      } else {
        ++bad;
        if (first_error.empty()) first_error = h.status().ToString();
      }
    }
  }
  *errors += bad;
  std::string out = "footer ok (" + std::to_string(md->row_groups.size()) + " row groups, " +
                    std::to_string(md->num_rows) +
                    " rows); first page headers: " + std::to_string(ok) + " ok, " +
                    std::to_string(bad) + " errors";
  if (!first_error.empty()) out += " (" + first_error + ")";
  return out;
}

TEST(ParquetMetadataCorpusTest, BadDataNeverCrashes) {
  S3C_CORPUS_DIR_OR_SKIP(dir, "parquet-testing/bad_data");
  int files = 0, errors = 0;
  std::set<std::string> footer_errors;
  for (const std::string& name : ParquetFiles(dir)) {
    const std::string line = DescribeBadFile(ReadWhole(dir + "/" + name), name, &errors);
    std::printf("bad_data/%s: %s\n", name.c_str(), line.c_str());
    if (line.starts_with("footer error")) footer_errors.insert(name);
    ++files;
  }
  EXPECT_EQ(files, 8);
  // PARQUET-1481: SchemaElement.type -7. (ARROW-GH-41317 writes ColumnMetaData.encodings as
  // list<i16>, which decodes: the elements are varints either way.)
  EXPECT_EQ(footer_errors, std::set<std::string>{"PARQUET-1481.parquet"});
  std::printf("bad_data: %d files, %d errors reported as Status\n", files, errors);
}

}  // namespace
}  // namespace s3c::formats::parquet
