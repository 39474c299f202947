#!/usr/bin/env python3
"""Sums core/target/hostile-counts.tsv (written by the hostile suites) per suite and outcome, as Markdown.

Run the suites first (./mvnw -q -pl core test -Dtest='*HostileTest'), then: python3 tools/hostile_counts.py
"""
import collections
import re
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "core/target/hostile-counts.tsv"
cases = collections.Counter()
outcomes = collections.defaultdict(collections.Counter)
for line in open(path, encoding="utf-8"):
    suite, seed, n, counts = line.rstrip("\n").split("\t", 3)
    cases[suite] += int(n)
    # {a=1, b c=2, ...}: keys may contain spaces and commas inside quotes, values are integers
    for key, value in re.findall(r"(?:^\{|, )(.+?)=(\d+)(?=, |\}$)", counts):
        outcomes[suite][key] += int(value)
print("| entry point (suite) | cases | outcomes |")
print("| --- | ---: | --- |")
for suite in sorted(cases):
    detail = "; ".join(f"{k}: {v:,}" for k, v in sorted(outcomes[suite].items()))
    print(f"| `{suite}` | {cases[suite]:,} | {detail} |")
print(f"| **total** | **{sum(cases.values()):,}** | |")
