#!/usr/bin/python3
"""Time tcsurvey against pandas + scipy, GNU datamash and the libcsv floor.

  scripts/bench/run.py --dir DIR [--sizes 100k,1m] [--10m] [--repeats 3]
                       [--repeats-large N] [--keep]

Generates synthetic Microsoft Forms exports (gen_forms.c: 40 items, half
agreement labels, half 1-10 ratings, ~5% blanks, a faculty column) into DIR,
which must be outside the repository (10M rows is about 4.3 GB per wave; the
runner checks the free space first), and deletes them afterwards unless
--keep. For each size it times, with the page cache warm, round-robin over
--repeats runs (--repeats-large for 5M rows and more) and reports the median
wall time, CPU time (user + system: tcsurvey counts on a second thread, so
it can be more than the wall time) and peak RSS (/usr/bin/time %M; for a
pipeline, its largest process):

  summary   floor (libcsv parse only), tcsurvey summary -f json,
            tcsurvey summary --by faculty (one more pass for all 5 groups),
            pandas + scipy (pandas_summary.py), datamash (rating columns only)
  compare   floor over both waves, tcsurvey compare -f json, pandas + scipy
  compare + pillars
            the same with a codebook putting the 40 items in the four
            pillars (items 1-10, 11-20, 21-30, 31-40): pillar scores, alpha
            and their changes too (one more pass over each wave)

and prints a Markdown table with the machine and date. At the smallest size
pandas' figures are first checked against tcsurvey's (pandas_summary.py
--check), so both are known to compute the same thing.

datamash computes count, mean, sample SD and median of the 20 rating
columns only, after `cut -d, -f26-45 | sed` turns blanks into NA (datamash
--narm skips NA but not empty fields): half the items, no label matching,
no distributions or intervals. It has no t-test or Mann-Whitney, so it has
no compare row.

Needs: cc, libcsv-dev, /usr/bin/time (package time), python3-pandas and
python3-scipy for /usr/bin/python3, datamash (optional: skipped if absent).
"""

import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BYTES_PER_ROW = 430  # gen_forms output, measured
PILLARS = ["Visibility", "Recognition", "Career Development", "Sustainability"]
SIZES = {"100k": 100_000, "1m": 1_000_000, "10m": 10_000_000}


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def parse_size(s):
    s = s.strip().lower()
    if s in SIZES:
        return SIZES[s]
    mult = 1
    if s.endswith("k"):
        mult, s = 1000, s[:-1]
    elif s.endswith("m"):
        mult, s = 1_000_000, s[:-1]
    return int(float(s) * mult)


def label(n):
    if n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n % 1000 == 0:
        return f"{n // 1000}k"
    return str(n)


def measure(argv, outdir, shell=False):
    """Run once: (wall seconds, peak RSS in MB, CPU seconds)."""
    tf = os.path.join(outdir, "time.txt")
    if shell:
        full = ["/usr/bin/time", "-f", "%e %M %U %S", "-o", tf, "sh", "-c", argv]
    else:
        full = ["/usr/bin/time", "-f", "%e %M %U %S", "-o", tf] + argv
    t0 = time.perf_counter()
    r = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit(f"bench: failed ({r.returncode}): {argv}\n{r.stderr.decode()[-2000:]}")
    with open(tf) as f:
        last = f.read().strip().splitlines()[-1].split()
    return wall, int(last[1]) / 1024.0, float(last[2]) + float(last[3])


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    osname = platform.platform()
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    osname = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}; {osname}"


