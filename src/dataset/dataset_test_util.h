// Test helpers of the dataset tests: a reader's batches as text (support/batch_text.h), the
// keys a discovery found.
#pragma once

#include <string>
#include <vector>

#include "s3c/dataset/discovery.h"
#include "support/batch_text.h"

namespace s3c::dataset {

using testing::ReadAllText;

inline std::vector<std::string> Keys(const DiscoveredDataset& d) {
  std::vector<std::string> keys;
  for (const auto& o : d.objects) keys.push_back(o.key);
  return keys;
}

}  // namespace s3c::dataset
