#!/bin/bash
# A Slurm job array over a sweep: 64 tasks, each running 1/64 of the runs (its shard comes from
# SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_COUNT). Tasks share nothing but
# the output folder; a task that is preempted or fails can be resubmitted alone
# (sbatch --array=17 slurm.sh): finished runs are skipped.
#
#   sbatch --array=0-63 examples/sweeps/slurm.sh examples/sweeps/sigma-eta.toml
#
#SBATCH --job-name=lnsgd-sweep
#SBATCH --cpus-per-task=4
#SBATCH --time=01:00:00
#SBATCH --output=lnsgd-sweep-%A_%a.out
set -euo pipefail
spec=${1:?usage: sbatch --array=0-63 slurm.sh SPEC}
name=$(basename "$spec" .toml)
lnsgd sweep "$spec" --out "$SCRATCH/lnsgd/$name" --parallel "${SLURM_CPUS_PER_TASK:-1}"
# When every task is done (e.g. a job with --dependency=afterok:<array job id>):
#   lnsgd collect "$SCRATCH/lnsgd/$name"
