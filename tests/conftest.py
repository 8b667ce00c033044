pytest_plugins = ["tests.fixtures.app", "tests.fixtures.users", "tests.fixtures.browser"]
