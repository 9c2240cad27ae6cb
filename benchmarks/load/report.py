"""Turns the rounds benchmarks/run recorded (PREFIX.jsonl) into PREFIX.md and PREFIX.png.

Usage: /usr/bin/python3 load/report.py RAW.jsonl PREFIX ELAPSED_SECONDS

Two measures for every server and endpoint, each the median of the measured rounds: requests/s (messages/s on
WebSocket rows), and the server's CPU time per request (per message) in microseconds: the CPU time of the server's
process over the measured window (all its threads, from /proc/PID/stat; server_cpu_s in the .jsonl) divided by the
requests of that window. Every "ratio to the ceiling" is a median over the ceiling's median for the same endpoint in
the same run. The ceiling is the lean raw Netty server (`lean`, the first line of load/servers.tsv) or, in a run
without it (every run before it existed), raw Netty with an aggregator (`netty`). "Weft ÷ Vert.x, same round" is
taken round by round (Weft's round r over Vert.x's round r, both measured minutes apart at most), then the median and
the range of those ratios; the Kotlin DSL alike. The HTTP client section's ratios are to the first client of
load/clients.tsv (the JDK's HttpClient) in the same run. Hand-written parts are taken in when they exist:
PREFIX-notes.md (how to read the run, before the tables) and PREFIX-jmh.md (the JMH section, at the end).
Works on the .jsonl of older runs too (no ceiling line, no "kind" or "server_cpu_s" in some rounds).
"""
import json
import os
import statistics
import sys

# The first of these in the run is the ceiling every ratio is taken against.
CEILINGS = ("lean", "netty")
WEFT = "weft"
WEFT_KOTLIN = "weft-kt"
VERTX = "vertx"
# Compared round by round: (numerator, denominator).
SAME_ROUND = ((WEFT, VERTX), (WEFT_KOTLIN, VERTX))
CLIENT_BASE = "jdk"


def load(path):
    meta, servers, rounds, clients = {}, [], {}, {"meta": {}, "list": [], "rounds": {}}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            rec = json.loads(line)
            if "meta" in rec:
                meta = rec["meta"]
            elif "clients_server" in rec:
                clients["meta"] = rec
            elif "client" in rec:
                if "endpoint" in rec:
                    clients["rounds"].setdefault(rec["client"], []).append(rec)
                else:
                    clients["list"].append(rec)
            elif "endpoint" not in rec:
                servers.append(rec)
            else:
                rounds.setdefault((rec["server"], rec["endpoint"]), []).append(rec)
    return meta, servers, rounds, clients


def endpoints_in_order(rounds):
    """(name, label, pipeline, expected status, kind) of each endpoint, kind "http" or "ws"."""
    seen, out = set(), []
    for (_, e), recs in rounds.items():
        if e not in seen:
            seen.add(e)
            out.append((e, recs[0]["label"], recs[0].get("pipeline", 1), recs[0].get("expect", 200),
                        recs[0].get("kind", "http")))
    return out


def measured(r):
    """True for a round that served something (not a failed check, not a load generator without a result)."""
    return "wrk" in r and r["wrk"].get("rps", 0) > 0


def cpu_us(r):
    """The server's CPU time per request (per message) in the round, in µs; None when the round has no CPU time."""
    cpu = r.get("server_cpu_s")
    if not measured(r) or not cpu or cpu <= 0 or not r["wrk"].get("requests"):
        return None
    return cpu * 1e6 / r["wrk"]["requests"]


def per_round(recs, key):
    """{round number: value} of the measured rounds; key "rps" or "cpu_us"."""
    out = {}
    for i, r in enumerate(recs):
        v = (r["wrk"]["rps"] if measured(r) else None) if key == "rps" else cpu_us(r)
        if v is not None:
            out[r.get("round", i + 1)] = v
    return out


def same_round(rounds, a, b, e, key):
    """a's value over b's, round by round on endpoint e: (median, min, max, rounds), or None without a pair."""
    x, y = per_round(rounds.get((a, e), []), key), per_round(rounds.get((b, e), []), key)
    rs = [x[k] / y[k] for k in sorted(x) if k in y and y[k] > 0]
    return (statistics.median(rs), min(rs), max(rs), len(rs)) if rs else None


