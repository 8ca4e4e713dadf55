#!/usr/bin/env python3
"""Summarises a Stryker.NET JSON report: the score of each mutated file, the total, and the
surviving (and uncovered) mutants with their line and replacement.

Score = (killed + timeout) / (killed + timeout + survived + no coverage); string mutations are
not placed at all (ignore-mutations in scripts/stryker-config.json), compile errors do not count.
"""
import json
import sys

DETECTED = ("Killed", "Timeout")
UNDETECTED = ("Survived", "NoCoverage")


def main(path: str) -> None:
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    root = report.get("projectRoot", "").rstrip("/") + "/"
    rows, survivors = [], []
    total_detected = total_undetected = 0
    for name, file in sorted(report["files"].items()):
        mutants = file["mutants"]
        detected = sum(m["status"] in DETECTED for m in mutants)
        undetected = [m for m in mutants if m["status"] in UNDETECTED]
        if detected + len(undetected) == 0:
            continue
        short = name[len(root):] if name.startswith(root) else name
        killed = sum(m["status"] == "Killed" for m in mutants)
        timeout = sum(m["status"] == "Timeout" for m in mutants)
        score = 100.0 * detected / (detected + len(undetected))
        rows.append((short, killed, timeout, sum(m["status"] == "Survived" for m in mutants),
                     sum(m["status"] == "NoCoverage" for m in mutants), score))
        total_detected += detected
        total_undetected += len(undetected)
        lines = file["source"].splitlines()
        for m in sorted(undetected, key=lambda m: m["location"]["start"]["line"]):
            line = m["location"]["start"]["line"]
            survivors.append(f"{short}:{line} {m['status']} [{m['mutatorName']}] "
                             f"-> {m['replacement'][:70]!r}\n    {lines[line - 1].strip()[:110]}")
    print(f"{'file':<52} {'killed':>6} {'timeout':>7} {'survived':>8} {'nocov':>5} {'score':>7}")
    for short, killed, timeout, survived, nocov, score in rows:
        print(f"{short:<52} {killed:>6} {timeout:>7} {survived:>8} {nocov:>5} {score:>6.2f}%")
    if total_detected + total_undetected:
        total = 100.0 * total_detected / (total_detected + total_undetected)
        print(f"{'total':<52} {total_detected:>14} {total_undetected:>14} {total:>6.2f}%")
    if survivors:
        print("\nUndetected mutants:")
        print("\n".join(survivors))


if __name__ == "__main__":
    main(sys.argv[1])
