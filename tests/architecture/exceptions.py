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
NO_EXECUTOR = ("hand-written threads: common has no executor yet (CPU pool plus I/O wait); "
               "moves onto it when it exists")

EXCEPTIONS = {
    # Tests beside the Parquet code.
    ("include", "src/formats/parquet/parquet_corpus_test.cc", "s3c/auth/crypto.h"):
        CORPUS_TEST_MD5,
    # Threads outside the executor.
    ("thread", "src/formats/csv/parallel_parser.h", "std::thread"): NO_EXECUTOR,  # CSV parser
    ("thread", "src/formats/parquet/range_planner.cc", "std::thread"): NO_EXECUTOR,  # ranges
    ("thread", "src/formats/parquet/parquet_batch_reader.cc", "std::async"): NO_EXECUTOR,  # prefetch
    ("thread", "src/formats/parquet/parquet_reader_state.cc", "std::thread"):
        NO_EXECUTOR,  # row-group decoder
    ("thread", "src/http/curl_http_client.cc", "std::thread"): NO_EXECUTOR,  # curl multi loop
    ("thread", "src/s3/timer_thread.h", "std::thread"): NO_EXECUTOR,  # retry/timeout timers
    ("thread", "src/store/worker_threads.cc", "std::thread"): NO_EXECUTOR,  # tree transfers
    ("thread", "tools/s3c/progress.cc", "std::thread"): NO_EXECUTOR,  # progress ticker
    ("thread", "tools/s3c/progress.h", "std::thread"): NO_EXECUTOR,
}
