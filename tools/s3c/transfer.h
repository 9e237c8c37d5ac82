// Moving one object from a location to another: streamed through the stores (read-ahead on the
// source, multipart on an S3 destination), or a server-side copy when both ends are on S3.
// The destination publishes only when every byte arrived (writers commit in Close()).
#pragma once

#include <optional>
#include <string>

#include "cli_context.h"
#include "progress.h"

namespace s3c::cli {

struct TransferItem {
  std::string src_key;
  std::optional<ObjectInfo> src_info;  // from a listing: saves a HEAD
  std::string dst_key;
};

Status TransferObject(CliContext& ctx, const StoreLocation& src, const StoreLocation& dst,
                      const TransferItem& item, Progress& progress);

}  // namespace s3c::cli