def summarise(recs, expect):
    ok = [r["wrk"] for r in recs if measured(r)]
    if not ok:
        reason = next((r.get("failed") or r.get("wrk", {}).get("failed") for r in recs), "no result")
        return {"failed": reason or "no result"}
    eff = [r["wrk"]["requests"] / r["server_cpu_s"] for r in recs
           if measured(r) and (r.get("server_cpu_s") or 0) > 0]
    errors = 0
    for w in ok:
        e = w["errors"]
        errors += e["connect"] + e["read"] + e["write"] + e["timeout"]
        if expect < 400:
            errors += e["status"]
    return {
        "rps": statistics.median(w["rps"] for w in ok),
        # wrk 4.1 sometimes reports a percentile as 0 (a bug in its histogram lookup): such a round is left out
        # of that percentile's median.
        "p50": median_or_none([w["p50_us"] / 1000.0 for w in ok if w["p50_us"] > 0]),
        "p99": median_or_none([w["p99_us"] / 1000.0 for w in ok if w["p99_us"] >= max(1, w["p50_us"])]),
        "spread": (max(w["rps"] for w in ok) - min(w["rps"] for w in ok)) / statistics.median(w["rps"] for w in ok),
        "rounds": len(ok),
        "errors": errors,
        "per_cpu_s": statistics.median(eff) if eff else None,
        "cpu_us": median_or_none([x for x in (cpu_us(r) for r in recs) if x is not None]),
        "cpu_share": median_or_none([r["server_cpu_s"] / r["wrk"]["seconds"] for r in recs
                                     if "wrk" in r and r.get("server_cpu_s") is not None
                                     and r["wrk"].get("seconds", 0) > 0]),
        "load": statistics.median(r.get("load1", 0.0) for r in recs if "wrk" in r),
        # the load generator's own CPU time over the round (WsLoad and the HTTP clients report it; wrk does not)
        "load_share": median_or_none([w["client_cpu_s"] / w["seconds"] for w in ok
                                      if w.get("client_cpu_s") is not None and w.get("seconds", 0) > 0]),
    }


def median_or_none(xs):
    return statistics.median(xs) if xs else None


def fmt_ms(x):
    return "n/a" if x is None else f"{x:.2f}"


def fmt_ratio(x):
    return "n/a" if x is None else f"{x:.2f}"


def fmt_us(x):
    return "n/a" if x is None else (f"{x:.2f}" if x < 10 else f"{x:.1f}")


def fmt_same(t):
    """A same-round ratio: the median, and the range when there was more than one round."""
    if t is None:
        return "n/a"
    m, lo, hi, n = t
    return f"{m:.2f}" if n == 1 else f"{m:.2f} ({lo:.2f}–{hi:.2f})"


