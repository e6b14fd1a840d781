#!/usr/bin/env bash
# Regenerates the gallery docs/figures/README.md: runs `lnsgd reproduce` (its default seeds, or
# the options given, e.g. `scripts/gallery.sh --seeds 10`) into a temporary folder, copies every
# overlay figure and the first seed's fig2 run figures into docs/figures/, and turns the
# reproduction's gallery.md (one caption per figure) into docs/figures/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet run --project Shell -c Release -- reproduce --out "$work/reproduction" --quiet "$@"
dest=docs/figures
mkdir -p "$dest/run-fig2"
# noise_types.png is `lnsgd verify`'s figure (README "Checking the theory"), not the reproduction's: keep it.
find "$dest" -maxdepth 1 -name '*.png' ! -name noise_types.png -delete
rm -f "$dest"/run-fig2/*.png
cp "$work/reproduction"/*.png "$dest/"
cp "$work/reproduction/runs/fig2"/*.png "$dest/run-fig2/"
{
  sed 's#(runs/fig2/#(run-fig2/#' "$work/reproduction/gallery.md"
  echo "Regenerate this page and its images with \`scripts/gallery.sh\` (options are passed to \`lnsgd reproduce\`)."
} > "$dest/README.md"
echo "wrote $dest/README.md and $(ls "$dest"/*.png "$dest"/run-fig2/*.png | wc -l) images"
