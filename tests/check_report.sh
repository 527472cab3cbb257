#!/bin/sh
# flynn report drawn from real runs: three small runs of the kinds its suite makes (every kernel
# and backend; a triad sweep; the concurrency tables), the page written from them, and each of its
# figures written and inlined. Exit 77 (skipped) where matplotlib is missing.
# Usage: check_report.sh FLYNN OUT
set -eu
flynn=$1
out=$2
/usr/bin/python3 -c "import matplotlib" 2>/dev/null || { echo "no python3-matplotlib here"; exit 77; }
rm -rf "$out"
mkdir -p "$out"
"$flynn" run -n 1000,64x64 -r 2 -w 1 -p float --no-progress --json "$out/run.json" >/dev/null
"$flynn" run -k triad -b scalar,simd -n 4K..64K -r 2 -w 1 -p float --no-progress --json "$out/sweep.json" >/dev/null
"$flynn" concurrency --tasks 4 --task-ms 5 -n 4099 -r 2 --json "$out/concurrency.json" >/dev/null
"$flynn" report --from "$out/run.json" "$out/sweep.json" "$out/concurrency.json" --out "$out/page"
for figure in roofline speedup memory scaling; do
  test -s "$out/page/$figure.png" || { echo "check_report: $figure.png was not written"; exit 1; }
done
inlined=$(grep -o 'src="data:image/png;base64,' "$out/page/index.html" | wc -l)
[ "$inlined" -ge 4 ] || { echo "check_report: index.html inlines $inlined figures, not 4 or more"; exit 1; }
for section in "Concurrency is not parallelism" "taxonomy, measured" "Figures not to trust" "MISD"; do
  grep -q "$section" "$out/page/index.html" || { echo "check_report: no \"$section\" on the page"; exit 1; }
done
