# Which backends of torch.distributed (c10d) the engine compiles in, for this LibTorch. Included from
# the top CMakeLists.txt once LibTorch is found (find_package(Torch) or TorchWithoutToolkit.cmake)
# and before add_subdirectory(engine); engine/CMakeLists.txt then calls
# mattestudio_configure_distributed(<the library holding engine/dist>), which gives it
#
#   MATTESTUDIO_HAVE_GLOO=1|0  LibTorch was built with c10d Gloo (USE_C10D_GLOO) and the gloo/
#                              headers that ProcessGroupGloo.hpp includes are found: Debian's
#                              libtorch-dev with libgloo-dev has them; official LibTorch and pip
#                              wheels do not. -DMATTESTUDIO_WITH_GLOO=OFF forces 0.
#   MATTESTUDIO_HAVE_NCCL=1|0  LibTorch is a CUDA build with c10d NCCL (USE_C10D_NCCL), and
#                              ProcessGroupNCCL.hpp compiles here: it needs <nccl.h> (NCCL_ROOT or
#                              NCCL_INCLUDE_DIR) and the CUDA toolkit's headers. Checked by compiling
#                              it once (cached). -DMATTESTUDIO_WITH_NCCL=OFF forces 0.
#
# PRIVATE definitions: only engine/dist/ reads them (dist/BackendConfig.h); everything else asks
# ms::compiledDistBackends(). With neither backend the build works as before for one process, and
# distributed training stops at once with a message saying what to install.
include_guard(GLOBAL)
include(CheckCXXSourceCompiles)
include(CMakePushCheckState)

option(MATTESTUDIO_WITH_GLOO "Use c10d's Gloo backend for distributed training where LibTorch has it" ON)
option(MATTESTUDIO_WITH_NCCL "Use c10d's NCCL backend for CUDA ranks where LibTorch has it" ON)
# Test builds only (preset no-gloo, ./dev test-no-gloo): the Gloo headers are hidden - every gloo/
# header LibTorch's ProcessGroupGloo.hpp includes resolves to one that stops the compiler - so the
# build proves that nothing in the engine includes them once Gloo is off.
option(MATTESTUDIO_HIDE_GLOO_HEADERS "Test: build as against a LibTorch without Gloo headers" OFF)
if(MATTESTUDIO_HIDE_GLOO_HEADERS)
  set(MATTESTUDIO_WITH_GLOO OFF)
  set(MATTESTUDIO_HIDDEN_GLOO_DIR ${CMAKE_BINARY_DIR}/hidden-gloo)
  foreach(_ms_header algorithm.h common/error.h context.h rendezvous/store.h transport/device.h
                     allreduce.h broadcast.h barrier.h)
    file(WRITE ${MATTESTUDIO_HIDDEN_GLOO_DIR}/gloo/${_ms_header}
      "#error \"gloo/${_ms_header} included in a build whose LibTorch has no Gloo headers (MATTESTUDIO_HIDE_GLOO_HEADERS)\"\n")
  endforeach()
endif()

# What LibTorch's targets pass on: compile definitions, and whether it is a CUDA build. Its CMake
# config puts them on torch_cpu / torch_cuda; without it (TorchWithoutToolkit.cmake) they are
# MATTESTUDIO_TORCH_DEFINITIONS and the libtorch_cuda found.
set(_ms_torch_defs "")
foreach(_ms_target torch_cpu torch_cuda mattestudio_torch)
  if(TARGET ${_ms_target})
    get_target_property(_ms_target_defs ${_ms_target} INTERFACE_COMPILE_DEFINITIONS)
    if(_ms_target_defs)
      list(APPEND _ms_torch_defs ${_ms_target_defs})
    endif()
  endif()
endforeach()
set(_ms_torch_defs_known FALSE)
if(TARGET torch_cpu OR TARGET mattestudio_torch)
  set(_ms_torch_defs_known TRUE)
