"""What the benchmark scripts say about the machine they ran on and the commands' versions:
shared by bench/compare.py (start-up) and bench/push_compare.py (push), so that both describe
the machine the same way."""

import os
import platform
import subprocess


def output_of(argv):
    try:
        return subprocess.run(argv, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine():
    info = {}
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            key, _, value = line.partition(":")
            info.setdefault(key.strip(), value.strip())
    with open("/proc/meminfo", encoding="utf-8") as f:
        mem_kib = next(int(line.split()[1]) for line in f if line.startswith("MemTotal:"))
    os_name = platform.system()
    try:
        with open("/etc/os-release", encoding="utf-8") as f:
            os_name = next(
                line.split("=", 1)[1].strip().strip('"')
                for line in f
                if line.startswith("PRETTY_NAME=")
            )
    except (OSError, StopIteration):
        pass
    cores = info.get("cpu cores")
    return {
        "CPU": info.get("model name", platform.processor() or "unknown"),
        "Cores": f"{len(os.sched_getaffinity(0))} logical CPUs available"
        + (f" ({cores} cores per socket in /proc/cpuinfo)" if cores else ""),
        "Memory": f"{mem_kib / 1024 / 1024:.1f} GiB",
        "OS": f"{os_name}, Linux {platform.release()} ({platform.machine()})",
    }


def load_average():
    with open("/proc/loadavg", encoding="utf-8") as f:
        return " ".join(f.read().split()[:3])


def release_dir():
    """Where the benchmarked binaries are: `cargo build --release` puts them in target/release;
    CICA_KG_RELEASE_DIR names another folder (target/<host tuple>/release for the static build
    of scripts/build-static.sh)."""
    return os.environ.get("CICA_KG_RELEASE_DIR", "target/release")


def shown(path):
    """`path` as a report prints it: the folder that CICA_KG_RELEASE_DIR names, when it lies
    outside the repository, written `$CICA_KG_RELEASE_DIR`, so that no report names a path
    outside the repository."""
    folder = release_dir()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if os.path.relpath(os.path.abspath(folder), root).startswith(".."):
        return path.replace(folder, "$CICA_KG_RELEASE_DIR")
    return path


def linking():
    """How the release binary is linked, as `file` says (static-pie or dynamic)."""
    described = output_of(["file", "-b", f"{release_dir()}/cica-kg"])
    for kind in ("static-pie linked", "statically linked", "dynamically linked"):
        if kind in described:
            return kind
    return "unknown linking"


def release_profile():
    import tomllib

    with open("Cargo.toml", "rb") as f:
        profile = tomllib.load(f).get("profile", {}).get("release", {})
    settings = ", ".join(
        f'{key} = "{value}"' if isinstance(value, str) else f"{key} = {value}"
        for key, value in profile.items()
    )
    profile = f"[profile.release] {settings}" if settings else "default release profile"
    return f"{profile}; {linking()}"


def git_revision():
    revision = output_of(["git", "rev-parse", "--short", "HEAD"])
    # The reports themselves do not count: one script's run writes BENCHMARKS.md before the next.
    dirty = output_of(["git", "status", "--porcelain", "--untracked-files=no", "--",
                       ".", ":!BENCHMARKS.md"])
    return revision + (" with uncommitted changes" if dirty and dirty != "unknown" else "")
