#include "formats/parquet/decode_context.h"

#include <fmt/format.h>

namespace s3c::formats::parquet {
namespace {

std::string Where(const DecodeContext& ctx, int64_t file_offset) {
  if (file_offset < 0) {
    return fmt::format("{}: column {}, row group {}", ctx.object_name, ctx.column, ctx.row_group);
  }
  return fmt::format("{}: column {}, row group {}, page at byte {}", ctx.object_name, ctx.column,
                     ctx.row_group, file_offset);
}

}  // namespace

Status DecodeContext::Error(int64_t file_offset, std::string_view what) const {
  return DataLossError(fmt::format("{}: {}", Where(*this, file_offset), what));
}

Status DecodeContext::Wrap(int64_t file_offset, const Status& status) const {
  if (status.ok()) return status;
  StatusCode code = status.code();
  if (code != StatusCode::kUnimplemented) code = StatusCode::kDataLoss;
  return Status(code, fmt::format("{}: {}", Where(*this, file_offset), status.message()));
}

}  // namespace s3c::formats::parquet
