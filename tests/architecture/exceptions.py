"""The one list of known architecture violations, each with the reason it is still there.

Contract: a key is (rule, file, subject) with subject as check_architecture.py reports it (the
include as written, the linked CMake target, "std::thread"/"std::async", "size"); it excuses
every occurrence of that subject in that file. An entry that excuses nothing fails the check as
stale: delete entries as the restructuring removes the violations; never add one without a
reason and a plan.
"""

# Reasons, shared by the entries they explain.
CLI_MAKES_S3_STACK = ("the CLI makes the S3Stack (s3) from its global options and hands its client "
                      "to S3ObjectStore; moves into the store's URI -> ObjectStore resolver in "
                      "the restructuring")
CLI_CALLS_S3_CLIENT = ("mb (CreateBucket) and the server-side copy (CopyObject) call S3Client "
                       "directly; the store should offer both in the restructuring")
CLI_READS_S3_STATS = ("--stats reports S3 request statistics from s3's RequestStats; the store "
                      "should expose them in the restructuring")
STORE_TEST_WIRES_S3 = ("the store's checksum wire test assembles an S3 client by hand (static "
                       "credentials, curl client); it moves onto the one S3 assembly entry of "
                       "the restructuring")
CORPUS_TEST_MD5 = ("the Parquet corpus test takes MD5 from auth's crypto to match DuckDB's "
                   "md5(); a digest for tests belongs in tests/support")
CP_WORKERS = ("s3c cp runs its transfers on a hand-written worker pool; it moves into the store's "
              "transfers and from there onto common's executor (TaskGroup) in the restructuring")
CURL_EVENT_LOOP = ("the libcurl multi handle is driven by one thread for the client's life that "
                   "sleeps in curl_multi_poll and runs every transfer's callbacks; it is the I/O "
                   "side that completes asynchronous reads, and parking it on a CPU pool thread "
                   "would take a core from CPU work for good")
RETRY_TIMER = ("retry backoff waits on the Clock and Sleeper injected into the S3 client (a fake "
               "clock advances fake time in tests); the shared executor has no injected time, and "
               "its pool threads must not sleep through a backoff")
PROGRESS_TICKER = ("the progress bar redraws on a fixed tick while a command runs, sleeping on a "
                   "condition variable in between: a periodic wake-up, not CPU work, and it must "
                   "keep ticking when every pool thread is busy")

EXCEPTIONS = {
    # The CLI reaches below dataset/store/formats.
    ("include", "tools/s3c/cli_context.h", "s3c/s3/s3_stack.h"): CLI_MAKES_S3_STACK,
    ("include", "tools/s3c/cli_context.h", "s3c/s3/request_stats.h"): CLI_READS_S3_STATS,
    ("link", "tools/s3c/CMakeLists.txt", "s3c_s3"): CLI_MAKES_S3_STACK,
    ("include", "tools/s3c/cmd_mb.cc", "s3c/s3/s3_client.h"): CLI_CALLS_S3_CLIENT,
    ("include", "tools/s3c/transfer.cc", "s3c/s3/s3_client.h"): CLI_CALLS_S3_CLIENT,
    ("include", "tools/s3c/stats_report.h", "s3c/s3/request_stats.h"): CLI_READS_S3_STATS,
    # The store test wires S3 by hand.
    ("include", "src/store/s3_checksum_wire_test.cc", "s3c/auth/static_credentials_provider.h"):
        STORE_TEST_WIRES_S3,
    ("include", "src/store/s3_checksum_wire_test.cc", "s3c/auth/crypto.h"): STORE_TEST_WIRES_S3,
    ("include", "src/store/s3_checksum_wire_test.cc", "s3c/http/http_client.h"):
        STORE_TEST_WIRES_S3,
    # Tests beside the Parquet code.
    ("include", "src/formats/parquet/parquet_corpus_test.cc", "s3c/auth/crypto.h"):
        CORPUS_TEST_MD5,
    # Threads outside the executor.
    ("thread", "src/http/curl_http_client.cc", "std::thread"): CURL_EVENT_LOOP,
    ("thread", "src/s3/timer_thread.h", "std::thread"): RETRY_TIMER,
    ("thread", "tools/s3c/cmd_cp.cc", "std::thread"): CP_WORKERS,
    ("thread", "tools/s3c/progress.cc", "std::thread"): PROGRESS_TICKER,
    ("thread", "tools/s3c/progress.h", "std::thread"): PROGRESS_TICKER,
}
