// MatteStudio entry point: `mattestudio --batch <command> ...` runs headless on the engine.
#include "cli/BatchMain.h"

int main(int argc, char** argv)
{
    return ms::cli::batchMain(argc, argv);
}
