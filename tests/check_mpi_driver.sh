#!/bin/sh
# flynn under mpirun as a user runs it: the mpi rows beside threads', checked by check_mpi_run.py.
#   check_mpi_driver.sh MPIRUN_HERE RANKS FLYNN
set -eu
mpirun_here=$1 ranks=$2 flynn=$3
json=mpi_driver_$ranks.json table=mpi_driver_$ranks.txt
out=$("$mpirun_here" "$ranks" "$flynn" run -b mpi,threads -k triad,dot,nstream,nbody,blackscholes,mandelbrot \
  -n 2,4099,64x48 -p float,double -r 2 --no-progress --json "$json")
echo "$out" > "$table"
cat "$table"
# 5 one-dimensional kernels at 2 sizes and mandelbrot at one, in 2 precisions.
"$(dirname "$0")/check_mpi_run.py" "$table" "$json" --ranks "$ranks" --hosts 1 --rows 22
rm -f "$json" "$table"
