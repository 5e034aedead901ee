include(${CMAKE_CURRENT_LIST_DIR}/Warnings.cmake)

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
