"""A local fake of the Facebook, Instagram, X and YouTube APIs, for demos, training and tests.

``start_sandbox`` serves it in a background thread; ``sosmed sandbox`` in the foreground.
"""

from sosmed.sandbox.server import SandboxHandle, credentials_env, start_sandbox

__all__ = ["SandboxHandle", "credentials_env", "start_sandbox"]
