#!/usr/bin/env python3
"""The compatibility scoreboard (docs/compat.md): build public CUDA suites' programs with `canopy cc`
and run them on the simulated GPU.

    scripts/compat/scoreboard.py --canopy build/tools/canopy \
        --cuda-samples ~/cuda-samples --hecbench ~/HeCBench --out /tmp/compat

Each program is built with its own build line (cuda-samples: the sources, include directories and
options of its CMakeLists.txt; HeCBench: its Makefile with CC set to canopy cc), run with the suite's
own arguments, and classified: pass, build (compile or link error), run (non-zero exit or a FAIL in
its output), skipped (exit 0 after printing that it skips or waives its test), timeout, or out of scope (graphics, several GPUs, a library Canopy does not provide).
The suites are never part of Canopy: point the script at checkouts of them.

Results: <out>/results.json (one record a program) and <out>/scoreboard.md (counts and the failures
grouped by cause). Causes come from the first compiler error or run-time message, unless
scripts/compat/known-causes.tsv names the program (a written-down reason: clang 14 front end, a bug of
the program itself, too slow, ...).
"""
from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field, asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Libraries Canopy provides (cudart always). Add a name here when its library lands in libs/.
PROVIDED_LIBRARIES: set[str] = {"cudart", "cublas", "cublasLt", "curand", "cufft"}

GRAPHICS = re.compile(r"\b(OpenGL|GLUT|GLEW|Vulkan|EGL|X11|D3D|DirectX|NvSci|FreeImage)\b", re.I)
GRAPHICS_INCLUDE = re.compile(r"#\s*include\s*[<\"](GL/|GLFW/|vulkan/|EGL/|d3d|cudaGL|cuda_gl_interop|cudaEGL)")
MULTI_GPU_NAMES = re.compile(r"MultiGPU|MGPU|P2P|IPC|MultiDevice|simpleMPI|cudaOpenMP|topologyQuery")
CMAKE_LIBRARY = re.compile(r"CUDA::(\w+)")
MAKE_LIBRARY = re.compile(r"-l(cublasLt|cublas|cufft|curand|cusparse|cusolver|nvrtc|cuda|nvjpeg|npp\w*|nvToolsExt|nccl|cudnn)\b")
HEADER_LIBRARY = re.compile(r"#\s*include\s*[<\"](thrust|cub|cublas|cublas_v2|cublasLt|cufft|curand|curand_kernel|cusparse|cusolverDn|cusolverSp|nvrtc|nvjpeg|npp\w*|cudnn|nccl|cutensor|nvml|mpi|cudaProfiler)[./]")
HEADER_TO_LIBRARY = {"cublas_v2": "cublas", "cublasLt": "cublasLt", "curand_kernel": "curand",
                     "cusolverDn": "cusolver", "cusolverSp": "cusolver", "cudaProfiler": "cudart"}
DRIVER_MODULE_API = re.compile(r"\bcu(ModuleLoad\w*|LinkCreate|LaunchKernel|CtxCreate)\b")


@dataclass
class Program:
    suite: str
    name: str
    directory: str
    build: list[list[str]] = field(default_factory=list)  # commands, run in `directory`
    run: list[str] = field(default_factory=list)          # command, run in `directory`
    executable: str = ""
    out_of_scope: str = ""                                # why it is not counted, if it is not
    self_checking: bool = True


@dataclass
class Result:
    suite: str
    name: str
    status: str          # pass | build | run | timeout | out-of-scope
    cause: str = ""
    build_s: float = 0.0
    run_s: float = 0.0
    detail: str = ""


def sources_text(directory: Path) -> str:
    parts = []
    for path in sorted(directory.rglob("*")):
        if path.suffix in {".cu", ".cuh", ".h", ".hpp", ".cpp", ".c", ".cc"} and path.is_file():
            try:
                parts.append(path.read_text(errors="replace"))
            except OSError:
                pass
    return "\n".join(parts)


def libraries_used(text: str, extra: list[str]) -> set[str]:
    found = set(extra)
    for match in HEADER_LIBRARY.finditer(text):
        found.add(HEADER_TO_LIBRARY.get(match.group(1), match.group(1)))
    if DRIVER_MODULE_API.search(text):
        found.add("cuda_driver")
    return found


def missing_library(libraries: set[str]) -> str:
    missing = sorted(lib for lib in libraries if lib not in PROVIDED_LIBRARIES and lib != "cuda")
    return ("needs " + ", ".join(missing)) if missing else ""


# --- cuda-samples --------------------------------------------------------------------------------