def main():
    raw, prefix, elapsed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    meta, servers, rounds, clients = load(raw)
    endpoints = endpoints_in_order(rounds)
    has_ws = any(e[4] == "ws" for e in endpoints)
    cells = {}
    for (s, e), recs in rounds.items():
        expect = recs[0].get("expect", 200)
        cells[(s, e)] = summarise(recs, expect)

    names = [s["server"] for s in servers]
    labels = {s["server"]: s["label"] for s in servers}
    ceiling = next((c for c in CEILINGS if c in names), None)
    top_label = labels[ceiling] if ceiling else "the ceiling"
    pairs = [(a, b) for a, b in SAME_ROUND if a in names and b in names]

    def ratio(s, e):
        c, base = cells.get((s, e)), cells.get((ceiling, e))
        if not c or not base or "rps" not in c or "rps" not in base:
            return None
        return c["rps"] / base["rps"]

    def cpu_ratio(s, e):
        c, base = cells.get((s, e)), cells.get((ceiling, e))
        if not c or not base or not c.get("cpu_us") or not base.get("cpu_us"):
            return None
        return c["cpu_us"] / base["cpu_us"]

    def ratio_cell(n, e, fn):
        c = cells.get((n, e))
        return "not measured" if c is None else ("failed" if "failed" in c else fmt_ratio(fn(n, e)))

    md = []
    title = "Quick load run (smoke check, not a result)" if meta.get("quick") else "Load run"
    md.append(f"# {title}: {meta.get('date', '?')}\n")
    if ceiling:
        md.append(f"**Every ratio to the ceiling in this file is to {top_label} on the same endpoint, measured in "
                  f"the same run** ({top_label} = 1.00). Two measures: requests/s (higher is better), and the "
                  "server's CPU time per request (its process's CPU time over the measured window ÷ the requests "
                  "served in it; lower is better). Absolute requests/s and microseconds depend on the machine; "
                  "compare ratios, not numbers across files.\n")
    else:
        md.append("**Neither raw Netty server is in this run, so there are no ratios to a ceiling.** Absolute "
                  "requests/s and microseconds depend on the machine; compare within this file only.\n")
    md.append("## Setup\n")
    md.append(f"- Machine: {meta.get('cpu', '?')}, 2 cores, Linux {meta.get('kernel', '?')}; {meta.get('java', '?')}; "
              f"JVM options `{meta.get('jvm_opts', '')}` for every JVM server; wrk {meta.get('wrk', '?')}; "
              f"aiohttp {meta.get('aiohttp', '?')} (Debian python3-aiohttp); Weft at commit `{meta.get('commit', '?')}`.")
    md.append("- One server at a time, each in its own process, pinned to CPU 0 with `taskset`; wrk pinned to CPU 1 "
              f"(`wrk -t1 -c{meta.get('connections', '?')}`), loopback only.")
    md.append(f"- Per server: a warm-up of {meta.get('server_warmup_s', 0)} s spread over all endpoints after it starts. "
              f"Per server and endpoint: a {meta.get('warmup_s', '?')} s warm-up, then {meta.get('rounds', '?')} "
              f"measured round(s) of {meta.get('duration_s', '?')} s; each cell is the **median of the rounds** "
              "(requests/s, and p50/p99 latency as wrk's `done()` hook reports them).")
    md.append("- Server CPU time per request: the user + system CPU time of the server's process (all its threads: "
              "event loop, JIT, GC) read from `/proc/PID/stat` before and after the measured window, divided by the "
              "requests (messages) of that window; median of the rounds. It depends much less than requests/s on how "
              "much of its core the server got, so it is the steadier measure on a shared machine.")
    md.append("- Rounds are interleaved: round 1 of every server (each started afresh), then round 2 of every "
              "server, and so on; a disturbance of the machine then lands on all servers alike rather than on the one "
              "being measured. The \"same round\" columns use that: each is a ratio taken round by round, then the "
              "median and (in brackets) the lowest and highest of the rounds.")
    loads = [r.get("load1") for recs in rounds.values() for r in recs if r.get("load1") is not None]
    if loads and statistics.median(loads) > 3:
        md.append(f"- **The machine was shared.** Other work ran on it during this run (builds and tests of other "
                  f"branches): the 1-minute load average at the end of the measured rounds was "
                  f"{min(loads):.1f} to {max(loads):.1f} (median {statistics.median(loads):.1f}) on 2 cores, where "
                  "the run itself accounts for about 2. Expect wide spreads; the per-endpoint tables give each cell's "
                  "spread and median load.")
    elif loads:
        md.append(f"- The 1-minute load average at the end of the measured rounds was {min(loads):.1f} to "
                  f"{max(loads):.1f} on 2 cores (the run itself accounts for about 2).")
    md.append("- Pipelined rows send 16 requests back to back per round trip (`load/wrk.lua`); the latency of a "
              "pipelined request counts from the start of its batch.")
    if has_ws:
        md.append(f"- WebSocket rows (\"WS echo\") are measured by `dev.weft.bench.load.WsLoad` instead of wrk (wrk "
                  "speaks no WebSocket): a load generator on raw Netty with one event-loop thread, pinned to CPU 1 "
                  f"like wrk, {meta.get('connections', '?')} WebSockets each keeping one text message in flight; "
                  "messages/s, and p50/p99 of each message's round trip (sent to echoed back); the CPU time is per "
                  "message. It runs in a fresh JVM per round, so its warm-up is 2 s longer than wrk's.")
    md.append("- Before measuring, every endpoint of every server is checked once (status, and the echoed body).")
    md.append(f"- The whole run took {elapsed // 60} min {elapsed % 60} s (`benchmarks/run` "
              f"{'--quick' if meta.get('quick') else 'with its defaults'}).\n")
    md.append("| server | runs on (all pinned to one core) |")
    md.append("|---|---|")
    for s in servers:
        note = f" — **{s['failed']}**" if s.get("failed") else ""
        mark = " (the ceiling)" if s["server"] == ceiling else ""
        md.append(f"| {s['label']}{mark} | {s['threads']}{note} |")
    md.append("")
    md.append("Endpoints are the same in every server: `GET /plaintext` (13 bytes of text), `GET /json` "
              "(`{\"message\":\"Hello, World!\"}` through the server's usual JSON encoder: Jackson for the JVM servers, "
              "Vert.x's `JsonObject`, aiohttp's `json_response`), `GET /user/{id}` (path parameter, answers "
              "`user 42`), a path no route has (404, each server's own 404 body), `POST /echo` with 1 KiB (the body "
              "read whole and sent back)"
              + (", and `GET /ws`: a WebSocket whose every text message is sent back (raw Netty: Netty's own "
                 "`WebSocketServerProtocolHandler` and the received bytes written back; the others as "
                 "their docs write an echo: Weft's `WebSocketResponse` with `forEach`, Vert.x's `toWebSocket` and "
                 "`textMessageHandler`, Ktor's WebSockets plugin, Javalin's `ws`, aiohttp's `WebSocketResponse`)"
                 if has_ws else "")
              + ". Response headers are each server's own: "
              + ("the lean raw Netty server sends only `Content-Type` and `Content-Length`; " if "lean" in names
                 else "")
              + "raw Netty with the aggregator, Weft and aiohttp send `Date` and `Server`, Javalin `Date`, Ktor and "
              "Vert.x neither.\n")

    notes = prefix + "-notes.md"
    if os.path.exists(notes):
        with open(notes) as f:
            md.append(f.read().rstrip() + "\n")

    has_cpu = any(c.get("cpu_us") for c in cells.values())
    pair_head = "".join(f" {labels[a]} ÷ {labels[b]}, same round |" for a, b in pairs)
    pair_rule = "---:|" * len(pairs)

    md.append("## Requests/s and server CPU time per request\n")
    md.append("Each cell: the median requests/s (messages/s on WebSocket rows) · the median server CPU time per "
              "request (per message) in microseconds.\n")
    md.append("| endpoint | " + " | ".join(labels[n] for n in names) + " |")
    md.append("|---|" + "---:|" * len(names))
    for e, elabel, _, _, _ in endpoints:
        row = []
        for n in names:
            c = cells.get((n, e))
            if c is None or "failed" in c:
                row.append("not measured" if c is None else "failed")
            else:
                row.append(f"{c['rps']:,.0f} · {fmt_us(c.get('cpu_us'))} µs")
        md.append(f"| {elabel} | " + " | ".join(row) + " |")
    md.append("")

    # Without a ceiling the ratio tables keep only their same-round columns (and go when there are none).
    shown = names if ceiling else []
    if shown or pairs:
        md.append(f"## Requests/s: ratios to the ceiling, {top_label} (median requests/s, or messages/s, ÷ the "
                  "ceiling's; higher is better)\n" if ceiling else "## Requests/s, same round\n")
        if ceiling:
            md.append("![ratio to the ceiling per server and endpoint](" + os.path.basename(prefix) + ".png)\n")
        if pairs:
            md.append("The same-round columns are the first server's requests/s over the second's in the same "
                      "round (above 1.00: the first served more).\n")
        md.append("| endpoint | " + "".join(f"{labels[n]} | " for n in shown) + pair_head.lstrip())
        md.append("|---|" + "---:|" * len(shown) + pair_rule)
        for e, elabel, _, _, _ in endpoints:
            row = [ratio_cell(n, e, ratio) for n in shown]
            row += [fmt_same(same_round(rounds, a, b, e, "rps")) for a, b in pairs]
            md.append(f"| {elabel} | " + " | ".join(row) + " |")
        md.append("")

    if has_cpu and (shown or pairs):
        md.append(f"## Server CPU time per request: ratios to the ceiling, {top_label} (median µs per request, or "
                  "per message, ÷ the ceiling's; lower is better)\n" if ceiling
                  else "## Server CPU time per request, same round\n")
        md.append(("1.25 means the server used 25% more CPU time per request than the ceiling. " if ceiling else "")
                  + ("The same-round columns are the first server's CPU time per request over the second's in the "
                     "same round (below 1.00: the first needed less CPU per request). " if pairs else "")
                  + "A cost per request, not a throughput: a server that gets less of its core serves fewer "
                  "requests but also uses fewer CPU-seconds.\n")
        md.append("| endpoint | " + "".join(f"{labels[n]} | " for n in shown) + pair_head.lstrip())
        md.append("|---|" + "---:|" * len(shown) + pair_rule)
        for e, elabel, _, _, _ in endpoints:
            row = [ratio_cell(n, e, cpu_ratio) for n in shown]
            row += [fmt_same(same_round(rounds, a, b, e, "cpu_us")) for a, b in pairs]
            md.append(f"| {elabel} | " + " | ".join(row) + " |")
        md.append("")

    md.append("## Targets (reported, not asserted)\n")
    md.extend(targets(names, labels, endpoints, cells, ceiling, rounds))
    md.append("")

    md.append("## Requests/s, CPU time and latency per endpoint\n")
    md.append("req/s is the median of the rounds; CPU µs/req the median server CPU time per request (per message "
              "on WebSocket rows), both also as a ratio to the ceiling; p50/p99 in milliseconds; spread is "
              "(max − min) ÷ median requests/s over the rounds (n/a: wrk reported no usable percentile in any round); "
              "CPU share the server's CPU time "
              "over the round's wall time (about 100% when it had its core to itself and was kept busy); load avg is "
              "the median 1-minute load average at the end of the rounds; on WebSocket rows, the load generator's CPU "
              "share is WsLoad's CPU time over the round's wall time (near 100% with the server's share well below "
              "it: the row measured the load generator, not the server); errors are socket errors and timeouts, plus "
              "unexpected statuses (none are allowed except on the 404 rows).\n")
    for e, elabel, _, _, kind in endpoints:
        ws = kind == "ws"
        unit, per = ("msg/s", "CPU µs/msg") if ws else ("req/s", "CPU µs/req")
        md.append(f"### {elabel}\n")
        md.append(f"| server | {unit} | ÷ ceiling | {per} | ÷ ceiling | p50 ms | p99 ms | spread | errors | "
                  "CPU share | " + ("load generator CPU share | " if ws else "") + "load avg |")
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|" + ("---:|" if ws else "") + "---:|")
        for n in names:
            c = cells.get((n, e))
            if c is None:
                continue
            if "failed" in c:
                md.append(f"| {labels[n]} | {c['failed']} | | | | | | | | | " + ("| " if ws else "") + "|")
                continue
            md.append(f"| {labels[n]} | {c['rps']:,.0f} | {fmt_ratio(ratio(n, e))} | {fmt_us(c.get('cpu_us'))} | "
                      f"{fmt_ratio(cpu_ratio(n, e))} | {fmt_ms(c['p50'])} | "
                      f"{fmt_ms(c['p99'])} | {c['spread'] * 100:.0f}% | {c['errors']} | "
                      + (f"{c['cpu_share'] * 100:.0f}%" if c.get("cpu_share") is not None else "") + " | "
                      + ((f"{c['load_share'] * 100:.0f}%" if c.get("load_share") is not None else "") + " | "
                         if ws else "")
                      + f"{c['load']:.1f} |")
        md.append("")

    if clients["rounds"]:
        md.extend(client_section(clients, meta))
    jmh = prefix + "-jmh.md"
    if os.path.exists(jmh):
        with open(jmh) as f:
            md.append(f.read().rstrip() + "\n")
    md.append("## Reproduce\n")
    md.append("```sh\nbenchmarks/run            # the full run (this file)\nbenchmarks/run --quick    "
              "# a smoke check into benchmarks/target/load-quick/\n```\n")
    md.append(f"Raw rounds: [`{os.path.basename(prefix)}.jsonl`]({os.path.basename(prefix)}.jsonl).\n")
    with open(prefix + ".md", "w") as f:
        f.write("\n".join(md))
    if ceiling:
        chart(prefix + ".png", names, labels, endpoints, ratio, cpu_ratio, meta, top_label)


