# Sourced by the benchmark scripts that time whole `lnsgd` commands with GNU time: checks for
# /usr/bin/time, builds the CLI, sets $here (the checkout), $lnsgd (the built CLI) and $work (a
# temporary folder removed on exit), and prints the machine line every table starts with.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time: apt-get install time" >&2; exit 2; }
dotnet build "$here/Shell" -c Release -v q -nologo > /dev/null
lnsgd="$here/Shell/bin/Release/net10.0/lnsgd"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
