# formats_parquet_metadata_test includes fuzz/parquet_metadata_fuzz.h from the repository root.
if(TARGET formats_parquet_metadata_test)
  target_include_directories(formats_parquet_metadata_test PRIVATE ${PROJECT_SOURCE_DIR})
endif()
