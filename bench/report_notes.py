"""Hand-written analysis for docs/PERFORMANCE.md, keyed by JMH benchmark name (see bench/report.py)."""
EXPLAIN = {}
