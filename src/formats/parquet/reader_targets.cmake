# Extra test targets of the Parquet file reader (included after the library exists).
#   formats_parquet_corpus_test  every parquet-testing file against DuckDB (tests/oracle)
#   formats_parquet_asan_test    the library recompiled with AddressSanitizer, reading the
#                                bad_data files and every corpus file (other s3c libraries
#                                stay uninstrumented)
#   formats_parquet_remote_test  request counts and ETag pinning against the loopback RGW
#   formats_parquet_page_index_test  page pruning on the corpus files with a page index: rows,
#                                counters and bytes computed independently, and DuckDB's WHERE
# (s3c_test does nothing when S3C_BUILD_TESTS is off; the if(TARGET ...) guards follow it.)
if(TARGET s3c_test_oracle AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/parquet_corpus_test.cc)
  s3c_test(formats_parquet_corpus_test
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/parquet_corpus_test.cc
            ${CMAKE_CURRENT_SOURCE_DIR}/parquet_corpus_test_expect_csv.cc
    DEPS s3c_formats_parquet s3c_auth s3c_test_oracle)
endif()

if(TARGET s3c_test_oracle AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/page_index_corpus_test.cc)
  s3c_test(formats_parquet_page_index_test
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/page_index_corpus_test.cc
    DEPS s3c_formats_parquet s3c_test_oracle)
endif()

if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/parquet_bad_data_test.cc)
  s3c_test(formats_parquet_asan_test
    SOURCES ${all_sources}
            ${CMAKE_CURRENT_SOURCE_DIR}/parquet_bad_data_test.cc
            ${CMAKE_CURRENT_SOURCE_DIR}/parquet_asan_corpus_test.cc
    DEPS s3c_common s3c_io s3c_codec s3c_columnar s3c_formats_common fmt::fmt ZLIB::ZLIB)
  if(TARGET formats_parquet_asan_test)
    target_include_directories(formats_parquet_asan_test PRIVATE ${PROJECT_SOURCE_DIR}/src
                                                         ${PROJECT_SOURCE_DIR})
    target_compile_options(formats_parquet_asan_test PRIVATE
      -fsanitize=address -fno-omit-frame-pointer)
    target_link_options(formats_parquet_asan_test PRIVATE -fsanitize=address)
  endif()
endif()

if(TARGET s3c_store AND TARGET s3c_s3 AND TARGET s3c_http AND TARGET s3c_test_oracle
   AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/parquet_remote_test.cc)
  s3c_test(formats_parquet_remote_test
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/parquet_remote_test.cc
            ${PROJECT_SOURCE_DIR}/tests/conformance/store_instances.cc
    DEPS s3c_formats_parquet s3c_store s3c_s3 s3c_http s3c_test_oracle
    RGW)
endif()

# The reader benchmark driver (bench/parquet_read_bench.sh); not a test.
if(TARGET s3c_store AND TARGET s3c_s3 AND TARGET s3c_http AND TARGET s3c_auth
   AND EXISTS ${PROJECT_SOURCE_DIR}/bench/parquet_read_bench.cc)
  add_executable(parquet_read_bench ${PROJECT_SOURCE_DIR}/bench/parquet_read_bench.cc)
  target_link_libraries(parquet_read_bench PRIVATE s3c_formats_parquet s3c_store s3c_s3 s3c_http
                        s3c_auth)
endif()
