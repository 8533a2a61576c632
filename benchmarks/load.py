"""Load and faults: the site under 50 users on a production server while PostgreSQL restarts.

    make load          # .venv/bin/python benchmarks/load.py [--users 50] [--duration 60] …

What it does, all on 127.0.0.1:

1. starts a throwaway PostgreSQL cluster of its own (as scripts/with-postgres.sh does: the
   local binaries, a temporary directory, removed afterwards), so that restarting it never
   disturbs anyone else's database; migrates it and builds the demo region in it;
2. serves the site with gunicorn (gthread workers, two per core and one more, two threads
   each) with production settings: debug off, a random secret key, static files through
   WhiteNoise from a collectstatic folder;
3. logs in the users (the demo accounts, round robin; each user has a session of its own) and
   lets each find which of the main pages and API endpoints its role may see;
4. for `--duration` seconds, `--users` users each request one of those pages after another,
   with a random think time between requests (mean `--think-ms`; 0 runs them flat out): the
   start page, a wijk's dashboard, the indicators map, initiatives, the plein of a wijk, a
   project-bank search, and API endpoints with the session and with an API key;
5. at `--restart-at` seconds restarts PostgreSQL (`pg_ctl restart -m fast`: every connection
   is cut) and records how long it is away.

It prints each figure as `name: value`:

- requests, throughput_rps, think_time_ms, users, duration_s
- p50_ms, p95_ms, p99_ms: successful requests outside the restart window
- server_cpu_ms_per_request: processor time of the gunicorn workers per request (what the
  site costs, whatever else the machine is doing); client_cpu_ms_per_request: the same of
  this script, which shares the cores with the site; machine_load_1m: the load average at
  the end, to read the latencies by (on a shared machine other work competes for the cores)
- dashboard_p95_ms (and `<page>_p95_ms` for every page): the same, per page
- restart_window_s: from the restart command until PostgreSQL accepts connections again
- errors_in_restart_window: failed requests (5xx, other unexpected status, or no answer)
  that overlapped the window; errors_outside_restart: every other failed request
- first_ok_after_restart_s: from the end of the window to the first successful request
- recovered: 1 when requests succeed again after the restart by themselves (at least one
  success after the window and none of the requests in the last 10 s after it failed), else 0
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import numpy as np
import psycopg

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
LOGIN_CONCURRENCY = 4  # Argon2 is slow on purpose (and takes memory): log in a few at a time
SEARCH_WORDS = ["bewegen", "eenzaamheid", "ouderen", "wandelen", "gezond eten", "school"]
SETTLE_S = 10.0
KEEPALIVE_S = 5  # gunicorn's keep-alive timeout


# PostgreSQL --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@dataclass
class Cluster:
    bindir: Path
    directory: Path
    port: int
    run_as: list[str]

    def pg_ctl(self, *args: str) -> None:
        data, log = str(self.directory / "data"), str(self.directory / "log")
        command = [*self.run_as, str(self.bindir / "pg_ctl"), "-D", data, "-l", log, *args]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@{HOST}:{self.port}/{database}"

    def restart(self) -> tuple[float, float]:
        """Restart the server, cutting every connection; (began, ready) in perf_counter time."""
        began = time.perf_counter()
        self.pg_ctl("-m", "fast", "-w", "restart")
        return began, time.perf_counter()


@contextmanager
def throwaway_cluster() -> Iterator[Cluster]:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    if not found:
        sys.exit("No PostgreSQL binaries found (run scripts/system-deps.sh).")
    directory = Path(tempfile.mkdtemp(prefix="gezondewijk-load-pg."))
    run_as: list[str] = []
    if os.geteuid() == 0:
        # initdb refuses to run as root; the cluster belongs to the postgres system user.
        shutil.chown(directory, "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    cluster = Cluster(found[-1].parent, directory, free_port(), run_as)
    try:
        initdb = ["-D", str(directory / "data"), "-U", "postgres", "--auth=trust", "--no-sync"]
        subprocess.run(
            [*run_as, str(cluster.bindir / "initdb"), *initdb, "-E", "UTF8"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        options = (
            f"-c listen_addresses={HOST} -p {cluster.port} -k {directory} "
            "-c fsync=off -c full_page_writes=off -c max_connections=200"
        )
        cluster.pg_ctl("-w", "-o", options, "start")
        yield cluster
    finally:
        stop = ["-D", str(directory / "data"), "-m", "immediate", "stop"]
        subprocess.run(
            [*run_as, str(cluster.bindir / "pg_ctl"), *stop],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(directory, ignore_errors=True)


# The site ----------------------------------------------------------------------------------


def production_env(database_url: str, home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GEZONDEWIJK_")}
    env.update(
        DATABASE_URL=database_url,
        GEZONDEWIJK_HOME=str(home),
        GEZONDEWIJK_DEBUG="0",
        GEZONDEWIJK_SECRET_KEY=secrets.token_urlsafe(50),
        GEZONDEWIJK_ALLOWED_HOSTS=HOST,
        GEZONDEWIJK_LOG_LEVEL="ERROR",
        # Production settings, but served over plain http on 127.0.0.1: no redirect to https,
        # no secure-only cookies (a real deployment ends TLS in front of it).
        GEZONDEWIJK_HTTPS="0",
    )
    return env


def gezondewijk(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(BIN / "gezondewijk"), *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.exit(f"gezondewijk {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


# Run inside the site's environment: an API key and, per demo account, the wijken whose
# dashboard it may open. Printed as JSON.
PREPARE = """
import json, django
django.setup()
from gezondewijk.demo.accounts import DEMO_ACCOUNTS
from gezondewijk.people import services
from gezondewijk.places.access import wijken_in_scope
from gezondewijk.permissions import policy
from gezondewijk.people.models import ApiScope, Organisation, User
from gezondewijk.places.models import Wijk
scopes = [ApiScope.PLACES_READ, ApiScope.INITIATIVES_READ, ApiScope.INDICATORS_READ]
_key, raw = services.api_key_create(
    organisation=Organisation.objects.order_by("pk").first(), name="load test", scopes=scopes
)
dashboards = {}
for account in DEMO_ACCOUNTS:
    user = User.objects.get(email=account.email)
    wijken = wijken_in_scope(user, policy.Permission.VIEW_DASHBOARD).order_by("code")
    dashboards[account.email] = list(wijken.values_list("code", flat=True)[:10])
