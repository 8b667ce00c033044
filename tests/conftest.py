pytest_plugins = [
    "tests.fixtures.app",
    "tests.fixtures.users",
    "tests.fixtures.content",
    "tests.fixtures.hiring",
    "tests.fixtures.browser",
]
