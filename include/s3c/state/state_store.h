// Where incremental state lives (docs/incremental.md): one JSON document per pipeline, source and
// destination, as an object in an ObjectStore — a local folder (the default state directory) or
// an S3 prefix (`state: s3://bucket/path/`). The document is advanced by compare-and-swap: the
// first save creates it with If-None-Match: *, every later save replaces exactly the version it
// loaded with If-Match on its ETag, so of two runs that loaded the same version only one can
// save; the other gets FailedPrecondition and must publish nothing.
//
// A store that ignores those conditions would let two runs both advance the state (and load
// rows twice); CheckConditionalWrites proves on a probe object that this store refuses both
// kinds of conflicting write, and a runner checks once per state location before the first
// save (the document records that the check passed).
#pragma once

#include <string>

#include "s3c/common/status.h"
#include "s3c/store/object_store.h"

namespace s3c::state {

// A loaded document and the version a save must replace.
struct StoredState {
  std::string text;  // the JSON document; "" when there is none yet
  std::string etag;  // its version; "" when there is none (a save then creates it)
  bool exists() const { return !etag.empty(); }
};

class StateStore {
 public:
  // `store` must outlive this; `key` names the document within it.
  StateStore(ObjectStore& store, std::string key);

  // The document and its version; an absent one is a StoredState without etag.
  Result<StoredState> Load() const;

  // Saves `text` over `expected` (create when !expected.exists()): the new version.
  // FailedPrecondition, naming the document, when another run saved (or created it) since
  // `expected` was loaded.
  Result<StoredState> Save(const StoredState& expected, std::string text) const;

  // Writes a probe object beside the document (key + ".probe-" + `token`) and checks that the
  // store refuses a second create (If-None-Match) and a replace of an older version (If-Match)
  // while it accepts a replace of the current one, then deletes the probe. FailedPrecondition
  // saying which condition the store ignored. Five requests (four PUTs, one DELETE).
  Status CheckConditionalWrites(const std::string& token) const;

  std::string uri() const { return store_.UriFor(key_); }
  const std::string& key() const { return key_; }

 private:
  ObjectStore& store_;
  std::string key_;
};

}  // namespace s3c::state
