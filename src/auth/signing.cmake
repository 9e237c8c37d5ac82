# Request signing: crypto over OpenSSL (CRC32C is common's) and AWS Signature Version 4.
set(S3C_AUTH_SIGNING_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/crypto.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/sigv4.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/sigv4_canonical.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/sigv4_signature.cc)

set(S3C_AUTH_SIGNING_TESTS
  ${CMAKE_CURRENT_SOURCE_DIR}/crypto_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/sigv4_corpus_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/sigv4_s3_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/sigv4_stages_test.cc)

# The corpus test finds ../shared/corpora through tests/support (CorpusDir), whose default
# source folder is compiled in: test discovery, which runs without ctest's environment, lists
# the same cases as the run.

# Signing checked against the loopback RGW server (sends with a bare libcurl easy handle).
s3c_test(auth_sigv4_rgw_test
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/sigv4_rgw_test.cc
  DEPS s3c_auth CURL::libcurl
  RGW)
