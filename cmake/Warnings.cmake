# Compiler warnings and sanitizers, in one place.
set(VB_WARNINGS -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
    -Wundef -Wpointer-arith -Wformat=2 -Wno-unused-parameter)

if(VB_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# vb_add_warnings(target): the warning set, as errors when VB_WERROR is on.
function(vb_add_warnings target)
  target_compile_options(${target} PRIVATE ${VB_WARNINGS})
  if(VB_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
