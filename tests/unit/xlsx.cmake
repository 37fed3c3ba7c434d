# xlsx.cmake - the .xlsx reader's unit test; included from tests/CMakeLists.txt.
# Fixtures are committed (scripts/make_xlsx_fixtures.py); zip bombs are built
# by the test itself in a temporary directory with libzip, which tcsurvey_lib
# links PUBLIC.
add_executable(test_read_xlsx ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_read_xlsx.c)
target_link_libraries(test_read_xlsx PRIVATE tcsurvey_lib cmocka_dep)
target_compile_definitions(test_read_xlsx PRIVATE
  TCS_FIXTURES_DIR="${CMAKE_CURRENT_SOURCE_DIR}/fixtures"
  TCS_SHARED_DATA_DIR="${CMAKE_SOURCE_DIR}/../shared/data")
add_test(NAME unit.read_xlsx COMMAND ${TCSURVEY_TEST_WRAPPER} $<TARGET_FILE:test_read_xlsx>)
math(EXPR timeout "120 * ${TCS_TIMEOUT_FACTOR}")
set_tests_properties(unit.read_xlsx PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT ${timeout} LABELS unit)
