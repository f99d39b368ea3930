"""Make the ``sandbox`` fixture available to the sandbox's own tests.

(``pytest_plugins`` is only allowed in the top-level conftest, so the fixture is imported.)
"""

from tests.sandbox.fixtures import sandbox  # noqa: F401
