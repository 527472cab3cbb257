#!/bin/sh
# flynn under mpirun as a user runs it: one table (rank 0's; the other ranks print nothing), the
# mpi rows verified beside threads' with the rank count in their width, and the JSON's context
# naming the ranks and the MPI library.
#   check_mpi_driver.sh MPIRUN_HERE RANKS FLYNN
set -eu
mpirun_here=$1 ranks=$2 flynn=$3
json=mpi_driver_$ranks.json
out=$("$mpirun_here" "$ranks" "$flynn" run -b mpi,threads -k triad,dot,nstream,nbody,blackscholes,mandelbrot \
  -n 2,4099,64x48 -p float,double -r 2 --no-progress --json "$json")
echo "$out"
fail() { echo "check_mpi_driver: $*" >&2; exit 1; }
[ "$(echo "$out" | grep -c '^kernel ')" -eq 1 ] || fail "expected one table, from rank 0 alone"
rows=$(echo "$out" | grep -c '^[a-z]* *mpi  ') || true
# 5 one-dimensional kernels at 2 sizes and mandelbrot at one, in 2 precisions.
[ "$rows" -eq 22 ] || fail "expected 22 mpi rows, saw $rows"
bad=$(echo "$out" | grep '^[a-z]* *mpi  ' | grep -cv ' ok' ) || true
[ "$bad" -eq 0 ] || fail "$bad mpi rows not verified"
/usr/bin/python3 - "$json" "$ranks" <<'PY' || fail "the JSON does not describe the job"
import json, sys
doc = json.load(open(sys.argv[1]))
mpi = doc["context"]["backends"]["mpi"]
assert isinstance(mpi["ranks"], int) and mpi["ranks"] == int(sys.argv[2]), mpi
assert mpi["launched"] == "by mpirun" and mpi["hosts"] == 1, mpi
assert "MPI" in mpi["library"], mpi
if int(sys.argv[2]) > 1:
    assert 0 < mpi["allreduce_seconds"] < 1, mpi
rows = [r for r in doc["results"] if r["backend"] == "mpi"]
assert rows and all(r["verified"] for r in rows), rows
assert all(r["width"].startswith(f"{sys.argv[2]} rank") for r in rows), [r["width"] for r in rows]
PY
rm -f "$json"
