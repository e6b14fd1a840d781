#!/bin/bash
# A Slurm job array over a sweep: N tasks, task k runs shard k of N (`--shards N`: the shard is
# the array index itself, so a task that is preempted or fails can be resubmitted alone, e.g.
# `sbatch --array=17 slurm.sh SPEC 64`, and runs shard 17 again; finished runs are skipped).
# Needs no site variables: the output goes to $LNSGD_OUT, else $SCRATCH/lnsgd/NAME, else
# ./lnsgd/NAME; $LNSGD runs the tool (default `lnsgd`; e.g. LNSGD="apptainer run lnsgd.sif").
#
#   sbatch --array=0-63 examples/sweeps/slurm.sh examples/sweeps/sigma-eta.toml 64
#   # then, once every task is done, one table (or submit it with --dependency=afterok:JOBID):
#   lnsgd collect lnsgd/sigma-eta
#
#SBATCH --job-name=lnsgd-sweep
#SBATCH --cpus-per-task=4
#SBATCH --time=01:00:00
#SBATCH --output=lnsgd-sweep-%A_%a.out
set -euo pipefail
usage="usage: sbatch --array=0-<N-1> slurm.sh SPEC N"
spec=${1:?$usage}
shards=${2:?$usage (N = the number of array tasks, the same for every submission)}
: "${SLURM_ARRAY_TASK_ID:?not a Slurm array task: submit with $usage}"
name=$(basename "$spec" .toml)
out=${LNSGD_OUT:-${SCRATCH:-$PWD}/lnsgd/$name}
${LNSGD:-lnsgd} sweep "$spec" --out "$out" --shards "$shards" --parallel "${SLURM_CPUS_PER_TASK:-1}"
