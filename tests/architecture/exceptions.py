"""The one list of known architecture violations, each with the reason it is still there.

Contract: a key is (rule, file, subject) with subject as check_architecture.py reports it (the
include as written, the linked CMake target, "std::thread"/"std::async", "size"); it excuses
every occurrence of that subject in that file. An entry that excuses nothing fails the check as
stale: delete entries as the restructuring removes the violations; never add one without a
reason and a plan.
"""

# Reasons, shared by the entries they explain.
CORPUS_TEST_MD5 = ("the Parquet corpus test takes MD5 from auth's crypto to match DuckDB's "
                   "md5(); a digest for tests belongs in tests/support")
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
    # Tests beside the Parquet code.
    ("include", "src/formats/parquet/parquet_corpus_test.cc", "s3c/auth/crypto.h"):
        CORPUS_TEST_MD5,
    # Threads outside the executor.
    ("thread", "src/http/curl_http_client.cc", "std::thread"): CURL_EVENT_LOOP,
    ("thread", "src/s3/timer_thread.h", "std::thread"): RETRY_TIMER,
    ("thread", "tools/s3c/progress.cc", "std::thread"): PROGRESS_TICKER,
    ("thread", "tools/s3c/progress.h", "std::thread"): PROGRESS_TICKER,
}
