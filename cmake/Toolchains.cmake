# Compiler settings per toolchain: warnings everywhere (-Wall -Wextra, MSVC /W4), errors with
# MATTESTUDIO_WERROR (on by default where CI=true, as in .ci/run). Library headers (LibTorch, OpenCV, Qt) come in
# as system headers through their imported targets, so only our code is held to it. MSVC and
# AppleClang are written for the Windows and macOS workflows (.github/workflows/desktop.yml); this
# machine cannot build with them.
set(MS_WERROR_DEFAULT OFF)
if("$ENV{CI}" STREQUAL "true")
  set(MS_WERROR_DEFAULT ON)
endif()
option(MATTESTUDIO_WERROR "Treat compiler warnings as errors" ${MS_WERROR_DEFAULT})
if(MSVC)
  # /utf-8: the sources are UTF-8; /permissive-: standard C++; /bigobj: LibTorch templates in unity
  # units exceed the default section count; /Zc:__cplusplus: report the real standard;
  # /external:anglebrackets: library headers (<torch/...>, <QtCore/...>) are external, without warnings.
  add_compile_options("$<$<COMPILE_LANGUAGE:CXX>:/W4;/utf-8;/permissive-;/bigobj;/Zc:__cplusplus;/EHsc;/external:anglebrackets;/external:W0>")
  if(MATTESTUDIO_WERROR)
    add_compile_options("$<$<COMPILE_LANGUAGE:CXX>:/WX>")
  endif()
  # windows.h without min/max macros (std::min) and without the rarely used parts.
  add_compile_definitions(NOMINMAX WIN32_LEAN_AND_MEAN _CRT_SECURE_NO_WARNINGS)
else()
  add_compile_options("$<$<COMPILE_LANGUAGE:CXX>:-Wall;-Wextra>")
  if(MATTESTUDIO_WERROR)
    add_compile_options("$<$<COMPILE_LANGUAGE:CXX>:-Werror>")
  endif()
endif()

# Windows with the official CUDA LibTorch: the linker drops torch_cuda.dll when nothing references
# it directly, and CUDA then reports itself unavailable. Referencing this symbol keeps it.
function(mattestudio_keep_torch_cuda target)
  if(MSVC AND TARGET torch_cuda)
    target_link_options(${target} PRIVATE "/INCLUDE:?warp_size@cuda@at@@YAHXZ")
  endif()
endfunction()

# Windows: LibTorch's (and OpenCV's) DLLs beside each executable, so it runs from the build tree.
function(mattestudio_copy_runtime_dlls target)
  if(WIN32 AND NOT MINGW)
    add_custom_command(TARGET ${target} POST_BUILD
      COMMAND ${CMAKE_COMMAND} -E copy_if_different $<TARGET_RUNTIME_DLLS:${target}> $<TARGET_FILE_DIR:${target}>
      COMMAND_EXPAND_LISTS)
    if(DEFINED TORCH_INSTALL_PREFIX)
      file(GLOB torch_dlls "${TORCH_INSTALL_PREFIX}/lib/*.dll")
      if(torch_dlls)
        add_custom_command(TARGET ${target} POST_BUILD
          COMMAND ${CMAKE_COMMAND} -E copy_if_different ${torch_dlls} $<TARGET_FILE_DIR:${target}>)
      endif()
    endif()
  endif()
endfunction()