def targets(names, labels, endpoints, cells, ceiling, rounds):
    """The performance targets, each read on requests/s and on server CPU time per request."""
    out = []
    if WEFT not in names or ceiling is None:
        return ["Weft or a raw Netty ceiling is not in this run."]
    top = labels[ceiling]
    not_peers = (WEFT, WEFT_KOTLIN) + CEILINGS

    def value(n, e, key):
        c = cells.get((n, e))
        return c.get(key) if c else None

    def verdict(ok):
        return "met" if ok else "**not met**"

    # Weft against Vert.x Web, row by row, on the ratio of the same round (the machine's state cancels out).
    if VERTX in names:
        for mname, key, better in (("requests/s", "rps", lambda r: r >= 1.0), ("CPU per request", "cpu_us",
                                                                            lambda r: r <= 1.0)):
            missed = []
            for e, elabel, _, _, kind in endpoints:
                t = same_round(rounds, WEFT, VERTX, e, key)
                if t and not better(t[0]):
                    missed.append(f"{elabel}: {t[0]:.2f}")
            out.append(f"- Weft at least Vert.x Web on every row, by {mname} (median same-round ratio): "
                       + ("met." if not missed else "**not met** on " + "; ".join(missed) + "."))
    else:
        out.append("- Weft at least Vert.x Web on every row: not measured (`vertx` was not in this run).")
    # On the way to 1.1x the ceiling's CPU per request.
    over = []
    for e, elabel, _, _, kind in endpoints:
        w, base = value(WEFT, e, "cpu_us"), value(ceiling, e, "cpu_us")
        if w and base and w / base > 1.10:
            over.append(f"{elabel}: {w / base:.2f}")
    out.append(f"- Weft's CPU per request at most 1.10× {top}'s: "
               + ("met on every row." if not over else "**not met** on " + "; ".join(over) + "."))
    # Routing and the 404 cost next to nothing: path parameter and miss rows within 5% of plaintext.
    for pipe in ("", "-p16"):
        parts = []
        for e in ("user", "miss"):
            base, c = value(WEFT, "plaintext" + pipe, "cpu_us"), value(WEFT, e + pipe, "cpu_us")
            if base and c:
                parts.append(f"`{e}{pipe}` {c / base:.2f}× ({verdict(c / base <= 1.05)})")
        if parts:
            out.append(f"- Weft's `user` and `miss` within 5% of `plaintext{pipe}`, by CPU per request: "
                       + "; ".join(parts) + ".")
    # WebSocket echo: CPU per message at most 1.05x the raw Netty server's (its WebSocket handler is the same in both
    # ceilings).
    for e, elabel, _, _, kind in endpoints:
        if kind != "ws":
            continue
        w, base = value(WEFT, e, "cpu_us"), value(ceiling, e, "cpu_us")
        if w and base:
            out.append(f"- Weft {elabel}: CPU per message {w / base:.2f}× {top}'s ({verdict(w / base <= 1.05)}).")
    for mname, key, higher in (("requests/s", "rps", True), ("CPU per request", "cpu_us", False)):
        behind = []
        for e, elabel, _, _, _ in endpoints:
            w = value(WEFT, e, key)
            if not w:
                continue
            for n in names:
                if n in not_peers:
                    continue
                c = value(n, e, key)
                if c and ((c > w) if higher else (c < w)):
                    behind.append(f"{elabel}: {labels[n]} " + (f"{c / w:.2f}× Weft" if higher
                                                               else f"{w / c:.2f}× less CPU than Weft"))
        if not [n for n in names if n not in not_peers]:
            out.append(f"- Weft ahead of every peer on every row, by {mname}: no peer in this run.")
            continue
        out.append(f"- Weft ahead of every peer on every row, by {mname} (medians): "
                   + ("met." if not behind else "**not met** — " + "; ".join(behind) + "."))
    if WEFT_KOTLIN not in names:
        out.append("- Weft Kotlin DSL within 5% of Weft Java: not measured (`weft-kt` was not in this run).")
        return out
    for mname, key, worse in (("requests/s", "rps", lambda k, w: k / w < 0.95),
                              ("CPU per request", "cpu_us", lambda k, w: k / w > 1.05)):
        missed = []
        for e, elabel, _, _, _ in endpoints:
            w, k = value(WEFT, e, key), value(WEFT_KOTLIN, e, key)
            if w and k and worse(k, w):
                missed.append(f"{elabel}: {k / w:.2f}")
        out.append(f"- Weft Kotlin DSL within 5% of Weft Java, by {mname}: "
                   + ("met on every row." if not missed
                      else "**not met** on " + "; ".join(missed) + " (Kotlin DSL ÷ Weft Java)."))
    return out


