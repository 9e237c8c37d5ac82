#include "support/host_program.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace s3c::testing {

bool RequireProgram(const std::string& name) {
  if (std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0) return true;
  const char* required = std::getenv("S3C_REQUIRE_TOOLS");  // test support reads the environment
  if (required != nullptr && std::string(required) == "1") {
    ADD_FAILURE() << "S3C_REQUIRE_TOOLS=1: " << ProgramMissingReason(name);
  }
  return false;
}

std::string ProgramMissingReason(const std::string& name) {
  return "the " + name + " program is not on PATH (scripts/bootstrap installs it)";
}

}  // namespace s3c::testing
