# cmake -DEXE=prog -DARG1=a -DARG2=b -DOUT=file -P RunToFile.cmake: run a program
# built by this project and keep what it prints in a file (the manual page
# and the bash completion are made this way from the option tables).
execute_process(COMMAND ${EXE} ${ARG1} ${ARG2} OUTPUT_FILE ${OUT}.tmp
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${EXE} ${ARG1} ${ARG2} failed (${rc})")
endif()
file(RENAME ${OUT}.tmp ${OUT})
