"""The one HTTP core under the platform adapters and the forge clients.

- :mod:`.session`: the shared ``requests`` session (timeouts, user agent, no blind retries
  below us) and the one retry loop, with the service's error parser plugged in;
- :mod:`.retry`: the retry policy and the one ``Retry-After`` parser;
- :mod:`.errors`: :class:`~.errors.ServiceError`, the root of both families of errors
  (platforms and forges): service, HTTP status, the service's request id;
- :mod:`.streams`: request bodies streamed from disk, with a progress display the caller
  injects (the CLI draws it; the core only reports positions);
- :mod:`.responses`: reading a response's JSON and request id.
"""
