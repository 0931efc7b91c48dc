"""The servers under test: the CMS three times (cached, uncached, rendered without documents)
under gunicorn beside one task worker, as ``make run`` runs them, and the frontend twice
(cold, warm) under uvicorn."""

import contextlib
import os
import secrets
import signal
import subprocess
import time

from bench_config import (
    CMS,
    CMS_COLD,
    CMS_COLD_PORT,
    CMS_ENV,
    CMS_PORT,
    CMS_RENDER_PORT,
    COLD_PORT,
    CONNECTIONS,
    OUT_DIR,
    ROOT,
    START_TIMEOUT,
    VENV_BIN,
    WARM_PORT,
)


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


def start_servers():
    gunicorn = [
        str(VENV_BIN / "gunicorn"),
        "cms.wsgi:application",
        "--workers=2",
        "--worker-class=gthread",
        f"--threads={GUNICORN_THREADS}",
        f"--worker-connections={WORKER_CONNECTIONS}",
        "--keep-alive=5",
        "--no-control-socket",  # two servers run side by side
    ]
    frontend_env = {
        key: value for key, value in CMS_ENV.items() if key not in ("REDIS_URL", "SECRET_KEY")
    }
    frontend_env.update(
        {
            "FRONTEND_PURGE_SECRET": CMS_ENV["FRONTEND_PURGE_SECRET"],
            "FRONTEND_SECRET_KEY": secrets.token_urlsafe(32),
        }
    )
    os.environ.pop("REDIS_URL", None)  # the frontends use their in-process cache
    servers = {
        "cms": start([*gunicorn, f"--bind=127.0.0.1:{CMS_PORT}"], CMS_ENV, "cms"),
        "cms-cold": start(
            [*gunicorn, f"--bind=127.0.0.1:{CMS_COLD_PORT}"],
            {**CMS_ENV, "API_RESPONSE_CACHE_SECONDS": "0"},
            "cms-cold",
        ),
        # No response cache and no stored documents: every answer rendered by the serializers.
        "cms-render": start(
            [*gunicorn, f"--bind=127.0.0.1:{CMS_RENDER_PORT}"],
            {**CMS_ENV, "API_RESPONSE_CACHE_SECONDS": "0", "API_DOCUMENTS": "0"},
            "cms-render",
        ),
    }
    # Listings larger than API_COUNT_EXACT_THRESHOLD are counted by the worker; without one
    # their answers stay estimates, which the response cache does not keep.
    servers["worker"] = start(
        [str(VENV_BIN / "python"), "manage.py", "db_worker", "--no-reload"], CMS_ENV, "worker"
    )
    for name, port, ttl, cms in (
        ("cold", COLD_PORT, "0", CMS_COLD),
        ("warm", WARM_PORT, "600", CMS),
    ):
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
                "CMS_API_URL": f"{cms}/api/",
                "FRONTEND_REDIS_URL": "",
            },
            name,
        )
    return servers
