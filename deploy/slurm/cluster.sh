#!/usr/bin/env bash
# A single-node Slurm cluster on this machine, for trying the sharded runs and for
# the end-to-end test (tests/slurm.rs). Needs root and Debian's Slurm packages
# (installed if missing). No systemd and no cgroups are needed.
#
#   cluster.sh start  [DIR]   install if needed, write the configuration, start
#                             munged, slurmctld and slurmd, wait until the node is idle
#   cluster.sh stop   [DIR]   cancel the cluster's jobs, stop the three daemons
#   cluster.sh status [DIR]   the daemons and the node; exit 0 only when all run
#
# DIR (default $ESANTE_SLURM_DIR, else /tmp/esante-slurm) holds everything: the
# configuration (DIR/slurm.conf), a munge key and socket of its own (DIR/munge), the
# controller's state, slurmd's spool, pid files (DIR/run) and logs (DIR/log, with
# the job completion log DIR/log/jobcomp.log). Several clusters can run side by side
# in different folders: each gets its own munged and its own pair of free ports.
# Slurm's commands find the cluster through SLURM_CONF:
#
#   export SLURM_CONF=DIR/slurm.conf
#
# Settings (environment):
#   ESANTE_SLURM_CPUS     CPUs the node advertises (default 8, more than the machine
#                         may have: SlurmdParameters=config_overrides), so an 8-task
#                         array runs at once
#   ESANTE_SLURM_PORT     the controller's port (slurmd uses the next one); default:
#                         the first free pair from 6817
#   ESANTE_SLURM_TIMEOUT  seconds to wait for the node to become idle (default 60)
#
# Starting twice is harmless (running daemons are kept); `stop` leaves DIR in place.
# On failure the script exits non-zero with the reason and the daemons' log tails.
set -euo pipefail

usage() {
    echo "usage: $0 start|stop|status [DIR]" >&2
    exit 2
}

