#include <fmt/format.h>

#include <filesystem>

#include "s3c/store/local_object_store.h"
#include "s3c/store/memory_object_store.h"
#include "s3c/store/s3_object_store.h"
#include "s3c/store/store_uri.h"

namespace s3c {

Result<std::unique_ptr<ObjectStore>> OpenObjectStore(const StoreUri& uri,
                                                     const StoreContext& context) {
  switch (uri.kind) {
    case StoreKind::kStdio:
      return InvalidArgumentError("'-' is stdin/stdout, not an object store");
    case StoreKind::kMemory: {
      if (context.memory == nullptr) {
        return FailedPreconditionError("mem:// locations are not available here: " +
                                       uri.ToString());
      }
      return std::unique_ptr<ObjectStore>(context.memory->Open(uri.bucket, context.clock));
    }
    case StoreKind::kLocal: {
      S3C_ASSIGN_OR_RETURN(auto store, LocalObjectStore::Open(uri.root, context.clock));
      return std::unique_ptr<ObjectStore>(std::move(store));
    }
    case StoreKind::kS3:
      break;
  }
#ifdef S3C_STORE_WITHOUT_S3
  return UnimplementedError("this build has no S3 support: " + uri.ToString());
#else
  S3Client* client = context.s3;
  if (context.s3_client_for) {
    S3C_ASSIGN_OR_RETURN(client, context.s3_client_for(uri.bucket));
  }
  if (client == nullptr) {
    return FailedPreconditionError("no S3 client configured for " + uri.ToString());
  }
  S3C_ASSIGN_OR_RETURN(auto store, S3ObjectStore::Make(client, uri.bucket, context.s3_options));
  return std::unique_ptr<ObjectStore>(std::move(store));
#endif
}

}  // namespace s3c
