// The `canopy` command's subcommands. Each lives in its own cmd_<name>.cpp and receives the
// arguments after the subcommand name (argv[0] is the subcommand).
#pragma once

namespace canopy::tools {

int cmd_ptxas(int argc, char** argv);    // PTX -> native module
int cmd_objdump(int argc, char** argv);  // native module -> disassembly
int cmd_isa_doc(int argc, char** argv);  // prints docs/isa.md from the ISA table
int cmd_devices(int argc, char** argv);  // lists GPU presets
int cmd_exec(int argc, char** argv);     // runs a kernel from a PTX/native module on given inputs
int cmd_cc(int argc, char** argv);       // nvcc-style CUDA compiler driver
int cmd_run(int argc, char** argv);      // runs a CUDA program with runtime settings

}  // namespace canopy::tools
