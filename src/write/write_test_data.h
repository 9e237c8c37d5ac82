// Test helper of the write tests: batches of known rows, and reading a written dataset back
// through dataset's reader as sorted row texts.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "s3c/columnar/array_binary.h"
#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/builder_primitive.h"
#include "s3c/columnar/pretty_print.h"
#include "s3c/columnar/record_batch.h"
#include "s3c/columnar/schema.h"
#include "s3c/dataset/lake_read.h"
#include "s3c/store/store_resolver.h"

namespace s3c::write {

struct TestRow {
  int64_t id;
  std::optional<std::string> region;
  std::string note;
};

inline std::shared_ptr<columnar::Schema> TestSchema() {
  return columnar::MakeSchema({columnar::Field("id", columnar::Int64()),
                               columnar::Field("region", columnar::String()),
                               columnar::Field("note", columnar::String())});
}

inline std::shared_ptr<columnar::RecordBatch> TestBatch(const std::vector<TestRow>& rows) {
  columnar::Int64Builder ids;
  columnar::StringBuilder regions, notes;
  for (const TestRow& r : rows) {
    ids.Append(r.id);
    if (r.region) {
      regions.Append(*r.region);
    } else {
      regions.AppendNull();
    }
    notes.Append(r.note);
  }
  auto batch = columnar::RecordBatch::Make(
      TestSchema(), {*ids.Finish(), *regions.Finish(), *notes.Finish()},
      static_cast<int64_t>(rows.size()));
  EXPECT_TRUE(batch.ok()) << batch.status().ToString();
  return *batch;
}

// `n` rows with ids from `first`, regions cycling through `regions`, notes of `note_bytes`.
inline std::vector<TestRow> TestRows(int64_t first, int64_t n,
                                     const std::vector<std::optional<std::string>>& regions,
                                     size_t note_bytes = 8) {
  std::vector<TestRow> rows;
  for (int64_t i = 0; i < n; ++i) {
    int64_t id = first + i;
    std::string note = "n" + std::to_string(id);
    note.resize(std::max(note.size(), note_bytes), 'x');
    rows.push_back({id, regions[static_cast<size_t>(id) % regions.size()], note});
  }
  return rows;
}

// Every row of the dataset under `uri` as "id|region|note" (raw text, "null" for NULL), sorted;
// reads the columns by name, so partition columns come back from the folder names (`region`,
// when it is a partition, is read as a string rather than typed by autocast).
inline std::vector<std::string> ReadBackRows(StoreResolver& stores, const std::string& uri,
                                             std::optional<formats::FileFormat> format,
                                             bool region_is_a_partition = true) {
  dataset::LakeReadOptions options;
  options.scan.dataset.format = format;
  if (region_is_a_partition) {
    options.scan.dataset.partitioning.types["region"] = columnar::String();
  }
  options.scan.columns = {"id", "region", "note"};
  auto lake = dataset::OpenLakeRead(stores, uri, options);
  EXPECT_TRUE(lake.ok()) << lake.status().ToString();
  if (!lake.ok()) return {};
  std::vector<std::string> out;
  while (true) {
    auto batch = lake->scan->Next();
    EXPECT_TRUE(batch.ok()) << batch.status().ToString();
    if (!batch.ok() || *batch == nullptr) break;
    const auto& b = **batch;
    for (int64_t r = 0; r < b.num_rows(); ++r) {
      std::string row;
      for (int c = 0; c < b.num_columns(); ++c) {
        if (c > 0) row += "|";
        const auto& col = *b.column(c);
        if (col.IsNull(r)) {
          row += "null";
        } else if (col.type().id() == columnar::TypeId::kString) {
          row += static_cast<const columnar::StringArray&>(col).GetView(r);
        } else {
          row += columnar::FormatElement(col, r);
        }
      }
      out.push_back(row);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

inline std::vector<std::string> ExpectedRows(const std::vector<TestRow>& rows) {
  std::vector<std::string> out;
  for (const TestRow& r : rows) {
    out.push_back(std::to_string(r.id) + "|" + (r.region ? *r.region : "null") + "|" + r.note);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace s3c::write