def cmake_calls(text: str, command: str) -> list[list[str]]:
    """The argument lists of every `command(...)` in a CMakeLists.txt (comments and generator
    expressions removed; enough for the samples' flat files)."""
    text = re.sub(r"#[^\n]*", "", text)
    calls = []
    for match in re.finditer(command + r"\s*\(([^)]*)\)", text, re.I):
        calls.append(shlex.split(match.group(1).replace("\n", " "), posix=True))
    return calls


def cuda_samples_programs(root: Path, canopy: str, bin_dir: Path, small_args: dict[str, list[str]]) -> list[Program]:
    args_table = {}
    table = root / "test_args.json"
    if table.exists():
        args_table = json.loads(table.read_text())
    programs = []
    for cmake in sorted(root.glob("Samples/*/*/CMakeLists.txt")):
        directory = cmake.parent
        text = cmake.read_text(errors="replace")
        executables = [c for c in cmake_calls(text, "add_executable") if c]
        name = directory.name
        program = Program("cuda-samples", name, str(directory))
        code = sources_text(directory)
        # CUDA::cublas_static and the like are the same libraries, linked statically.
        linked = sorted({lib.removesuffix("_static") for lib in CMAKE_LIBRARY.findall(text)} - {"cudart"})
        category = directory.parent.name
        if category in {"7_libNVVM", "8_Platform_Specific"}:
            program.out_of_scope = "platform-specific (" + category + ")"
        elif GRAPHICS.search(text) or GRAPHICS_INCLUDE.search(code):
            program.out_of_scope = "graphics"
        elif MULTI_GPU_NAMES.search(name) or "cudaDeviceEnablePeerAccess" in code or "cudaIpc" in code:
            program.out_of_scope = "several GPUs or processes"
        else:
            program.out_of_scope = missing_library(libraries_used(code, linked))
        if not program.out_of_scope and not executables:
            program.out_of_scope = "no executable in CMakeLists.txt"
        entry = args_table.get(name, {})
        if entry.get("skip"):
            program.out_of_scope = program.out_of_scope or "skipped by the suite's test_args.json"
        if executables:
            target, *sources = executables[0]
            sources = [s for s in sources if not s.startswith("${") and Path(directory, s).suffix]
            includes = []
            for call in cmake_calls(text, "include_directories"):
                includes += ["-I" + str((directory / d).resolve()) for d in call if not d.startswith("$")]
            for call in cmake_calls(text, "target_include_directories"):
                includes += ["-I" + str((directory / d).resolve()) for d in call[1:]
                             if d not in {"PRIVATE", "PUBLIC", "INTERFACE"} and not d.startswith("$")]
            exe = str(bin_dir / name)
            flags = ["-std=c++17", "--extended-lambda", "-rdc=true", "-lineinfo", "-O2"]
            if "OpenMP" in text:
                flags += ["-Xcompiler", "-fopenmp"]
            program.executable = exe
            links = ["-l" + lib for lib in linked if lib in PROVIDED_LIBRARIES]
            program.build = [[canopy, "cc", *flags, *includes, *sources, *links, "-o", exe]]
            run_args = entry.get("args", [])
            if "runs" in entry and entry["runs"]:
                run_args = entry["runs"][0].get("args", [])
            if name in small_args:  # a smaller problem through the program's own options
                run_args = small_args[name]
            program.run = [exe, *run_args]
        programs.append(program)
    return programs


# --- HeCBench ------------------------------------------------------------------------------------

def has_run_target(makefile: str) -> bool:
    return re.search(r"^run\s*:", makefile, re.M) is not None


REPEAT_ARGUMENT = re.compile(
    r"\b(repeat|repeats|iterations|iteration|iters|iter|niter|nIter|numIterations|num_iterations|numIter|loops|"
    r"passes|reps)\s*=\s*(?:std::)?(?:atoi|atol|atoll|stoi|strtol)\s*\(\s*argv\s*\[\s*(\d+)\s*\]")


def run_recipe(makefile: str, exe: str) -> list[str] | None:
    """The arguments of the program in the Makefile's `run` recipe (its first command that runs it), or
    None when it cannot be read plainly (shell constructs, several commands)."""
    match = re.search(r"^run\s*:[^\n]*\n((?:\t[^\n]*\\\n)*\t[^\n]*)", makefile, re.M)
    if not match:
        return None
    command = match.group(1).replace("\\\n", " ").replace("\t", " ")
    command = command.replace("$(LAUNCHER)", "").replace("$(program)", exe).strip()
    if any(c in command for c in ";|&><`$"):
        return None
    try:
        words = shlex.split(command)
    except ValueError:
        return None
    if not words or words[0] not in {"./" + exe, exe}:
        return None
    return words[1:]


