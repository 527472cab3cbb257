#!/bin/sh
# The mpi backend across two hosts, made on this machine: two network namespaces, each with its
# own address and host name, joined by a bridge. mpirun starts its daemon in each through a
# launch agent (ip netns exec) where it would use ssh, and the ranks meet over TCP, as on a
# cluster without InfiniBand. Needs root and iproute2; skipped (exit 77) where namespaces cannot
# be made.
#   check_mpi_two_hosts.sh FLYNN
set -eu
flynn=$1
skip() { echo "check_mpi_two_hosts: skipped: $*"; exit 77; }
[ "$(id -u)" -eq 0 ] || skip "network namespaces need root"
command -v ip >/dev/null && command -v unshare >/dev/null || skip "no ip (iproute2) or unshare"
mpirun=${MPIRUN:-mpirun}
command -v "$mpirun" >/dev/null || skip "no $mpirun"
p=fl$(($$ % 100000))             # names of at most 15 characters, this run's own
net=10.$((77 + $$ % 100)).$(($$ % 250)).0
dir=$(mktemp -d)
cleanup() {
  for h in 1 2; do ip netns del "${p}h$h" 2>/dev/null || true; ip link del "${p}v$h" 2>/dev/null || true; done
  ip link del "${p}br" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM
ip link add "${p}br" type bridge 2>/dev/null || skip "cannot make a bridge here"
ip addr add "${net%.0}.254/24" dev "${p}br"
ip link set "${p}br" up
for h in 1 2; do
  ip netns add "${p}h$h" || skip "cannot make a network namespace here"
  ip link add "${p}v$h" type veth peer name "${p}p$h"
  ip link set "${p}p$h" netns "${p}h$h"
  ip link set "${p}v$h" master "${p}br"
  ip link set "${p}v$h" up
  ip netns exec "${p}h$h" ip addr add "${net%.0}.$h/24" dev "${p}p$h"
  ip netns exec "${p}h$h" ip link set "${p}p$h" up
  ip netns exec "${p}h$h" ip link set lo up
done
# The launch agent mpirun calls as `agent HOST COMMAND...`: the command in that host's namespace,
# under a host name of its own (Open MPI tells hosts apart by name).
cat > "$dir/agent" <<AGENT
#!/bin/sh
host=\$1; shift
exec ip netns exec "${p}h\${host##*.}" unshare --uts sh -c "hostname flynn-host\${host##*.}; exec \$*"
AGENT
chmod +x "$dir/agent"
printf '%s slots=1\n%s slots=1\n' "${net%.0}.1" "${net%.0}.2" > "$dir/hosts"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
json=$dir/run.json
# Both pretend hosts share this machine's cores: mpirun would bind each rank to "its" core 0.
out=$("$mpirun" --hostfile "$dir/hosts" -np 2 --bind-to none --mca plm_rsh_agent "$dir/agent" \
  --mca btl self,tcp --mca btl_tcp_if_include "$net/24" --mca oob_tcp_if_include "$net/24" \
  "$flynn" run -b mpi -k triad,dot,nstream,nbody,mandelbrot -n 2,4099,64x48 -r 2 --no-progress --json "$json")
echo "$out" > "$dir/table"
cat "$dir/table"
"$(dirname "$0")/check_mpi_run.py" "$dir/table" "$json" --ranks 2 --hosts 2 --rows 9
