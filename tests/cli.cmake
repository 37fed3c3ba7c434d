# Command-line tests as data files (see run_cli_test.sh for the directives):
# tests/cli/*.test  behaviour of the commands on good and odd-but-valid input;
# tests/bad/*.test  the bad-input corpus: exit code, one-line error, nothing written.
# Adding a case is adding a file; CONFIGURE_DEPENDS re-globs at build time.
find_program(TCS_BASH bash REQUIRED)

file(GLOB TCS_CLI_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/cli/*.test)
file(GLOB TCS_BAD_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/bad/*.test)

function(tcs_cli_tests label)
  foreach(test_file ${ARGN})
    get_filename_component(test_name ${test_file} NAME_WLE)
    add_test(NAME ${label}.${test_name}
             COMMAND ${TCS_BASH} ${CMAKE_CURRENT_SOURCE_DIR}/run_cli_test.sh
                     $<TARGET_FILE:tcsurvey> ${CMAKE_SOURCE_DIR} ${test_file})
    math(EXPR timeout "120 * ${TCS_TIMEOUT_FACTOR}")
    set_tests_properties(${label}.${test_name} PROPERTIES
                         SKIP_RETURN_CODE 77 TIMEOUT ${timeout} LABELS ${label})
    if(TCSURVEY_TEST_WRAPPER)
      list(JOIN TCSURVEY_TEST_WRAPPER " " wrapper)
      set_tests_properties(${label}.${test_name} PROPERTIES ENVIRONMENT "TCS_WRAPPER=${wrapper}")
    endif()
  endforeach()
endfunction()

tcs_cli_tests(cli ${TCS_CLI_TESTS})
tcs_cli_tests(bad ${TCS_BAD_TESTS})
