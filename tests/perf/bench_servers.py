"""The servers under test: the CMS three times (cached, uncached, rendered without documents)
under gunicorn beside one task worker, as ``make run`` runs them, and the frontend twice
(cold, warm) under uvicorn."""

import contextlib
import os
import secrets
import signal
import subprocess
import time

from bench_config import CONNECTIONS, OUT_DIR, ROOT, START_TIMEOUT, VENV_BIN, Side


def start(command, env, name):
    log_file = open(OUT_DIR / f"{name}.log", "w")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    process.log_file = log_file
    return process


def wait_ready(process, url, name):
    import httpx

    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{name} exited with {process.returncode}; see {OUT_DIR}/{name}.log")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)  # polling an observable condition (the port answers), with a deadline
    raise SystemExit(f"{name} did not answer {url} within {START_TIMEOUT}s")


def stop(process):
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    process.log_file.close()


#: gunicorn's threads per worker (two workers).
GUNICORN_THREADS = 4
#: Connections one worker may hold. Both workers accept from one socket, so wrk's kept-alive
#: connections go to whichever wins each accept: about one run in four, all of them land on
#: one worker, which then serves alone on one CPU (docs/performance.md). Capped, the other
#: worker takes at least its threads' worth.
WORKER_CONNECTIONS = max(CONNECTIONS - GUNICORN_THREADS, GUNICORN_THREADS + 1)


def log_name(name: str, side: Side) -> str:
    """A server's name in its log file (``OUT_DIR/<name>.log``) and in errors."""
    return f"{name}-{side.label}" if side.label else name


def start_servers(side: Side) -> dict:
    """The servers of one side, named as in ``bench_config.SERVERS`` plus its task worker."""
    ports, env = side.ports, side.env
    cms, cms_cold = side.bases["cms"], side.bases["cms-cold"]

    gunicorn = [
        str(VENV_BIN / "gunicorn"),
        "cms.wsgi:application",
        "--workers=2",
        "--worker-class=gthread",
        f"--threads={GUNICORN_THREADS}",
        f"--worker-connections={WORKER_CONNECTIONS}",
        "--keep-alive=5",
        "--no-control-socket",  # several servers run side by side
    ]
    frontend_env = {
        key: value for key, value in env.items() if key not in ("REDIS_URL", "SECRET_KEY")
    }
    frontend_env.update(
        {
            "FRONTEND_PURGE_SECRET": env["FRONTEND_PURGE_SECRET"],
            "FRONTEND_SECRET_KEY": secrets.token_urlsafe(32),
        }
    )
    os.environ.pop("REDIS_URL", None)  # the frontends use their in-process cache
    servers = {
        "cms": start([*gunicorn, f"--bind=127.0.0.1:{ports['cms']}"], env, log_name("cms", side)),
        "cms-cold": start(
            [*gunicorn, f"--bind=127.0.0.1:{ports['cms-cold']}"],
            {**env, "API_RESPONSE_CACHE_SECONDS": "0"},
            log_name("cms-cold", side),
        ),
        # No response cache and no stored documents: every answer rendered by the serializers.
        "cms-render": start(
            [*gunicorn, f"--bind=127.0.0.1:{ports['cms-render']}"],
            {**env, "API_RESPONSE_CACHE_SECONDS": "0", "API_DOCUMENTS": "0"},
            log_name("cms-render", side),
        ),
    }
    # Listings larger than API_COUNT_EXACT_THRESHOLD are counted by the worker; without one
    # their answers stay estimates, which the response cache does not keep.
    servers["worker"] = start(
        [str(VENV_BIN / "python"), "manage.py", "db_worker", "--no-reload"],
        env,
        log_name("worker", side),
    )
    for name, ttl, api in (("cold", "0", cms_cold), ("warm", "600", cms)):
        port = ports[name]
        servers[name] = start(
            [
                str(VENV_BIN / "uvicorn"),
                "--factory",
                "frontend.app:create_app",
                "--host=127.0.0.1",
                f"--port={port}",
                # One process: in uvicorn's multi-process mode every keep-alive request
                # waited ~40 ms (docs/performance.md); scale out with one process per port.
                "--workers=1",
                "--no-access-log",
                "--log-level=warning",
            ],
            {
                **frontend_env,
                "FRONTEND_PORT": str(port),
                "FRONTEND_URL": f"http://127.0.0.1:{port}",
                "FRONTEND_CACHE_TTL": ttl,
                "CMS_API_URL": f"{api}/api/",
                "FRONTEND_REDIS_URL": "",
            },
            log_name(name, side),
        )
    return servers


def wait_all_ready(servers: dict, side: Side) -> None:
    """Every server of ``side`` answering: the CMS its static copy of the listing, the
    frontends their home page."""
    for name in ("cms", "cms-cold", "cms-render"):
        url = side.bases[name] + "/static/bench/listing.json"
        wait_ready(servers[name], url, log_name(name, side))
    for name in ("cold", "warm"):
        wait_ready(servers[name], side.bases[name] + "/", log_name(name, side))
