#!/usr/bin/env bash
# Submits a sharded esante run to Slurm: a job array of SHARDS tasks
# (esante-shards.sbatch, task K runs `esante run SCENARIO --shard K/SHARDS --out
# PARTS`) and the merge (esante-merge.sbatch, `esante merge PARTS --out REPORT`),
# which starts only after every shard succeeded (--dependency=afterok) and is
# cancelled if one failed (--kill-on-invalid-dep=yes).
#
#   submit.sh [--wait] [--timeout SECONDS] SCENARIO SHARDS PARTS REPORT [esante run flags...]
#
# e.g. submit.sh --wait scenarios/acceleration-2021.toml 8 /shared/parts /shared/report \
#          --draws 200000 --seed 7
#
# Prints the two job ids, `array=ID` and `merge=ID`, one per line. With --wait it
# then follows both jobs (squeue every 0.2 s: `sbatch --wait` polls at 2, 10, 42 s
# and reports success for a job cancelled by a failed dependency), and exits with
# the merge job's exit code: 0 when REPORT is written; otherwise non-zero with
# which shards failed and where their logs are. --timeout (with --wait) cancels both
# jobs after SECONDS and exits 124. The options may also come after SCENARIO...;
# everything after `--` goes to `esante run` unread.
#
# Environment:
#   ESANTE       the esante binary on the compute nodes (default: esante on PATH)
#   ESANTE_CPUS  CPUs per shard (default 1; the shard runs with as many threads
#                unless the esante flags say --threads)
#   ESANTE_LOGS  folder for the jobs' output (default: PARTS.logs next to PARTS):
#                shards-ARRAYID-K.out, merge-ID.out
#   SLURM_CONF   which cluster (deploy/slurm/cluster.sh prints it), as for any
#                Slurm command; SBATCH_PARTITION, SBATCH_ACCOUNT, SBATCH_TIMELIMIT...
#                apply to both jobs (sbatch reads them).
# Relative paths are made absolute (jobs may start elsewhere); they must be visible
# from the compute nodes. PARTS should hold only this run's shards: the merge
# refuses shards of another run or of another SHARDS.
set -euo pipefail

usage() {
    echo "usage: $0 [--wait] [--timeout SECONDS] SCENARIO SHARDS PARTS REPORT [esante run flags...]" >&2
    exit 2
}

