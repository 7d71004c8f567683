#!/usr/bin/env python3
"""The scoreboard script's own test (scripts/compat/scoreboard.py): fake suites laid out as cuda-samples
and HeCBench are, with one program for each outcome, built with the real canopy cc.

    scoreboard_test.py --canopy build/tools/canopy
"""
import argparse
import json
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "compat" / "scoreboard.py"

PASSING = r'''
#include <cstdio>
__global__ void square(int* v) { v[threadIdx.x] *= v[threadIdx.x]; }
int main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) != "--quick") return 3;  // the suite's arguments must arrive
  int h[32], *d;
  for (int i = 0; i < 32; ++i) h[i] = i;
  cudaMalloc(&d, sizeof h);
  cudaMemcpy(d, h, sizeof h, cudaMemcpyHostToDevice);
  square<<<1, 32>>>(d);
  cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
  for (int i = 0; i < 32; ++i) if (h[i] != i * i) return 1;
  printf("Test passed\n");
  return 0;
}
'''
SAMPLES = {
    "0_Introduction/goodSample": ("goodSample.cu", "#include <string>\n#include \"helper.h\"\n" + PASSING),
    "0_Introduction/badBuild": ("badBuild.cu", "int main() { int x = ; }\n"),
    "0_Introduction/failsAtRun": ("failsAtRun.cu", "#include <cstdio>\nint main() { printf(\"FAIL: wrong\\n\"); return 1; }\n"),
    "0_Introduction/skipsItself": ("skipsItself.cu", "#include <cstdio>\nint main() { printf(\"Skipping execution as driver does not support it\\n\"); return 0; }\n"),
    "0_Introduction/slowSample": ("slowSample.cu", "#include <unistd.h>\nint main() { sleep(60); }\n"),
    "4_CUDA_Libraries/usesCusparse": ("usesCusparse.cu", "#include <cusparse.h>\nint main() {}\n"),
    "5_Domain_Specific/glSample": ("glSample.cu", "#include <GL/gl.h>\nint main() {}\n"),
}
HECBENCH = {
    "add-cuda": '#include <cstdio>\n#include <cstdlib>\n__global__ void k(int* p) { *p += 1; }\n'
                'int main(int argc, char** argv) { int n = atoi(argv[1]), h = n, *d; cudaMalloc(&d, 4);\n'
                ' cudaMemcpy(d, &h, 4, cudaMemcpyHostToDevice); k<<<1,1>>>(d); cudaMemcpy(&h, d, 4, cudaMemcpyDeviceToHost);\n'
                ' printf(h == n + 1 ? "PASS\\n" : "FAIL\\n"); return 0; }\n',
    "wrong-cuda": '#include <cstdio>\nint main(int, char**) { printf("FAIL\\n"); return 0; /* PASS never printed */ }\n',
    "quiet-cuda": '#include <cstdio>\nint main(int, char**) { printf("done\\n"); return 0; }\n',
}
MAKEFILE = "program = main\n\nall: $(program)\n\n$(program): main.cu\n\t$(CC) -O2 main.cu -o $(program)\n\n" \
           "clean:\n\trm -f $(program)\n\nrun: $(program)\n\t./$(program) 41\n"


def write_fixture(root: Path) -> tuple[Path, Path]:
    samples, hec = root / "cuda-samples", root / "HeCBench"
    (samples / "Common").mkdir(parents=True)
    (samples / "Common" / "helper.h").write_text("#pragma once\n")
    for path, (source, text) in SAMPLES.items():
        d = samples / "Samples" / path
        d.mkdir(parents=True)
        (d / source).write_text(text)
        name = d.name
        (d / "CMakeLists.txt").write_text(
            f"include_directories(../../../Common)\nadd_executable({name} {source})\n"
            + ("target_link_libraries(usesCusparse PRIVATE CUDA::cusparse)\n" if name == "usesCusparse" else ""))
    (samples / "test_args.json").write_text(json.dumps({"goodSample": {"args": ["--quick"]}}))
    for name, text in HECBENCH.items():
        d = hec / "src" / name
        d.mkdir(parents=True)
        (d / "main.cu").write_text(text)
        (d / "Makefile").write_text(MAKEFILE)
    return samples, hec


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--canopy", required=True)
    parser.add_argument("--cc-flag", action="append", default=[],
                        help="appended to every canopy cc command (a sanitized build's link flags)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        samples, hec = write_fixture(root)
        canopy = str(Path(args.canopy).resolve())
        if args.cc_flag:  # a canopy that adds the flags to `cc`, as the build's own CUDA programs get them
            wrapper = root / "canopy"
            extra = " ".join(shlex.quote(f) for f in args.cc_flag)
            wrapper.write_text(f'#!/bin/sh\nif [ "$1" = cc ]; then shift; exec {shlex.quote(canopy)} cc "$@" {extra}; fi\n'
                               f'exec {shlex.quote(canopy)} "$@"\n')
            wrapper.chmod(0o755)
            canopy = str(wrapper)
        known = root / "known.tsv"
        known.write_text("badBuild\tthe program's own syntax error\n")
        out = root / "out"
        proc = subprocess.run([sys.executable, str(SCRIPT), "--canopy", canopy, "--cuda-samples", str(samples),
                               "--hecbench", str(hec), "--out", str(out), "--jobs", "2", "--run-timeout", "5",
                               "--known-causes", str(known), "--sizes", str(root / "none.tsv"),
                               "--samples-args", str(root / "none.tsv")],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        print(proc.stdout)
        if proc.returncode != 0:
            print("scoreboard.py failed")
            return 1
        results = {r["name"]: r for r in json.loads((out / "results.json").read_text())}
        expect = {
            "goodSample": ("pass", ""), "badBuild": ("build", "expected expression"),
            "failsAtRun": ("run", "FAIL: wrong"), "slowSample": ("timeout", "ran over 5 s"),
            "skipsItself": ("skipped", "Skipping execution as driver"),
            "usesCusparse": ("out-of-scope", "needs cusparse"), "glSample": ("out-of-scope", "graphics"),
            "add-cuda": ("pass", ""), "wrong-cuda": ("run", "FAIL"),
            "quiet-cuda": ("out-of-scope", "not self-checking"),
        }
        failures = 0
        for name, (status, cause) in expect.items():
            got = results.get(name)
            if not got or got["status"] != status or cause not in got["cause"]:
                print(f"{name}: expected {status} ({cause!r}), got {got and (got['status'], got['cause'])}")
                failures += 1
        board = (out / "scoreboard.md").read_text()
        for line in ["## cuda-samples: 1 of 5 in scope pass (20.0 %)", "## HeCBench: 1 of 2 in scope pass (50.0 %)",
                     "| badBuild | build | the program's own syntax error (", "graphics: 1"]:
            if line not in board:
                print(f"scoreboard.md lacks: {line}")
                failures += 1
        print("PASS" if not failures else f"{failures} checks failed")
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