print(json.dumps({
    "api_key": raw,
    "wijken": list(Wijk.objects.order_by("code").values_list("code", flat=True)),
    "dashboards": dashboards,
    "accounts": [a.email for a in DEMO_ACCOUNTS],
    "password": DEMO_ACCOUNTS[0].password,
}))
"""


@contextmanager
def gunicorn(
    env: dict[str, str], port: int, workers: int, threads: int, log: Path
) -> Iterator[int]:
    with log.open("w") as out:
        options = ["--bind", f"{HOST}:{port}", "--workers", str(workers), "--timeout", "60"]
        options += ["--keep-alive", str(KEEPALIVE_S)]
        workers_of = ["--worker-class", "gthread", "--threads", str(threads)]
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "gezondewijk.wsgi:application", *options, *workers_of],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            for _ in range(150):
                try:
                    if httpx.get(f"http://{HOST}:{port}/", timeout=5).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if server.poll() is not None:
                    sys.exit(f"gunicorn stopped:\n{log.read_text()}")
                time.sleep(0.2)
            else:
                sys.exit(f"gunicorn did not answer:\n{log.read_text()}")
            yield server.pid
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()


def cpu_seconds(parent: int) -> float:
    """Processor time (user + system) of the processes whose parent is `parent`: the
    server's workers. Independent of how busy the rest of the machine is."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


# The users ---------------------------------------------------------------------------------


@dataclass
class Record:
    page: str
    started: float
    ended: float
    status: int  # 0: no answer
    failure: str = ""  # why there was no answer

    @property
    def ok(self) -> bool:
        return self.status == 200


@dataclass
class Target:
    page: str
    url: str
    api_key: bool = False


@dataclass
class Run:
    records: list[Record] = field(default_factory=list)
    restart: tuple[float, float] | None = None
    began: float = 0.0
    ended: float = 0.0
    server_cpu_s: float = 0.0
    client_cpu_s: float = 0.0
    load_average: float = 0.0


def candidates(prep: dict, email: str, rng: random.Random) -> list[Target]:
    wijk = rng.choice(prep["wijken"])
    dashboards = prep["dashboards"][email]
    found = [
        Target("start", "/"),
        Target("indicators", "/indicatoren/"),
        Target("initiatives", "/initiatieven/"),
        Target("plein", f"/plein/{wijk}/"),
        Target("projectbank", "/projectenbank/?q={word}"),
        Target("api_wijken", "/api/v1/wijken"),
        Target("api_initiatives", "/api/v1/initiatives"),
        Target("api_key_indicators", f"/api/v1/indicators/wijken/{wijk}/benchmark", api_key=True),
    ]
    if dashboards:
        found.append(Target("dashboard", f"/dashboard/{rng.choice(dashboards)}/"))
    return found


