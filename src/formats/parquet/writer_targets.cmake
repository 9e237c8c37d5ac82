# Extra test target of the Parquet writer: DuckDB (tests/oracle) reads what the writer wrote.
if(TARGET s3c_test_oracle)
  s3c_test(formats_parquet_writer_duckdb_test
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/parquet_writer_duckdb_test.cc
            ${CMAKE_CURRENT_SOURCE_DIR}/writer_test_data.cc
    DEPS s3c_formats_parquet s3c_test_oracle)
endif()
