#include "support/corpus.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace s3c::testing {

bool CorporaRequired() {
  const char* v = std::getenv("S3C_REQUIRE_CORPORA");  // test support reads the environment
  return v != nullptr && std::string(v) == "1";
}

std::string CorpusMissingReason(const std::string& name) {
  return "corpus " + name + " not found: expected ../shared/corpora/" + name +
         " beside the source tree (or under $S3C_SOURCE_DIR/../shared/corpora); every case of "
         "this suite is untested";
}

std::optional<std::string> RequireCorpus(const std::string& name) {
  std::optional<std::string> dir = CorpusDir(name);
  if (!dir && CorporaRequired())
    ADD_FAILURE() << "S3C_REQUIRE_CORPORA=1: " << CorpusMissingReason(name);
  return dir;
}

}  // namespace s3c::testing
