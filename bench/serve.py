"""Load test of ``storydiff serve``: N concurrent compare requests against a local server.

Starts ``storydiff serve`` on 127.0.0.1 in a subprocess, waits until its models are loaded,
then sends ``--requests`` POST /api/compare requests from ``--clients`` concurrent clients
(httpx), bounded by ``--max-seconds``. Each request carries a different real article pair
(SemEval-2022 Task 8 texts from ../shared, ~700 words a side; the example pair when that data
is absent), so the encoder cache does not flatter the figures. Prints requests per second,
p50/p95/max latency and errors beside the bare ``Comparer.compare`` time per pair on the same
pairs in a fresh comparer. Exits 1 on any error.
Run: ``python bench/serve.py [--requests 24] [--clients 4] [--slots 2]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))


@dataclass
class Result:
    """Latencies of the successful requests, the errors, and the wall time."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wall_s: float = 0.0
    skipped: int = 0


def load_pairs(n: int, example: bool) -> tuple[list[tuple[str, str]], str]:
    """``n`` distinct article pairs, and a line saying where they came from."""
    try:
        if example:
            raise SystemExit
        from _data import SEMEVAL, article_pairs

        if SEMEVAL.exists():
            pairs = article_pairs(n)
            if len(pairs) == n:
                return pairs, "real English article pairs (SemEval-2022 Task 8, ~700 words a side)"
    except SystemExit:
        pass
    a = (ROOT / "examples" / "original.txt").read_text(encoding="utf-8")
    b = (ROOT / "examples" / "rewrite.txt").read_text(encoding="utf-8")
    pairs = [(a + f"\n\nNote {i}.", b + f"\n\nNote {i}.") for i in range(n)]
    return pairs, "the example pair (~250 words a side, a closing line varied per request)"


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(port: int, slots: int) -> subprocess.Popen[bytes]:
    """``storydiff serve`` in a subprocess (loopback, no store)."""
    cmd = [sys.executable, "-m", "storydiff", "serve", "--host", "127.0.0.1", "--port",
           str(port), "--concurrency", str(slots)]
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_ready(base: str, proc: subprocess.Popen[bytes], timeout_s: float) -> float:
    """Poll /api/health until the models are loaded; returns the seconds it took."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout_s:
        if proc.poll() is not None:
            sys.exit(f"the server exited: {(proc.stderr.read() if proc.stderr else b'').decode()}")
        try:
            if httpx.get(base + "/api/health", timeout=2).json().get("models_loaded"):
                return time.perf_counter() - start
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    sys.exit(f"the server did not load its models within {timeout_s:.0f} s")


async def run_load(base: str, pairs: list[tuple[str, str]], clients: int,
                   max_seconds: float) -> Result:
    """Send one request per pair from ``clients`` workers; stop starting new ones at the cap."""
    result = Result()
    queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
    deadline = time.perf_counter() + max_seconds
    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=max_seconds, limits=limits) as client:
        a, b = pairs[-1]  # one untimed request first, as the bare comparer is warmed
        (await client.post("/api/compare", json={"a": a, "b": b})).raise_for_status()
        for pair in pairs[:-1]:
            queue.put_nowait(pair)
        start = time.perf_counter()
        await asyncio.gather(*(worker(client, queue, deadline, result) for _ in range(clients)))
        result.wall_s = time.perf_counter() - start
    return result


async def worker(client: httpx.AsyncClient, queue: asyncio.Queue[tuple[str, str]],
                 deadline: float, result: Result) -> None:
    """Take pairs off the queue and time each request until the queue or the time runs out."""
    while not queue.empty():
        a, b = queue.get_nowait()
        if time.perf_counter() > deadline:
            result.skipped += 1
            continue
        start = time.perf_counter()
        try:
            response = await client.post("/api/compare", json={"a": a, "b": b})
        except httpx.HTTPError as exc:
            result.errors.append(f"{type(exc).__name__}: {exc}")
            continue
        if response.status_code == 200 and "verdict" in response.json():
            result.latencies.append(time.perf_counter() - start)
        else:
            result.errors.append(f"HTTP {response.status_code}: {response.text[:200]}")


def bare_seconds(pairs: list[tuple[str, str]]) -> float:
    """Mean seconds per pair of ``Comparer.compare`` in this process (models warmed first)."""
    from storydiff import Comparer

    comparer = Comparer()
    comparer.compare(pairs[-1][0].encode(), pairs[-1][1].encode())  # load every model
    start = time.perf_counter()
    for a, b in pairs[:-1]:
        comparer.compare(a.encode(), b.encode())
    return (time.perf_counter() - start) / max(1, len(pairs) - 1)


def percentile(values: list[float], q: float) -> float:
    """The ``q``-quantile (0..1) by linear interpolation; nan when empty."""
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]


def report(result: Result, bare_s: float, args: argparse.Namespace,
           ready_s: float) -> dict[str, float]:
    """Print the side-by-side table; return the figures."""
    ok = len(result.latencies)
    rps = ok / result.wall_s if result.wall_s else 0.0
    p50, p95 = percentile(result.latencies, 0.50), percentile(result.latencies, 0.95)
    figures = {"requests": ok + len(result.errors), "ok": ok, "errors": len(result.errors),
               "skipped": result.skipped, "wall_s": result.wall_s, "rps": rps, "p50_s": p50,
               "p95_s": p95, "max_s": max(result.latencies, default=float("nan")),
               "bare_s_per_pair": bare_s, "server_ready_s": ready_s}
    print(f"\nserver: {args.slots} comparison slots; load: {args.clients} concurrent clients; "
          f"server start to models loaded: {ready_s:.1f} s")
    print(f"{'':<34}{'storydiff serve':>16}{'bare Comparer':>16}{'ratio':>8}")
    print(f"{'pairs per second':<34}{rps:>16.2f}{1 / bare_s:>16.2f}{rps * bare_s:>8.2f}")
    print(f"{'p50 seconds per pair':<34}{p50:>16.3f}{bare_s:>16.3f}{p50 / bare_s:>8.2f}")
    print(f"{'p95 seconds per pair':<34}{p95:>16.3f}{'':>16}{p95 / bare_s:>8.2f}")
    print(f"{'max seconds per pair':<34}{figures['max_s']:>16.3f}")
    counts = f"{ok} / {len(result.errors)} / {result.skipped}"
    print(f"{'requests ok / errors / not sent':<34}{counts:>16}")
    for error in result.errors[:5]:
        print("  error:", error)
    return figures


def main() -> None:
    """Parse options, run the server and the load, time the bare comparer, print, save JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=24, help="requests to send (bounded)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients")
    parser.add_argument("--slots", type=int, default=2, help="server comparison slots")
    parser.add_argument("--max-seconds", type=float, default=300, help="stop sending after this")
    parser.add_argument("--bare-pairs", type=int, default=8, help="pairs for the bare timing")
    parser.add_argument("--example", action="store_true",
                        help="use the example pair instead of the SemEval articles")
    args = parser.parse_args()
    pairs, origin = load_pairs(args.requests + args.bare_pairs + 2, args.example)
    print(f"{args.requests} requests, each a different pair of {origin}; {os.cpu_count()} cores; "
          f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}")
    port = free_port()
    proc = start_server(port, args.slots)
    try:
        ready_s = wait_ready(f"http://127.0.0.1:{port}", proc, timeout_s=180)
        result = asyncio.run(run_load(f"http://127.0.0.1:{port}", pairs[:args.requests + 1],
                                      args.clients, args.max_seconds))
    finally:
        proc.terminate()
        proc.wait(10)
    bare_s = bare_seconds(pairs[args.requests + 1:])
    figures = report(result, bare_s, args, ready_s)
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "serve.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    sys.exit(1 if result.errors else 0)


if __name__ == "__main__":
    main()
