"""``python -m app.routing run helpdesk --seed 1`` (see ``cli.py``)."""

from app.routing.cli import routing_cli

if __name__ == "__main__":
    routing_cli(prog_name="python -m app.routing")
