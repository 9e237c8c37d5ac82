// ArrayData: the physical description of one array in the Arrow memory layout
// (Arrow Columnar Format, "Physical Memory Layout"). Buffers per type:
//   null                      : none (every slot is null)
//   bool, fixed-width, decimal: [validity, values]
//   string, large_string, binary: [validity, offsets, data]
//   list, map                 : [validity, offsets] + 1 child (map: the entries struct)
//   struct                    : [validity] + 1 child per field
// The validity buffer may be nullptr when null_count == 0. `offset` is the logical start
// inside every buffer (zero-copy slicing); for struct arrays element i of the array is element
// offset + i of each child.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "s3c/columnar/buffer.h"
#include "s3c/columnar/data_type.h"

namespace s3c::columnar {

struct ArrayData {
  DataType type;
  int64_t length = 0;
  int64_t null_count = 0;
  int64_t offset = 0;
  std::vector<std::shared_ptr<Buffer>> buffers;
  std::vector<std::shared_ptr<ArrayData>> children;

  static std::shared_ptr<ArrayData> Make(DataType type, int64_t length,
                                         std::vector<std::shared_ptr<Buffer>> buffers,
                                         int64_t null_count, int64_t offset = 0,
                                         std::vector<std::shared_ptr<ArrayData>> children = {});

  // Validity bitmap bytes (bit `offset` is element 0), or nullptr when absent.
  const uint8_t* validity() const {
    return !buffers.empty() && buffers[0] ? buffers[0]->data() : nullptr;
  }
  // Buffer i viewed as T values, already advanced by `offset`.
  template <typename T>
  const T* GetValues(int i) const {
    const auto& b = buffers[static_cast<size_t>(i)];
    return b ? b->data_as<T>() + offset : nullptr;
  }

  // Zero-copy view of [offset, offset + length) of this array, clamped to its bounds; the null
  // count is recomputed from the bitmap.
  std::shared_ptr<ArrayData> Slice(int64_t offset, int64_t length) const;
};

// Number of buffers of the layout of `id` (see above), the validity buffer included.
int NumBuffers(TypeId id);

}  // namespace s3c::columnar
