#include "s3c/store/object_transfer.h"

#include <fmt/format.h>

#include <mutex>

#include "s3c/io/local_file.h"
#include "s3c/store/s3_object_store.h"

namespace s3c {
namespace {

constexpr size_t kReadAheadBytes = 64u << 20;
constexpr size_t kCopyChunkBytes = 4u << 20;

// Downloads into a local file take the bytes of every range at their offsets, straight from the
// transport (ObjectStore::ReadInto + OutputStream::WriteAt): no range buffers and no hand-over
// between threads. Measured on a 1 GiB download (RGW on loopback, 2 cores): the buffered
// stream's range buffers (64 MiB of fresh memory per process) and its extra copy cost about a
// fifth of the client's CPU. Objects of one range go the stream way, so that a recursive
// download of many small objects keeps writing its files from several threads.
constexpr uint64_t kOffsetWriteMinBytes = 16u << 20;

Status CheckCancelled(const TransferCallbacks& cb) {
  if (cb.cancelled && cb.cancelled()) return CancelledError("transfer cancelled");
  return Status::OK();
}

void AddBytes(const TransferCallbacks& cb, uint64_t n) {
  if (cb.on_bytes) cb.on_bytes(n);
}

void AddTotals(const TransferCallbacks& cb, uint64_t bytes) {
  if (cb.on_totals) cb.on_totals(bytes, 0);
}

std::string BaseName(const std::string& key) {
  size_t slash = key.rfind('/');
  return slash == std::string::npos ? key : key.substr(slash + 1);
}

Status ServerSideCopy(const StoreLocation& src, const StoreLocation& dst,
                      const TransferItem& item, const TransferCallbacks& cb) {
  auto* from = dynamic_cast<S3ObjectStore*>(src.store);
  auto* to = dynamic_cast<S3ObjectStore*>(dst.store);
  if (from == nullptr || to == nullptr) {
    return InvalidArgumentError(fmt::format("server-side copy from {} to {}: both ends must be "
                                            "S3 stores", src.uri, dst.uri));
  }
  // The listing or the Stat already gave size and ETag: no second HEAD inside the copy.
  S3C_RETURN_IF_ERROR(to->CopyFrom(*from, item.src_key, item.dst_key, item.src_info));
  if (item.src_info) AddBytes(cb, item.src_info->size);
  return Status::OK();
}

Result<std::unique_ptr<InputStream>> OpenSource(const StoreLocation& src,
                                                const TransferItem& item) {
  if (src.is_stdio()) return OpenLocalInput(src.stream_path);
  ReadOptions opts;
  if (item.src_info && !item.src_info->etag.empty()) opts.if_match = item.src_info->etag;
  // Keep several ranged GETs in flight (the store caps it at its concurrency): one 8 MiB range
  // at a time leaves most of the link idle. Memory stays bounded by this read-ahead.
  opts.readahead_bytes = kReadAheadBytes;
  return src.store->OpenInput(item.src_key, opts);
}

Result<std::unique_ptr<OutputStream>> OpenDestination(const StoreLocation& dst,
                                                      const TransferItem& item) {
  if (dst.is_stdio()) return OpenLocalOutput(dst.stream_path);
  WriteOptions opts;
  if (item.src_info) opts.size_hint = item.src_info->size;
  return dst.store->OpenOutput(item.dst_key, opts);
}

bool WritesAtOffsets(const StoreLocation& src, const StoreLocation& dst,
                     const TransferItem& item) {
  // Local files take positional writes (LocalObjectStore's writer); stdout and devices do not.
  return src.is_s3() && dst.kind == StoreKind::kLocal &&
         (!item.src_info || item.src_info->size > kOffsetWriteMinBytes);
}

// The destination of an offset-write download, opened when the first byte arrives (or the object
// turns out empty), so that a missing source creates no file and no folders. Thread-safe.
class LazyDestination {
 public:
  LazyDestination(const StoreLocation& dst, const TransferItem& item) : dst_(dst), item_(item) {}
  Result<OutputStream*> Get() {
    std::call_once(once_, [this] {
      auto out = OpenDestination(dst_, item_);
      if (out.ok()) {
        out_ = std::move(out).value();
      } else {
        status_ = out.status();
      }
    });
    if (!status_.ok()) return status_;
    return out_.get();
  }

