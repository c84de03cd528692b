"""Load test of ``storydiff serve``: throughput and load shedding at 4, 16 and 64 clients, and a
normal comparison's latency while hostile posts are in flight.

Starts ``storydiff serve`` on 127.0.0.1 in a subprocess (``--slots`` comparison slots, a queue
of ``--queue``), waits until its models are loaded, then:

1. **Load phases.** For each client count in ``--clients`` (default 4,16,64), that many
   concurrent clients post ``/api/compare`` for ``--duration`` seconds (no new request starts
   after that; requests in flight finish). Each request carries a different real article pair
   (SemEval-2022 Task 8 texts from ../shared, ~700 words a side, seven languages in turn, since
   English alone holds 34 such pairs; the example pair when that data is absent). A client
   answered 503 waits what ``Retry-After`` says (at most 1 s) and sends the next pair, as a
   well-behaved client would. Per phase: answers per second, p50/p95 latency of the answered
   requests, the share answered 503, and errors (anything else).
2. **Hostile posts.** The latency of ``--probes`` normal comparisons, one after another, on an
   idle server, then again while two hostile posts (article A a ``--hostile-mb`` MB text on one
   line, article B a normal article) are in flight. Goal: within 2x of idle. The hostile
   clients then hang up (the server stops their work at the next stage).

Prints a table, writes ``bench/out/serve.json``, exits 1 on errors other than 503.
Run: ``python bench/serve.py [--duration 15] [--clients 4,16,64] [--slots 2] [--queue 8]``.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

Pair = tuple[str, str]
_LANGS = ("en", "de", "es", "fr", "it", "pl", "tr")  # SemEval holds 34+33+23+11+13+13+15 pairs


@dataclass
class Phase:
    """What one load phase saw."""

    clients: int
    latencies: list[float] = field(default_factory=list)
    shed: int = 0
    errors: list[str] = field(default_factory=list)
    wall_s: float = 0.0

    def figures(self) -> dict[str, Any]:
        answered = len(self.latencies)
        total = answered + self.shed + len(self.errors)
        return {"clients": self.clients, "requests": total, "ok": answered,
                "ok_per_s": answered / self.wall_s if self.wall_s else 0.0,
                "p50_s": percentile(self.latencies, 0.50),
                "p95_s": percentile(self.latencies, 0.95),
                "share_503": self.shed / total if total else 0.0,
                "errors": len(self.errors), "wall_s": self.wall_s}


def load_pairs(n: int, example: bool) -> tuple[list[Pair], str]:
    """``n`` distinct article pairs, and a line saying where they came from."""
    if not example:
        from _data import SEMEVAL, article_pairs

        if SEMEVAL.exists():
            by_lang = [article_pairs(n, lang=lang) for lang in _LANGS]
            mixed = [p for group in itertools.zip_longest(*by_lang) for p in group if p]
            if len(mixed) >= n:
                return mixed[:n], ("real article pairs, each used once where possible (SemEval-"
                                   f"2022 Task 8, ~700 words a side, {'/'.join(_LANGS)} in turn)")
    a = (ROOT / "examples" / "original.txt").read_text(encoding="utf-8")
    b = (ROOT / "examples" / "rewrite.txt").read_text(encoding="utf-8")
    pairs = [(a + f"\n\nNote {i}.", b + f"\n\nNote {i}.") for i in range(n)]
    return pairs, "the example pair (~250 words a side, a closing line varied per request)"


def hostile_text(megabytes: float) -> str:
    """A text of ``megabytes`` MB on one line: words, no sentence ends."""
    words = ["council", "flood", "barrier", "residents", "approved", "monday", "debate", "river",
             "town", "mayor", "water", "homes", "shelters", "engineers", "report", "budget"]
    rng = random.Random(13)
    size = int(megabytes * 1_000_000)
    out: list[str] = []
    total = 0
    while total < size:
        word = rng.choice(words)
        out.append(word)
        total += len(word) + 1
    return " ".join(out)[:size]


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(port: int, args: argparse.Namespace) -> subprocess.Popen[bytes]:
    """``storydiff serve`` in a subprocess (loopback, no store)."""
    cmd = [sys.executable, "-m", "storydiff", "serve", "--host", "127.0.0.1", "--port",
           str(port), "--concurrency", str(args.slots), "--queue", str(args.queue),
           "--request-timeout", str(args.request_timeout)]
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


async def post(client: httpx.AsyncClient, a: str, b: str) -> httpx.Response:
    return await client.post("/api/compare", json={"a": a, "b": b})


async def load_phase(client: httpx.AsyncClient, pairs: itertools.cycle[Pair], clients: int,
                     duration_s: float) -> Phase:
    """``clients`` workers posting pairs until ``duration_s`` has passed."""
    phase = Phase(clients)
    start = time.perf_counter()
    deadline = start + duration_s

    async def worker() -> None:
        while time.perf_counter() < deadline:
            a, b = next(pairs)
            sent = time.perf_counter()
            try:
                response = await post(client, a, b)
            except httpx.HTTPError as exc:
                phase.errors.append(f"{type(exc).__name__}: {exc}")
                continue
            if response.status_code == 200:
                phase.latencies.append(time.perf_counter() - sent)
            elif response.status_code == 503:
                phase.shed += 1
                wait = min(float(response.headers.get("retry-after", "1")), 1.0,
                           max(0.0, deadline - time.perf_counter()))
                await asyncio.sleep(wait)
            else:
                phase.errors.append(f"HTTP {response.status_code}: {response.text[:200]}")

    await asyncio.gather(*(worker() for _ in range(clients)))
    phase.wall_s = time.perf_counter() - start
    return phase


async def probe(client: httpx.AsyncClient, pairs: list[Pair]) -> list[float]:
    """Seconds of each comparison, one after another (a 503 counts as a failure)."""
    out = []
    for a, b in pairs:
        sent = time.perf_counter()
        response = await post(client, a, b)
        if response.status_code != 200:
            raise RuntimeError(f"probe answered {response.status_code}: {response.text[:200]}")
        out.append(time.perf_counter() - sent)
    return out


async def hostile_phase(base: str, client: httpx.AsyncClient, idle_pairs: list[Pair],
                        loaded_pairs: list[Pair], megabytes: float) -> dict[str, Any]:
    """Probe latency idle, then with two hostile posts in flight (other pairs of the same
    kind, so that no analysis cache flatters the second set)."""
    idle = await probe(client, idle_pairs)
    text = hostile_text(megabytes)
    hostile_clients = [httpx.AsyncClient(base_url=base, timeout=600) for _ in range(2)]
    started = time.perf_counter()
    tasks = [asyncio.create_task(post(c, text, idle_pairs[0][1])) for c in hostile_clients]
    outcome: list[str] = []
    try:
        deadline = time.perf_counter() + 60
        while time.perf_counter() < deadline:  # both posted and one running
            health = (await client.get("/api/health")).json()["queue"]
            if health["running"] + health["waiting"] >= 2 or any(t.done() for t in tasks):
                break
            await asyncio.sleep(0.2)
        queue_then = (await client.get("/api/health")).json()["queue"]
        loaded = await probe(client, loaded_pairs)
        for task in tasks:
            if task.done():
                result = task.result()
                outcome.append(f"HTTP {result.status_code} after "
                               f"{time.perf_counter() - started:.1f} s")
            else:
                outcome.append("still in flight when the probes ended")
    finally:
        for task in tasks:
            task.cancel()
        for hostile in hostile_clients:
            await hostile.aclose()  # hang up: the server drops or stops that work
    idle_p50, loaded_p50 = statistics.median(idle), statistics.median(loaded)
    return {"hostile_mb": megabytes, "idle_p50_s": idle_p50, "loaded_p50_s": loaded_p50,
            "ratio": loaded_p50 / idle_p50, "idle_s": idle, "loaded_s": loaded,
            "hostile_posts": outcome, "queue_when_probing": queue_then}


async def run(base: str, args: argparse.Namespace, pairs: list[Pair]) -> dict[str, Any]:
    """Every phase against the running server."""
    timeout = args.request_timeout + 30
    limits = httpx.Limits(max_connections=max(args.clients_list, default=0) + 8)
    async with httpx.AsyncClient(base_url=base, timeout=timeout, limits=limits) as client:
        (await post(client, *pairs[-1])).raise_for_status()  # one untimed request
        probes, rest = pairs[:2 * args.probes], pairs[2 * args.probes:-1]
        cycle = itertools.cycle(rest)
        phases = []
        for clients in args.clients_list:
            phase = await load_phase(client, cycle, clients, args.duration)
            phases.append(phase)
            print_phase(phase)
            deadline = time.perf_counter() + timeout
            while time.perf_counter() < deadline:  # let the queue drain between phases
                queue = (await client.get("/api/health")).json()["queue"]
                if queue["running"] == 0 and queue["waiting"] == 0:
                    break
                await asyncio.sleep(0.5)
        hostile = None
        if args.hostile_mb > 0:
            hostile = await hostile_phase(base, client, probes[:args.probes],
                                          probes[args.probes:], args.hostile_mb)
    return {"phases": [p.figures() for p in phases], "hostile": hostile,
            "errors": [e for p in phases for e in p.errors][:10]}


def percentile(values: list[float], q: float) -> float:
    """The ``q``-quantile (0..1) by linear interpolation; nan when empty."""
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]


def print_phase(phase: Phase) -> None:
    f = phase.figures()
    print(f"{f['clients']:>8} {f['requests']:>9} {f['ok']:>6} {f['ok_per_s']:>9.2f} "
          f"{f['p50_s']:>8.2f} {f['p95_s']:>8.2f} {100 * f['share_503']:>7.1f}% "
          f"{f['errors']:>7}", flush=True)


def main() -> None:
    """Parse options, run the server and the phases, print, save JSON."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--duration", type=float, default=15,
                        help="seconds each load phase sends requests (default 15)")
    parser.add_argument("--clients", default="4,16,64",
                        help="client counts of the load phases (comma-separated; empty: none)")
    parser.add_argument("--slots", type=int, default=2, help="server comparison slots")
    parser.add_argument("--queue", type=int, default=8, help="server queue size")
    parser.add_argument("--request-timeout", type=float, default=120,
                        help="server time limit of one comparison")
    parser.add_argument("--probes", type=int, default=3,
                        help="normal comparisons timed idle and under hostile posts")
    parser.add_argument("--hostile-mb", type=float, default=1.5,
                        help="size of each hostile one-line text (0: skip that phase)")
    parser.add_argument("--pairs", type=int, default=115,
                        help="distinct pairs to cycle through (SemEval holds 142)")
    parser.add_argument("--example", action="store_true",
                        help="use the example pair instead of the SemEval articles")
    args = parser.parse_args()
    args.clients_list = [int(c) for c in args.clients.split(",") if c.strip()]
    pairs, origin = load_pairs(args.pairs + 2 * args.probes + 1, args.example)
    print(f"pairs: {origin}; {os.cpu_count()} cores; OMP_NUM_THREADS="
          f"{os.environ.get('OMP_NUM_THREADS', 'unset')}; server: {args.slots} slots, queue "
          f"{args.queue}, time limit {args.request_timeout:g} s; {args.duration:g} s a phase")
    port = free_port()
    proc = start_server(port, args)
    try:
        ready_s = wait_ready(f"http://127.0.0.1:{port}", proc, timeout_s=300)
        print(f"server start to models loaded: {ready_s:.1f} s\n")
        print(f"{'clients':>8} {'requests':>9} {'ok':>6} {'ok/s':>9} {'p50 s':>8} {'p95 s':>8} "
              f"{'503':>8} {'errors':>7}")
        figures = asyncio.run(run(f"http://127.0.0.1:{port}", args, pairs))
    finally:
        proc.terminate()
        proc.wait(30)
    hostile = figures["hostile"]
    if hostile is not None:
        print(f"\nnormal comparison, p50 of {args.probes}: idle {hostile['idle_p50_s']:.2f} s, "
              f"with two {args.hostile_mb:g} MB one-line posts in flight "
              f"{hostile['loaded_p50_s']:.2f} s: {hostile['ratio']:.2f}x (goal <= 2x); "
              f"hostile posts: {'; '.join(hostile['hostile_posts'])}; queue while probing: "
              f"{hostile['queue_when_probing']}")
    for error in figures["errors"][:5]:
        print("  error:", error)
    figures.update(ready_s=ready_s, pairs=origin, slots=args.slots, queue=args.queue,
                   duration_s=args.duration)
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "serve.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    sys.exit(1 if figures["errors"] else 0)


if __name__ == "__main__":
    main()
