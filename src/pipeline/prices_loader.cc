// LoadPrices (loader_internal.h): the file's top-level `prices:` section, the prices a plan
// and a run's report use (request_cost.h), each a number >= 0, unknown keys reported.
#include <fmt/format.h>

#include "pipeline/loader_internal.h"
#include "pipeline/setting_keys.h"
#include "s3c/common/name_suggest.h"

namespace s3c::pipeline {

void LoadPrices(const ConfigNode& root, RequestPrices& prices, ConfigErrors& errors) {
  const ConfigEntry* section = root.Find("prices");
  if (section == nullptr) return;
  if (section->value.kind != ConfigNode::Kind::kMap) {
    errors.Add(section->value.position,
               fmt::format("prices: expected a map (tier1_per_1000, tier2_per_1000, "
                           "transfer_per_gb), got {}",
                           KindName(section->value.kind)));
    return;
  }
  struct Price {
    const char* key;
    double* value;
  };
  const Price known[] = {{"tier1_per_1000", &prices.tier1_per_1000},
                         {"tier2_per_1000", &prices.tier2_per_1000},
                         {"transfer_per_gb", &prices.transfer_per_gb}};
  std::vector<std::string> names;
  for (const Price& p : known) names.emplace_back(p.key);
  for (const ConfigEntry& e : section->value.entries) {
    const Price* price = nullptr;
    for (const Price& p : known) {
      if (e.key == p.key) price = &p;
    }
    if (price == nullptr) {
      errors.Add(e.key_position, fmt::format("unknown key '{}' in prices{}", e.key,
                                             DidYouMean(e.key, names)));
      continue;
    }
    const std::string key = fmt::format("prices.{}", e.key);
    Result<double> v = NumberValue(key, e.value);
    if (v.ok() && *v < 0) v = InvalidArgumentError(fmt::format("{}: a price is >= 0", key));
    if (!v.ok()) {
      errors.Add(e.value.position, v.status().message());
      continue;
    }
    *price->value = *v;
  }
}

}  // namespace s3c::pipeline
