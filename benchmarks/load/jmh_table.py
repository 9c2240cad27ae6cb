"""Prints JMH's JSON result file (-rf json -rff FILE) as Markdown tables, one per benchmark class.

Usage: /usr/bin/python3 load/jmh_table.py jmh.json
Score ± error in the benchmark's unit; alloc is bytes allocated per operation when run with -prof gc.
"""
import json
import sys
from collections import OrderedDict


def main():
    with open(sys.argv[1]) as f:
        runs = json.load(f)
    by_class = OrderedDict()
    for r in runs:
        cls, method = r["benchmark"].rsplit(".", 1)
        by_class.setdefault(cls.rsplit(".", 1)[1], []).append((method, r))
    for cls, rows in by_class.items():
        params = list(rows[0][1].get("params", {}).keys())
        print(f"#### {cls}\n")
        print("| method | " + " | ".join(params) + " | score | ± error | unit | alloc B/op |")
        print("|---|" + "---|" * len(params) + "---:|---:|---|---:|")
        for method, r in rows:
            m = r["primaryMetric"]
            alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
            err = m.get("scoreError")
            err_s = "" if err is None or err != err else f"{err:,.1f}"
            print(f"| {method} | " + " | ".join(str(r["params"][p]) for p in params)
                  + f" | {m['score']:,.1f} | {err_s} | {m['scoreUnit']} | "
                  + ("" if alloc is None else f"{alloc:,.0f}") + " |")
        print()


if __name__ == "__main__":
    main()
