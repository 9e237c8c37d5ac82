// MakeStdoutStream and RenderTable (batch_output.h).
#include "batch_output.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>

#include "output.h"
#include "read_options.h"
#include "s3c/formats/option_names.h"
#include "s3c/columnar/array_binary.h"
#include "s3c/columnar/pretty_print.h"

namespace s3c::cli {
namespace {

class StdoutStream final : public OutputStream {
 public:
  Status Write(const void* data, size_t n) override {
    return WriteStdout(std::string_view(static_cast<const char*>(data), n));
  }
  Status Close() override { return Status::OK(); }
  void Abort() override {}
};

// Display width in code points (UTF-8 continuation bytes do not count).
size_t Width(std::string_view s) {
  size_t w = 0;
  for (unsigned char c : s) w += (c & 0xC0) != 0x80;
  return w;
}

std::string Cell(const columnar::Array& array, int64_t row, size_t max_cell) {
  if (array.IsNull(row)) return "NULL";
  std::string text;
  columnar::TypeId id = array.type().id();
  if (id == columnar::TypeId::kString) {
    text = std::string(static_cast<const columnar::StringArray&>(array).GetView(row));
  } else if (id == columnar::TypeId::kLargeString) {
    text = std::string(static_cast<const columnar::LargeStringArray&>(array).GetView(row));
  } else {
    text = columnar::FormatElement(array, row);
  }
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  if (Width(text) > max_cell) {
    size_t cut = 0;
    size_t w = 0;
    while (cut < text.size() && w < max_cell - 3) {
      ++cut;
      while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) ++cut;
      ++w;
    }
    text = text.substr(0, cut) + "...";
  }
  return text;
}

}  // namespace

void AddJsonOutputFlags(CLI::App& cmd, std::string* non_finite) {
  cmd.add_option("--json-non-finite", *non_finite,
                 "JSON output of NaN and infinities: tokens (NaN, Infinity, -Infinity; as Python "
                 "and DuckDB), null or strings (strict JSON)")
      ->capture_default_str();
}

Status ApplyJsonOutputFlags(const std::string& non_finite, formats::FormatWriteOptions* options) {
  S3C_ASSIGN_OR_RETURN(
      options->json.non_finite,
      PrefixError("--json-non-finite: ", formats::ParseNonFiniteFloats(non_finite)));
  return Status::OK();
}

std::unique_ptr<OutputStream> MakeStdoutStream() { return std::make_unique<StdoutStream>(); }

std::string RenderTable(const formats::Schema& schema,
                        const std::vector<std::shared_ptr<formats::RecordBatch>>& batches,
                        size_t max_cell) {
  size_t ncols = static_cast<size_t>(schema.num_fields());
  std::vector<std::vector<std::string>> rows;
  rows.emplace_back();
  rows.emplace_back();
  for (size_t c = 0; c < ncols; ++c) {
    rows[0].push_back(schema.field(static_cast<int>(c)).name());
    rows[1].push_back(schema.field(static_cast<int>(c)).type().ToString());
  }
  for (const auto& batch : batches) {
    for (int64_t r = 0; r < batch->num_rows(); ++r) {
      std::vector<std::string> row;
      for (size_t c = 0; c < ncols; ++c) {
        row.push_back(Cell(*batch->column(static_cast<int>(c)), r, max_cell));
      }
      rows.push_back(std::move(row));
    }
  }
  std::vector<size_t> widths(ncols, 0);
  for (const auto& row : rows) {
    for (size_t c = 0; c < ncols; ++c) widths[c] = std::max(widths[c], Width(row[c]));
  }
  std::string out;
  auto rule = [&] {
    for (size_t c = 0; c < ncols; ++c) out += (c ? "-+-" : "") + std::string(widths[c], '-');
    out += "\n";
  };
  for (size_t i = 0; i < rows.size(); ++i) {
    for (size_t c = 0; c < ncols; ++c) {
      out += (c ? " | " : "") + rows[i][c] + std::string(widths[c] - Width(rows[i][c]), ' ');
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += "\n";
    if (i == 1) rule();
  }
  return out;
}

}  // namespace s3c::cli
