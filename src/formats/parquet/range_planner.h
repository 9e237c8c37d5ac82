// Plans and fetches the byte ranges of the column chunks a read needs (remote
// economy). Nearby ranges are merged into one read when the gap between them is at most
// merge_gap and the merged read stays within max_range_bytes; up to max_in_flight of the merged
// reads are then in flight at once: started with ReadAtAsync from the calling thread when the file
// reads asynchronously (S3: no thread per read), else as ReadAt tasks on the shared CPU pool
// (common/executor.h; RandomAccessFile is thread-safe). Callers decode from views into the
// fetched buffers.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "s3c/common/status.h"
#include "s3c/io/streams.h"

namespace s3c::formats::parquet {

struct ByteRange {
  uint64_t offset = 0;
  uint64_t length = 0;
  uint64_t end() const { return offset + length; }
  friend bool operator==(const ByteRange& a, const ByteRange& b) {
    return a.offset == b.offset && a.length == b.length;
  }
};

struct RangePlan {
  std::vector<ByteRange> reads;  // what to fetch, ascending by offset
  // For each requested range (same index as the input): which read holds it and where.
  struct Slot {
    size_t read = 0;
    uint64_t offset_in_read = 0;
  };
  std::vector<Slot> slots;
};

// Merges `ranges` (any order; empty ranges are served without a read) into reads. A single
// range longer than max_range_bytes is read alone, never split. Overlapping ranges share a read
// when the union fits max_range_bytes.
RangePlan PlanRanges(const std::vector<ByteRange>& ranges, uint64_t merge_gap,
                     uint64_t max_range_bytes);

// Bytes of the file already in memory: what the open's first read brought (the footer's tail, or
// the whole file when it is small: ParquetReadOptions::whole_object_bytes). A planned read that
// lies inside them is copied from them: no ReadAt, not counted.
struct HeldBytes {
  uint64_t offset = 0;  // in the file
  uint64_t size = 0;
  std::shared_ptr<const char[]> data;
  bool Holds(const ByteRange& r) const {
    return data != nullptr && r.offset >= offset && r.end() <= offset + size;
  }
  std::string_view View(const ByteRange& r) const {  // r must be held
    return std::string_view(data.get() + (r.offset - offset), r.length);
  }
};

// The fetched bytes of a plan; View(i) is requested range i. Read r is buffers[r], or, when
// that is empty and `held` holds the read, a view into `held` (kept alive here).
class FetchedRanges {
 public:
  FetchedRanges() = default;
  FetchedRanges(RangePlan plan, std::vector<std::string> buffers, std::vector<ByteRange> ranges,
                HeldBytes held = {})
      : plan_(std::move(plan)),
        buffers_(std::move(buffers)),
        ranges_(std::move(ranges)),
        held_(std::move(held)) {}
  std::string_view View(size_t i) const;
  uint64_t bytes_fetched() const;  // bytes of the reads, held ones included

 private:
  std::string_view Read(size_t r) const;

  RangePlan plan_;
  std::vector<std::string> buffers_;
  std::vector<ByteRange> ranges_;
  HeldBytes held_;
};

struct FetchCounters {
  int64_t reads = 0;
  int64_t bytes = 0;
};

// Plans and fetches `ranges` from `file`. A short read (the file ends inside a range) is
// DataLoss naming `object_name`; a failed ReadAt returns its Status (e.g. Aborted when an
// ETag-pinned object was replaced). counters receives the ReadAt calls made and bytes returned;
// merged reads inside `held` are served from it instead.
Result<FetchedRanges> FetchRanges(RandomAccessFile& file, const std::vector<ByteRange>& ranges,
                                  uint64_t merge_gap, uint64_t max_range_bytes, int max_in_flight,
                                  std::string_view object_name, FetchCounters* counters,
                                  const HeldBytes& held = {});

}  // namespace s3c::formats::parquet
