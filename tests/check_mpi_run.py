#!/usr/bin/python3
"""What every `flynn run -b mpi` under mpirun must show, however it was launched: one table (rank
0's; the other ranks print nothing), the expected number of mpi rows, each verified, with the rank
count in its width, and a JSON context that describes the job.

    check_mpi_run.py TABLE JSON --ranks R --hosts H --rows N
"""
import argparse
import json
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("table")
    ap.add_argument("json")
    ap.add_argument("--ranks", type=int, required=True)
    ap.add_argument("--hosts", type=int, required=True)
    ap.add_argument("--rows", type=int, required=True)
    a = ap.parse_args()
    problems = []

    lines = open(a.table).read().splitlines()
    if sum(line.startswith("kernel ") for line in lines) != 1:
        problems.append("expected one table, from rank 0 alone")
    rows = [line for line in lines if len(line.split()) > 1 and line.split()[1] == "mpi"]
    if len(rows) != a.rows:
        problems.append(f"expected {a.rows} mpi rows, saw {len(rows)}")
    problems += [f"not verified: {row}" for row in rows if " ok" not in row]

    doc = json.load(open(a.json))
    mpi = doc["context"]["backends"]["mpi"]
    if not (isinstance(mpi["ranks"], int) and mpi["ranks"] == a.ranks and mpi["hosts"] == a.hosts):
        problems.append(f"context says {mpi}, not {a.ranks} ranks on {a.hosts} hosts")
    if mpi["launched"] != "by mpirun" or "MPI" not in mpi["library"]:
        problems.append(f"context says {mpi}")
    if a.ranks > 1 and not 0 < mpi.get("allreduce_seconds", 0) < 1:
        problems.append(f"no allreduce time in {mpi}")
    results = [r for r in doc["results"] if r["backend"] == "mpi"]
    if len(results) != a.rows or not all(r["verified"] for r in results):
        problems.append("the JSON's mpi rows are not all there and verified")
    problems += [f"width {r['width']}" for r in results if not r["width"].startswith(f"{a.ranks} rank")]

    for p in problems:
        print(f"check_mpi_run: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