if [ $# -lt 1 ] || [ $# -gt 2 ]; then usage; fi
action=$1
dir=${2:-${ESANTE_SLURM_DIR:-/tmp/esante-slurm}}
case $dir in
/*) ;;
*) dir=$PWD/$dir ;;
esac
dir=${dir%/}
conf=$dir/slurm.conf
cpus=${ESANTE_SLURM_CPUS:-8}
timeout=${ESANTE_SLURM_TIMEOUT:-60}
export SLURM_CONF=$conf

# The last lines of each log that exists, to show why something failed.
log_tails() {
    local f
    for f in "$dir"/log/*.stderr "$dir"/log/slurmctld.log "$dir"/log/slurmd.log \
        "$dir"/munge/munged.log; do
        if [ -s "$f" ]; then
            echo "--- last lines of $f:"
            tail -n 15 "$f"
        fi
    done
}

die() {
    {
        echo "cluster.sh: error: $*"
        log_tails
    } >&2
    exit 1
}

# The pid in a pid file if that process runs and is NAME (a zombie counts as
# stopped: PID 1 may reap it late). Prints nothing otherwise.
running_pid() {
    local pidfile=$1 name=$2 pid state comm
    [ -r "$pidfile" ] || return 0
    pid=$({ tr -dc '0-9' <"$pidfile"; } 2>/dev/null) || return 0
    [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 0
    comm=$(cat "/proc/$pid/comm" 2>/dev/null) || return 0
    [ "$comm" = "$name" ] || return 0
    # Field 3 of /proc/PID/stat, after the parenthesised command name.
    state=$(sed 's/^.*) \([A-Za-z]\).*$/\1/' "/proc/$pid/stat" 2>/dev/null) || return 0
    [ "$state" != Z ] && [ "$state" != X ] || return 0
    echo "$pid"
}

munged_pid() { running_pid "$dir/munge/munged.pid" munged; }
slurmctld_pid() { running_pid "$dir/run/slurmctld.pid" slurmctld; }
slurmd_pid() { running_pid "$dir/run/slurmd.pid" slurmd; }

# Whether something listens on 127.0.0.1:PORT.
port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

install_packages() {
    local missing=0 b
    for b in munged slurmctld slurmd sbatch; do
        command -v "$b" >/dev/null || missing=1
    done
    [ $missing = 1 ] || return 0
    echo "installing Slurm and munge (apt-get)..."
    local pkgs=(slurmctld slurmd slurm-client munge)
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        "${pkgs[@]}" >"$dir/log/apt.stderr" 2>&1; then
        # Perhaps no package lists yet.
        DEBIAN_FRONTEND=noninteractive apt-get update >>"$dir/log/apt.stderr" 2>&1 || true
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
            "${pkgs[@]}" >>"$dir/log/apt.stderr" 2>&1 ||
            die "could not install ${pkgs[*]} with apt-get"
    fi
    rm -f "$dir/log/apt.stderr"
}

# The first free pair of ports (controller, slurmd) from 6817, or ESANTE_SLURM_PORT.
pick_ports() {
    local p
    if [ -n "${ESANTE_SLURM_PORT:-}" ]; then
        ctld_port=$ESANTE_SLURM_PORT
        slurmd_port=$((ctld_port + 1))
        return
    fi
    for ((p = 6817; p < 7017; p += 2)); do
        if ! port_in_use "$p" && ! port_in_use $((p + 1)); then
            ctld_port=$p
            slurmd_port=$((p + 1))
            return
        fi
    done
    die "no free pair of ports between 6817 and 7017"
}

write_conf() {
    local node
    node=$(slurmd -C 2>/dev/null | sed -n 's/^NodeName=\([^ ]*\).*$/\1/p')
    [ -n "$node" ] || node=$(hostname -s)
    pick_ports
    cat >"$conf.new" <<EOF
# Written by deploy/slurm/cluster.sh: a single-node cluster without systemd or cgroups.
ClusterName=esante
SlurmctldHost=localhost
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
# Other users fail on pid and state files here; slurmd must be root anyway.
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
# No cgroups: cgroup v1 wants a cgroup.conf, cgroup/v2 is fatal on hybrid hosts.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
# No sacct without a database: exit codes stay readable in this file.
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/log/jobcomp.log
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
# Start array tasks at once (the default waits 3 s between rounds).
SchedulerParameters=batch_sched_delay=0
# A job whose dependency can never be satisfied (a failed shard) is cancelled
# instead of pending for ever.
DependencyParameters=kill_invalid_depend
# The node may advertise more CPUs than the machine has.
SlurmdParameters=config_overrides
ReturnToService=2
MailProg=/bin/true
MinJobAge=300
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
    mv "$conf.new" "$conf"
}

start_munged() {
    [ -z "$(munged_pid)" ] || return 0
    local m=$dir/munge
    runuser -u munge -- test -x "$dir" ||
        die "munged runs as user munge, which cannot reach $dir: every folder above it needs o+x"
    # munged runs as munge and insists on its own folder, reachable by everyone.
    install -d -o munge -g munge -m 0755 "$m"
    if [ ! -s "$m/munge.key" ]; then
        runuser -u munge -- mungekey --create --keyfile="$m/munge.key" >/dev/null 2>&1 ||
            die "mungekey could not create $m/munge.key"
    fi
    rm -f "$m/munge.socket" "$m/munge.socket.lock"
    runuser -u munge -- munged --socket="$m/munge.socket" --key-file="$m/munge.key" \
        --pid-file="$m/munged.pid" --log-file="$m/munged.log" --seed-file="$m/munged.seed" \
        </dev/null >"$dir/log/munged.stderr" 2>&1 || die "munged did not start"
    munge -S "$m/munge.socket" -n </dev/null 2>>"$dir/log/munged.stderr" |
        unmunge -S "$m/munge.socket" >/dev/null 2>>"$dir/log/munged.stderr" ||
        die "munged does not answer on $m/munge.socket"
}

# start_daemon NAME ARGS...: start a Slurm daemon (it forks) unless it runs.
start_daemon() {
    local name=$1 i
    shift
    [ -z "$("${name}_pid")" ] || return 0
    "$name" "$@" -f "$conf" </dev/null >"$dir/log/$name.stderr" 2>&1 ||
        die "$name did not start"
    # The parent returns before the daemon has written its pid file.
    for ((i = 0; i < 50; i++)); do
        [ -z "$("${name}_pid")" ] || return 0
        sleep 0.1
    done
    die "$name exited right after starting"
}

node_state() {
    sinfo -h -N -o '%T' 2>/dev/null | head -n 1
}

start() {
    [ "$(id -u)" = 0 ] || die "needs root (the Slurm daemons run as root here)"
    [[ $cpus =~ ^[1-9][0-9]*$ ]] || die "ESANTE_SLURM_CPUS must be a positive number, not '$cpus'"
    [[ $timeout =~ ^[1-9][0-9]*$ ]] || die "ESANTE_SLURM_TIMEOUT must be whole seconds, not '$timeout'"
    mkdir -p "$dir"/{log,run,state,spool}
    # munged (user munge) must reach its socket folder inside DIR.
    chmod a+x "$dir"
    install_packages
    # Keep the configuration (and its ports) while the controller runs.
    if [ -z "$(slurmctld_pid)" ] || [ ! -s "$conf" ]; then
        write_conf
    fi
    start_munged
    # -c: a clean controller state (no jobs left from an earlier cluster).
    start_daemon slurmctld -c
    start_daemon slurmd

    local deadline=$((SECONDS + timeout)) state=""
    while :; do
        [ -n "$(munged_pid)" ] || die "munged stopped"
        [ -n "$(slurmctld_pid)" ] || die "slurmctld stopped"
        [ -n "$(slurmd_pid)" ] || die "slurmd stopped"
        state=$(node_state)
        case $state in
        idle | mixed | allocated) break ;;
        down* | drain*)
            scontrol update nodename="$(sinfo -h -N -o %N | head -n 1)" state=resume \
                >/dev/null 2>&1 || true
            ;;
        esac
        [ $SECONDS -lt $deadline ] ||
            die "the node is not idle after ${timeout} s (state: '${state:-unknown}')"
        sleep 0.2
    done
    cat <<EOF
Slurm cluster up in $dir: node $(sinfo -h -N -o '%N, %c CPUs, %T' | head -n 1)
  configuration: $conf (controller port $(sed -n 's/^SlurmctldPort=//p' "$conf"))
  logs:          $dir/log (job completions: $dir/log/jobcomp.log)
Use it with:
  export SLURM_CONF=$conf
EOF
}

# stop_daemon NAME: TERM, then KILL after 10 s; a zombie counts as stopped.
stop_daemon() {
    local name=$1 pid i
    pid=$("${name}_pid")
    [ -n "$pid" ] || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        [ -n "$("${name}_pid")" ] || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
        [ -n "$("${name}_pid")" ] || return 0
        sleep 0.1
    done
    echo "cluster.sh: error: $name (pid $pid) does not stop" >&2
    return 1
}

stop() {
    local ok=0 jobs
    if [ -n "$(slurmctld_pid)" ]; then
        jobs=$(squeue -h -o %A 2>/dev/null | tr '\n' ' ') || jobs=""
        if [ -n "${jobs// /}" ]; then
            # shellcheck disable=SC2086 # one job id per word
            scancel $jobs >/dev/null 2>&1 || true
        fi
    fi
    stop_daemon slurmd || ok=1
    stop_daemon slurmctld || ok=1
    stop_daemon munged || ok=1
    [ $ok = 0 ] && echo "Slurm cluster in $dir stopped"
    return $ok
}

status() {
    local ok=0 name pid
    for name in munged slurmctld slurmd; do
        pid=$("${name}_pid")
        if [ -n "$pid" ]; then
            echo "$name: running (pid $pid)"
        else
            echo "$name: stopped"
            ok=3
        fi
    done
    if [ $ok = 0 ]; then
        echo "node: $(sinfo -h -N -o '%N, %c CPUs, %T' 2>&1 | head -n 1)"
        echo "export SLURM_CONF=$conf"
    fi
    return $ok
}

case $action in
start) start ;;
stop) stop ;;
status) status ;;
*) usage ;;
esac