def small_run(directory: Path, makefile: str, exe: str, code: str) -> list[str] | None:
    """The suite's own run, with the program's repeat count (an argument the source reads into `repeat`,
    `iterations`, ...) set to 1: the same work, done once."""
    args = run_recipe(makefile, exe)
    if args is None:
        return None
    for match in REPEAT_ARGUMENT.finditer(code):
        index = int(match.group(2)) - 1
        if 0 <= index < len(args) and re.fullmatch(r"\d+", args[index]):
            args[index] = "1"
    return ["./" + exe, *args]


def hecbench_programs(root: Path, canopy: str, sizes: dict[str, list[str]]) -> list[Program]:
    programs = []
    for makefile_path in sorted(root.glob("src/*-cuda/Makefile")):
        directory = makefile_path.parent
        name = directory.name
        makefile = makefile_path.read_text(errors="replace")
        code = sources_text(directory)
        program = Program("HeCBench", name, str(directory))
        program.self_checking = bool(re.search(r"\bPASS", code)) and bool(re.search(r"\bFAIL", code))
        libs = libraries_used(code, MAKE_LIBRARY.findall(makefile))
        program.out_of_scope = missing_library(libs)
        if not program.out_of_scope and not program.self_checking:
            program.out_of_scope = "not self-checking (prints no PASS/FAIL)"
        if not has_run_target(makefile) and not program.out_of_scope:
            program.out_of_scope = "no `run` target"
        prog = re.search(r"^program\s*=\s*(\S+)", makefile, re.M)
        exe = prog.group(1) if prog else "main"
        program.executable = str(directory / exe)
        compiler = f"CC={canopy} cc"
        program.build = [["make", "-s", "clean", compiler], ["make", "-s", compiler, "ARCH=sm_80", "LAUNCHER="]]
        # hecbench-sizes.tsv's small arguments, else the suite's own `run` recipe (its default size) with the
        # repeat count set to 1, else `make run` as it is.
        if name in sizes:
            program.run = ["./" + exe, *sizes[name]]
        else:
            program.run = small_run(directory, makefile, exe, code) or ["make", "-s", "run", compiler, "ARCH=sm_80",
                                                                         "LAUNCHER="]
        programs.append(program)
    return programs


# --- building, running, classifying --------------------------------------------------------------

ERROR_LINE = re.compile(r"(?:error|fatal error):\s*(.*)")


def first_error(text: str) -> str:
    for line in text.splitlines():
        match = ERROR_LINE.search(line)
        if match:
            message = match.group(1).strip()
            return re.sub(r"\s+", " ", message)[:160]
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    return lines[-1][:160] if lines else "no output"


def run_failure_cause(code: int, output: str) -> str:
    for pattern in (r"canopy: [^\n]*", r"CUDA error[^\n]*", r"[^\n]*(?:FAIL|Fail|failed|error)[^\n]*",
                    r"[^\n]*Waiving[^\n]*"):
        match = re.search(pattern, output)
        if match:
            return re.sub(r"\s+", " ", match.group(0).strip())[:160]
    return f"exit status {code}"


def execute(command: list[str], cwd: str, timeout: float, env: dict[str, str]) -> tuple[int | None, str, float]:
    """Runs `command` in its own process group; on timeout the whole group is killed (`make run` leaves
    the program as a grandchild)."""
    start = time.monotonic()
    try:
        proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, env=env, start_new_session=True)
    except OSError as error:
        return 127, str(error), time.monotonic() - start
    try:
        out, _ = proc.communicate(timeout=timeout)
        return proc.returncode, out.decode(errors="replace"), time.monotonic() - start
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, _ = proc.communicate()
        return None, out.decode(errors="replace") if out else "", time.monotonic() - start


def evaluate(program: Program, build_timeout: float, run_timeout: float, env: dict[str, str]) -> Result:
    result = Result(program.suite, program.name, "out-of-scope", program.out_of_scope)
    if program.out_of_scope:
        return result
    Path(program.executable).parent.mkdir(parents=True, exist_ok=True)
    for command in program.build:
        code, output, seconds = execute(command, program.directory, build_timeout, env)
        result.build_s += seconds
        if code is None:
            result.status, result.cause = "timeout", "build took over %d s" % build_timeout
            return result
        if code != 0 and "clean" not in command:
            result.status, result.cause, result.detail = "build", first_error(output), output[-4000:]
            return result
    code, output, result.run_s = execute(program.run, program.directory, run_timeout, env)
    result.detail = output[-4000:]
    if code is None:
        result.status, result.cause = "timeout", "ran over %d s" % run_timeout
    elif code != 0 or re.search(r"\bFAIL", output) or (program.suite == "HeCBench" and "PASS" not in output):
        result.status, result.cause = "run", run_failure_cause(code, output)
    elif skipped := re.search(r"[^\n]*\b(?:[Ss]kipping|[Ww]aiving)\b[^\n]*", output):
        # Exited 0 without running its test (a capability it judged missing): not a pass.
        result.status, result.cause = "skipped", re.sub(r"\s+", " ", skipped.group(0).strip())[:160]
    else:
        result.status = "pass"
    return result


