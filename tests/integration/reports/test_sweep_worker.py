"""A 40-cell sweep on a real Celery worker over Redis gives the in-process results."""

import os

import pytest
import redis

from app.routing import load_scenario
from app.routing.sweep import cells, run_cell

REDIS_URL = os.environ.get("SWEEP_REDIS_URL", "redis://127.0.0.1:6379/6")


def _redis_up() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL).ping())
    except redis.RedisError:
        return False


@pytest.mark.skipif(not _redis_up(), reason="needs Redis for a real worker")
def test_forty_cell_sweep_on_a_real_worker():
    from celery import group

    from app import create_app
    from app.jobs import celery
    from app.reports.sweeps import sweep_cell
    from bench.sweep_worker import worker

    create_app("testing")
    saved = dict(celery.conf)
    celery.conf.update(broker_url=REDIS_URL, result_backend=REDIS_URL,
                       task_always_eager=False)
    try:
        data = load_scenario("helpdesk").with_changes(horizon=7200).to_dict()
        grid = cells([4, 5, 6, 7, 8, 9, 10, 11, 12, 13], ["blended_fifo", "channel_priority"],
                     "shrinkage", [0.0, 0.2])
        assert len(grid) == 40
        with worker(REDIS_URL, 2):
            job = group(sweep_cell.s(data, cell, 3, 1) for cell in grid).apply_async()
            remote = job.get(timeout=240)
        local = [run_cell(data, cell, 3, 1) for cell in grid]
        assert remote == local
        by_agents = {(c["policy"], c["value"], c["agents"]): c["service_level"] for c in remote}
        assert by_agents[("blended_fifo", 0.0, 13)] > by_agents[("blended_fifo", 0.2, 4)]
    finally:
        celery.conf.update(broker_url=saved["broker_url"],
                           result_backend=saved["result_backend"],
                           task_always_eager=saved["task_always_eager"])
