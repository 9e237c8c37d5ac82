#include "support/corpus.h"

#include <cstdlib>
#include <filesystem>

namespace s3c::testing {
namespace {

std::string SourceDir() {
  const char* v = std::getenv("S3C_SOURCE_DIR");  // test support may read the environment
  return (v != nullptr && *v != '\0') ? v : S3C_DEFAULT_SOURCE_DIR;
}

std::string CorporaRoot() { return SourceDir() + "/../shared/corpora"; }

}  // namespace

std::optional<std::string> CorpusDir(const std::string& name) {
  const std::string dir = CorporaRoot() + "/" + name;
  if (!std::filesystem::is_directory(dir)) return std::nullopt;
  return std::filesystem::canonical(dir).string();
}

bool CorporaRequired() {
  const char* v = std::getenv("S3C_REQUIRE_CORPORA");
  return v != nullptr && std::string(v) == "1";
}

std::string CorpusMissingReason(const std::string& name) {
  return "corpus " + name + " not found at " + CorporaRoot() + "/" + name +
         " (the public test corpora live in ../shared/corpora beside the source folder; set "
         "S3C_SOURCE_DIR if the source folder moved)";
}

}  // namespace s3c::testing
