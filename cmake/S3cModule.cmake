# s3c_module(NAME SOURCES ... DEPS ... [PRIVATE_DEPS ...])
#   One static library per module (ARCHITECTURE.md section 2); DEPS must point up the table.
function(s3c_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(s3c_${name} STATIC ${ARG_SOURCES})
  target_include_directories(s3c_${name}
    PUBLIC ${PROJECT_SOURCE_DIR}/include
    PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(s3c_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
endfunction()

# s3c_test(NAME SOURCES ... DEPS ... [LABELS ...] [RGW])
#   A GoogleTest binary; each TEST becomes one ctest entry. RGW marks tests that need the
#   loopback S3 server: ctest starts it once (fixture "rgw") and they read its settings from
#   the file named by S3C_TEST_RGW_ENV.
function(s3c_test name)
  cmake_parse_arguments(ARG "RGW" "" "SOURCES;DEPS;LABELS" ${ARGN})
  if(NOT S3C_BUILD_TESTS)
    return()
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} s3c_test_support GTest::gtest GTest::gmock
                        GTest::gtest_main)
  set(props ENVIRONMENT "S3C_SOURCE_DIR=${PROJECT_SOURCE_DIR};S3C_TEST_RGW_ENV=${S3C_RGW_ENV_FILE};S3C_BUILD_DIR=${PROJECT_BINARY_DIR}")
  if(ARG_RGW)
    list(APPEND props FIXTURES_REQUIRED rgw)
    list(APPEND ARG_LABELS integration)
  endif()
  if(ARG_LABELS)
    list(APPEND props LABELS "${ARG_LABELS}")
  endif()
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST DISCOVERY_TIMEOUT 60
                       PROPERTIES ${props})
endfunction()
