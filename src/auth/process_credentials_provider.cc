#include "s3c/auth/process_credentials_provider.h"

#include <fmt/format.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "auth/credential_json.h"
#include "auth/remote_call.h"
#include "s3c/common/strings.h"

namespace s3c {
namespace {

constexpr size_t kMaxOutput = 1 << 20;

std::string ProgramName(std::string_view command) {
  command = Trim(command);
  size_t end = command.find_first_of(" \t");
  return std::string(command.substr(0, end));
}

struct ProcessOutput {
  std::string out;
  bool truncated = false;
  int wait_status = 0;
};

Result<ProcessOutput> RunShell(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");  // runs /bin/sh -c command
  if (pipe == nullptr) {
    return UnavailableError(fmt::format("cannot start /bin/sh: {}", std::strerror(errno)));
  }
  ProcessOutput result;
  char buf[4096];
  size_t n;
  // Drain everything so the child never blocks on a full pipe; keep at most kMaxOutput.
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) {
    if (result.out.size() + n > kMaxOutput) {
      result.truncated = true;
      continue;
    }
    result.out.append(buf, n);
  }
  result.wait_status = ::pclose(pipe);
  if (result.wait_status == -1) {
    return UnavailableError(fmt::format("cannot wait for the command: {}", std::strerror(errno)));
  }
  return result;
}

}  // namespace

ProcessCredentialsProvider::ProcessCredentialsProvider(std::string command, std::string name)
    : command_(std::move(command)), name_(std::move(name)) {}

Result<Credentials> ProcessCredentialsProvider::GetCredentials() {
  std::string what = fmt::format("{}: credential_process '{}'", name_, ProgramName(command_));
  if (Trim(command_).empty()) return InvalidArgumentError(what + " is empty");
  auto run = RunShell(command_);
  if (!run.ok()) return UnauthenticatedError(fmt::format("{}: {}", what, run.status().message()));
  int ws = run->wait_status;
  if (WIFSIGNALED(ws)) {
    return UnauthenticatedError(fmt::format("{} was killed by signal {}", what, WTERMSIG(ws)));
  }
  if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0) {
    int code = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
    std::string text = fmt::format("{} failed with exit status {}", what, code);
    if (code == 127) text += " (command not found)";
    return UnauthenticatedError(text);
  }
  if (run->truncated) {
    return UnauthenticatedError(fmt::format("{} printed more than {} bytes", what, kMaxOutput));
  }
  auto doc = auth_internal::ParseCredentialJson(run->out);
  if (!doc.ok() || doc->kind != JsonValue::Kind::kObject) {
    return UnauthenticatedError(fmt::format("{} did not print a JSON object ({})", what,
                                            doc.ok() ? "not an object" : doc.status().message()));
  }
  const JsonValue* version = doc->Find("Version");
  if (version == nullptr || version->AsInt64() != 1) {
    return UnauthenticatedError(fmt::format("{} printed a document without \"Version\": 1", what));
  }
  S3C_ASSIGN_OR_RETURN(Credentials c, auth_internal::ParseCredentialsJson(run->out, what));
  c.provider = name_ + " credential_process";
  return c;
}

}  // namespace s3c