 private:
  const StoreLocation& dst_;
  const TransferItem& item_;
  std::once_flag once_;
  std::unique_ptr<OutputStream> out_;  // destroyed unclosed on failure: nothing is published
  Status status_;
};

Status DownloadAtOffsets(const StoreLocation& src, const StoreLocation& dst,
                         const TransferItem& item, const TransferCallbacks& cb) {
  ReadOptions opts;
  if (item.src_info && !item.src_info->etag.empty()) opts.if_match = item.src_info->etag;
  opts.readahead_bytes = kReadAheadBytes;
  LazyDestination dest(dst, item);
  auto sink = [&dest, &cb](uint64_t offset, const char* data, size_t n) -> Status {
    S3C_RETURN_IF_ERROR(CheckCancelled(cb));
    S3C_ASSIGN_OR_RETURN(OutputStream * out, dest.Get());
    S3C_RETURN_IF_ERROR(out->WriteAt(offset, data, n));
    AddBytes(cb, n);
    return Status::OK();
  };
  auto on_info = [&](const ObjectInfo& info) {
    if (!item.src_info) AddTotals(cb, info.size);
  };
  Result<ObjectInfo> info = src.store->ReadInto(item.src_key, opts, sink, on_info);
  S3C_RETURN_IF_ERROR(CheckCancelled(cb));
  if (!info.ok()) return info.status();
  if (item.src_info && info->size != item.src_info->size) {
    return DataLossError(fmt::format("{}: {} bytes, the listing said {}", src.UriOf(item.src_key),
                                     info->size, item.src_info->size));
  }
  S3C_ASSIGN_OR_RETURN(OutputStream * out, dest.Get());  // an empty object opens it here
  return out->Close();
}

Status StreamCopy(const StoreLocation& src, const StoreLocation& dst, const TransferItem& item,
                  const TransferCallbacks& cb) {
  S3C_ASSIGN_OR_RETURN(auto in, OpenSource(src, item));
  // Without a listing or a Stat, the source's first response gave the size.
  std::optional<uint64_t> expected =
      item.src_info ? std::optional<uint64_t>(item.src_info->size) : in->KnownSize();
  if (!item.src_info && expected) AddTotals(cb, *expected);
  S3C_ASSIGN_OR_RETURN(auto out, OpenDestination(dst, item));
  uint64_t copied = 0;
  while (true) {
    S3C_RETURN_IF_ERROR(CheckCancelled(cb));  // returning destroys `out`, which aborts it
    // A view of the source's own buffer: S3 downloads go from the received range to write(2)
    // without another copy.
    S3C_ASSIGN_OR_RETURN(std::string_view chunk, in->ReadView(kCopyChunkBytes));
    if (chunk.empty()) break;
    S3C_RETURN_IF_ERROR(out->Write(chunk.data(), chunk.size()));
    copied += chunk.size();
    AddBytes(cb, chunk.size());
  }
  // A cancel that came while the last read waited for end of input must still abort.
  S3C_RETURN_IF_ERROR(CheckCancelled(cb));
  // A source that ends early (a truncated body the transport did not notice) must not publish
  // a short object as if it were complete.
  if (expected && copied != *expected) {
    out->Abort();
    return DataLossError(
        fmt::format("{}: read {} bytes of {}", src.UriOf(item.src_key), copied, *expected));
  }
  return out->Close();
}

}  // namespace

std::string JoinKey(const std::string& prefix, const std::string& rest) {
  if (prefix.empty() || prefix.back() == '/') return prefix + rest;
  return prefix + "/" + rest;
}

Result<TransferItem> PlanObjectTransfer(const StoreLocation& src, const StoreLocation& dst) {
  if (!src.is_stdio() && (src.folder_like || src.key.empty())) {
    return InvalidArgumentError(fmt::format("{} is a folder or prefix, not one object", src.uri));
  }
  TransferItem item;
  item.src_key = src.key;
  bool download = src.is_s3() && !dst.is_s3();
  if (!src.is_stdio() && !download) {
    S3C_ASSIGN_OR_RETURN(ObjectInfo info, src.store->Stat(src.key));
    item.src_info = info;
  }
  if (dst.is_stdio()) {
    item.dst_key = "-";
  } else if (dst.folder_like || dst.key.empty()) {
    item.dst_key = JoinKey(dst.key, src.is_stdio() ? "stdin" : BaseName(src.key));
  } else {
    item.dst_key = dst.key;
  }
  return item;
}

Status TransferObject(const StoreLocation& src, const StoreLocation& dst,
                      const TransferItem& item, const TransferCallbacks& callbacks) {
  S3C_RETURN_IF_ERROR(CheckCancelled(callbacks));
  if (src.is_s3() && dst.is_s3()) return ServerSideCopy(src, dst, item, callbacks);
  if (WritesAtOffsets(src, dst, item)) return DownloadAtOffsets(src, dst, item, callbacks);
  return StreamCopy(src, dst, item, callbacks);
}

}  // namespace s3c