def read_table(path: Path) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    if path.exists():
        for line in path.read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                key, *rest = line.split("\t")
                table[key.strip()] = rest
    return table


def summarize(results: list[Result], known: dict[str, list[str]]) -> str:
    lines = ["# Scoreboard", ""]
    for suite in sorted({r.suite for r in results}):
        mine = [r for r in results if r.suite == suite]
        scope = [r for r in mine if r.status != "out-of-scope"]
        passed = sum(r.status == "pass" for r in scope)
        share = 100.0 * passed / len(scope) if scope else 0.0
        lines += [f"## {suite}: {passed} of {len(scope)} in scope pass ({share:.1f} %)", ""]
        excluded: dict[str, int] = {}
        for r in mine:
            if r.status == "out-of-scope":
                excluded[r.cause] = excluded.get(r.cause, 0) + 1
        lines.append("Out of scope: %d (%s)" % (len(mine) - len(scope), "; ".join(
            f"{why}: {n}" for why, n in sorted(excluded.items(), key=lambda kv: -kv[1]))))
        lines += ["", "| program | status | cause |", "|---|---|---|"]
        for r in sorted(scope, key=lambda r: (r.status == "pass", r.status, r.name)):
            if r.status == "pass":
                continue
            cause = r.cause
            if r.name in known:
                cause = " — ".join(known[r.name]) + f" ({r.cause})"
            lines.append(f"| {r.name} | {r.status} | {cause.replace('|', '/')} |")
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--canopy", required=True, help="the canopy executable")
    parser.add_argument("--cuda-samples", type=Path, help="a checkout of NVIDIA/cuda-samples")
    parser.add_argument("--hecbench", type=Path, help="a checkout of HeCBench")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--only", default="", help="regex of program names to try")
    parser.add_argument("--every", type=int, default=1, help="try every k-th in-scope program of each suite")
    parser.add_argument("--list", action="store_true", help="print the programs and their scope, build nothing")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--build-timeout", type=float, default=600)
    parser.add_argument("--run-timeout", type=float, default=120)
    parser.add_argument("--known-causes", type=Path, default=HERE / "known-causes.tsv",
                        help="program<TAB>written-down cause (default: scripts/compat/known-causes.tsv)")
    parser.add_argument("--sizes", type=Path, default=HERE / "hecbench-sizes.tsv",
                        help="HeCBench program<TAB>small arguments (default: scripts/compat/hecbench-sizes.tsv)")
    parser.add_argument("--samples-args", type=Path, default=HERE / "cuda-samples-args.tsv",
                        help="cuda-samples program<TAB>small-size arguments (default: scripts/compat/cuda-samples-args.tsv)")
    args = parser.parse_args()

    canopy = str(Path(args.canopy).resolve())
    sizes = {k: shlex.split(v[0]) if v else [] for k, v in read_table(args.sizes).items()}
    sample_args = {k: shlex.split(v[0]) if v else [] for k, v in read_table(args.samples_args).items()}
    programs: list[Program] = []
    if args.cuda_samples:
        programs += cuda_samples_programs(args.cuda_samples.resolve(), canopy, args.out.resolve() / "bin", sample_args)
    if args.hecbench:
        programs += hecbench_programs(args.hecbench.resolve(), canopy, sizes)
    only = re.compile(args.only) if args.only else None
    chosen: list[Program] = []
    counters: dict[str, int] = {}
    for program in programs:
        if only and not only.search(program.name):
            continue
        if not program.out_of_scope:
            index = counters.get(program.suite, 0)
            counters[program.suite] = index + 1
            if index % args.every:
                continue
        chosen.append(program)

    if args.list:
        for p in chosen:
            print(f"{p.suite:12} {p.name:40} {p.out_of_scope or 'in scope'}")
        return 0
    env = dict(os.environ)
    args.out.mkdir(parents=True, exist_ok=True)
    results: list[Result] = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(evaluate, p, args.build_timeout, args.run_timeout, env) for p in chosen]
        for future in concurrent.futures.as_completed(futures):
            result = future.result()
            results.append(result)
            if result.status != "out-of-scope":
                print(f"{result.suite:12} {result.name:40} {result.status:8} {result.cause}", flush=True)
    results.sort(key=lambda r: (r.suite, r.name))
    (args.out / "results.json").write_text(json.dumps([asdict(r) for r in results], indent=1))
    board = summarize(results, read_table(args.known_causes))
    (args.out / "scoreboard.md").write_text(board)
    print(board)
    return 0


if __name__ == "__main__":
    sys.exit(main())