endif()
set(_ms_torch_cuda FALSE)
if(TARGET torch_cuda OR CAFFE2_USE_CUDA OR MS_TORCH_LIB_torch_cuda)
  set(_ms_torch_cuda TRUE)
endif()

# Gloo
set(MATTESTUDIO_HAVE_GLOO 0)
set(MATTESTUDIO_GLOO_INCLUDE_DIRS "")
if(NOT MATTESTUDIO_WITH_GLOO)
  set(_ms_gloo_why "switched off (MATTESTUDIO_WITH_GLOO=OFF)")
  if(MATTESTUDIO_HIDE_GLOO_HEADERS)
    set(_ms_gloo_why "headers hidden for the no-Gloo test build (MATTESTUDIO_HIDE_GLOO_HEADERS)")
  endif()
elseif(_ms_torch_defs_known AND NOT "USE_C10D_GLOO" IN_LIST _ms_torch_defs)
  set(_ms_gloo_why "LibTorch was built without c10d Gloo")
else()
  find_path(MATTESTUDIO_GLOO_INCLUDE_DIR gloo/algorithm.h
    HINTS ${TORCH_INCLUDE_DIRS} ${MATTESTUDIO_TORCH_ROOT}/include
    DOC "Where gloo/algorithm.h is (the Gloo headers LibTorch's ProcessGroupGloo.hpp includes)")
  if(MATTESTUDIO_GLOO_INCLUDE_DIR)
    set(MATTESTUDIO_HAVE_GLOO 1)
    set(MATTESTUDIO_GLOO_INCLUDE_DIRS ${MATTESTUDIO_GLOO_INCLUDE_DIR})
    set(_ms_gloo_why "${MATTESTUDIO_GLOO_INCLUDE_DIR}/gloo")
  else()
    set(_ms_gloo_why "no gloo/ headers: Debian's libgloo-dev has them, official LibTorch and pip wheels do not")
  endif()
endif()

# NCCL
set(MATTESTUDIO_HAVE_NCCL 0)
set(MATTESTUDIO_NCCL_INCLUDE_DIRS "")
if(NOT MATTESTUDIO_WITH_NCCL)
  set(_ms_nccl_why "switched off (MATTESTUDIO_WITH_NCCL=OFF)")
elseif(NOT _ms_torch_cuda)
  set(_ms_nccl_why "LibTorch is not a CUDA build")
elseif(NOT "USE_C10D_NCCL" IN_LIST _ms_torch_defs)
  set(_ms_nccl_why "LibTorch was built without c10d NCCL (no USE_C10D_NCCL on its targets)")
