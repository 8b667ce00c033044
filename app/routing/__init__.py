"""Contact-center routing simulator: pure Python, no Flask and no database.

Scenarios (YAML) go in, plain results come out::

    scenario = load_scenario("helpdesk")
    result = simulate(scenario, seed=1)            # RunResult, .to_dict() for JSON
    summary = replicate(scenario, seed=1, replications=10)
    table = compare(scenario, ["blended_fifo", "channel_priority"], seed=1, replications=5)
    shift = InteractiveShift(scenario, seed=1, humans=[{"id": "ana", "skills": {...}}])

All times are seconds; arrival rates are contacts per hour.
"""

from app.routing.erlang import QueueMetrics, erlang_a, erlang_c, staff_by_formula
from app.routing.interactive import HumanAgent, InteractiveShift, ShiftError
from app.routing.policies import POLICIES, SELECTORS, ContactKind
from app.routing.runner import RunResult, Summary, compare, replicate, simulate
from app.routing.scenario import (
    Scenario,
    ScenarioError,
    list_shipped_scenarios,
    load_scenario,
    parse_scenario,
)
from app.routing.staffing import mmc_scenario, staff_by_simulation

__all__ = [
    "POLICIES",
    "SELECTORS",
    "ContactKind",
    "HumanAgent",
    "InteractiveShift",
    "QueueMetrics",
    "RunResult",
    "Scenario",
    "ScenarioError",
    "ShiftError",
    "Summary",
    "compare",
    "erlang_a",
    "erlang_c",
    "list_shipped_scenarios",
    "load_scenario",
    "mmc_scenario",
    "parse_scenario",
    "replicate",
    "simulate",
    "staff_by_formula",
    "staff_by_simulation",
]
