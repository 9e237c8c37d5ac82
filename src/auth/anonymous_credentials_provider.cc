#include "s3c/auth/anonymous_credentials_provider.h"

namespace s3c {

Result<Credentials> AnonymousCredentialsProvider::GetCredentials() {
  return Credentials::Anonymous();
}

}  // namespace s3c
