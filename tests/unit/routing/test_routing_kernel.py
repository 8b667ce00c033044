from app.routing.kernel import ARRIVAL, FINISH, Kernel


def test_events_run_in_time_then_priority_then_schedule_order():
    kernel = Kernel()
    log = []
    kernel.schedule(5.0, ARRIVAL, log.append, "arrival@5")
    kernel.schedule(5.0, FINISH, log.append, "finish@5")
    kernel.schedule(1.0, ARRIVAL, log.append, "first")
    kernel.schedule(5.0, ARRIVAL, log.append, "arrival@5-second")
    kernel.run()
    assert log == ["first", "finish@5", "arrival@5", "arrival@5-second"]
    assert kernel.now == 5.0


def test_run_until_stops_and_sets_the_clock():
    kernel = Kernel()
    log = []
    kernel.schedule(10.0, ARRIVAL, log.append, "late")
    kernel.run(until=4.0)
    assert log == [] and kernel.now == 4.0 and kernel.peek() == 10.0
    kernel.run(until=10.0)
    assert log == ["late"]


def test_handlers_may_schedule_more_events():
    kernel = Kernel()
    log = []

    def tick(n):
        log.append((kernel.now, n))
        if n < 3:
            kernel.schedule(kernel.now + 1.5, ARRIVAL, tick, n + 1)

    kernel.schedule(0.0, ARRIVAL, tick, 0)
    kernel.run()
    assert log == [(0.0, 0), (1.5, 1), (3.0, 2), (4.5, 3)]