async def log_in(client: httpx.AsyncClient, email: str, password: str) -> None:
    page = await client.get("/inloggen/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    if page.status_code != 200 or token is None:
        raise RuntimeError(f"log-in page answered {page.status_code}")
    answer = await client.post(
        "/inloggen/",
        data={"username": email, "password": password, "csrfmiddlewaretoken": token[1]},
        headers={"Referer": f"{client.base_url}inloggen/"},
    )
    if answer.status_code != 302:
        raise RuntimeError(f"log-in of {email} answered {answer.status_code}")


def url_of(target: Target, rng: random.Random) -> str:
    return target.url.format(word=rng.choice(SEARCH_WORDS))


async def prepare(
    client: httpx.AsyncClient,
    email: str,
    prep: dict,
    rng: random.Random,
    logins: asyncio.Semaphore,
) -> list[Target]:
    """Log in; keep what the role may see (one warm-up request per page, not counted)."""
    async with logins:
        await log_in(client, email, prep["password"])
    plan = []
    for target in candidates(prep, email, rng):
        headers = {"X-API-Key": prep["api_key"]} if target.api_key else None
        answer = await client.get(url_of(target, rng), headers=headers)
        if answer.status_code == 200:
            plan.append(target)
    if not plan:
        raise RuntimeError(f"{email} may see none of the pages")
    return plan


async def user(
    number: int,
    base: str,
    prep: dict,
    run: Run,
    ready: asyncio.Barrier,
    go: asyncio.Event,
    logins: asyncio.Semaphore,
    args: argparse.Namespace,
) -> None:
    rng = random.Random(number)
    email = prep["accounts"][number % len(prep["accounts"])]
    key_headers = {"X-API-Key": prep["api_key"]}
    # The client lets an idle connection go before the server's keep-alive timeout does, so
    # no request is sent on a connection the server is just closing.
    limits = httpx.Limits(keepalive_expiry=KEEPALIVE_S / 2)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        try:
            plan = await prepare(client, email, prep, rng, logins)
        except Exception:
            await ready.abort()  # the others stop waiting; the run reports this error
            raise
        if args.dashboard_share and any(t.page == "dashboard" for t in plan):
            # Coordinators look at their dashboard more than at anything else.
            plan += [t for t in plan if t.page == "dashboard"] * args.dashboard_share
        await ready.wait()
        await go.wait()
        deadline = run.began + args.duration
        await asyncio.sleep(rng.random() * args.think_ms / 1000)  # spread the first requests
        while time.perf_counter() < deadline:
            target = rng.choice(plan)
            headers = key_headers if target.api_key else None
            started = time.perf_counter()
            status, failure = 0, ""
            try:
                answer = await client.get(url_of(target, rng), headers=headers)
                status = answer.status_code
            except httpx.HTTPError as error:
                failure = type(error).__name__
            run.records.append(Record(target.page, started, time.perf_counter(), status, failure))
            if args.think_ms:
                think = rng.expovariate(1000 / args.think_ms)
                await asyncio.sleep(min(think, max(0.0, deadline - time.perf_counter())))


async def drive(
    base: str, prep: dict, cluster: Cluster, server: int, args: argparse.Namespace
) -> Run:
    run = Run()
    logins = asyncio.Semaphore(LOGIN_CONCURRENCY)

    ready, go = asyncio.Barrier(args.users + 1), asyncio.Event()
    users = [
        asyncio.create_task(user(n, base, prep, run, ready, go, logins, args))
        for n in range(args.users)
    ]
    try:
        await ready.wait()  # every user logged in and warmed up
    except asyncio.BrokenBarrierError:
        results = await asyncio.gather(*users, return_exceptions=True)
        failed = [
            e
            for e in results
            if isinstance(e, BaseException) and not isinstance(e, asyncio.BrokenBarrierError)
        ]
        sys.exit(f"A user could not get ready: {failed[0]!r}")
    cpu_before, client_before = cpu_seconds(server), time.process_time()
    run.began = time.perf_counter()
    go.set()
    await asyncio.sleep(args.restart_at)
    run.restart = await asyncio.to_thread(cluster.restart)
    await asyncio.gather(*users)
    run.ended = time.perf_counter()
    run.server_cpu_s = cpu_seconds(server) - cpu_before
    run.client_cpu_s = time.process_time() - client_before
    run.load_average = os.getloadavg()[0]
    return run


# Figures -----------------------------------------------------------------------------------


def figures(run: Run, args: argparse.Namespace) -> list[tuple[str, str]]:
    assert run.restart is not None
    t0, t1 = run.restart
    records = run.records

    def in_window(r: Record) -> bool:
        return r.started <= t1 and r.ended >= t0

    outside = [r for r in records if not in_window(r)]
    ok_ms = np.array([(r.ended - r.started) * 1000 for r in outside if r.ok])
    after = [r for r in records if r.started > t1]
    first_ok = min((r.ended for r in after if r.ok), default=None)
    deadline = run.began + args.duration
    last = [r for r in records if r.started >= max(deadline - SETTLE_S, t1)]
    recovered = first_ok is not None and bool(last) and all(r.ok for r in last)
    duration = run.ended - run.began
    out = [
        ("users", str(args.users)),
        ("duration_s", f"{duration:.1f}"),
        ("think_time_ms", str(args.think_ms)),
        ("requests", str(len(records))),
        ("throughput_rps", f"{len(records) / duration:.1f}"),
        ("p50_ms", f"{np.percentile(ok_ms, 50):.1f}"),
        ("p95_ms", f"{np.percentile(ok_ms, 95):.1f}"),
        ("p99_ms", f"{np.percentile(ok_ms, 99):.1f}"),
        ("server_cpu_ms_per_request", f"{run.server_cpu_s * 1000 / max(1, len(records)):.1f}"),
        ("client_cpu_ms_per_request", f"{run.client_cpu_s * 1000 / max(1, len(records)):.1f}"),
        ("machine_load_1m", f"{run.load_average:.1f}"),
    ]
    for page in sorted({r.page for r in records}):
        times = [(r.ended - r.started) * 1000 for r in outside if r.ok and r.page == page]
        if times:
            out.append((f"{page}_p95_ms", f"{np.percentile(times, 95):.1f}"))
    errors_in = [r for r in records if in_window(r) and not r.ok]
    errors_out = [r for r in outside if not r.ok]
    out += [
        ("restart_at_s", f"{t0 - run.began:.1f}"),
        ("restart_window_s", f"{t1 - t0:.2f}"),
        ("requests_in_restart_window", str(sum(1 for r in records if in_window(r)))),
        ("errors_in_restart_window", str(len(errors_in))),
        ("errors_outside_restart", str(len(errors_out))),
        ("first_ok_after_restart_s", "-" if first_ok is None else f"{first_ok - t1:.2f}"),
        ("recovered", "1" if recovered else "0"),
    ]
    for label, errors in (("in window", errors_in), ("outside", errors_out)):
        if errors:
            statuses = Counter((r.page, r.status or r.failure) for r in errors)
            print(f"errors {label} (page, status): {dict(statuses)}", file=sys.stderr)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--restart-at", type=float, default=20.0, help="seconds into the load")
    parser.add_argument("--think-ms", type=int, default=1000, help="mean think time per user")
    parser.add_argument("--residents", type=int, default=5000, help="size of the demo region")
    # gunicorn's own advice: two workers per core and one more.
    workers = 2 * (os.cpu_count() or 1) + 1
    parser.add_argument("--workers", type=int, default=workers, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn worker")
    parser.add_argument(
        "--dashboard-share", type=int, default=2, help="extra weight of the dashboard page"
    )
    args = parser.parse_args()
    if not 0 < args.restart_at < args.duration:
        parser.error("--restart-at must lie within --duration")

    home = Path(tempfile.mkdtemp(prefix="gezondewijk-load."))
    try:
        with throwaway_cluster() as cluster:
            with psycopg.connect(cluster.url(), autocommit=True) as connection:
                connection.execute("CREATE DATABASE gezondewijk")
            env = production_env(cluster.url("gezondewijk"), home)
            started = time.perf_counter()
            gezondewijk(env, "migrate", "--no-input", "-v0")
            gezondewijk(env, "demo", "--residents", str(args.residents), "-v0")
            gezondewijk(env, "collectstatic", "--no-input", "-v0")
            # No ANALYZE here: the demo command refreshes the planner's statistics itself.
            print(f"prepared in {time.perf_counter() - started:.0f} s", file=sys.stderr)
            done = subprocess.run(
                [sys.executable, "-c", PREPARE],
                env={**env, "DJANGO_SETTINGS_MODULE": "gezondewijk.settings"},
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            )
            prep = json.loads(done.stdout.strip().splitlines()[-1])
            port = free_port()
            log = home / "gunicorn.log"
            with gunicorn(env, port, args.workers, args.threads, log) as server:
                run = asyncio.run(drive(f"http://{HOST}:{port}", prep, cluster, server, args))
            server_errors = [line for line in log.read_text().splitlines() if "Traceback" in line]
            print(f"server tracebacks: {len(server_errors)}", file=sys.stderr)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    for name, value in figures(run, args):
        print(f"{name}: {value}")


if __name__ == "__main__":
    main()
