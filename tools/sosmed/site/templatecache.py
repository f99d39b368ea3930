"""Compiled page templates kept for the whole process.

Every MkDocs build makes a new Jinja environment, so each build compiled Material's templates
again: about a quarter of the time of a rebuild (the demo's month builds the site eleven times,
a test process dozens of times). Jinja's bytecode cache keeps the compiled code; here it lives in
memory for the process, under a key that holds every environment setting that changes the
generated code. Jinja checks each template's source against the checksum stored with its code,
so an edited template is compiled again.
"""

from __future__ import annotations

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket

_COMPILED: dict[tuple[str, str], bytes] = {}


class ProcessBytecodeCache(BytecodeCache):
    """Compiled templates in memory, shared by the environments whose settings are ``scope``."""

    def __init__(self, scope: str) -> None:
        self.scope = scope

    def load_bytecode(self, bucket: Bucket) -> None:
        data = _COMPILED.get((self.scope, bucket.key))
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        _COMPILED[(self.scope, bucket.key)] = bucket.bytecode_to_string()


def share_compiled(env: Environment) -> None:
    """Let ``env`` reuse the code an environment of the same settings compiled earlier in this process."""
    settings = (type(env).__qualname__, env.block_start_string, env.block_end_string, env.variable_start_string,
                env.variable_end_string, env.comment_start_string, env.comment_end_string,
                env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks,
                env.newline_sequence, env.keep_trailing_newline, env.optimized, env.autoescape, env.finalize,
                env.is_async, sorted(env.extensions))
    env.bytecode_cache = ProcessBytecodeCache(repr(settings))
