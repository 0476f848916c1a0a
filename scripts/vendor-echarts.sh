#!/usr/bin/env bash
# Refreshes the ECharts build that `scalearn report` inlines into its HTML: takes dist/echarts.min.js, LICENSE and
# NOTICE from the npm package (npm pack, nothing installed) into src/Scalearn.Reporting/Html/Vendor/.
#   scripts/vendor-echarts.sh [version]     (default: the version in PageAssets.EChartsVersion)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="${1:-$(sed -n 's/.*EChartsVersion = "\(.*\)";/\1/p' "$root/src/Scalearn.Reporting/Html/PageAssets.cs")}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "echarts@$version" >/dev/null && tar xzf "echarts-$version.tgz")
vendor="$root/src/Scalearn.Reporting/Html/Vendor"
cp "$work/package/dist/echarts.min.js" "$vendor/echarts.min.js"
cp "$work/package/LICENSE" "$vendor/echarts.LICENSE"
cp "$work/package/NOTICE" "$vendor/echarts.NOTICE"
echo "vendored echarts $version into $vendor (update PageAssets.EChartsVersion if it changed)"