def versions(have_datamash):
    out = []
    for name, cmd in [("gcc", ["cc", "--version"]), ("python3", ["/usr/bin/python3", "--version"])]:
        try:
            out.append(subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines()[0])
        except (OSError, IndexError):
            pass
    r = subprocess.run(["/usr/bin/python3", "-c",
                        "import pandas, scipy; print(f'pandas {pandas.__version__}, "
                        "scipy {scipy.__version__}')"], capture_output=True, text=True)
    if r.returncode == 0:
        out.append(r.stdout.strip())
    if have_datamash:
        r = subprocess.run(["datamash", "--version"], capture_output=True, text=True)
        out.append(r.stdout.splitlines()[0])
    r = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "libcsv3"], capture_output=True,
                       text=True)
    if r.returncode == 0:
        out.append(f"libcsv {r.stdout.strip()}")
    return "; ".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", required=True, help="where to generate the data (outside the repo)")
    ap.add_argument("--sizes", default="100k,1m", help="comma-separated: 100k,1m,10m or counts")
    ap.add_argument("--10m", dest="ten", action="store_true", help="add 10M rows (~9 GB)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--repeats-large", type=int, help="runs for 5M rows and more "
                    "(default: --repeats)")
    ap.add_argument("--keep", action="store_true", help="keep the generated files")
    ap.add_argument("--tcsurvey", help="binary (default: build build-rel/ and use it)")
    ap.add_argument("--no-pandas", action="store_true")
    ap.add_argument("--no-datamash", action="store_true")
    ap.add_argument("--no-by", action="store_true", help="skip the summary --by benchmark")
    ap.add_argument("--no-compare", action="store_true")
    ap.add_argument("--no-pillars", action="store_true", help="skip compare + pillars")
    a = ap.parse_args()

    sizes = [parse_size(s) for s in a.sizes.split(",") if s.strip()]
    if a.ten and 10_000_000 not in sizes:
        sizes.append(10_000_000)
    sizes.sort()
    base = os.path.realpath(a.dir)
    if base == ROOT or base.startswith(ROOT + os.sep):
        sys.exit("bench: --dir must be outside the repository (the data is large)")
    os.makedirs(base, exist_ok=True)
    work = tempfile.mkdtemp(prefix="tcsurvey-bench.", dir=base)
    need = sum(n * BYTES_PER_ROW * (1 if a.no_compare else 2) for n in sizes)
    free = shutil.disk_usage(work).free
    if need * 1.1 > free:
        shutil.rmtree(work)
        sys.exit(f"bench: needs about {need / 1e9:.1f} GB in {base}, "
                 f"{free / 1e9:.1f} GB free")
    if not os.path.exists("/usr/bin/time"):
        sys.exit("bench: /usr/bin/time is missing (apt-get install time)")
    have_datamash = shutil.which("datamash") is not None and not a.no_datamash

    try:
        run(a, sizes, work, have_datamash)
    finally:
        if a.keep:
            print(f"bench: kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


def run(a, sizes, work, have_datamash):
    bindir = os.path.join(work, "bin")
    os.makedirs(bindir)
    gen = os.path.join(bindir, "gen_forms")
    floor = os.path.join(bindir, "floor")
    sh(["cc", "-O2", "-std=c11", "-o", gen, os.path.join(HERE, "gen_forms.c")])
    sh(["cc", "-O2", "-std=c11", "-o", floor, os.path.join(HERE, "floor.c"), "-lcsv"])
    tcs = a.tcsurvey
    if not tcs:
        build = os.path.join(ROOT, "build-rel")
        sh(["cmake", "-S", ROOT, "-B", build, "-DCMAKE_BUILD_TYPE=RelWithDebInfo"],
           stdout=subprocess.DEVNULL)
        sh(["cmake", "--build", build, "-j", str(os.cpu_count() or 2), "--target", "tcsurvey"],
           stdout=subprocess.DEVNULL)
        tcs = os.path.join(build, "tcsurvey")
    tcs = os.path.abspath(tcs)
    pandas = ["/usr/bin/python3", os.path.join(HERE, "pandas_summary.py")]
    out = os.path.join(work, "out.json")
    codebook = os.path.join(work, "pillars.csv")
    with open(codebook, "w") as f:
        f.write("id,pillar\n")
        for i in range(1, 41):
            f.write(f"{i},{PILLARS[(i - 1) // 10]}\n")

    rows = []  # (size, task, tool, wall, rss)
    for i, n in enumerate(sizes):
        fa = os.path.join(work, f"forms-{label(n)}-2024.csv")
        fb = os.path.join(work, f"forms-{label(n)}-2026.csv")
        print(f"bench: generating {label(n)} rows", file=sys.stderr)
        sh([gen, str(n), fa, "--seed", "2024"])
        if not a.no_compare:
            sh([gen, str(n), fb, "--seed", "2026", "--shift", "0.2"])
        sh([floor, fa] + ([] if a.no_compare else [fb]), stdout=subprocess.DEVNULL)  # warm cache

        tasks = [("summary", "floor (libcsv parse only)", [floor, fa], False),
                 ("summary", "tcsurvey", [tcs, "summary", "-q", "-f", "json", "-o", out, fa],
                  False)]
        if not a.no_by:
            tasks.append(("summary --by", "tcsurvey --by faculty (5 groups)",
                          [tcs, "summary", "-q", "-f", "json", "-o", out, "--by", "faculty", fa],
                          False))
        if not a.no_pandas:
            tasks.append(("summary", "pandas + scipy", pandas + ["summary", fa, "-o", out], False))
        if have_datamash:
            pipe = (f"cut -d, -f26-45 '{fa}' | sed -e 's/,,/,NA,/g; s/,,/,NA,/g; s/^,/NA,/; "
                    f"s/,$/,NA/' | datamash -t, --header-in --narm "
                    + " ".join(f"count {c} mean {c} sstdev {c} median {c}" for c in range(1, 21))
                    + f" > '{out}'")
            tasks.append(("summary", "datamash (20 rating columns)", pipe, True))
        if not a.no_compare:
            tasks += [("compare", "floor (libcsv parse only)", [floor, fa, fb], False),
                      ("compare", "tcsurvey", [tcs, "compare", "-q", "-f", "json", "-o", out, fa,
                                               fb], False)]
            if not a.no_pandas:
                tasks.append(("compare", "pandas + scipy",
                              pandas + ["compare", fa, fb, "-o", out], False))
            if not a.no_pillars:
                tasks += [("compare + pillars", "floor (libcsv parse only)", [floor, fa, fb],
                           False),
                          ("compare + pillars", "tcsurvey",
                           [tcs, "compare", "-q", "-f", "json", "-c", codebook, "-o", out, fa,
                            fb], False)]
                if not a.no_pandas:
                    tasks.append(("compare + pillars", "pandas + scipy",
                                  pandas + ["compare", fa, fb, "--codebook", codebook, "-o",
                                            out], False))

        if i == 0 and not a.no_pandas:
            # the same figures, or the timings mean nothing
            tj = os.path.join(work, "tcs.json")
            sh([tcs, "summary", "-q", "-f", "json", "-o", tj, fa])
            sh(pandas + ["summary", fa, "-o", out, "--check", tj])
            if not a.no_compare:
                sh([tcs, "compare", "-q", "-f", "json", "-o", tj, fa, fb])
                sh(pandas + ["compare", fa, fb, "-o", out, "--check", tj])
                if not a.no_pillars:
                    sh([tcs, "compare", "-q", "-f", "json", "-c", codebook, "-o", tj, fa, fb])
                    sh(pandas + ["compare", fa, fb, "--codebook", codebook, "-o", out,
                                 "--check", tj])

        samples = {k: [] for k in range(len(tasks))}
        repeats = a.repeats_large if a.repeats_large and n >= 5_000_000 else a.repeats
        for r in range(repeats):
            for k, (task, tool, argv, shell) in enumerate(tasks):
                print(f"bench: {label(n)} {task} {tool} run {r + 1}/{repeats}", file=sys.stderr)
                samples[k].append(measure(argv, work, shell))
        for k, (task, tool, _, _) in enumerate(tasks):
            wall = statistics.median(s[0] for s in samples[k])
            rss = statistics.median(s[1] for s in samples[k])
            cpu = statistics.median(s[2] for s in samples[k])
            rows.append((n, task, tool, wall, rss, cpu, repeats))
        for f in (fa, fb):
            if not a.keep and os.path.exists(f):
                os.remove(f)

    print_table(rows, have_datamash)


def print_table(rows, have_datamash):
    today = datetime.date.today().isoformat()
    runs = ", ".join(f"{label(n)}: {r}" for n, r in sorted({(r[0], r[6]) for r in rows}))
    print(f"Machine: {machine()}  ")
    print(f"Date: {today}; median of the runs per size ({runs}), page cache warm  ")
    print(f"Versions: {versions(have_datamash)}")
    print()
    print("| rows | task | tool | wall (s) | CPU (s) | peak RSS (MB) | x floor | pandas / this |")
    print("|---:|---|---|---:|---:|---:|---:|---:|")
    # "summary --by" is measured against the summary floor and pandas
    base = {"summary --by": "summary"}
    for n, task, tool, wall, rss, cpu, _ in rows:
        ref = base.get(task, task)
        floor = next((r[3] for r in rows
                      if r[0] == n and r[1] == ref and r[2].startswith("floor")), None)
        pandas = next((r[3] for r in rows
                       if r[0] == n and r[1] == ref and r[2].startswith("pandas")), None)
        xf = f"{wall / floor:.2f}" if floor else "-"
        xp = f"{pandas / wall:.1f}" if pandas and not tool.startswith(("pandas", "floor")) else "-"
        print(f"| {label(n)} | {task} | {tool} | {wall:.2f} | {cpu:.2f} | {rss:.1f} | {xf} | "
              f"{xp} |")
    # time per million rows: linear in rows?
    per = [(r[0], r[3] / r[0] * 1e6) for r in rows if r[1] == "summary" and r[2] == "tcsurvey"]
    if len(per) > 1:
        print()
        print("tcsurvey summary, seconds per million rows: "
              + ", ".join(f"{label(n)}: {s:.2f}" for n, s in per))


if __name__ == "__main__":
    main()
