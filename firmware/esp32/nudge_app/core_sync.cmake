# cmake -DSTAGE=dir -DCORE_DIR=dir -DLIST=file -P core_sync.cmake
# Moves freshly generated core C from STAGE into CORE_DIR (only files whose content changed, so
# unchanged modules are not recompiled). If the compiler now writes a different set of files than
# the build was configured with, LIST is rewritten, which makes the next build re-run CMake.
file(GLOB names RELATIVE "${STAGE}" "${STAGE}/*.c" "${STAGE}/*.h")
list(SORT names)
file(READ "${LIST}" configured)
if(NOT names STREQUAL configured)
    file(WRITE "${LIST}" "${names}")
    file(REMOVE_RECURSE "${CORE_DIR}")
    file(RENAME "${STAGE}" "${CORE_DIR}")
    message(FATAL_ERROR "The device core's module set changed (${configured} -> ${names}). "
                        "Run the build again; CMake will pick up the new files.")
endif()
foreach(name IN LISTS names)
    execute_process(COMMAND "${CMAKE_COMMAND}" -E copy_if_different "${STAGE}/${name}" "${CORE_DIR}/${name}")
    # The build stamps outputs by time: touch even unchanged files so this step is not re-run.
    file(TOUCH_NOCREATE "${CORE_DIR}/${name}")
endforeach()
file(REMOVE_RECURSE "${STAGE}")