else()
  find_path(MATTESTUDIO_NCCL_INCLUDE_DIR nccl.h
    HINTS ${NCCL_INCLUDE_DIR} $ENV{NCCL_INCLUDE_DIR} ${NCCL_ROOT} $ENV{NCCL_ROOT} ${NCCL_ROOT_DIR}
          ${TORCH_INCLUDE_DIRS} ${MATTESTUDIO_TORCH_ROOT}/include ${CUDAToolkit_INCLUDE_DIRS} ${CUDA_INCLUDE_DIRS}
          ${CUDA_TOOLKIT_ROOT_DIR} ${CUDA_HOME} $ENV{CUDA_HOME} /usr/local/cuda
    PATH_SUFFIXES include
    DOC "Where nccl.h is (LibTorch's ProcessGroupNCCL.hpp includes it)")
  find_path(MATTESTUDIO_CUDA_INCLUDE_DIR cuda_runtime_api.h
    HINTS ${CUDAToolkit_INCLUDE_DIRS} ${CUDA_INCLUDE_DIRS} ${CUDA_TOOLKIT_ROOT_DIR} ${CUDA_HOME} $ENV{CUDA_HOME} /usr/local/cuda
    PATH_SUFFIXES include
    DOC "Where the CUDA toolkit's headers are (ProcessGroupNCCL.hpp includes ATen's CUDA context)")
  if(NOT MATTESTUDIO_NCCL_INCLUDE_DIR)
    set(_ms_nccl_why "nccl.h not found (set NCCL_ROOT or NCCL_INCLUDE_DIR)")
  elseif(NOT MATTESTUDIO_CUDA_INCLUDE_DIR)
    set(_ms_nccl_why "the CUDA toolkit's headers (cuda_runtime_api.h) not found (set CUDA_HOME)")
  else()
    set(MATTESTUDIO_NCCL_INCLUDE_DIRS ${MATTESTUDIO_NCCL_INCLUDE_DIR} ${MATTESTUDIO_CUDA_INCLUDE_DIR})
    list(REMOVE_DUPLICATES MATTESTUDIO_NCCL_INCLUDE_DIRS)
    # The real header, with LibTorch's own include directories and definitions; compile only.
    cmake_push_check_state(RESET)
    set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
    set(CMAKE_REQUIRED_QUIET ON)
    set(CMAKE_REQUIRED_FLAGS "${TORCH_CXX_FLAGS}")  # the C++ standard: CMAKE_CXX_STANDARD (CMP0067)
    set(CMAKE_REQUIRED_INCLUDES ${MATTESTUDIO_NCCL_INCLUDE_DIRS})
    if(TARGET mattestudio_torch)
      get_target_property(_ms_torch_includes mattestudio_torch INTERFACE_INCLUDE_DIRECTORIES)
      list(APPEND CMAKE_REQUIRED_INCLUDES ${_ms_torch_includes})
      foreach(_ms_def ${_ms_torch_defs})
        list(APPEND CMAKE_REQUIRED_DEFINITIONS -D${_ms_def})
      endforeach()
    else()
      set(CMAKE_REQUIRED_LIBRARIES ${TORCH_LIBRARIES})
    endif()
    check_cxx_source_compiles("
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#ifndef USE_C10D_NCCL
#error LibTorch without c10d NCCL
#endif
int main() { return c10d::ProcessGroupNCCL::Options::create() ? 0 : 1; }
" MATTESTUDIO_PROCESS_GROUP_NCCL_COMPILES)
    cmake_pop_check_state()
    if(MATTESTUDIO_PROCESS_GROUP_NCCL_COMPILES)
      set(MATTESTUDIO_HAVE_NCCL 1)
      set(_ms_nccl_why "${MATTESTUDIO_NCCL_INCLUDE_DIR}/nccl.h")
    else()
      set(MATTESTUDIO_NCCL_INCLUDE_DIRS "")
      set(_ms_nccl_why "ProcessGroupNCCL.hpp does not compile here: the CUDA toolkit's headers or nccl.h missing or mismatched; see CMakeError.log / CMakeConfigureLog.yaml")
    endif()
  endif()
endif()

message(STATUS "Distributed training backends: Gloo ${MATTESTUDIO_HAVE_GLOO} (${_ms_gloo_why}), "
               "NCCL ${MATTESTUDIO_HAVE_NCCL} (${_ms_nccl_why})")

# Gives `target` (the library holding engine/dist) the backend definitions and headers.
function(mattestudio_configure_distributed target)
  target_compile_definitions(${target} PRIVATE
    MATTESTUDIO_HAVE_GLOO=${MATTESTUDIO_HAVE_GLOO} MATTESTUDIO_HAVE_NCCL=${MATTESTUDIO_HAVE_NCCL})
  if(MATTESTUDIO_HIDDEN_GLOO_DIR)
    target_include_directories(${target} BEFORE PRIVATE ${MATTESTUDIO_HIDDEN_GLOO_DIR})
  endif()
  if(MATTESTUDIO_GLOO_INCLUDE_DIRS OR MATTESTUDIO_NCCL_INCLUDE_DIRS)
    target_include_directories(${target} SYSTEM PRIVATE ${MATTESTUDIO_GLOO_INCLUDE_DIRS} ${MATTESTUDIO_NCCL_INCLUDE_DIRS})
  endif()
endfunction()