die() {
    echo "submit.sh: error: $*" >&2
    exit 2
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
wait=0
timeout=0
pos=()
extra=()
while [ $# -gt 0 ]; do
    case $1 in
    --wait) wait=1 ;;
    --timeout)
        [ $# -ge 2 ] || usage
        timeout=$2
        shift
        ;;
    --timeout=*) timeout=${1#*=} ;;
    --)
        shift
        extra+=("$@")
        break
        ;;
    -h | --help) usage ;;
    *)
        if [ ${#pos[@]} -lt 4 ]; then
            pos+=("$1")
        else
            extra+=("$1")
        fi
        ;;
    esac
    shift
done
[ ${#pos[@]} -eq 4 ] || usage

abs() {
    case $1 in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s\n' "$PWD/$1" ;;
    esac
}

scenario=$(abs "${pos[0]}")
shards=${pos[1]}
parts=$(abs "${pos[2]}")
parts=${parts%/}
report=$(abs "${pos[3]}")
esante=${ESANTE:-esante}
case $esante in
*/*) esante=$(abs "$esante") ;;
esac
logs=$(abs "${ESANTE_LOGS:-$parts.logs}")
cpus=${ESANTE_CPUS:-1}

[[ $shards =~ ^[1-9][0-9]*$ ]] || die "SHARDS must be a positive whole number, not '$shards'"
[[ $cpus =~ ^[1-9][0-9]*$ ]] || die "ESANTE_CPUS must be a positive whole number, not '$cpus'"
[[ $timeout =~ ^[0-9]+$ ]] || die "--timeout takes whole seconds, not '$timeout'"
[ -f "$scenario" ] || die "no scenario file $scenario"
command -v sbatch >/dev/null || die "sbatch not found (is Slurm's client installed?)"
mkdir -p "$parts" "$logs"

# --parsable prints "ID" or "ID;CLUSTER".
array=$(SCENARIO=$scenario SHARDS=$shards PARTS=$parts ESANTE=$esante \
    sbatch --parsable --array="0-$((shards - 1))" --cpus-per-task="$cpus" \
    --output="$logs/shards-%A-%a.out" \
    "$here/esante-shards.sbatch" ${extra[@]+"${extra[@]}"})
array=${array%%;*}
merge=$(PARTS=$parts REPORT=$report ESANTE=$esante \
    sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes \
    --output="$logs/merge-%j.out" \
    "$here/esante-merge.sbatch")
merge=${merge%%;*}
echo "array=$array"
echo "merge=$merge"
[ $wait = 1 ] || exit 0

# Follow the jobs: squeue lists a job given by -j only while it is pending,
# running or completing.
start=$SECONDS
failures=0
while :; do
    if active=$(squeue -h -j "$array,$merge" -o %i 2>&1); then
        failures=0
        [ -n "$active" ] || break
    else
        # A finished job may already be purged (MinJobAge); other errors
        # (a busy controller) are retried for a while.
        case $active in
        *"Invalid job id"*) break ;;
        esac
        failures=$((failures + 1))
        [ $failures -lt 50 ] || die "squeue keeps failing: $active"
    fi
    if [ "$timeout" -gt 0 ] && [ $((SECONDS - start)) -ge "$timeout" ]; then
        scancel "$array" "$merge" 2>/dev/null || true
        echo "submit.sh: error: timed out after $timeout s; jobs $array and $merge cancelled (logs in $logs)" >&2
        exit 124
    fi
    sleep 0.2
done

# field NAME LINE: the value of NAME=value in a `scontrol -o show job` line.
field() {
    local v=${2#* "$1"=}
    [ "$v" != "$2" ] || return 0
    printf '%s\n' "${v%% *}"
}

# The state and exit code of the merge job: scontrol keeps finished jobs for
# MinJobAge (300 s by default); then the jobcomp/filetxt log, if there is one.
merge_line=$(scontrol -o show job "$merge" 2>/dev/null | head -n 1) || merge_line=""
if [ -z "$merge_line" ]; then
    comp=$(scontrol show config 2>/dev/null | sed -n 's/^JobCompLoc *= *//p')
    if [ -n "$comp" ] && [ -r "$comp" ]; then
        merge_line=" $(grep "^JobId=$merge " "$comp" | tail -n 1)"
    fi
fi
mstate=$(field JobState "$merge_line")
mexit=$(field ExitCode "$merge_line")
mreason=$(field Reason "$merge_line")

if [ "$mstate" = COMPLETED ]; then
    echo "merge job $merge completed: report in $report ($((SECONDS - start)) s)"
    exit 0
fi

# Which shards did not complete, with the end of their logs.
{
    echo "submit.sh: error: the merge job $merge ended ${mstate:-in an unknown state}${mreason:+ (${mreason})}${mexit:+, exit code $mexit}; no report"
    failed=0
    while IFS='|' read -r k state code; do
        [ "$state" != COMPLETED ] || continue
        echo "  shard $k: $state, exit code $code, log $logs/shards-$array-$k.out"
        failed=$((failed + 1))
        if [ $failed -le 3 ] && [ -s "$logs/shards-$array-$k.out" ]; then
            tail -n 8 "$logs/shards-$array-$k.out" | sed 's/^/    | /'
        fi
    done < <(scontrol -o show job "$array" 2>/dev/null | while IFS= read -r line; do
        printf '%s|%s|%s\n' "$(field ArrayTaskId " $line")" "$(field JobState " $line")" \
            "$(field ExitCode " $line")"
    done | sort -n)
    if [ $failed = 0 ] && [ -s "$logs/merge-$merge.out" ]; then
        echo "  merge log $logs/merge-$merge.out:"
        tail -n 10 "$logs/merge-$merge.out" | sed 's/^/    | /'
    fi
} >&2

# The merge's own exit code when it ran and failed; 1 otherwise.
code=${mexit%%:*}
signal=${mexit#*:}
if [[ $code =~ ^[0-9]+$ ]] && [ "$code" -gt 0 ]; then
    exit "$code"
elif [[ $signal =~ ^[0-9]+$ ]] && [ "$signal" -gt 0 ]; then
    exit $((128 + signal))
fi
exit 1
