"""The ``sandbox`` fixture for the forge client tests."""

from tests.sandbox.fixtures import sandbox  # noqa: F401
