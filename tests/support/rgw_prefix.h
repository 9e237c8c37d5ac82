// A fresh folder of the loopback RGW server's bucket, reached the way the CLI reaches S3 (a
// StoreResolver over RgwStackOptions): for tests of what sits on the store. Header-only:
// include it where s3c_store is linked.
#pragma once

#include <memory>
#include <string>

#include "s3c/store/store_resolver.h"
#include "support/rgw_stack.h"

namespace s3c::testing {

struct RgwPrefix {
  std::unique_ptr<StoreResolver> stores;
  std::string root;    // s3://bucket/<unique>/
  std::string prefix;  // <unique>/, the key of root in `store`
  ObjectStore* store = nullptr;
};

// A resolver made from `options`, its S3 settings those of `rgw` (only options.s3.part_size is
// kept), and a folder named UniqueName(`name`) in the test bucket (nothing is created: S3
// folders are key prefixes).
inline Result<RgwPrefix> OpenRgwPrefix(const RgwSettings& rgw, const std::string& name,
                                       StoreResolverOptions options = {}) {
  S3StackOptions s3 = RgwStackOptions(rgw);
  s3.part_size = options.s3.part_size;
  options.s3 = s3;
  RgwPrefix p;
  S3C_ASSIGN_OR_RETURN(p.stores, StoreResolver::Make(options, IsolatedAwsEnv()));
  p.root = "s3://" + rgw.bucket + "/" + UniqueName(name) + "/";
  S3C_ASSIGN_OR_RETURN(auto loc, p.stores->Resolve(p.root));
  p.store = loc.store;
  p.prefix = loc.key;
  return p;
}

}  // namespace s3c::testing