def client_section(clients, meta):
    """The HTTP client section: each client's median requests/s against raw Netty, as a ratio to the JDK's."""
    out = ["## HTTP client\n"]
    cm = clients["meta"]
    listed = clients["list"]
    labels = {c["client"]: c["label"] for c in listed}
    cells = {n: summarise(recs, 200) for n, recs in clients["rounds"].items()}
    for n, recs in clients["rounds"].items():
        own = [r["wrk"]["requests"] / r["wrk"]["client_cpu_s"] for r in recs
               if "wrk" in r and r["wrk"].get("rps", 0) > 0 and r["wrk"].get("client_cpu_s", 0) > 0]
        if "rps" in cells[n]:
            cells[n]["per_client_cpu_s"] = statistics.median(own) if own else None
    base = cells.get(CLIENT_BASE, {})
    out.append(f"Each client in its own JVM pinned to CPU 1, {cm.get('concurrency', '?')} closed loops (a request, "
               f"its whole body, the next request) of `GET /plaintext` against {cm.get('clients_server', 'raw Netty')} "
               "pinned to CPU 0, started afresh for each round; rounds interleaved (round 1 of every client, then "
               f"round 2, ...), {meta.get('warmup_s', 0) + 2} s of warm-up and {meta.get('duration_s', '?')} s "
               "measured per round, median of the rounds. **Ratios are to the JDK's `HttpClient`** (the client every "
               "Java program has without a dependency; 1.00 = the JDK's, higher is better). The server is the same for "
               "all, so a client that needs less CPU per request gets more requests through its core: "
               "\"req per client CPU-s\" is requests over the CPU time of the client's JVM (all its threads) in "
               "the measured period.\n")
    out.append("| client | runs on | req/s | ratio to JDK | p50 ms | p99 ms | spread | errors | req per client CPU-s "
               "| ratio to JDK | load avg |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for c in listed:
        n = c["client"]
        cell = cells.get(n)
        if cell is None:
            continue
        if "failed" in cell:
            out.append(f"| {labels[n]} | {c['threads']} | {cell['failed']} | | | | | | | | |")
            continue
        r = cell["rps"] / base["rps"] if base.get("rps") else None
        e = (cell["per_client_cpu_s"] / base["per_client_cpu_s"]
             if cell.get("per_client_cpu_s") and base.get("per_client_cpu_s") else None)
        out.append(f"| {labels[n]} | {c['threads']} | {cell['rps']:,.0f} | {fmt_ratio(r)} | {fmt_ms(cell['p50'])} | "
                   f"{fmt_ms(cell['p99'])} | {cell['spread'] * 100:.0f}% | {cell['errors']} | "
                   + (f"{cell['per_client_cpu_s']:,.0f}" if cell.get("per_client_cpu_s") else "") + " | "
                   + f"{fmt_ratio(e)} | {cell['load']:.1f} |")
    out.append("")
    return out


def chart(path, names, labels, endpoints, ratio, cpu_ratio, meta, top_label):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    groups = [("keep-alive", [e for e in endpoints if e[2] == 1 and e[4] == "http"]),
              ("pipelining depth 16", [e for e in endpoints if e[2] != 1 and e[4] == "http"]),
              ("WebSocket echo", [e for e in endpoints if e[4] == "ws"])]
    groups = [g for g in groups if g[1]]
    # (name, ratio, the dashed line): 0.90 of the ceiling's requests/s, or 1/0.90 of its CPU time per request
    metrics = [("requests/s (higher is better)", ratio, 0.90)]
    if any(cpu_ratio(n, e[0]) is not None for n in names for e in endpoints):
        metrics.append(("server CPU time per request (lower is better)", cpu_ratio, 1 / 0.90))
    fig, axes = plt.subplots(len(groups), len(metrics), figsize=(8.5 * len(metrics), 4.4 * len(groups)),
                             squeeze=False)
    colours = plt.get_cmap("tab10")
    width = 0.8 / max(1, len(names))
    top = 1.2
    for _, fn, _ in metrics:
        for n in names:
            for e in endpoints:
                x = fn(n, e[0])
                if x is not None:
                    top = max(top, x + 0.2)
    top = min(top, 2.5)   # a wild outlier (a starved ceiling round) must not flatten every other bar
    for row, (title, eps) in enumerate(groups):
        for col, (mname, fn, dashed) in enumerate(metrics):
            ax = axes[row, col]
            for i, n in enumerate(names):
                xs, ys = [], []
                for j, e in enumerate(eps):
                    x = fn(n, e[0])
                    xs.append(j + (i - (len(names) - 1) / 2) * width)
                    ys.append(0 if x is None else x)
                bars = ax.bar(xs, [min(y, top) for y in ys], width, label=labels[n], color=colours(i),
                              hatch=None)
                for b, y in zip(bars, ys):
                    clipped = y > top
                    ax.text(b.get_x() + b.get_width() / 2, min(y, top) + (-0.02 if clipped else 0.01),
                            f"{y:.2f}" + ("↑" if clipped else ""), ha="center", va="top" if clipped else "bottom",
                            fontsize=6, rotation=90, fontweight="bold" if clipped else "normal")
            ax.axhline(1.0, color="black", linewidth=0.8)
            ax.axhline(dashed, color="grey", linewidth=0.8, linestyle="--")
            ax.set_xticks(range(len(eps)))
            ax.set_xticklabels([e[1].replace(", pipeline 16", "").replace("GET ", "").replace("POST ", "")
                                .replace("WS echo ", "echo ") for e in eps], fontsize=8)
            ax.set_ylim(0, top + 0.15)
            shown = (mname.replace("requests/s", "messages/s").replace("per request", "per message")
                     if title == "WebSocket echo" else mname)
            ax.set_ylabel("÷ the ceiling's", fontsize=8)
            ax.set_title(f"{title}: {shown}", fontsize=10)
            ax.grid(axis="y", alpha=0.3)
    handles, names_ = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, names_, ncol=min(len(names), 4), loc="lower center", fontsize=9, frameon=False)
    fig.suptitle(f"Weft load run {meta.get('date', '')}: every bar is a ratio to {top_label} (the ceiling, 1.00) "
                 "measured in the same run; dashed: 0.90 of its requests/s, 1.11× its CPU per request"
                 + (" — quick smoke run" if meta.get("quick") else ""), fontsize=11)
    fig.tight_layout(rect=(0, 0.07, 1, 0.96))
    fig.savefig(path, dpi=100)


if __name__ == "__main__":
    main()
