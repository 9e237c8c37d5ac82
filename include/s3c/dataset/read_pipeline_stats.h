// Counters of a parallel dataset read (DatasetReader with ParallelReadOptions), for tests and
// `--stats`.
#pragma once

#include <cstdint>

namespace s3c::dataset {

struct ObjectPipelineStats {
  int peak_objects_in_flight = 0;  // objects opened and not yet finished at once
  int peak_decoding = 0;           // objects decoding at once
  uint64_t peak_memory_bytes = 0;  // the memory budget's peak (the next object's few queued
                                   // batches are outside it, see object_pipeline.h)
};

}  // namespace s3c::dataset
