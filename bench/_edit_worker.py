"""Run pairs through one version of storydiff and write what it found (used by bench/claims.py).

`python bench/_edit_worker.py --src DIR --pairs IN.json --out OUT.json`

``DIR`` is a ``src`` folder (this checkout's, or the release's extracted with ``git archive``);
it is put first on ``sys.path`` so that its ``storydiff`` is the one imported. Only the public
API that every release has is used (``storydiff.Comparer().compare`` on two texts), so the
same worker measures the release and the new code. Output: for each pair, both clean texts
and the discrepancies as [type, a.start, a.end, b.start, b.end, a.text, b.text, reason,
confidence].
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def main() -> None:
    """Compare every pair of the input file and write the findings."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--src", type=Path, required=True)
    parser.add_argument("--pairs", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    sys.path.insert(0, str(args.src.resolve()))
    import storydiff

    comparer = storydiff.Comparer()
    pairs = json.loads(args.pairs.read_text(encoding="utf-8"))
    results, started = [], time.perf_counter()
    for a, b in pairs:
        report = comparer.compare(a, b)
        results.append({
            "clean_a": report.a.clean_text, "clean_b": report.b.clean_text,
            "findings": [[d.type, d.a.start, d.a.end, d.b.start, d.b.end, d.a.text, d.b.text,
                          d.reason, round(d.confidence, 3)] for d in report.discrepancies],
        })
    payload = {"results": results, "seconds": time.perf_counter() - started,
               "module": storydiff.__file__}
    args.out.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
